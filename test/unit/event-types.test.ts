import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { dataFields } from '../../nodes/Replicated/schemas/event-data';
import { eventTypeItem } from '../../nodes/Replicated/schemas/event-type';
import { DOCUMENTED_PAYLOAD, eventTypeCatalogue } from '../emulator/event-catalogue';
import { sampleDelivery } from '../emulator/samples';
import { callEmulator } from '../support/emulator-client';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();

describe("Replicated's catalogue of event types (GET /v3/notification_event_types)", () => {
	const { emulator, context } = useEmulator();
	const get = async (query: string) =>
		await callEmulator(emulator(), 'GET', `/v3/notification_event_types${query}`);

	describe('the emulator serves it as the spec and the docs have it', () => {
		it('searches key, display name, description and category, case-insensitively', async () => {
			const keys = async (q: string) =>
				(await get(`?q=${encodeURIComponent(q)}`)).json.eventTypes.map(
					(e: { key: string }) => e.key,
				);
			// Key.
			expect(await keys('ep_user')).toEqual(['customer.ep_user_joined']);
			// Display name: the docs' heading.
			expect(await keys('Restored')).toEqual(['customer.unarchived']);
			// Description: the docs' paragraph ("... a new release version").
			expect(await keys('release')).toEqual([
				'instance.upgrade_started',
				'instance.upgrade_completed',
				'release.created',
				'release.promoted',
				'release.unpublished',
				'release.build_failed',
				'release.asset_downloaded',
			]);
			// Category.
			expect(await keys('PLATFORM')).toEqual(['platform.egress_threshold_reached']);
		});

		it('answers at most `limit` (1 to 100, else 400), with the total of every match', async () => {
			const limited = await get('?q=release&limit=2');
			expect(limited.status).toBe(200);
			expect(limited.json.total).toBe(7);
			expect(limited.json.eventTypes.map((e: { key: string }) => e.key)).toEqual([
				'instance.upgrade_started',
				'instance.upgrade_completed',
			]);
			for (const limit of ['0', '101'])
				expect((await get(`?limit=${limit}`)).json).toEqual({
					error_code: 'bad_request',
					message: 'limit must be between 1 and 100',
				});
			const all = await get('');
			expect([all.json.total, all.json.eventTypes.length]).toEqual([28, 28]);
		});

		it("gives Release Assets Downloaded the docs' webhook payload format, in its order", async () => {
			const [asset] = (await get('?q=release.asset_downloaded')).json.eventTypes;
			expect(asset.webhookPayloadFormat).toEqual([
				{ key: 'event_type', type: 'string' },
				{ key: 'team_id', type: 'string' },
				{ key: 'customer_id', type: 'string' },
				{ key: 'customer_name', type: 'string' },
				{ key: 'service_account_name', type: 'string' },
				{ key: 'app_id', type: 'string' },
				{ key: 'app_name', type: 'string' },
				{ key: 'app_slug', type: 'string' },
				{ key: 'channel_id', type: 'string' },
				{ key: 'channel_name', type: 'string' },
				{
					key: 'asset_type',
					type: 'string',
					description: 'helm_chart, embedded_cluster_bundle or proxy_image',
				},
				{ key: 'asset_name', type: 'string' },
				{ key: 'asset_version', type: 'string' },
				{ key: 'license_type', type: 'string' },
				{ key: 'downloaded_at', type: 'ISO-8601-timestamp' },
				{
					key: 'is_first_customer_pull',
					type: 'boolean',
					description:
						'Whether this is the customer’s first pull; false on every pull of customers who pulled before March 18, 2026',
				},
			]);
		});

		it('lists for every event exactly the data fields its deliveries carry', () => {
			const catalogue = eventTypeCatalogue(emulator().state);
			expect(catalogue).toHaveLength(28);
			for (const entry of catalogue) {
				const sent = Object.keys(sampleDelivery(entry.key).data).sort();
				expect([entry.key, entry.webhookPayloadFormat.map((f) => f.key).sort()]).toEqual([
					entry.key,
					sent,
				]);
			}
			// Only the documented payload is marked as Replicated's; the rest is the emulator's own.
			expect(
				catalogue.flatMap((e) =>
					e.webhookPayloadFormat.filter((f) => f.source === 'docs').map(() => e.key),
				),
			).toEqual(Object.keys(DOCUMENTED_PAYLOAD.data).map(() => 'release.asset_downloaded'));
		});
	});

	it("agrees with the trigger's list of data fields: the same documented ones, every field it sends known", () => {
		for (const entry of eventTypeCatalogue(emulator().state)) {
			const known = dataFields(entry.key);
			const served = entry.webhookPayloadFormat;
			expect([entry.key, served.filter((f) => f.source === 'docs').map((f) => f.key)]).toEqual([
				entry.key,
				known.filter((f) => f.source === 'documented').map((f) => f.key),
			]);
			expect([entry.key, served.filter((f) => !known.some((k) => k.key === f.key))]).toEqual([
				entry.key,
				[],
			]);
			// What the emulator does not send: the subscription's name, whose key is INFERRED.
			expect([
				entry.key,
				known.filter((k) => !served.some((f) => f.key === k.key)).map((k) => [k.key, k.source]),
			]).toEqual([entry.key, [['subscription_name', 'inferred']]]);
		}
	});

	describe('Notification → Get Event Types', () => {
		const run = async (parameters: Record<string, unknown>) =>
			(
				await node.execute.call(
					context({
						parameters: { resource: 'notification', operation: 'getEventTypes', ...parameters },
					}),
				)
			)[0].map((i) => i.json);
		const asked = () =>
			emulator()
				.requests.filter((r) => r.path === '/v3/notification_event_types')
				.map((r) => r.query);

		it('sends the search and the limit as the CLI does, and gives one item per event type', async () => {
			const items = await run({ search: ' release ', returnAll: false, limit: 20 });
			expect(asked()).toEqual([{ q: 'release', limit: '20' }]);
			expect(items.map((i) => [i.key, i.displayName, i.category])).toEqual([
				['instance.upgrade_started', 'Instance Upgrade Started', 'Instance'],
				['instance.upgrade_completed', 'Instance Upgrade Completed', 'Instance'],
				['release.created', 'Release Created', 'Release'],
				['release.promoted', 'Release Promoted', 'Release'],
				['release.unpublished', 'Release Demoted (Unpublished)', 'Release'],
				['release.build_failed', 'Release Build Failed', 'Release'],
				['release.asset_downloaded', 'Release Assets Downloaded', 'Release'],
			]);
			const app = [...emulator().state.apps.values()][0];
			const channels = [...emulator().state.channels.values()];
			const value = (v: string) => ({ value: v, label: v, appId: null, metricType: null });
			expect(items[6]).toEqual({
				key: 'release.asset_downloaded',
				displayName: 'Release Assets Downloaded',
				description:
					'When a customer pulls a release asset (Helm chart, Embedded Cluster bundle, or proxy registry image). Each individual asset pull triggers one Release Assets Downloaded event.',
				category: 'Release',
				filters: [
					{
						key: 'appId',
						label: 'Application',
						type: 'select',
						placeholder: null,
						required: false,
						options: [{ value: app.id, label: 'Acme Platform', appId: null, metricType: null }],
					},
					{
						key: 'channelId',
						label: 'Channel',
						type: 'multiselect',
						placeholder: null,
						required: false,
						options: channels.map((c) => ({
							value: c.id,
							label: c.name,
							appId: app.id,
							metricType: null,
						})),
					},
					{
						key: 'customerId',
						label: 'Customer',
						type: 'text',
						placeholder: null,
						required: false,
						options: [],
					},
					{
						key: 'licenseType',
						label: 'License Type',
						type: 'multiselect',
						placeholder: null,
						required: false,
						options: ['paid', 'trial', 'community', 'dev'].map(value),
					},
					{
						key: 'assetType',
						label: 'Asset Type',
						type: 'select',
						placeholder: null,
						required: false,
						options: ['helm_chart', 'embedded_cluster_bundle', 'proxy_image'].map(value),
					},
					{
						key: 'pullType',
						label: 'Pull Type',
						type: 'select',
						placeholder: null,
						required: false,
						options: ['any', 'first', 'first_for_license_type'].map(value),
					},
				],
				dataFields: [
					'event_type',
					'team_id',
					'customer_id',
					'customer_name',
					'service_account_name',
					'app_id',
					'app_name',
					'app_slug',
					'channel_id',
					'channel_name',
					'asset_type',
					'asset_name',
					'asset_version',
					'license_type',
					'downloaded_at',
					'is_first_customer_pull',
				].map((key) => ({
					key,
					type:
						key === 'downloaded_at'
							? 'ISO-8601-timestamp'
							: key === 'is_first_customer_pull'
								? 'boolean'
								: 'string',
					description:
						key === 'asset_type'
							? 'helm_chart, embedded_cluster_bundle or proxy_image'
							: key === 'is_first_customer_pull'
								? 'Whether this is the customer’s first pull; false on every pull of customers who pulled before March 18, 2026'
								: null,
				})),
			});
		});

		it('asks for every event type with Return All (no limit, no search), and for at most 100 otherwise', async () => {
			expect(await run({ search: '', returnAll: true })).toHaveLength(28);
			expect(await run({ search: 'instance.state', returnAll: false, limit: 500 })).toEqual([
				expect.objectContaining({
					key: 'instance.state.duration',
					filters: expect.arrayContaining([
						expect.objectContaining({ key: 'state', type: 'multiselect', required: true }),
						expect.objectContaining({ key: 'durationMinutes', required: true }),
					]),
				}),
				expect.objectContaining({ key: 'instance.state.flapping' }),
			]);
			expect(asked()).toEqual([{}, { q: 'instance.state', limit: '100' }]);
		});

		it('a 403 names the team permission to list event types', async () => {
			emulator().faults.add({ path: '/v3/notification_event_types', status: 403 });
			await expect(run({ search: '', returnAll: true })).rejects.toThrow(
				"The API token's role lacks the team permission team/notifications/types/list",
			);
		});
	});

	it('makes an item of an event type whose answer lacks every list and name', () => {
		expect(
			eventTypeItem({
				key: 'instance.rebooted',
				filters: [{ key: 'appId' }],
				webhookPayloadFormat: [{ key: 'instance_id' }],
			}),
		).toEqual({
			key: 'instance.rebooted',
			displayName: null,
			description: null,
			category: null,
			filters: [
				{
					key: 'appId',
					label: null,
					type: null,
					placeholder: null,
					required: false,
					options: [],
				},
			],
			dataFields: [{ key: 'instance_id', type: null, description: null }],
		});
		expect(eventTypeItem({ key: 'x', filters: null })).toMatchObject({
			filters: [],
			dataFields: [],
		});
	});
});

import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import {
	EVENT_FILTERS,
	FILTER_KEYS,
	type FilterKeyName,
} from '../../nodes/Replicated/trigger/panel/filter-catalogue';
import {
	EVENT_SETTING_KEYS,
	FILTER_PARAMETER,
} from '../../nodes/Replicated/trigger/panel/filter-fields';
import { outOfScope } from '../../nodes/Replicated/trigger/panel/filters';
import { subscriptionName } from '../../nodes/Replicated/trigger/lifecycle/subscription-name';
import { useEmulator } from '../support/emulator-fixture';
import { createHookContext } from '../support/hook-context';

const trigger = new ReplicatedTrigger();
const hooks = trigger.webhookMethods.default;

describe("Replicated Trigger: automatic registration, by Replicated's filter tables", () => {
	const { emulator, appId } = useEmulator();
	const hook = (parameters: INodeParameters = {}, webhookUrl?: string) =>
		createHookContext({
			credentials: { apiToken: emulator().token, baseUrl: emulator().baseUrl },
			parameters,
			webhookUrl,
			workflowName: 'Renewals → CRM',
		});
	const posted = () =>
		emulator()
			.requests.filter((r) => r.method === 'POST' && r.path === '/v3/notification_subscription')
			.map((r) => ({
				status: r.status,
				body: r.body as {
					name: string;
					eventConfigs: Array<{ eventType: string; filters: object }>;
				},
			}));
	const filtersOf = (eventConfigs: Array<{ eventType: string; filters: object }>) =>
		Object.fromEntries(eventConfigs.map((c) => [c.eventType, c.filters]));

	it('shows All Events selected by default, and registers it with every default accepted', async () => {
		const ctx = hook();
		expect(ctx.resolved.events).toEqual(['*']);
		await hooks.create.call(ctx);
		const [{ status, body }] = posted();
		expect(status).toBe(201);
		const filters = filtersOf(body.eventConfigs);
		expect(Object.keys(filters)).toHaveLength(26);
		expect(filters).toMatchObject({
			'instance.version_behind': { versionsBehind: '3' },
			'instance.state.duration': { state: ['unavailable', 'degraded'], durationMinutes: '60' },
			'instance.state.flapping': {
				minStateChanges: '5',
				windowMinutes: '60',
				cooldownMinutes: '60',
			},
			'customer.created': {},
			'release.created': {},
		});
		// Left out until their metric or threshold is filled in, and the log says so.
		expect(filters).not.toHaveProperty(['instance.custom_metric_threshold_reached']);
		expect(filters).not.toHaveProperty(['platform.egress_threshold_reached']);
		expect(ctx.logLines).toEqual([
			'info Replicated Trigger: All Events leaves out instance.custom_metric_threshold_reached until Metric Name and Threshold Value is filled in',
			'info Replicated Trigger: All Events leaves out platform.egress_threshold_reached until Threshold (TiB) is filled in',
		]);
	});

	it('registers all 28 events once the metric and the egress threshold are filled in', async () => {
		await hooks.create.call(
			hook({ metricName: 'active_users', thresholdValue: '100', thresholdTiB: '5.5' }),
		);
		const filters = filtersOf(posted()[0].body.eventConfigs);
		expect(Object.keys(filters)).toHaveLength(28);
		expect(filters['instance.custom_metric_threshold_reached']).toEqual({
			metricName: 'active_users',
			operator: 'gt',
			thresholdValue: '100',
			frequency: 'when_changed',
		});
		expect(filters['platform.egress_threshold_reached']).toEqual({ thresholdTiB: '5.5' });
	});

	it('sends each event only the filters its table lists, lists where the docs use arrays, numbers as strings', async () => {
		const channel = emulator().state.appChannels(appId())[0].id;
		await hooks.create.call(
			hook({
				events: [
					'instance.version_behind',
					'release.created',
					'instance.ready',
					'customer.pending_signup',
					'customer.license_expiring',
					'customer.ep_access_granted',
				],
				versionsBehind: 2,
				filters: {
					appId: { __rl: true, mode: 'list', value: appId() },
					licenseTypes: ['paid', 'trial'],
					channelIds: [channel],
					customerId: 'cust1',
					daysUntilExpiry: ['7', '30'],
					accessMethod: 'invite',
					accessType: 'first_for_license_type',
				},
			}),
		);
		const [{ status, body }] = posted();
		expect(status).toBe(201);
		const scope = {
			appId: appId(),
			licenseType: ['paid', 'trial'],
			channelId: [channel],
			customerId: 'cust1',
		};
		expect(body.eventConfigs).toEqual([
			{
				eventType: 'customer.ep_access_granted',
				filters: {
					appId: appId(),
					customerId: 'cust1',
					accessMethod: 'invite',
					licenseType: ['paid', 'trial'],
					accessType: 'first_for_license_type',
				},
			},
			{
				eventType: 'customer.license_expiring',
				filters: { ...scope, daysUntilExpiry: ['7', '30'] },
			},
			{ eventType: 'customer.pending_signup', filters: { appId: appId() } },
			{ eventType: 'instance.ready', filters: scope },
			// No License Type: the Version Behind table does not list it.
			{
				eventType: 'instance.version_behind',
				filters: { versionsBehind: '2', appId: appId(), channelId: [channel], customerId: 'cust1' },
			},
			{ eventType: 'release.created', filters: { appId: appId() } },
		]);
	});

	it.each([
		[
			{ events: ['instance.custom_metric_threshold_reached'] },
			'Instance: Custom Metric Threshold Reached needs Metric Name and Threshold Value',
		],
		[
			{
				events: ['instance.custom_metric_threshold_reached'],
				metricName: 'sso',
				operator: 'is_true',
			},
			null,
		],
		[
			{ events: ['platform.egress_threshold_reached'] },
			'Platform: Egress Threshold Reached needs Threshold (TiB)',
		],
		[{ events: ['instance.state.duration'], state: [] }, 'Instance: State Duration needs State'],
		[
			{ events: ['instance.version_behind'], versionsBehind: '={{ "three" }}' },
			// n8n resolves the expression before the node sees it.
			'Instance: Version Behind: filter "versionsBehind" of instance.version_behind must be a number written as a string; got "three"',
		],
	])(
		'refuses before any request when a Required filter is empty: %j',
		async (parameters, message) => {
			const run = hooks.create.call(hook(parameters));
			if (message === null) {
				await run;
				expect(posted()).toHaveLength(1);
				return;
			}
			await expect(run).rejects.toThrow(message);
			await expect(hooks.create.call(hook(parameters))).rejects.toMatchObject({
				description: expect.stringMatching(/Fill in|Choose one/),
			});
			expect(emulator().requests).toEqual([]);
		},
	);

	it('names the subscription in ASCII, within 255 characters, apart for the test URL', async () => {
		await hooks.create.call(hook({ events: ['customer.created'] }));
		await hooks.create.call(
			hook({ events: ['customer.created'] }, 'https://n8n.example.com/webhook-test/abc/webhook'),
		);
		expect(posted().map((p) => p.body.name)).toEqual([
			'n8n: Renewals CRM',
			'n8n: Renewals CRM (test)',
		]);
		expect(subscriptionName('Café Démo ✓', 'https://x/webhook/1')).toBe('n8n: Cafe Demo');
		const long = subscriptionName('x'.repeat(400), 'https://x/webhook-test/1');
		expect(long).toHaveLength(255);
		expect(long.endsWith('x (test)')).toBe(true);
	});
});

describe('activation errors say what to fix in the message (the publish toast shows nothing else)', () => {
	const { emulator } = useEmulator();
	const hook = (parameters: INodeParameters, apiToken = emulator().token) =>
		createHookContext({
			credentials: { apiToken, baseUrl: emulator().baseUrl },
			parameters,
		});

	it('manual registration without a signing secret', async () => {
		await expect(hooks.checkExists.call(hook({ registration: 'manual' }))).rejects.toThrow(
			'No webhook signing secret. Add a "Replicated Webhook API" credential with the secret set in the Vendor Portal, or turn on Options → Allow Unsigned Deliveries (not recommended).',
		);
	});

	it('a Required filter left empty', async () => {
		await expect(
			hooks.create.call(hook({ events: ['instance.state.duration'], state: [] })),
		).rejects.toThrow(
			'Instance: State Duration needs State. Replicated registers instance.state.duration only with State. Fill in the field shown for it under Events, or remove the event.',
		);
	});

	it('a refusal that echoes the Required Header token or the signing secret shows neither', async () => {
		const headerValue = 'tok-3f9a2c7e51d04b8a';
		emulator().faults.add({
			method: 'POST',
			path: '/v3/notification_subscription',
			status: 400,
			message: `customHeaders[0].value "${headerValue}" is not allowed`,
		});
		const ctx = hook({
			events: ['customer.created'],
			options: { requiredHeader: { header: { name: 'X-Hook-Token', value: headerValue } } },
		});
		const error = (await hooks.create.call(ctx).catch((e: unknown) => e)) as Error & {
			description?: string;
		};
		expect(error.message).toBe(
			'Replicated: customHeaders[0].value "[redacted]" is not allowed. Replicated rejected the request. Check the field named in the message.',
		);
		expect(JSON.stringify([error.message, error.description, ctx.logLines])).not.toContain(
			headerValue,
		);
	});

	it("Replicated's refusal, with its fix once", async () => {
		const run = hooks.create.call(hook({ events: ['customer.created'] }, 'emu_rw_wrong'));
		await expect(run).rejects.toHaveProperty(
			'message',
			'Replicated: Unauthorized: invalid or missing API token. Check the API token in the Replicated credential.',
		);
		await expect(
			hooks.create.call(hook({ events: ['customer.created'] }, 'emu_rw_wrong')),
		).rejects.toMatchObject({ httpCode: '401' });
	});
});

describe('the strict emulator refuses subscriptions the filter tables do not allow', () => {
	const { emulator, context } = useEmulator();
	const create = (body: IDataObject) =>
		import('../../nodes/Replicated/transport').then(({ apiRequest }) =>
			apiRequest(context(), { method: 'POST', path: '/v3/notification_subscription', body }).catch(
				(e: Error) => e.message,
			),
		);
	const base = { name: 'x', isEnabled: true, webhookUrl: 'https://hooks.example.com/r' };

	it.each([
		[
			[{ eventType: 'instance.version_behind', filters: {} }],
			'Replicated: eventConfigs: filter "versionsBehind" (Versions Behind) is required for instance.version_behind',
		],
		[
			[{ eventType: 'release.created', filters: { licenseType: ['paid'] } }],
			'Replicated: eventConfigs: filter "licenseType" is not accepted by release.created',
		],
		[
			[
				{
					eventType: 'instance.state.flapping',
					filters: { minStateChanges: '4', windowMinutes: '60' },
				},
			],
			'Replicated: eventConfigs: filter "minStateChanges" of instance.state.flapping must be one of 3, 5, 10, 15, 20; got "4"',
		],
		[
			[
				{
					eventType: 'instance.state.duration',
					filters: { state: ['degraded'], durationMinutes: '30' },
				},
				{
					eventType: 'instance.state.duration',
					filters: { state: ['missing'], durationMinutes: '60' },
				},
			],
			'Replicated: eventConfigs: only one instance.state.duration event is allowed per subscription',
		],
	])('%j', async (eventConfigs, message) => {
		expect(await create({ ...base, eventConfigs })).toBe(message);
		expect(emulator().state.subscriptions.size).toBe(0);
	});

	it('refuses a name that is not ASCII or longer than 255 characters', async () => {
		const eventConfigs = [{ eventType: 'customer.created', filters: {} }];
		expect(await create({ ...base, name: 'Café', eventConfigs })).toBe(
			'Replicated: name must be at most 255 ASCII characters',
		);
		expect(await create({ ...base, name: 'x'.repeat(256), eventConfigs })).toBe(
			'Replicated: name must be at most 255 ASCII characters',
		);
	});
});

describe('the trigger offers a field for every filter the docs list', () => {
	const properties = trigger.description.properties;
	const collection = (properties.find((p) => p.name === 'filters')!.options ??
		[]) as INodeProperties[];
	const fieldOf = (key: FilterKeyName) =>
		EVENT_SETTING_KEYS.includes(key)
			? properties.find((p) => p.name === key)
			: collection.find((p) => p.name === (FILTER_PARAMETER[key] ?? key));

	it.each(Object.keys(FILTER_KEYS) as FilterKeyName[])('%s', (key) => {
		const field = fieldOf(key)!;
		expect(field).toBeDefined();
		const { values, shape, default: documented } = FILTER_KEYS[key];
		if (values) {
			expect((field.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(
				[...values].sort(),
			);
			expect(field.type).toBe(shape === 'array' ? 'multiOptions' : 'options');
		}
		if (documented) expect(field.default).toBe(documented);
		if (EVENT_SETTING_KEYS.includes(key)) {
			const events = Object.keys(EVENT_FILTERS).filter((e) => EVENT_FILTERS[e][key]);
			expect(field.displayOptions).toEqual({ show: { events: ['*', ...events] } });
		}
	});
});

describe('the scope checked on each delivery', () => {
	it('uses the same filters, where a delivery carries the field', () => {
		expect(
			outOfScope({ app_id: 'a', license_type: 'prod' }, { appId: 'a', licenseType: ['paid'] }),
		).toBeNull();
		expect(outOfScope({ license_type: 'trial' }, { licenseType: ['paid', 'community'] })).toBe(
			'license type',
		);
		expect(outOfScope({ channel_id: 'x' }, { channelId: ['y'] })).toBe('channel');
		expect(outOfScope({ app_id: 'b' }, { appId: 'a' })).toBe('application');
		expect(outOfScope({ access_method: 'saml_jit' }, { accessMethod: 'invite' })).toBe(
			'access method',
		);
		expect(outOfScope({ asset_type: 'proxy_image' }, { assetType: 'helm_chart' })).toBe(
			'asset type',
		);
		// A release event has no customer; an undocumented field is not guessed at.
		expect(outOfScope({ version_label: '1.0' }, { customerId: 'c' })).toBeNull();
		expect(outOfScope({ change_type: 'channel' }, { changeType: ['expiration'] })).toBeNull();
	});
});

describe("Failure Alert Email: the subscription's failure alert contact (SPEC failureContact)", () => {
	const { emulator } = useEmulator();
	const staticData: IDataObject = {};
	const hook = (failureContact?: string) =>
		createHookContext({
			credentials: { apiToken: emulator().token, baseUrl: emulator().baseUrl },
			parameters: {
				events: ['customer.created'],
				options: failureContact === undefined ? {} : { failureContact },
			},
			staticData,
		});
	const sent = (method: string) =>
		emulator()
			.requests.filter(
				(r) => r.method === method && r.path.startsWith('/v3/notification_subscription'),
			)
			.map((r) => [r.status, (r.body as { failureContact?: string }).failureContact]);
	const stored = () => [...emulator().state.subscriptions.values()].map((s) => s.failureContact);

	beforeEach(() => {
		for (const key of Object.keys(staticData)) delete staticData[key];
	});

	it('is sent on create, trimmed, and Replicated keeps it', async () => {
		await hooks.create.call(hook('  revops-alerts@example.com '));
		expect(sent('POST')).toEqual([[201, 'revops-alerts@example.com']]);
		expect(stored()).toEqual(['revops-alerts@example.com']);
	});

	it('is not sent when empty: Replicated alerts the creator and the team admins', async () => {
		await hooks.create.call(hook());
		expect(sent('POST')).toEqual([[201, undefined]]);
		expect(stored()).toEqual([null]);
	});

	it('a changed address updates the subscription on the next activation', async () => {
		await hooks.create.call(hook('revops-alerts@example.com'));
		expect(await hooks.checkExists.call(hook('cs-oncall@example.com'))).toBe(true);
		expect(sent('PUT')).toEqual([[200, 'cs-oncall@example.com']]);
		expect(stored()).toEqual(['cs-oncall@example.com']);
		// Unchanged: nothing sent.
		expect(await hooks.checkExists.call(hook('cs-oncall@example.com'))).toBe(true);
		expect(sent('PUT')).toHaveLength(1);
	});

	it('is refused before any request unless it is one email address', async () => {
		for (const bad of ['revops', 'a@example.com, b@example.com', 'Ops <ops@example.com>'])
			await expect(hooks.create.call(hook(bad))).rejects.toThrow(
				`Failure Alert Email "${bad}" is not an email address`,
			);
		// A pasted document is named by its first 100 characters only.
		const pasted = 'x'.repeat(10_000);
		const refused = await hooks.create.call(hook(pasted)).catch((error: Error) => error);
		expect((refused as Error).message).toBe(
			`Failure Alert Email "${'x'.repeat(100)}…" is not an email address. Enter one address, e.g. revops-alerts@example.com, or leave it empty.`,
		);
		expect(emulator().requests.filter((r) => r.path.startsWith('/v3/notification'))).toEqual([]);
	});
});

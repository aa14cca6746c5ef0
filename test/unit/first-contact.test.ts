import type { IDataObject } from 'n8n-workflow';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { useEmulator } from '../support/emulator-fixture';

/**
 * What a vendor would hit the first time against the real API, where Replicated's own sources
 * (SPEC, the CLI, replicated-lib, the docs) say something our first reading did not.
 */
const node = new Replicated();

describe('first contact with Replicated: the readings its sources settle', () => {
	const { emulator, context, appId } = useEmulator();
	const run = (parameters: IDataObject) => node.execute.call(context({ parameters }));
	const channels = () => emulator().state.appChannels(appId());
	const writes = () =>
		emulator()
			.requests.filter((r) => r.method !== 'GET' && r.path !== '/v3/customers/search')
			.map((r) => [r.method, r.path.replace(/[A-Za-z0-9]{27}/g, ':id'), r.body]);

	const create = (parameters: IDataObject) =>
		run({
			resource: 'customer',
			operation: 'create',
			appId: { __rl: true, mode: 'id', value: appId() },
			name: 'Portal Corp',
			customId: '',
			email: 'it@portal.example',
			licenseType: 'paid',
			channelId: '',
			expiresAt: '',
			entitlements: {},
			sendInvite: false,
			onExisting: 'return',
			installOptions: {},
			...parameters,
		});

	describe("a customer's default channel is the one flagged is_default_for_customer", () => {
		it('even when another of its channels is the app default (isDefault)', async () => {
			const [stable, beta] = channels();
			const customer = emulator().state.addCustomer({
				appId: appId(),
				name: 'Two Channels Inc',
				type: 'prod',
				channelIds: [beta.id, stable.id],
			});
			expect(
				customer.channels.map((c) => [c.name, c.isDefault, c.is_default_for_customer]),
			).toEqual([
				['Beta', false, true],
				['Stable', true, false],
			]);
			const [[item]] = await run({
				resource: 'customer',
				operation: 'get',
				customer: { __rl: true, mode: 'id', value: customer.id },
			});
			expect(item.json.channel).toEqual({ id: beta.id, name: 'Beta', slug: 'beta' });
		});

		it('License → Convert moving the channel leaves the old one unassigned', async () => {
			const [, beta, unstable] = channels();
			const customer = emulator().state.addCustomer({
				appId: appId(),
				name: 'Mover Co',
				customId: 'crm-mover',
				type: 'trial',
				channelIds: [beta.id],
			});
			const [[item]] = await run({
				resource: 'license',
				operation: 'convert',
				customer: { __rl: true, mode: 'id', value: customer.id },
				licenseType: 'paid',
				expiryMode: 'keep',
				entitlements: {},
				removeEntitlements: [],
				channelId: unstable.id,
			});
			expect(item.json).toMatchObject({
				before: { channel: 'Beta' },
				after: { channel: 'Unstable' },
			});
			expect(
				emulator()
					.state.customers.get(customer.id)!
					.channels.map((c) => c.name),
			).toEqual(['Unstable']);
			expect(writes()).toEqual([
				[
					'PATCH',
					'/v3/customer/:id',
					{
						type: 'prod',
						add_channels: [{ channel_id: unstable.id, is_default_for_customer: true }],
						remove_channels: [beta.id],
					},
				],
			]);
		});
	});

	it('Instance → Get Many reports the running version: versionHistory comes latest first (CLI)', async () => {
		const customer = [...emulator().state.customers.values()].find((c) => c.type === 'prod')!;
		const instance = [...emulator().state.instances.values()].find(
			(i) => i.customerId === customer.id,
		)!;
		instance.versionHistory = [
			{
				instanceId: instance.instanceId,
				versionLabel: '2.2.0',
				downstreamReleaseSequence: 40,
				intervalStart: '2026-06-01T00:00:00Z',
				intervalLast: '2026-08-01T00:00:00Z',
			},
			{
				instanceId: instance.instanceId,
				versionLabel: '2.3.0',
				downstreamReleaseSequence: 41,
				intervalStart: '2026-08-01T00:00:00Z',
				intervalLast: '2026-10-01T00:00:00Z',
			},
			{
				instanceId: instance.instanceId,
				versionLabel: '2.4.0',
				downstreamReleaseSequence: 42,
				intervalStart: '2026-10-01T00:00:00Z',
				intervalLast: '2026-11-30T00:00:00Z',
			},
		];
		const [items] = await run({
			resource: 'instance',
			operation: 'getAll',
			customer: { __rl: true, mode: 'id', value: customer.id },
			includeArchived: false,
		});
		expect(items.map((i) => i.json.versionLabel)).toEqual(['2.4.0']);
		const history = items[0].json.versionHistory as Array<{ versionLabel: string }>;
		expect(history.map((h) => h.versionLabel)).toEqual(['2.4.0', '2.3.0', '2.2.0']);
	});

	describe('Enterprise Portal access is PATCHed, never sent on create, and set before an invite', () => {
		it('Install Options → Enterprise Portal / Security Center: created without them, then PATCHed', async () => {
			const [[item]] = await create({
				installOptions: {
					is_enterprise_portal_enabled: true,
					is_security_center_enabled: true,
					is_airgap_enabled: true,
				},
			});
			expect(item.json).toMatchObject({
				isEnterprisePortalEnabled: true,
				isSecurityCenterEnabled: true,
				airgap: true,
			});
			expect(writes()).toEqual([
				[
					'POST',
					'/v3/customer',
					{
						name: 'Portal Corp',
						app_id: appId(),
						type: 'prod',
						email: 'it@portal.example',
						is_airgap_enabled: true,
					},
				],
				[
					'PATCH',
					'/v3/customer/:id',
					{ is_enterprise_portal_enabled: true, is_security_center_enabled: true },
				],
			]);
		});

		it('Send Enterprise Portal Invite: access first, then the invite', async () => {
			const [[item]] = await create({ sendInvite: true });
			expect(item.json.invite).toMatchObject({ email: 'it@portal.example', status: 'invited' });
			expect(writes()).toEqual([
				[
					'POST',
					'/v3/customer',
					{ name: 'Portal Corp', app_id: appId(), type: 'prod', email: 'it@portal.example' },
				],
				['PATCH', '/v3/customer/:id', { is_enterprise_portal_enabled: true }],
				[
					'POST',
					'/v3/app/:id/enterprise-portal/customer-user',
					{ customer_id: item.json.id, email_address: 'it@portal.example' },
				],
			]);
		});

		it("accepts the CLI's {url} invite answer as well as SPEC's {invite}", async () => {
			emulator().setReadings({ inviteAnswer: 'cli' });
			const [[item]] = await create({ sendInvite: true });
			expect(item.json.invite).toMatchObject({
				email: 'it@portal.example',
				status: 'invited',
				invitedAt: expect.any(String),
			});
		});

		it('never fails the item once the invite has gone out', async () => {
			// The customer cannot be read again after the invite: the item still reports it.
			emulator().faults.add({
				method: 'GET',
				path: /^\/v3\/customer\/[^/]+$/,
				status: 404,
				times: 5,
			});
			const [[item]] = await create({ sendInvite: true });
			expect(item.json).toMatchObject({ name: 'Portal Corp', invite: { status: 'invited' } });
			expect(emulator().state.customerUsers.size).toBe(1);
		});
	});

	describe('the export is asked for active and inactive instances explicitly (no documented default)', () => {
		const exportItems = (filters: IDataObject) =>
			run({
				resource: 'instance',
				operation: 'export',
				appId: { __rl: true, mode: 'id', value: appId() },
				format: 'csv',
				output: 'items',
				filters,
			});
		const exportQueries = () =>
			emulator()
				.requests.filter((r) => r.path.endsWith('/customer_instances'))
				.map((r) => r.query);

		it('Instance → Export sends IncludeActive beside IncludeInactive, and offers both', async () => {
			const customer = [...emulator().state.customers.values()].find((c) => c.type === 'prod')!;
			emulator().state.addInstance(customer.id, { active: false });
			const [all] = await exportItems({});
			expect(all).toHaveLength(2);
			const [inactiveOnly] = await exportItems({ includeActive: false });
			expect(inactiveOnly.map((i) => i.json.isActive ?? i.json.instance_is_active)).toEqual([
				false,
			]);
			expect(exportQueries()).toEqual([
				expect.objectContaining({ IncludeActive: 'true', IncludeInactive: 'true' }),
				expect.objectContaining({ IncludeActive: 'false', IncludeInactive: 'true' }),
			]);
		});

		it('Score Customers, Renewal Prep and Confirmed Running read the documented CSV, with both flags', async () => {
			const customer = [...emulator().state.customers.values()].find((c) => c.type === 'prod')!;
			await run({
				resource: 'insight',
				operation: 'scoreCustomers',
				appId: { __rl: true, mode: 'id', value: appId() },
				source: 'fetch',
				filters: {},
				thresholds: {},
				options: {},
			});
			await run({
				resource: 'insight',
				operation: 'renewalPrep',
				customer: { __rl: true, mode: 'id', value: customer.id },
				periodDays: 365,
				options: {},
			});
			await run({
				resource: 'milestone',
				operation: 'get',
				customer: { __rl: true, mode: 'id', value: customer.id },
				policy: 'confirmedRunning',
			});
			const queries = exportQueries();
			expect(queries.length).toBeGreaterThanOrEqual(3);
			for (const query of queries)
				expect(query).toMatchObject({
					format: 'csv',
					IncludeActive: 'true',
					IncludeInactive: 'true',
				});
		});
	});

	it('a search for type:paid asks Replicated for type:prod, the value its search knows', async () => {
		const [paid] = await run({
			resource: 'customer',
			operation: 'getAll',
			appId: { __rl: true, mode: 'id', value: appId() },
			returnAll: true,
			filters: { query: 'type:paid' },
		});
		expect(paid.map((i) => i.json.name)).toEqual(['The Airplane Company']);
		expect((emulator().requests[0].body as { query: string }).query).toBe('type:prod');
	});

	it.each([
		['no expiry', '', true],
		['47 hours', 47, true],
		['49 hours', 49, false],
	])("a Test license with %s: the CLI's 48-hour rule", async (_, hours, accepted) => {
		const expiresAt =
			hours === '' ? '' : new Date(Date.now() + Number(hours) * 3_600_000).toISOString();
		const result = create({ name: 'Test Lic', email: '', licenseType: 'test', expiresAt });
		if (accepted) await expect(result).resolves.toBeDefined();
		else
			await expect(result).rejects.toThrow(
				'Expires At: a Test license may expire at most 48 hours from now',
			);
	});
});

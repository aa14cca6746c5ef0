import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();

describe('Replicated node: License → Convert', () => {
	const { emulator, context, appId } = useEmulator();
	let trialId: string;
	beforeEach(() => {
		const [, beta] = emulator().state.appChannels(appId());
		trialId = emulator().state.addCustomer({
			appId: appId(),
			name: 'Initrode',
			customId: 'crm-initrode',
			type: 'trial',
			expiresAt: '2026-12-31T00:00:00Z',
			channelIds: [beta.id],
			entitlements: [{ name: 'seats', value: '5' }],
		}).id;
	});

	const convert = (parameters: Record<string, unknown>) =>
		node.execute.call(
			context({
				parameters: {
					resource: 'license',
					operation: 'convert',
					customer: { __rl: true, mode: 'customId', value: 'crm-initrode' },
					licenseType: 'paid',
					expiryMode: 'set',
					expiresAt: '2027-12-31',
					entitlements: {},
					removeEntitlements: [],
					channelId: '',
					...parameters,
				},
			}),
		);

	it('turns a trial into a paid license (stored as prod) and shows before → after', async () => {
		const stable = emulator().state.appChannels(appId())[0];
		const [[item]] = await convert({
			entitlements: {
				values: [
					{ name: 'seats', value: '250' },
					{ name: 'tier', value: 'premium' },
				],
			},
			channelId: stable.id,
		});
		expect(item.json).toMatchObject({
			customId: 'crm-initrode',
			customerId: trialId,
			converted: true,
			before: { licenseType: 'trial', expiresAt: '2026-12-31T00:00:00Z', channel: 'Beta' },
			after: { licenseType: 'paid', expiresAt: '2027-12-31T00:00:00Z', channel: 'Stable' },
			changedEntitlements: [
				// Typed as in every output: numbers and booleans, not Replicated's strings.
				{ name: 'seats', before: 5, after: 250 },
				{ name: 'tier', before: 'standard', after: 'premium' },
			],
		});
		expect(emulator().state.customers.get(trialId)!.type).toBe('prod');
		const writes = emulator().requests.filter(
			(r) => r.method !== 'GET' && r.path !== '/v3/customers/search',
		);
		expect(writes.map((r) => r.method)).toEqual(['PATCH']);
		expect(writes[0].body).toEqual({
			type: 'prod',
			expires_at: '2027-12-31T00:00:00Z',
			add_channels: [{ channel_id: stable.id, is_default_for_customer: true }],
			remove_channels: [emulator().state.appChannels(appId())[1].id],
			add_entitlements: [
				{ name: 'seats', value: '250' },
				{ name: 'tier', value: 'premium' },
			],
		});
	});

	it('makes the license perpetual with Never Expires, and can reset entitlements to defaults', async () => {
		const [[item]] = await convert({ expiryMode: 'never', removeEntitlements: ['seats'] });
		expect(item.json.after).toMatchObject({
			expiresAt: null,
			entitlements: { seats: 10, sso_enabled: false, tier: 'standard' },
		});
		const patch = emulator().requests.find((r) => r.method === 'PATCH')!;
		expect(patch.body).toEqual({
			type: 'prod',
			remove_expires_at: true,
			remove_entitlements: ['seats'],
		});
	});

	it('keeps the expiry when asked, sending no expiry field', async () => {
		await convert({ expiryMode: 'keep' });
		expect(emulator().requests.find((r) => r.method === 'PATCH')!.body).toEqual({ type: 'prod' });
		expect(emulator().state.customers.get(trialId)!.expiresAt).toBe('2026-12-31T00:00:00Z');
	});

	it('requires the new expiry date when Set is chosen, before any call', async () => {
		await expect(convert({ expiresAt: '' })).rejects.toThrow('Expires At: "" is not a date');
		expect(emulator().requests).toHaveLength(0);
	});

	it('retries the PATCH after a 503 (it is safe to repeat) and converts once', async () => {
		emulator().faults.add({ method: 'PATCH', status: 503 });
		const [[item]] = await convert({});
		expect(item.json.converted).toBe(true);
		expect(
			emulator()
				.requests.filter((r) => r.method === 'PATCH')
				.map((r) => r.status),
		).toEqual([503, 200]);
	});
});

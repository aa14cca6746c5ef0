import type { IDataObject } from 'n8n-workflow';

import { INSTALL_OPTIONS } from '../../nodes/Replicated/actions/customer/fields';
import { licenseFromProducts } from '../../nodes/Replicated/fulfillment/product-mapping';
import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { productLineSchema } from '../../nodes/Replicated/schemas/product-line';
import { specContract } from '../emulator/contract';
import { useEmulator } from '../support/emulator-fixture';

const FIELDS = INSTALL_OPTIONS.map((o) => o.field);
const map = (lines: unknown[], more: { contractEnd?: string; contractStart?: string } = {}) =>
	licenseFromProducts({
		lines: lines.map((l) => productLineSchema.parse(l)),
		defaultLicenseType: 'paid',
		installOptionFields: FIELDS,
		...more,
	});

const PLATFORM = {
	product: 'Acme Platform (annual)',
	app: 'acme-platform',
	channel: 'Stable',
	termMonths: 12,
	installOptions: { is_embedded_cluster_download_enabled: true, is_snapshot_supported: true },
	entitlements: { seats: 100, tier: 'standard' },
};

describe('products → license: one base product, add-ons added to it', () => {
	it('the base product gives app, channel, term and values; add-on packs add per unit', () => {
		expect(
			map(
				[
					PLATFORM,
					{ product: 'User pack (25)', isAddOn: true, quantity: 3, entitlements: { seats: 25 } },
					{
						product: 'Premium support',
						isAddOn: 'true',
						entitlements: { tier: 'premium' },
					},
					{
						product: 'Air gap',
						isAddOn: true,
						installOptions: { is_airgap_enabled: 'yes', is_snapshot_supported: false },
					},
				],
				{ contractEnd: '2027-11-30' },
			),
		).toEqual({
			app: 'acme-platform',
			channel: 'Stable',
			licenseType: 'paid',
			expiresAt: '2027-11-30',
			// An option any product turns on stays on.
			installOptions: {
				is_embedded_cluster_download_enabled: true,
				is_snapshot_supported: true,
				is_airgap_enabled: true,
			},
			entitlements: { seats: '175', tier: 'premium' },
			baseProduct: 'Acme Platform (annual)',
			addOns: [
				{ product: 'User pack (25)', quantity: 3 },
				{ product: 'Premium support', quantity: 1 },
				{ product: 'Air gap', quantity: 1 },
			],
		});
	});

	it('reads CRM text as numbers and flags ("3", "false", "")', () => {
		const terms = map([
			{ ...PLATFORM, quantity: '1', termMonths: '', entitlements: { seats: '100' } },
			{ product: 'Users', isAddOn: 'TRUE', quantity: '4', entitlements: { seats: '10' } },
			{
				product: 'Nothing',
				isAddOn: 'yes',
				quantity: null,
				entitlements: null,
				installOptions: null,
			},
		]);
		expect(terms.entitlements).toEqual({ seats: '140' });
		expect(terms.addOns).toEqual([
			{ product: 'Users', quantity: 4 },
			{ product: 'Nothing', quantity: 1 },
		]);
	});

	it('seats sold as the quantity: quantityEntitlement takes the base quantity', () => {
		expect(
			map([
				{ ...PLATFORM, quantity: 250, quantityEntitlement: 'seats' },
				{ product: 'More', isAddOn: true, quantity: 2, entitlements: { seats: 10 } },
			]).entitlements,
		).toEqual({ seats: '270', tier: 'standard' });
	});

	it('no end date: the term from the contract start ends on the last day of its final month', () => {
		expect(map([PLATFORM], { contractStart: '2026-12-15' }).expiresAt).toBe('2027-12-31');
		expect(map([{ ...PLATFORM, termMonths: 1 }], { contractStart: '2027-01-31' }).expiresAt).toBe(
			'2027-02-28',
		);
		expect(map([PLATFORM]).expiresAt).toBeNull();
	});

	it.each([
		[[{ ...PLATFORM, isAddOn: true }], 'No base product among 1 line item(s): only add-ons'],
		[
			[PLATFORM, { ...PLATFORM, product: 'Second base' }],
			'2 base products on the deal (Acme Platform (annual), Second base): one license has one base product',
		],
		[
			[{ ...PLATFORM, app: '' }],
			'The base product "Acme Platform (annual)" names no Replicated app',
		],
		[
			[{ ...PLATFORM, installOptions: { is_teleport_enabled: true } }],
			'"Acme Platform (annual)": install option "is_teleport_enabled" is not one Replicated knows',
		],
	])('refuses what cannot be one license: %j', (lines, message) => {
		expect(() => map(lines)).toThrow(message);
	});
});

describe('Replicated node: License → Map Products', () => {
	const { emulator, context, appId } = useEmulator();
	const node = new Replicated();
	const run = (lineItems: unknown, more: Record<string, unknown> = {}) =>
		node.execute.call(
			context({
				parameters: {
					resource: 'license',
					operation: 'mapProducts',
					lineItems: lineItems as IDataObject[] | string,
					contractEnd: '2027-11-30T00:00:00',
					contractStart: '',
					licenseType: 'paid',
					...more,
				},
			}),
		);

	it("resolves the product's app slug and channel name to Replicated's IDs", async () => {
		const beta = emulator().state.appChannels(appId())[1];
		const [[item]] = await run([{ ...PLATFORM, channel: 'beta' }]);
		expect(item.json).toMatchObject({
			app: { id: appId(), name: 'Acme Platform', slug: 'acme-platform' },
			channel: { id: beta.id, name: 'Beta' },
			licenseType: 'paid',
			expiresAt: '2027-11-30',
			entitlements: { seats: '100', tier: 'standard' },
		});
	});

	it('takes the line items as JSON text too, and names the line and field at fault', async () => {
		const [[item]] = await run(JSON.stringify([{ ...PLATFORM, channel: '' }]));
		expect(item.json.channel).toBeNull();
		await expect(
			run([PLATFORM, { product: 'Pack', isAddOn: true, quantity: 'many' }]),
		).rejects.toThrow('Line Items #2 "quantity": quantity must be a number');
		await expect(run([{ quantity: 1 }])).rejects.toThrow(
			'Line Items #1 "product": product (the product name or code) is required',
		);
		await expect(run('[{')).rejects.toThrow('Line Items is not valid JSON');
		await expect(run([])).rejects.toThrow('Line Items: no line items');
	});

	it('an unknown app or channel: says which the token sees', async () => {
		await expect(run([{ ...PLATFORM, app: 'nope' }])).rejects.toMatchObject({
			message: 'No Replicated app "nope"',
			description: `"Acme Platform (annual)" names it. Apps this token sees: acme-platform (${appId()}).`,
		});
		await expect(run([{ ...PLATFORM, channel: 'Nightly' }])).rejects.toMatchObject({
			message: 'Acme Platform has no channel "Nightly"',
			description: '"Acme Platform (annual)" names it. Channels: Stable, Beta, Unstable.',
		});
	});

	it('Customer → Create and License → Convert apply its entitlements and install options', async () => {
		const [[terms]] = await run([
			PLATFORM,
			{ product: 'User pack', isAddOn: true, quantity: 3, entitlements: { seats: 25 } },
			{ product: 'Air gap', isAddOn: true, installOptions: { is_airgap_enabled: true } },
		]);
		const [[created]] = await node.execute.call(
			context({
				parameters: {
					resource: 'customer',
					operation: 'create',
					appId: { __rl: true, mode: 'id', value: appId() },
					name: 'Mapped Co',
					customId: 'crm-mapped',
					email: '',
					licenseType: 'paid',
					channelId: '',
					expiresAt: '2027-11-30',
					// The panel's value wins over the products'.
					entitlements: { values: [{ name: 'tier', value: 'gold' }] },
					sendInvite: false,
					onExisting: 'return',
					installOptions: {},
					productTerms: terms.json,
				},
			}),
		);
		const customer = emulator().state.customers.get(created.json.id as string)!;
		expect(customer.airgap).toBe(true);
		expect(customer.isEmbeddedClusterDownloadEnabled).toBe(true);
		expect(
			Object.fromEntries(
				customer.entitlements.filter((e) => !e.isDefault).map((e) => [e.name, e.value]),
			),
		).toEqual({ seats: '175', tier: 'gold' });

		const [[more]] = await run(
			[PLATFORM, { product: 'Users', isAddOn: true, quantity: 2, entitlements: { seats: 50 } }],
			{ contractEnd: '' },
		);
		await node.execute.call(
			context({
				parameters: {
					resource: 'license',
					operation: 'convert',
					customer: { __rl: true, mode: 'customId', value: 'crm-mapped' },
					licenseType: 'paid',
					expiryMode: 'keep',
					entitlements: {},
					removeEntitlements: [],
					channelId: '',
					productTerms: JSON.stringify(more.json),
				},
			}),
		);
		const patch = emulator()
			.requests.filter((r) => r.method === 'PATCH')
			.at(-1)!;
		expect(patch.body).toMatchObject({
			add_entitlements: [
				{ name: 'seats', value: '200' },
				{ name: 'tier', value: 'standard' },
			],
			is_embedded_cluster_download_enabled: true,
			is_snapshot_supported: true,
		});
	});

	it("takes every install option SPEC's create body has, and Create sets them", async () => {
		const createBody = specContract().operations.find((o) => o.operationId === 'createCustomer')!
			.body!.schema!.properties as Record<string, { type?: string }>;
		const flags = Object.keys(createBody).filter((k) => createBody[k].type === 'boolean');
		expect(flags).toEqual(
			expect.arrayContaining(['is_kurl_install_enabled', 'is_dev_mode_enabled']),
		);
		const options = Object.fromEntries(flags.map((f) => [f, true]));
		const [[terms]] = await run([{ ...PLATFORM, installOptions: options }]);
		expect(terms.json.installOptions).toEqual(options);
		const [[created]] = await node.execute.call(
			context({
				parameters: {
					resource: 'customer',
					operation: 'create',
					appId: { __rl: true, mode: 'id', value: appId() },
					name: 'Every Option Co',
					customId: 'crm-every-option',
					email: '',
					licenseType: 'paid',
					channelId: '',
					expiresAt: '',
					entitlements: {},
					sendInvite: false,
					onExisting: 'return',
					installOptions: {},
					productTerms: terms.json,
				},
			}),
		);
		const create = emulator().requests.find(
			(r) => r.method === 'POST' && r.path === '/v3/customer',
		)!;
		expect(create.body).toMatchObject(options);
		const customer = emulator().state.customers.get(created.json.id as string)!;
		expect(customer).toMatchObject({
			isKurlInstallEnabled: true,
			isDevModeEnabled: true,
			isGeoaxisSupported: true,
			isInstallerSupportEnabled: true,
			samlAllowed: true,
		});
	});

	it('Convert refuses a create-only install option it cannot change, naming it (PATCH lacks it)', async () => {
		const [[terms]] = await run([
			{
				...PLATFORM,
				installOptions: { is_installer_support_enabled: true, is_airgap_enabled: true },
			},
		]);
		const paid = [...emulator().state.customers.values()].find((c) => c.type === 'prod')!;
		const convert = () =>
			node.execute.call(
				context({
					parameters: {
						resource: 'license',
						operation: 'convert',
						customer: { __rl: true, mode: 'id', value: paid.id },
						licenseType: 'paid',
						expiryMode: 'keep',
						entitlements: {},
						removeEntitlements: [],
						channelId: '',
						productTerms: terms.json,
					},
				}),
			);
		await expect(convert()).rejects.toThrow(
			'Install option is_installer_support_enabled can only be set when the customer is created',
		);
		expect(emulator().requests.some((r) => r.method === 'PATCH')).toBe(false);
		// Already what the products ask for: nothing to change, so the rest goes through.
		paid.isInstallerSupportEnabled = true;
		await convert();
		const patch = emulator().requests.find((r) => r.method === 'PATCH')!;
		expect(patch.body).toMatchObject({ is_airgap_enabled: true });
		expect(patch.body).not.toHaveProperty('is_installer_support_enabled');
	});

	it('a wrong License Terms From Products says which field', async () => {
		await expect(
			node.execute.call(
				context({
					parameters: {
						resource: 'license',
						operation: 'convert',
						customer: { __rl: true, mode: 'customId', value: 'crm-initech' },
						licenseType: 'paid',
						expiryMode: 'keep',
						entitlements: {},
						removeEntitlements: [],
						channelId: '',
						productTerms: { entitlements: { seats: 5 }, installOptions: {} },
					},
				}),
			),
		).rejects.toThrow('License Terms From Products "entitlements.seats"');
	});
});

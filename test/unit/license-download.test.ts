import { licenseFileName } from '../../nodes/Replicated/actions/license/download.operation';
import { searchCustomers } from '../../nodes/Replicated/methods/listSearch';
import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { licenseYaml } from '../emulator/license-file';
import { useEmulator } from '../support/emulator-fixture';
import { binaryBytes, takeLogLines } from '../support/n8n-engine';

const node = new Replicated();

describe('Replicated node: License → Download', () => {
	const { emulator, context, appId } = useEmulator();
	let customerId: string;
	beforeEach(() => {
		customerId = emulator().state.addCustomer({
			appId: appId(),
			name: 'Initrode Corp.',
			email: 'it@initrode.example',
			customId: 'crm-initrode',
			type: 'prod',
			expiresAt: '2027-12-31T00:00:00Z',
			entitlements: [{ name: 'seats', value: '250' }],
		}).id;
	});
	const expected = () =>
		licenseYaml(emulator().state.apps.get(appId())!, emulator().state.customers.get(customerId)!);

	const download = (parameters: Record<string, unknown> = {}, continueOnFail = false) =>
		node.execute.call(
			context({
				continueOnFail,
				parameters: {
					resource: 'license',
					operation: 'download',
					customer: { __rl: true, mode: 'customId', value: 'crm-initrode' },
					binaryPropertyName: 'data',
					options: {},
					...parameters,
				},
			}),
		);

	it('puts the license file, byte for byte, in a binary field named after the customer and the app', async () => {
		const [[item]] = await download();
		const file = item.binary!.data;
		expect(await binaryBytes(file)).toEqual(Buffer.from(expected()));
		expect(file).toMatchObject({
			fileName: 'initrode-corp-acme-platform-license.yaml',
			mimeType: 'text/yaml',
		});
		expect(item.json).toEqual({
			customerId,
			customId: 'crm-initrode',
			name: 'Initrode Corp.',
			email: 'it@initrode.example',
			licenseType: 'paid',
			expiresAt: '2027-12-31T00:00:00Z',
			appId: appId(),
			appSlug: 'acme-platform',
			channel: 'Stable',
			isArchived: false,
			fileName: 'initrode-corp-acme-platform-license.yaml',
			fileSize: Buffer.byteLength(expected()),
		});
		expect(emulator().requests.at(-1)).toMatchObject({
			method: 'GET',
			path: `/v3/app/${appId()}/customer/${customerId}/license-download`,
			status: 200,
		});
	});

	it('takes the file name and the binary field from the panel', async () => {
		const [[item]] = await download({
			binaryPropertyName: 'license',
			options: { fileName: 'initrode.yaml' },
		});
		expect(Object.keys(item.binary!)).toEqual(['license']);
		expect(item.binary!.license.fileName).toBe('initrode.yaml');
		expect(item.json.fileName).toBe('initrode.yaml');
	});

	it('keeps the files already on the item beside the license (one email takes them all)', async () => {
		const instructions = {
			data: Buffer.from('# Install').toString('base64'),
			mimeType: 'text/markdown',
			fileName: 'install.md',
		};
		const [[item]] = await node.execute.call(
			context({
				items: [{ json: {}, binary: { instructions } }],
				parameters: {
					resource: 'license',
					operation: 'download',
					customer: { __rl: true, mode: 'customId', value: 'crm-initrode' },
					binaryPropertyName: 'license',
					options: {},
				},
			}),
		);
		expect(Object.keys(item.binary!).sort()).toEqual(['instructions', 'license']);
		expect(await binaryBytes(item.binary!.instructions)).toEqual(Buffer.from('# Install'));
		expect(await binaryBytes(item.binary!.license)).toEqual(Buffer.from(expected()));
	});

	it('reads a JSON answer as the YAML it encodes (SPEC lists application/json beside text/yaml)', async () => {
		emulator().setReadings({ licenseAnswer: 'json' });
		const [[item]] = await download();
		expect(await binaryBytes(item.binary!.data)).toEqual(Buffer.from(expected()));
		expect(item.binary!.data.mimeType).toBe('text/yaml');
	});

	it('an archived customer: says to unarchive when Replicated refuses, downloads when it serves', async () => {
		emulator().state.customers.get(customerId)!.isArchived = true;
		await expect(download()).rejects.toMatchObject({
			message: expect.stringContaining('customer is archived'),
			description: expect.stringContaining(
				'Initrode Corp. is archived: unarchive the customer first (Customer → Unarchive).',
			),
		});
		emulator().setReadings({ archivedLicense: 'served' });
		const [[item]] = await download();
		expect(item.json.isArchived).toBe(true);
		expect(await binaryBytes(item.binary!.data)).toEqual(Buffer.from(expected()));
	});

	it("a 403 quotes Replicated's reason, a plan limit as its own client reads it, not the token", async () => {
		emulator().state.apps.get(appId())!.licenseDownloadsOnPlan = false;
		const error = (await download().catch((e: unknown) => e)) as {
			message: string;
			description: string;
			httpCode: string;
		};
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe(
			"Replicated refused the license file of Initrode Corp.: License file downloads are not included in your team's current plan",
		);
		expect(error.description).toMatch(
			/^Replicated's own client treats a 403 on license download as a plan limit/,
		);
		expect(`${error.message} ${error.description}`).not.toMatch(/Read\/Write API token/);
	});

	it('a customer in no channel: says to assign one (the app is known only from its channels)', async () => {
		emulator().state.customers.get(customerId)!.channels = [];
		await expect(download()).rejects.toMatchObject({
			message: 'Initrode Corp. is in no channel',
			description:
				'A license file needs the app and channel the customer installs from. Assign the customer a channel (Customer → Update), then run again.',
		});
	});

	it('refuses an HTML page in place of the license, saying what to check', async () => {
		emulator().faults.add({ path: '/license-download', htmlPage: true });
		await expect(download()).rejects.toMatchObject({
			message: 'Replicated answered the license download with an HTML page',
			description: expect.stringContaining('API Base URL'),
		});
	});

	it('with Continue On Fail: an error item for an unknown customer, paired with its input', async () => {
		const [[item]] = await download(
			{ customer: { __rl: true, mode: 'id', value: 'nosuchcustomer' } },
			true,
		);
		expect(item.json.error).toContain('customer not found');
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('retries a 503 and never writes the license ID into a log line', async () => {
		takeLogLines();
		emulator().faults.add({ path: '/license-download', status: 503 });
		const [[item]] = await download();
		expect(await binaryBytes(item.binary!.data)).toEqual(Buffer.from(expected()));
		const lines = takeLogLines();
		expect(lines.some((l) => l.includes('license-download: HTTP 503, retrying'))).toBe(true);
		const licenseId = emulator().state.customers.get(customerId)!.installationId;
		expect(lines.filter((l) => l.includes(licenseId))).toEqual([]);
	});

	it.each([
		['Initrode Corp.', 'acme-platform', 'initrode-corp-acme-platform-license.yaml'],
		['Émile & Søren Co', null, 'emile-søren-co-license.yaml'],
		['  ', 'app', 'app-license.yaml'],
	])('file name for %j in %j: %s', (name, app, file) => {
		expect(licenseFileName(name, app)).toBe(file);
	});
});

describe('Replicated node: Customer → Unarchive', () => {
	const { emulator, context, loadOptions, appId } = useEmulator();

	it('brings an archived customer back, found by Custom ID', async () => {
		const customer = emulator().state.addCustomer({
			appId: appId(),
			name: 'Returning Co',
			customId: 'crm-returning',
			type: 'prod',
		});
		customer.isArchived = true;
		const [[item]] = await node.execute.call(
			context({
				parameters: {
					resource: 'customer',
					operation: 'unarchive',
					customer: { __rl: true, mode: 'customId', value: 'crm-returning' },
				},
			}),
		);
		expect(item.json).toEqual({
			id: customer.id,
			customId: 'crm-returning',
			name: 'Returning Co',
			archived: false,
			wasArchived: true,
		});
		expect(emulator().state.customers.get(customer.id)!.isArchived).toBe(false);
		expect(emulator().requests.at(-1)).toMatchObject({
			method: 'POST',
			path: `/v3/customer/${customer.id}/unarchive`,
			status: 204,
		});
	});

	it('its customer picker lists archived customers, marked; the other pickers leave them out', async () => {
		const customer = emulator().state.addCustomer({ appId: appId(), name: 'Zz Archived' });
		customer.isArchived = true;
		const names = async (operation: string) =>
			(
				await searchCustomers.call(
					loadOptions({ parameters: { resource: 'customer', operation } }) as never,
					'Zz',
				)
			).results.map((r) => r.name);
		expect(await names('unarchive')).toEqual(['Zz Archived · dev · archived']);
		expect(await names('get')).toEqual([]);
	});
});

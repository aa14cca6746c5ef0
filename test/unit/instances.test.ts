import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { useEmulator } from '../support/emulator-fixture';
import { binaryBytes } from '../support/n8n-engine';

const node = new Replicated();

describe('Replicated node: Instance', () => {
	const { emulator, context, appId } = useEmulator();

	it("Get Many lists a customer's instances with version, status and last check-in", async () => {
		const customer = [...emulator().state.customers.values()].find((c) => c.type === 'prod')!;
		emulator().state.addInstance(customer.id, { isArchived: true });
		const [items] = await node.execute.call(
			context({
				parameters: {
					resource: 'instance',
					operation: 'getAll',
					customer: { __rl: true, mode: 'id', value: customer.id },
					includeArchived: false,
				},
			}),
		);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			customId: customer.customId,
			customerId: customer.id,
			appId: appId(),
			versionLabel: '2.4.0',
			appStatus: 'ready',
			active: true,
			lastCheckInAt: expect.any(String),
			isAirgap: false,
		});
	});

	describe('Export', () => {
		const exportRows = (parameters: Record<string, unknown>) =>
			node.execute.call(
				context({
					parameters: {
						resource: 'instance',
						operation: 'export',
						appId: { __rl: true, mode: 'id', value: appId() },
						format: 'csv',
						output: 'items',
						binaryPropertyName: 'data',
						filters: {},
						...parameters,
					},
				}),
			);

		it('gives the same typed items from CSV and from JSON', async () => {
			emulator().state.apps.get(appId())!.syntheticInstances = 3000;
			const [fromCsv] = await exportRows({ format: 'csv' });
			const [fromJson] = await exportRows({ format: 'json' });
			expect(fromCsv).toHaveLength(3001);
			// CSV has no types, JSON does: after typing, the documented columns agree.
			const pick = (json: Record<string, unknown>) => ({
				customerId: json.customerId,
				licenseType: json.licenseType,
				instanceId: json.instanceId,
				instance_is_active: json.instance_is_active,
				instance_version_age: json.instance_version_age,
				entitlements: json.entitlements,
				customMetrics: json.customMetrics,
			});
			expect(fromCsv.map((i) => pick(i.json))).toEqual(fromJson.map((i) => pick(i.json)));
			const synthetic = fromCsv[1].json;
			expect(synthetic).toMatchObject({
				instanceId: 'synthetic-instance-0',
				instance_is_active: expect.any(Boolean),
				entitlements: { seats: expect.any(Number), tier: expect.any(String) },
				tags: { env: 'production' },
			});
			expect(Object.keys(synthetic).some((k) => k.startsWith('custom_metric__'))).toBe(false);
		});

		describe.each(['rows', 'envelopedRows', 'customers', 'envelopedCustomers'] as const)(
			'JSON export read as %s (its shape is not documented)',
			(reading) => {
				it('gives one item per instance, with the columns the CSV export gives', async () => {
					const customer = [...emulator().state.customers.values()].find(
						(c) => c.type === 'prod',
					)!;
					emulator().state.addInstance(customer.id, {
						appStatus: 'degraded',
						tags: [{ key: 'env', value: 'staging' }],
					});
					const [fromCsv] = await exportRows({ format: 'csv' });
					emulator().setReadings({ exportJson: reading });
					const [fromJson] = await exportRows({ format: 'json' });
					const pick = ({ json }: { json: Record<string, unknown> }) => ({
						customId: json.customId,
						customerId: json.customerId,
						customerName: json.customerName,
						licenseType: json.licenseType,
						instanceId: json.instanceId,
						customer_channel_name: json.customer_channel_name,
						instance_is_active: json.instance_is_active,
						instance_last_app_status: json.instance_last_app_status,
						instance_last_reported_at: json.instance_last_reported_at,
						// A CSV has every tag column on every row (null where untagged); a customer's
						// instance lists only its own tags.
						tags: Object.fromEntries(
							Object.entries(json.tags as Record<string, unknown>).filter(([, v]) => v !== null),
						),
					});
					expect(fromJson).toHaveLength(2);
					expect(fromJson.map(pick)).toEqual(fromCsv.map(pick));
					expect(fromJson.map((i) => i.json.instance_last_app_status).sort()).toEqual([
						'degraded',
						'ready',
					]);
					// Nothing of a customer's object that is not a column: no license ID, no nested lists.
					const text = JSON.stringify(fromJson);
					expect(text).not.toContain(customer.installationId);
					expect(text).not.toContain('versionHistory');
				});
			},
		);

		it.each([
			['{"error":"upstream","retry":true}', 'an object with "error", "retry" and no list of rows'],
			['[{"foo":1},{"foo":2}]', 'records have neither instance_id nor customer_id'],
			['"done"', 'a string, not a list of rows'],
		])('refuses a JSON export of another shape (%s), pointing to CSV', async (body, what) => {
			emulator().faults.add({ path: '/customer_instances', jsonBody: body });
			const error = (await exportRows({ format: 'json' }).catch((e: unknown) => e)) as {
				message: string;
				description?: string;
			};
			expect(error.message).toContain(
				"Replicated's JSON export came in a shape this node does not read: the export",
			);
			expect(error.message).toContain(what);
			expect(error.description).toMatch(/^Choose Format: CSV, the form Replicated documents/);
		});

		it('passes the filters on and stops at Max Rows', async () => {
			emulator().state.apps.get(appId())!.syntheticInstances = 1000;
			const [items] = await exportRows({
				filters: { licenseType: 'paid', includeInactive: false, maxRows: 10 },
			});
			expect(items).toHaveLength(10);
			expect(
				items.every((i) => i.json.licenseType === 'paid' && i.json.instance_is_active === true),
			).toBe(true);
			expect(
				emulator().requests.find((r) => r.path.endsWith('/customer_instances'))?.query,
			).toMatchObject({
				format: 'csv',
				LicenseType: 'prod',
				IncludeInactive: 'false',
			});
		});

		it('sends a channel given by ID as its name, the only form the export filters by', async () => {
			const beta = [...emulator().state.channels.values()].find(
				(c) => c.appId === appId() && c.name === 'Beta',
			)!;
			const globex = [...emulator().state.customers.values()].find(
				(c) => c.name === 'Globex Trial',
			)!;
			emulator().state.addInstance(globex.id, {});
			const [items] = await exportRows({ filters: { channelName: beta.id } });
			expect(items.map((i) => i.json.customerName)).toEqual(['Globex Trial']);
			expect(
				emulator().requests.find((r) => r.path.endsWith('/customer_instances'))?.query
					.ChannelName,
			).toBe('Beta');
		});

		it("carries each customer's Custom ID, joined from one read of the customer list, in both formats", async () => {
			const paid = [...emulator().state.customers.values()].find((c) => c.type === 'prod')!;
			const withoutId = emulator().state.addCustomer({
				appId: appId(),
				name: 'Umbrella (no CRM link yet)',
				type: 'prod',
			});
			emulator().state.addInstance(withoutId.id, {});
			emulator().state.apps.get(appId())!.syntheticInstances = 250;
			for (const format of ['csv', 'json']) {
				emulator().requests.length = 0;
				const [items] = await exportRows({ format });
				const of = (customerId: string) =>
					items.filter((i) => i.json.customerId === customerId).map((i) => i.json.customId);
				expect(of(paid.id)).toEqual(['001Dn00000AirplaneCo']);
				// No Custom ID set: null, not an empty string.
				expect(of(withoutId.id)).toEqual([null]);
				// Rows of customers the list does not know (the synthetic fleet) keep null.
				expect(of('synthetic-customer-0').every((id) => id === null)).toBe(true);
				expect(items).toHaveLength(252);
				// One customer-list page for the whole export, not a request per row.
				expect(
					emulator()
						.requests.map((r) => r.path)
						.sort(),
				).toEqual([`/v3/app/${appId()}/customer_instances`, `/v3/app/${appId()}/customers`]);
			}
		});

		it('outputs the export as a binary file', async () => {
			emulator().state.apps.get(appId())!.syntheticInstances = 500;
			const [[item]] = await exportRows({ output: 'binary', format: 'json' });
			expect(item.json).toEqual({
				appId: appId(),
				format: 'json',
				fileName: 'customer_instances.json',
			});
			const file = item.binary!.data;
			expect(file.mimeType).toBe('application/json');
			// Stored by n8n's binary data service, as in n8n (filesystem mode): read back through it.
			expect(file.id).toEqual(expect.stringMatching(/^filesystem-v2:/));
			expect(JSON.parse((await binaryBytes(file)).toString())).toHaveLength(501);
		});
	});
});

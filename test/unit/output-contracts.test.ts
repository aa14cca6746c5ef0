import type { IDataObject } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { NODE_OUTPUTS, type NodeOutputKey } from '../../nodes/Replicated/node-outputs';
import { EVENT_TYPES } from '../../nodes/Replicated/trigger/panel/events';
import { eventItem } from '../../nodes/Replicated/trigger/delivery/normalize';
import { sampleDelivery } from '../emulator/samples';
import { useEmulator } from '../support/emulator-fixture';

/**
 * The published output schemas are what templates may read. An item that parses to itself has
 * every declared field with the declared type, and (for strict objects) nothing undeclared.
 */
function expectConforms(key: NodeOutputKey, item: unknown) {
	const schema: z.ZodType = NODE_OUTPUTS[key];
	const parsed = schema.safeParse(item);
	expect([key, parsed.error?.issues ?? []]).toEqual([key, []]);
	expect(parsed.data).toEqual(item);
}

describe('output contracts: every item our nodes emit matches its published schema', () => {
	it('the trigger, for every event, with and without the enriched customer', () => {
		for (const { key } of EVENT_TYPES) {
			const item = eventItem(sampleDelivery(key), { includeRaw: true });
			expectConforms('trigger', JSON.parse(JSON.stringify(item)));
			if (item.customer) {
				item.customer = {
					...item.customer,
					customId: 'crm-1',
					email: 'it@airplane.example',
					expiresAt: null,
					channel: 'Stable',
				};
				expectConforms('trigger', JSON.parse(JSON.stringify(item)));
			}
		}
	});

	describe('the action node', () => {
		const { emulator, context, appId } = useEmulator();
		const node = new Replicated();
		const run = async (parameters: IDataObject) => {
			const [[item]] = await node.execute.call(context({ parameters }));
			return item.json;
		};
		const runAll = async (parameters: IDataObject) =>
			(await node.execute.call(context({ parameters })))[0].map((i) => i.json);
		const paid = () => [...emulator().state.customers.values()].find((c) => c.type === 'prod')!;

		it('Customer → Create, Get, Get Many, Update', async () => {
			expectConforms(
				'customer.create',
				await run({
					resource: 'customer',
					operation: 'create',
					appId: { __rl: true, mode: 'list', value: appId() },
					name: 'Contract Corp',
					customId: 'crm-contract',
					email: 'it@contract.example',
					licenseType: 'trial',
					channelId: '',
					expiresAt: '',
					entitlements: {},
					sendInvite: true,
					onExisting: 'return',
					installOptions: {},
				}),
			);
			const byCustomId = { __rl: true, mode: 'customId', value: 'crm-contract' };
			expectConforms(
				'customer.get',
				await run({ resource: 'customer', operation: 'get', customer: byCustomId }),
			);
			expectConforms(
				'customer.getAll',
				await run({
					resource: 'customer',
					operation: 'getAll',
					appId: { __rl: true, mode: 'list', value: appId() },
					returnAll: false,
					limit: 1,
					filters: {},
				}),
			);
			expectConforms(
				'customer.update',
				await run({
					resource: 'customer',
					operation: 'update',
					customer: byCustomId,
					updateFields: { name: 'Contract Corporation' },
				}),
			);
		});

		it('License → Download and Get Install Instructions', async () => {
			const customer = emulator().state.addCustomer({
				appId: appId(),
				name: 'File Co',
				email: 'it@file.example',
				customId: 'crm-file',
				type: 'prod',
				flags: { isHelmInstallEnabled: true, isEmbeddedClusterDownloadEnabled: true, airgap: true },
			});
			const byCustomId = { __rl: true, mode: 'customId', value: customer.customId };
			expectConforms(
				'license.download',
				await run({
					resource: 'license',
					operation: 'download',
					customer: byCustomId,
					binaryPropertyName: 'data',
					options: {},
				}),
			);
			expectConforms(
				'license.mapProducts',
				await run({
					resource: 'license',
					operation: 'mapProducts',
					lineItems: [
						{
							product: 'Platform',
							app: 'acme-platform',
							channel: 'Beta',
							entitlements: { seats: 10 },
						},
						{ product: 'Pack', isAddOn: true, quantity: 2, entitlements: { seats: 5 } },
					],
					contractEnd: '2027-11-30',
					contractStart: '',
					licenseType: 'paid',
				}),
			);
			expectConforms(
				'license.installInstructions',
				await run({
					resource: 'license',
					operation: 'installInstructions',
					customer: byCustomId,
					options: {},
				}),
			);
		});

		it('License → Convert and Milestone → Get', async () => {
			const trial = emulator().state.addCustomer({
				appId: appId(),
				name: 'Trial Co',
				customId: 'crm-trial',
				type: 'trial',
				expiresAt: '2026-12-31T00:00:00Z',
				entitlements: [{ name: 'seats', value: '5' }],
			});
			expectConforms(
				'license.convert',
				await run({
					resource: 'license',
					operation: 'convert',
					customer: { __rl: true, mode: 'customId', value: trial.customId },
					licenseType: 'paid',
					expiryMode: 'keep',
					entitlements: {},
					removeEntitlements: [],
					channelId: '',
				}),
			);
			expectConforms(
				'milestone.get',
				await run({
					resource: 'milestone',
					operation: 'get',
					customer: { __rl: true, mode: 'customId', value: paid().customId },
					policy: 'firstAccess',
					recognitionLicenseType: 'paid',
					options: { includeUsers: true },
				}),
			);
		});

		it('Notification → Get Event Types', async () => {
			const items = await runAll({
				resource: 'notification',
				operation: 'getEventTypes',
				search: '',
				returnAll: true,
			});
			expect(items).toHaveLength(28);
			for (const item of items) expectConforms('notification.getEventTypes', item);
		});

		it('Instance → Get Many and Export (CSV and JSON)', async () => {
			expectConforms(
				'instance.getAll',
				await run({
					resource: 'instance',
					operation: 'getAll',
					customer: { __rl: true, mode: 'id', value: paid().id },
					includeArchived: false,
				}),
			);
			emulator().state.apps.get(appId())!.syntheticInstances = 20;
			for (const format of ['csv', 'json']) {
				const rows = await runAll({
					resource: 'instance',
					operation: 'export',
					appId: { __rl: true, mode: 'id', value: appId() },
					format,
					output: 'items',
					filters: {},
				});
				expect(rows).toHaveLength(21);
				for (const row of rows) expectConforms('instance.export', row);
			}
		});
	});
});

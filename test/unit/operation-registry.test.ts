import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { findOperation, RESOURCES } from '../../nodes/Replicated/actions/resources';
import { NODE_OUTPUTS } from '../../nodes/Replicated/node-outputs';
import { sampleDelivery } from '../emulator/samples';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();
const properties = node.description.properties as INodeProperties[];
const resourceValues = (
	properties.find((p) => p.name === 'resource')!.options as Array<{ value: string }>
).map((o) => o.value);
/** Every `resource.operation` the node offers, read from what n8n shows (not from the registry). */
const offered = properties
	.filter((p) => p.name === 'operation')
	.flatMap((p) =>
		(p.options as Array<{ value: string }>).map(
			(o) => `${p.displayOptions!.show!.resource![0] as string}.${o.value}`,
		),
	);

describe('the operation registry: each operation is listed once, and the node is derived from it', () => {
	it('offers 26 operations over 8 resources, each in the router and with an output schema', () => {
		expect(resourceValues).toEqual([
			'app',
			'channel',
			'customer',
			'insight',
			'instance',
			'license',
			'milestone',
			'notification',
		]);
		expect(offered).toEqual([
			'customer.archive',
			'customer.create',
			'customer.get',
			'customer.getAll',
			'customer.unarchive',
			'customer.update',
			'license.convert',
			'license.download',
			'license.installInstructions',
			'license.mapProducts',
			'milestone.get',
			'instance.export',
			'instance.getAll',
			'insight.healthDashboard',
			'insight.renewalPrep',
			'insight.scoreCustomers',
			'app.getAll',
			'channel.getAll',
			'notification.checkTriggerHealth',
			'notification.deleteSubscription',
			'notification.getDeliveries',
			'notification.getEventTypes',
			'notification.getSubscription',
			'notification.getSubscriptions',
			'notification.retryDelivery',
			'notification.sendTest',
		]);
		for (const key of offered) {
			const [resource, operation] = key.split('.');
			const schema = NODE_OUTPUTS[key as `${string}.${string}`] as z.ZodType | undefined;
			expect([key, typeof schema?.safeParse]).toEqual([key, 'function']);
			expect([key, findOperation(resource, operation)?.output]).toEqual([key, schema]);
		}
		expect(Object.keys(NODE_OUTPUTS).sort()).toEqual(['trigger', ...offered].sort());
	});

	it('every operation declares its option, fields, execute and output', () => {
		for (const resource of RESOURCES)
			for (const operation of resource.operations) {
				const key = `${resource.option.value}.${operation.option.value}`;
				expect([key, Object.keys(operation.option).sort()]).toEqual([
					key,
					['action', 'description', 'name', 'value'],
				]);
				expect([key, Array.isArray(operation.description)]).toEqual([key, true]);
				expect([key, typeof operation.execute]).toEqual([key, 'function']);
				expect([key, typeof operation.output?.safeParse]).toEqual([key, 'function']);
			}
	});
});

/** An item that parses to itself has every declared field with the declared type. */
function expectConforms(key: string, item: unknown) {
	const parsed = NODE_OUTPUTS[key as `${string}.${string}`].safeParse(item);
	expect([key, parsed.error?.issues ?? []]).toEqual([key, []]);
	expect(parsed.data).toEqual(item);
}

describe('output contracts of the operations that had none', () => {
	const { emulator, context, appId } = useEmulator();
	const runAll = async (parameters: IDataObject) =>
		(await node.execute.call(context({ parameters })))[0].map((i) => i.json);

	it('App → Get Many, with and without channels; Channel → Get Many', async () => {
		for (const includeChannels of [false, true]) {
			const apps = await runAll({
				resource: 'app',
				operation: 'getAll',
				returnAll: true,
				includeChannels,
			});
			expect(apps.length).toBeGreaterThan(0);
			expect(apps.every((a) => 'channels' in a)).toBe(includeChannels);
			for (const item of apps) expectConforms('app.getAll', item);
		}
		const channels = await runAll({
			resource: 'channel',
			operation: 'getAll',
			appId: { __rl: true, mode: 'id', value: appId() },
			returnAll: true,
			options: { includeArchived: true },
		});
		expect(channels.length).toBeGreaterThan(0);
		for (const item of channels) expectConforms('channel.getAll', item);
	});

	it('Customer → Archive and Unarchive', async () => {
		const customer = emulator().state.addCustomer({
			appId: appId(),
			name: 'Gone Co',
			type: 'prod',
		});
		const byId = { __rl: true, mode: 'id', value: customer.id };
		const [archived] = await runAll({ resource: 'customer', operation: 'archive', customer: byId });
		expect(archived).toEqual({
			id: customer.id,
			customId: null,
			name: 'Gone Co',
			archived: true,
			wasArchived: false,
		});
		expectConforms('customer.archive', archived);
		const [back] = await runAll({ resource: 'customer', operation: 'unarchive', customer: byId });
		expect(back).toMatchObject({ archived: false, wasArchived: true });
		expectConforms('customer.unarchive', back);
	});

	it('Notification → Get Subscription(s), Get Deliveries, Retry Delivery, Send Test, Delete Subscription', async () => {
		const sub = emulator().state.addSubscription({
			name: 'n8n: Signups',
			webhookUrl: 'http://127.0.0.1:9/unreachable',
			customHeaders: [{ name: 'X-Hook-Token', value: 'tok-1' }],
		});
		const subscriptionId = { __rl: true, mode: 'id', value: sub.id };
		const run = (parameters: IDataObject) => runAll({ resource: 'notification', ...parameters });
		for (const item of await run({ operation: 'getSubscriptions', returnAll: true, filters: {} }))
			expectConforms('notification.getSubscriptions', item);
		const [one] = await run({ operation: 'getSubscription', subscriptionId });
		expect(one).toMatchObject({ id: sub.id, fromN8n: true, events: ['customer.created'] });
		expectConforms('notification.getSubscription', one);

		const { eventId } = await emulator().state.deliveries.deliver(
			sub,
			sampleDelivery('customer.created'),
		);
		const deliveries = await run({ operation: 'getDeliveries', returnAll: true, filters: {} });
		expect(deliveries).toHaveLength(1);
		expectConforms('notification.getDeliveries', deliveries[0]);
		const [retried] = await run({ operation: 'retryDelivery', eventId });
		expect(retried).toEqual({
			eventId,
			retried: true,
			message: 'Notification event queued for retry',
		});
		expectConforms('notification.retryDelivery', retried);

		// Replicated refuses a private URL for a test too; the emulator lifts that for loopback tests.
		emulator().allowPrivateWebhookUrls(true);
		const [tested] = await run({
			operation: 'sendTest',
			webhookUrl: 'http://127.0.0.1:9/unreachable',
			eventType: 'customer.created',
			webhookSecret: '',
		});
		expect(tested).toEqual({
			success: false,
			statusCode: 0,
			durationMs: 0,
			webhookUrl: 'http://127.0.0.1:9/unreachable',
			eventType: 'customer.created',
		});
		expectConforms('notification.sendTest', tested);

		const [deleted] = await run({ operation: 'deleteSubscription', subscriptionId });
		expect(deleted).toEqual({ id: sub.id, deleted: true });
		expectConforms('notification.deleteSubscription', deleted);
	});
});

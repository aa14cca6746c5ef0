import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();

describe('Replicated node: Notification', () => {
	const { emulator, context } = useEmulator();
	const subscribe = (name: string, url: string, isEnabled = true) => {
		const id = emulator().state.newId('subscription');
		emulator().state.subscriptions.set(id, {
			id,
			name,
			isEnabled,
			emailAddress: null,
			webhookUrl: url,
			customHeaders: [],
			eventConfigs: [{ eventType: 'customer.created', filters: {} }],
			failureContact: null,
			createdAt: '2026-11-30T10:00:00Z',
			updatedAt: '2026-11-30T10:00:00Z',
		});
		return id;
	};
	const run = async (parameters: Record<string, unknown>, token?: string) =>
		(
			await node.execute.call(
				context({ parameters: { resource: 'notification', ...parameters }, token }),
			)
		)[0];

	it('Get Subscriptions lists them with their events flat, filtered as asked', async () => {
		const ours = subscribe('n8n: Signups', 'https://n8n.example.com/webhook/a/webhook', false);
		subscribe('Ops pager', 'https://pager.example.com/hook');
		const items = await run({
			operation: 'getSubscriptions',
			returnAll: true,
			filters: { onlyDisabled: true, onlyN8n: true, urlContains: 'n8n.example.com' },
		});
		expect(items.map((i) => i.json)).toEqual([
			expect.objectContaining({
				id: ours,
				name: 'n8n: Signups',
				isEnabled: false,
				events: ['customer.created'],
				fromN8n: true,
			}),
		]);
	});

	it('Get Deliveries pages through the log under both readings of currentPage, each event once', async () => {
		const id = subscribe('n8n: Signups', 'http://127.0.0.1:9/unreachable');
		emulator().allowPrivateWebhookUrls(true);
		for (let i = 0; i < 7; i++) await emulator().notify('customer.created');
		for (const eventPages of ['fromZero', 'fromOne'] as const) {
			emulator().setReadings({ eventPages });
			const items = await run({
				operation: 'getDeliveries',
				returnAll: false,
				limit: 1000,
				filters: { subscriptionId: id, status: 'pending' },
			});
			expect(new Set(items.map((i) => i.json.id)).size).toBe(7);
			expect(items).toHaveLength(7);
			expect(items[0].json).toMatchObject({
				subscriptionId: id,
				eventType: 'customer.created',
				status: 'pending',
				attemptCount: 1,
				lastAttempt: { statusCode: 0, success: false },
			});
		}
		// 100 a page at most, whatever the limit.
		const asked = emulator().requests.filter((r) => r.path === '/v3/notification_events');
		expect(asked.every((r) => r.query.pageSize === '100')).toBe(true);
	});

	it('a 403 from a notification endpoint names the team permission the token lacks', async () => {
		await expect(
			run({ operation: 'retryDelivery', eventId: 'evt1' }, emulator().readOnlyToken),
		).rejects.toThrow(
			"Replicated: this API token has read-only access. The API token's role lacks the team permission team/[:teamid]/notification/write: add it to the role in the Vendor Portal (Team → Roles) or use a token whose role has it.",
		);
		await expect(
			run(
				{
					operation: 'deleteSubscription',
					subscriptionId: { __rl: true, mode: 'id', value: 'sub1' },
				},
				emulator().readOnlyToken,
			),
		).rejects.toThrow('team/notifications/subscriptions/delete');
	});

	it('Delete Subscription removes it; one already gone counts as deleted', async () => {
		const id = subscribe('n8n: Old', 'https://old.example.com/webhook/x/webhook');
		const del = {
			operation: 'deleteSubscription',
			subscriptionId: { __rl: true, mode: 'id', value: id },
		};
		expect((await run(del)).map((i) => i.json)).toEqual([{ id, deleted: true }]);
		expect(emulator().state.subscriptions.has(id)).toBe(false);
		expect((await run(del)).map((i) => i.json)).toEqual([{ id, deleted: true }]);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { RETRY_SCHEDULE_MS } from '../emulator/delivery-log';
import { sampleDelivery } from '../emulator/samples';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();
/** Nothing listens there: every attempt fails at once (connection refused). */
const DOWN = 'http://127.0.0.1:9/unreachable';

describe('Replicated node: Notification', () => {
	// Named, so that a test that changes the schedule has it back after the reset.
	const { emulator, context } = useEmulator({ retryScheduleMs: RETRY_SCHEDULE_MS });
	const subscribe = (name: string, url: string, isEnabled = true) =>
		emulator().state.addSubscription({
			name,
			isEnabled,
			webhookUrl: url,
			createdAt: '2026-11-30T10:00:00Z',
			updatedAt: '2026-11-30T10:00:00Z',
		}).id;
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

	it('Get Subscriptions lists the whole team’s (type=team) where Replicated honours it, its own where not', async () => {
		const mine = subscribe('n8n: Signups', 'https://n8n.example.com/webhook/a/webhook');
		const theirs = emulator().state.addSubscription({
			by: 'teammate',
			name: 'Ops pager',
			webhookUrl: 'https://pager.example.com/hook',
		}).id;
		const listed = async () =>
			(await run({ operation: 'getSubscriptions', returnAll: true, filters: {} })).map((i) => [
				i.json.id,
				i.json.readonly,
			]);
		expect(await listed()).toEqual([
			[mine, false],
			[theirs, true],
		]);
		const asked = emulator().requests.filter((r) => r.path === '/v3/notification_subscriptions');
		expect(asked.map((r) => r.rawQuery)).toEqual(['type=team']);
		emulator().setReadings({ subscriptionListType: 'ignored' });
		expect(await listed()).toEqual([[mine, false]]);
	});

	it.each(['hidden', 'edges'] as const)(
		'Get Subscription(s) never shows a custom header token, however Replicated masks it (%s)',
		async (headerMask) => {
			emulator().setReadings({ headerMask });
			const headerValue = 'tok-3f9a2c7e51d04b8a';
			const id = emulator().state.addSubscription({
				name: 'n8n: Signups',
				webhookUrl: 'https://n8n.example.com/webhook/a/webhook',
				customHeaders: [{ name: 'X-Hook-Token', value: headerValue }],
			}).id;
			const items = [
				...(await run({ operation: 'getSubscriptions', returnAll: true, filters: {} })),
				...(await run({ operation: 'getSubscription', subscriptionId: id })),
			];
			expect(items.map((i) => i.json.customHeaders)).toEqual([
				[{ name: 'X-Hook-Token', maskedValue: '********' }],
				[{ name: 'X-Hook-Token', maskedValue: '********' }],
			]);
			const shown = JSON.stringify(items);
			for (const part of [headerValue, headerValue.slice(0, 4), headerValue.slice(-4)])
				expect(shown).not.toContain(part);
		},
	);

	it('Get Deliveries sends Event Types as a repeated key, never event_types[0], and gets only those', async () => {
		const sub = emulator().state.addSubscription({ webhookUrl: DOWN });
		for (const type of ['customer.created', 'instance.inactive', 'customer.archived'])
			await emulator().state.deliveries.deliver(sub, sampleDelivery(type));
		const items = await run({
			operation: 'getDeliveries',
			returnAll: true,
			filters: { eventTypes: ['customer.created', 'instance.inactive'] },
		});
		expect(items.map((i) => i.json.eventType).sort()).toEqual([
			'customer.created',
			'instance.inactive',
		]);
		const asked = emulator().requests.filter((r) => r.path === '/v3/notification_events');
		expect(asked.map((r) => r.rawQuery)).toEqual([
			'event_types=customer.created&event_types=instance.inactive&pageSize=100&currentPage=0',
		]);
	});

	it('Retry Delivery says whether Replicated will deliver again, in its words, however it refuses', async () => {
		const ok: Server = createServer((_req, res) => res.end('{"received":true}'));
		await new Promise<void>((r) => ok.listen(0, '127.0.0.1', r));
		const sub = emulator().state.addSubscription({ webhookUrl: DOWN });
		const failed = (
			await emulator().state.deliveries.deliver(sub, sampleDelivery('customer.created'))
		).eventId;
		sub.webhookUrl = `http://127.0.0.1:${(ok.address() as AddressInfo).port}/hook`;
		const delivered = (
			await emulator().state.deliveries.deliver(sub, sampleDelivery('customer.archived'))
		).eventId;
		await new Promise<void>((r) => ok.close(() => r()));
		const retry = async (eventId: string) =>
			(await run({ operation: 'retryDelivery', eventId })).map((i) => i.json);
		expect(await retry(failed)).toEqual([
			{ eventId: failed, retried: true, message: 'Notification event queued for retry' },
		]);
		for (const retryRefusal of ['answer', 'badRequest'] as const) {
			emulator().setReadings({ retryRefusal });
			expect(await retry(delivered)).toEqual([
				{ eventId: delivered, retried: false, message: 'notification event was already delivered' },
			]);
		}
	});

	it('Get Deliveries pages through the log under both readings of currentPage, each event once', async () => {
		const id = subscribe('n8n: Signups', DOWN);
		emulator().allowPrivateWebhookUrls(true);
		// More than a page: page 0 and page 1 are the same first page when pages count from 1.
		for (let i = 0; i < 150; i++) await emulator().notify('customer.created');
		for (const eventPages of ['fromZero', 'fromOne'] as const) {
			emulator().setReadings({ eventPages });
			const items = await run({
				operation: 'getDeliveries',
				returnAll: false,
				limit: 1000,
				filters: { subscriptionId: id, status: 'pending' },
			});
			expect(new Set(items.map((i) => i.json.id)).size).toBe(150);
			expect(items).toHaveLength(150);
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

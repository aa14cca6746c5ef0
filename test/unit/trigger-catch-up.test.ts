/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IWebhookFunctions } from 'n8n-workflow';

import { catchUp } from '../../nodes/Replicated/trigger/lifecycle/catch-up';
import { judgeStale, sameDelivery } from '../../nodes/Replicated/trigger/delivery/redelivery';
import { internalEventData, statusOf } from '../emulator/delivery-log';
import type { NotificationSubscription } from '../emulator/model';
import type { Readings } from '../emulator/routes/context';
import { sampleDelivery } from '../emulator/samples';
import { useEmulator } from '../support/emulator-fixture';
import { createHookContext } from '../support/hook-context';

/** Nothing listens there: every attempt fails at once (connection refused). */
const DOWN = 'http://127.0.0.1:9/webhook/abc/webhook';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe("Replicated Trigger: catch-up and redeliveries, read from Replicated's log as Replicated writes it", () => {
	// No scheduled retries: an event that fails its first attempt is permanently failed at once.
	const { emulator } = useEmulator({ retryScheduleMs: [] });
	let ok: Server;
	let okUrl: string;
	beforeAll(async () => {
		ok = createServer((_req, res) => res.end('{"received":true}'));
		await new Promise<void>((r) => ok.listen(0, '127.0.0.1', r));
		okUrl = `http://127.0.0.1:${(ok.address() as AddressInfo).port}/webhook/abc/webhook`;
	});
	afterAll(() => new Promise<void>((r) => ok.close(() => r())));

	const hook = (subscriptionId: string) =>
		createHookContext({
			credentials: { apiToken: emulator().token, baseUrl: emulator().baseUrl },
			parameters: { events: ['customer.created'] },
			webhookUrl: DOWN,
			staticData: { subscriptionId, webhookSecret: 'whsec_x' },
		});
	const subscription = () =>
		emulator().state.addSubscription({ name: 'n8n: Signups CRM', webhookUrl: DOWN });
	/** Replicated logs the event and makes its first attempt, to wherever the subscription points. */
	const deliver = async (sub: NotificationSubscription, at: Date, url = DOWN) => {
		sub.webhookUrl = url;
		const delivery = sampleDelivery('customer.created', {}, { timestamp: at });
		const { eventId } = await emulator().state.deliveries.deliver(sub, delivery);
		sub.webhookUrl = DOWN;
		return { eventId, delivery };
	};
	const logReads = () =>
		emulator()
			.requests.filter((r) => r.method === 'GET' && r.path.includes('event'))
			.map((r) => `${r.path}?${r.rawQuery}`);
	const iso = (ms: number) => new Date(ms).toISOString();
	/** A request's start_time, to the minute (it is "now" minus a horizon). */
	const startTime = (query: string) => new URLSearchParams(query.split('?')[1]).get('start_time')!;

	describe('a stale delivery is recognised by what Replicated logged as sent, never by eventData', () => {
		it.each([
			['full', 'served'],
			['full', 'omitted'],
			['partial', 'served'],
			['partial', 'omitted'],
		] as Array<[Readings['logPayload'], Readings['attemptBodies']]>)(
			'payload %s, attempts’ requestBody %s',
			async (logPayload, attemptBodies) => {
				emulator().setReadings({ logPayload, attemptBodies });
				const sub = subscription();
				// Nine hours ago, ten minutes into the hour: both events in one hour.
				const old = Math.floor((Date.now() - 9 * HOUR) / HOUR) * HOUR + 10 * 60_000;
				const delivered = await deliver(sub, new Date(old), okUrl);
				const missed = await deliver(sub, new Date(old + 1000));
				const ctx = hook(sub.id) as unknown as IWebhookFunctions;
				emulator().requests.length = 0;
				// Key order is not the payload's identity.
				const reordered = Object.fromEntries(Object.entries(missed.delivery).reverse());
				expect(await judgeStale(ctx, reordered)).toBe('redelivery');
				expect(await judgeStale(ctx, delivered.delivery)).toBe('delivered');
				const forged = {
					...delivered.delivery,
					data: { ...delivered.delivery.data, customer_name: 'Forged Inc' },
				};
				expect(await judgeStale(ctx, forged)).toBe('unknown');
				// A read of the hour around the event, server-filtered and paged: not the whole history.
				// (A loaded machine may outlast the 5-second read cache or the 2-second timeout: the read
				// is then made again, the same request.)
				const hourOf = Math.floor(old / HOUR) * HOUR;
				expect([...new Set(logReads())]).toEqual([
					`/v3/notification_events?${new URLSearchParams({
						subscription_id: sub.id,
						start_time: iso(hourOf - HOUR),
						end_time: iso(hourOf + 2 * HOUR),
						pageSize: '100',
						currentPage: '0',
					}).toString()}`,
				]);
			},
		);

		it('matches a payload, any attempt’s requestBody, or their {event, timestamp, data}; not eventData, not the pact’s bare {event}', () => {
			const delivery = sampleDelivery('customer.created');
			const core = { event: delivery.event, timestamp: delivery.timestamp, data: delivery.data };
			const entry = {
				id: 'evt-1',
				eventType: delivery.event,
				createdAt: delivery.timestamp,
				status: 'failed',
				eventData: internalEventData(delivery.data),
			};
			const attempt = (requestBody?: unknown) => ({ id: 'att', success: false, requestBody });
			const matches = (logged: object) => sameDelivery(logged as never, delivery);
			expect(matches({ ...entry, payload: delivery })).toBe(true);
			expect(matches({ ...entry, payload: core })).toBe(true);
			expect(matches({ ...entry, attempts: [attempt(), attempt(delivery)] })).toBe(true);
			expect(
				matches({ ...entry, payload: { event: delivery.event }, attempts: [attempt(core)] }),
			).toBe(true);
			// Replicated's internal record says nothing about what was sent, even when it looks alike.
			expect(matches({ ...entry, eventData: delivery.data })).toBe(false);
			expect(matches({ ...entry, payload: { event: delivery.event }, attempts: [] })).toBe(false);
			expect(matches({ ...entry, payload: { ...core, timestamp: '2020-01-01T00:00:00Z' } })).toBe(
				false,
			);
		});
	});

	describe('catch-up', () => {
		it.each(['fromZero', 'fromOne'] as const)(
			'asks for every failed event of the last 30 days, read 100 a page (currentPage %s), oldest first; pending ones are left to Replicated',
			async (eventPages) => {
				emulator().setReadings({ eventPages });
				const sub = subscription();
				const now = Date.now();
				// 130 permanently failed over the last 20 days, newest first as they are fired.
				const failed: string[] = [];
				for (let i = 0; i < 130; i++)
					failed.unshift((await deliver(sub, new Date(now - HOUR - i * 3 * HOUR))).eventId);
				const tooOld = (await deliver(sub, new Date(now - 40 * DAY))).eventId;
				await deliver(sub, new Date(now - 2 * HOUR), okUrl);
				// Still in Replicated's retry schedule: its next retry is Replicated's to make.
				emulator().state.deliveries.scheduleMs = [60_000];
				const pending = (await deliver(sub, new Date(now - 30 * 60_000))).eventId;
				expect(statusOf(emulator().state.deliveries.events.get(pending)!)).toBe('pending');
				const ctx = hook(sub.id);
				emulator().requests.length = 0;
				expect(await catchUp(ctx, sub.id, 'Replicated Trigger')).toEqual({
					asked: 130,
					missed: 130,
				});
				const reads = logReads();
				const horizon = Date.parse(startTime(reads[0]));
				expect(horizon).toBeGreaterThan(now - 30 * DAY - 60_000);
				expect(horizon).toBeLessThanOrEqual(Date.now() - 30 * DAY);
				const page = (n: number) =>
					`/v3/notification_events?${new URLSearchParams({
						subscription_id: sub.id,
						status: 'failed',
						start_time: iso(horizon),
						pageSize: '100',
						currentPage: String(n),
					}).toString()}`;
				expect(reads).toEqual(
					eventPages === 'fromZero' ? [page(0), page(1)] : [page(0), page(1), page(2)],
				);
				const retried = emulator()
					.requests.filter((r) => r.method === 'POST')
					.map((r) => r.path);
				// Asked oldest first, four at a time (so they may arrive a little out of order).
				expect([...retried].sort()).toEqual(
					failed.map((id) => `/v3/notification_event/${id}/retry`).sort(),
				);
				expect(retried.join()).not.toContain(tooOld);
				expect(retried.join()).not.toContain(pending);
				expect(ctx.logLines).toContain(
					`info Replicated Trigger: asked Replicated to redeliver 130 of 130 undelivered event(s) of subscription ${sub.id}`,
				);
			},
		);

		it.each(['answer', 'badRequest'] as const)(
			'logs why Replicated refused a retry (refusal answered as %s), and counts it as not asked',
			async (retryRefusal) => {
				emulator().setReadings({ retryRefusal });
				const sub = subscription();
				const { eventId } = await deliver(sub, new Date(Date.now() - 3 * HOUR));
				// Its subscription deleted meanwhile: Replicated keeps the log, and will not retry it.
				emulator().state.deliveries.subscriptionDeleted(sub.id);
				const ctx = hook(sub.id);
				expect(await catchUp(ctx, sub.id, 'Replicated Trigger')).toEqual({ asked: 0, missed: 1 });
				expect(ctx.logLines).toEqual([
					`warn Replicated Trigger: Replicated refused to redeliver event ${eventId} (customer.created): the subscription of this notification event was deleted`,
					`info Replicated Trigger: asked Replicated to redeliver 0 of 1 undelivered event(s) of subscription ${sub.id}`,
				]);
			},
		);

		it('leaves the oldest beyond 1,000 and says where to find them', async () => {
			const sub = subscription();
			const at = Date.now() - DAY;
			// A long downtime of a busy subscription: 1,003 permanently failed deliveries.
			for (let i = 0; i < 1003; i++) await deliver(sub, new Date(at - i * 60_000));
			const ctx = hook(sub.id);
			emulator().requests.length = 0;
			expect(await catchUp(ctx, sub.id, 'Replicated Trigger')).toEqual({
				asked: 1000,
				missed: 1003,
			});
			expect(logReads()).toHaveLength(10);
			expect(ctx.logLines).toContain(
				`info Replicated Trigger: asked Replicated to redeliver 1000 of 1003 undelivered event(s) of subscription ${sub.id} (3 more are left for the next catch-up, or Notifications → History)`,
			);
		});
	});
});

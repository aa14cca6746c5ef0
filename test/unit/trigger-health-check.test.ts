/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { sampleDelivery } from '../emulator/samples';
import { useEmulator } from '../support/emulator-fixture';
import { eventually } from '../support/eventually';

const node = new Replicated();
/** Nothing listens there: every attempt fails at once (connection refused). */
const DOWN = 'http://127.0.0.1:9/webhook/down/webhook';
/** Replicated's retries, a millisecond apart: a delivery fails for good at once. */
const FAST_RETRIES = [1, 1, 1, 1, 1, 1, 1, 1];

/**
 * Notification → Check Trigger Health over the subscriptions alone (the comparison with n8n's
 * published workflows runs against a real n8n: test/e2e/trigger-health-check.test.ts).
 */
describe('Replicated node: Notification → Check Trigger Health', () => {
	const { emulator, context } = useEmulator({
		retryScheduleMs: FAST_RETRIES,
		// The subscriptions here deliver to loopback, as in the local sandbox.
		allowPrivateWebhookUrls: true,
	});
	let ok: Server;
	let okUrl = '';
	beforeAll(async () => {
		ok = createServer((_req, res) => res.end('{"received":true}'));
		await new Promise<void>((r) => ok.listen(0, '127.0.0.1', r));
		okUrl = `http://127.0.0.1:${(ok.address() as AddressInfo).port}/webhook/ok/webhook`;
	});
	afterAll(async () => await new Promise<void>((r) => ok.close(() => r())));

	const check = async (parameters: IDataObject = {}, staticData?: IDataObject) =>
		(
			await node.execute.call(
				context({
					parameters: { resource: 'notification', operation: 'checkTriggerHealth', ...parameters },
					...(staticData ? { staticData } : {}),
				}),
			)
		)[0].map((i) => i.json);
	const subscribe = (name: string, webhookUrl: string, extra: IDataObject = {}) =>
		emulator().state.addSubscription({ name, webhookUrl, ...extra });
	/** Delivers one event and waits until Replicated has it delivered or failed for good. */
	async function deliverOne(id: string) {
		const state = emulator().state;
		const { eventId } = await state.deliveries.deliver(
			state.subscriptions.get(id)!,
			sampleDelivery('customer.created'),
		);
		const event = state.deliveries.events.get(eventId)!;
		await eventually(
			'the delivery delivered or failed for good',
			() =>
				(event.attempts.at(-1)?.success === true || event.retryCount >= 8) && !event.nextRetryAt,
			5_000,
			10,
		);
		return eventId;
	}

	it('reports each subscription of the trigger, worst first, and leaves the others out', async () => {
		const healthy = subscribe('n8n: Signups', okUrl).id;
		const failing = subscribe('n8n: Renewals', DOWN).id;
		const disabled = subscribe('n8n: Health', DOWN, { isEnabled: false }).id;
		subscribe('Ops pager', DOWN);
		subscribe('n8n: Signups (test)', DOWN);
		await deliverOne(healthy);
		await deliverOne(failing);
		const items = await check();
		expect(items.map((i) => [i.status, (i.subscription as IDataObject).id])).toEqual([
			['disabled', disabled],
			['failing', failing],
			['healthy', healthy],
		]);
		const [off, broken, fine] = items;
		expect(off).toMatchObject({
			summary: `Replicated disabled "n8n: Health" (it does so after 10 consecutive permanently failed deliveries): no event reaches ${DOWN}.`,
			previousStatus: 'healthy',
			workflow: null,
			triggerNode: null,
			repairs: [],
		});
		expect(broken.deliveries).toEqual({
			windowHours: 24,
			failed: 1,
			retrying: 0,
			pending: 0,
			delivered: 0,
			lastDeliveredAt: null,
			lastError: expect.stringContaining('ECONNREFUSED'),
			complete: true,
		});
		expect(broken.fix).toMatch(/^Find why n8n refused them/);
		expect(fine).toMatchObject({
			fix: null,
			deliveries: expect.objectContaining({ delivered: 1, failed: 0 }),
		});
		expect((fine.deliveries as IDataObject).lastDeliveredAt).toEqual(
			emulator().state.deliveries.forSubscription(healthy)[0].attempts[0].attemptedAt,
		);
		expect(fine.summary).toMatch(
			/^"n8n: Signups" is enabled and delivers to its webhook URL: 0 failed, 0 being retried and 1 delivered in the last 24 h, last at /,
		);
	});

	it('Repair re-enables a disabled subscription and retries failed deliveries, each said in words', async () => {
		const disabled = subscribe('n8n: Health', okUrl, { isEnabled: false }).id;
		const failing = subscribe('n8n: Renewals', DOWN).id;
		const failedEvent = await deliverOne(failing);
		const theirs = emulator().state.addSubscription({
			by: 'teammate',
			name: 'n8n: Their flow',
			webhookUrl: DOWN,
			isEnabled: false,
		}).id;
		const items = await check({ repair: { reEnable: true, retryFailed: true } });
		const repairs = Object.fromEntries(
			items.map((i) => [(i.subscription as IDataObject).id as string, i.repairs]),
		);
		expect(repairs).toEqual({
			[disabled]: ['re-enabled'],
			[theirs]: [
				'not re-enabled: another team member made it, and only they or a team admin may change it',
			],
			[failing]: ['retried 1 failed delivery'],
		});
		expect(emulator().state.subscriptions.get(disabled)!.isEnabled).toBe(true);
		expect(emulator().state.subscriptions.get(theirs)!.isEnabled).toBe(false);
		// The retry is one more attempt of the same event (made after Replicated answered).
		const attempts = emulator().state.deliveries.events.get(failedEvent)!.attempts;
		await eventually('the retry attempted', () => attempts.length === 10, 5_000, 10);
		const retried = emulator().requests.filter((r) => r.path.endsWith('/retry'));
		expect(retried.map((r) => r.path)).toEqual([`/v3/notification_event/${failedEvent}/retry`]);
	});

	it('without a repair asked, it changes nothing at Replicated', async () => {
		subscribe('n8n: Health', DOWN, { isEnabled: false });
		await deliverOne(subscribe('n8n: Renewals', DOWN).id);
		await check();
		expect(emulator().requests.filter((r) => r.method !== 'GET')).toEqual([]);
	});

	it('Only Changes Since Last Check reports a trigger once per change, recovery included', async () => {
		const memory: IDataObject = {};
		const changes = async () =>
			(await check({ outputMode: 'changes' }, memory)).map((i) => [
				(i.subscription as IDataObject).name,
				i.previousStatus,
				i.status,
			]);
		const health = subscribe('n8n: Health', okUrl, { isEnabled: false });
		const signups = subscribe('n8n: Signups', okUrl);
		expect(await changes()).toEqual([['n8n: Health', 'healthy', 'disabled']]);
		expect(await changes()).toEqual([]);
		health.isEnabled = true;
		expect(await changes()).toEqual([['n8n: Health', 'disabled', 'healthy']]);
		expect(await changes()).toEqual([]);
		// Only statuses are kept, one per trigger seen.
		expect(Object.values(memory)).toEqual([
			{
				lastStatuses: {
					[`subscription/${health.id}`]: 'healthy',
					[`subscription/${signups.id}`]: 'healthy',
				},
			},
		]);
	});

	it("quotes Replicated's last error clipped, however long", async () => {
		const failing = subscribe('n8n: Renewals', DOWN).id;
		const eventId = await deliverOne(failing);
		const event = emulator().state.deliveries.events.get(eventId)!;
		event.attempts.at(-1)!.errorMessage = `<script>${'x'.repeat(10_000)}`;
		const [item] = await check();
		expect((item.deliveries as IDataObject).lastError).toBe(
			`<script>${'x'.repeat(292)}… (10008 characters)`,
		);
	});

	it('counts only the window asked for', async () => {
		const id = subscribe('n8n: Renewals', okUrl).id;
		const state = emulator().state;
		const old = new Date(Date.now() - 30 * 3_600_000);
		await state.deliveries.deliver(
			state.subscriptions.get(id)!,
			sampleDelivery('customer.created', {}, { timestamp: old }),
		);
		await deliverOne(id);
		const [item] = await check({ windowHours: 48 });
		expect((item.deliveries as IDataObject).delivered).toBe(2);
		const [recent] = await check({ windowHours: 24 });
		expect((recent.deliveries as IDataObject).delivered).toBe(1);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test: stops and starts a real n8n while Replicated's emulator keeps sending */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { statusOf } from '../emulator/delivery-log';
import { type Emulator, startEmulator } from '../emulator/server';
import { eventually } from '../support/eventually';
import { freePort, type N8nInstance, startN8n } from '../support/n8n-process';
import { type Sink, sinkNode, startSink } from '../support/sink';
import { triggerNode } from '../support/trigger-node';
import { report } from './report';

const FULL = process.env.RELIABILITY_SCALE === 'full';
/** Events while n8n is up, while it is down, and after it is back, per trigger. */
const BEFORE = FULL ? 50 : 5;
const DURING = FULL ? 200 : 15;
const AFTER = FULL ? 50 : 5;
/** Replicated's 1, 2 … 128 minutes as 40 ms … 5.1 s: a delivery gives up ~10 s after its event. */
const SCHEDULE = [1, 2, 4, 8, 16, 32, 64, 128].map((m) => m * 40);
/** As if n8n had been down for five hours: the events carry the times they happened. */
const DOWNTIME_MS = 5 * 3600_000;
const HOOK = 'd0d0d0d0-0000-4000-8000-0000000000d1';

/** Replicated Trigger → the sink, with what the item says about the event. */
function workflow(sinkUrl: string) {
	return {
		id: 'reliabilityDowntim',
		name: 'Reliability: downtime',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			triggerNode({
				id: 'downtime-trigger',
				webhookId: HOOK,
				registration: 'auto',
				events: ['customer.created'],
				// The default 6 hours would still accept five-hour-old events as fresh.
				options: { enrichCustomer: false, replayToleranceMinutes: 60 },
				credentials: { replicatedApi: { id: 'downtimeReplicated', name: 'Replicated (downtime)' } },
			}),
			sinkNode(
				'downtime-sink',
				sinkUrl,
				'={{ JSON.stringify({ deliveryId: $json.deliveryId, event: $json.event, occurredAt: $json.occurredAt, redelivered: $json.redelivered === true }) }}',
			),
		],
		connections: {
			'Replicated Trigger': { main: [[{ node: 'To Sink', type: 'main', index: 0 }]] },
		},
	};
}

describe('Reliability: n8n down for longer than Replicated retries, its subscription auto-disabled', () => {
	let emulator: Emulator;
	let n8n: N8nInstance;
	let sink: Sink;
	const fired: string[] = [];

	beforeAll(async () => {
		emulator = await startEmulator({ retryScheduleMs: SCHEDULE, specCheck: !FULL });
		emulator.allowPrivateWebhookUrls(true);
		sink = await startSink();
		const port = await freePort();
		// n8n 2.41 as installed: its publication service keeps webhook registrations across restarts.
		n8n = await startN8n({
			env: { N8N_PORT: String(port) },
			credentials: [
				{
					id: 'downtimeReplicated',
					name: 'Replicated (downtime)',
					type: 'replicatedApi',
					data: {
						apiToken: emulator.token,
						baseUrl: emulator.baseUrl,
						allowPrivateWebhookUrls: true,
					},
				},
			],
			workflows: [workflow(sink.url)],
		});
		await eventually('the subscription', () => emulator.state.subscriptions.size === 1);
	}, 300_000);

	afterAll(async () => {
		if (process.env.E2E_LOG_DIR && n8n)
			writeFileSync(path.join(process.env.E2E_LOG_DIR, 'reliability-downtime-n8n.log'), n8n.log());
		await n8n?.stop();
		await sink?.close();
		await emulator?.close();
	}, 60_000);

	it('runs every event that fired exactly once: 0 lost, 0 duplicated', async () => {
		const [subscription] = emulator.state.subscriptions.values();
		// The sample events differ only in their time, which Replicated sends to the second: two at
		// one second are one event twice, which the trigger rightly runs once. So every event gets its
		// own second: the ones before the downtime end AFTER seconds before it, those after it start
		// later than that whatever the restart took.
		const fire = async (at: Date) =>
			fired.push((await emulator.notify('customer.created', { timestamp: at })).event.timestamp);
		const recent = (i: number, n: number, gap = 0) => new Date(Date.now() - (n + gap - i) * 1000);
		for (let i = 0; i < BEFORE; i++) await fire(recent(i, BEFORE, AFTER + 1));
		await eventually('the events before the downtime', () => sink.hits.length >= BEFORE);

		const stoppedAt = Date.now();
		await n8n.stop();
		// From five to two hours ago: all older than the trigger's replay window.
		const start = Date.now() - DOWNTIME_MS;
		const span = DOWNTIME_MS - 2 * 3600_000;
		for (let i = 0; i < DURING; i++) await fire(new Date(start + Math.round((i * span) / DURING)));
		const during = () => emulator.state.deliveries.forSubscription(subscription.id).slice(BEFORE);
		await eventually(
			'every delivery during the downtime failed',
			() => during().every((e) => statusOf(e) === 'failed'),
			120_000,
		);
		const disabled = emulator.state.subscriptions.get(subscription.id)!.isEnabled === false;
		expect(disabled).toBe(DURING >= 10);
		// While disabled, Replicated sends nothing for the subscription and logs nothing.
		const ignored = (await emulator.notify('customer.created')).deliveries.length;
		expect(ignored).toBe(0);

		await n8n.startAgain();
		const downSeconds = (Date.now() - stoppedAt) / 1000;
		// What a user does on Replicated's email: enable the subscription again in the Vendor Portal.
		emulator.state.subscriptions.get(subscription.id)!.isEnabled = true;
		const back = Date.now();
		for (let i = 0; i < AFTER; i++) await fire(recent(i, AFTER));
		const expected = BEFORE + DURING + AFTER;
		// A burst of hours-old redeliveries, each checked against Replicated's log: minutes at full size.
		await eventually(
			'every event at the sink',
			() => sink.hits.length >= expected,
			FULL ? 900_000 : 180_000,
		);
		const caughtUpSeconds = (Date.now() - back) / 1000;
		// Whatever else would arrive (Replicated's retries, a second catch-up) has time to.
		await new Promise((r) => setTimeout(r, 5000));

		const runs = new Map<string, number>();
		for (const hit of sink.hits)
			runs.set(String(hit.occurredAt), (runs.get(String(hit.occurredAt)) ?? 0) + 1);
		const lost = fired.filter((at) => !runs.has(at)).length;
		const duplicated = [...runs.values()].filter((n) => n > 1).length;
		const redelivered = sink.hits.filter((h) => h.redelivered === true).length;
		expect(new Set(fired).size).toBe(fired.length);
		const figures = {
			events: fired.length,
			beforeDowntime: BEFORE,
			duringDowntime: DURING,
			afterRestart: AFTER,
			retrySchedule: 'Replicated’s 1–128 min as 40 ms–5.1 s (8 retries, ~10 s in all)',
			eventsAgeDuringDowntime: '2–5 h (replay window 60 min)',
			subscriptionAutoDisabled: disabled,
			n8nDownSeconds: Math.round(downSeconds),
			runs: sink.hits.length,
			redeliveredRuns: redelivered,
			lost,
			duplicated,
			caughtUpWithinSeconds: Math.round(caughtUpSeconds),
		};
		console.log(`downtime: ${JSON.stringify(figures)}`);
		expect({ lost, duplicated, runs: sink.hits.length, redelivered }).toEqual({
			lost: 0,
			duplicated: 0,
			runs: expected,
			redelivered: DURING,
		});
		// The downtime's events, and any of the fresh ones whose first attempt was still in flight.
		const asked = [
			...n8n.log().matchAll(/asked Replicated to redeliver (\d+) of (\d+) undelivered event/g),
		].map((m) => [Number(m[1]), Number(m[2])]);
		expect(asked.some(([n, of]) => n === of && n >= DURING)).toBe(true);
		// Only a run that passed leaves its figures with the benchmarks.
		report('downtime', figures);
	}, 1_800_000);
});

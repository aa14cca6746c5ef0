/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, no-console -- test: drives n8n in queue mode from outside */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { EVENT_TYPES } from '../../nodes/Replicated/trigger/panel/events';
import { type Emulator, startEmulator } from '../emulator/server';
import { sampleDelivery } from '../emulator/samples';
import { type QueueMode, startQueueMode } from '../support/queue-mode';
import { type Sink, sinkNode, startSink } from '../support/sink';
import { tally } from '../support/tally';
import { triggerNode } from '../support/trigger-node';
import { executionStatuses, paced, rssMb, settled, signed, total } from './drive';
import { hostileRequest } from './hostile';
import { report } from './report';

/** `npm run test:reliability` runs the full size; `npm test` (and CI) a reduced one. */
const FULL = process.env.RELIABILITY_SCALE === 'full';
const DELIVERIES = FULL ? 10_000 : 500;
const HOSTILE = FULL ? 10_000 : 600;
/**
 * Hostile requests sent, and answered, before the measured rounds. The webhook process's heap grows
 * to its working size over the first ~600 (a CI run went 380 → 467 → 517 MB over two rounds of 300,
 * then stayed): at the reduced size the measured first half alone is not enough to get there, and
 * the second half then showed warm-up (CI: 451 → 604 MB, with the previous release's package too).
 */
const WARM_UP = FULL ? 0 : 600;
const IN_FLIGHT = 8;
const PER_SECOND = 150;
const RESEND_SHARE = 0.05;

const SECRET = 'whsec_reliability_0123456789abcdef';
const WORKFLOW_ID = 'reliabilityFlood01';
const HOOK = 'c0c0c0c0-0000-4000-8000-00000000f100';

function floodWorkflow(sinkUrl: string) {
	return {
		id: WORKFLOW_ID,
		name: 'Reliability: every delivery to the sink',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			triggerNode({
				id: 'flood-trigger',
				webhookId: HOOK,
				registration: 'manual',
				events: ['*'],
				options: { enrichCustomer: false },
				credentials: {
					replicatedApi: { id: 'relReplicated', name: 'Replicated (reliability)' },
					replicatedWebhookApi: { id: 'relSecret', name: 'Webhook secret (reliability)' },
				},
			}),
			sinkNode(
				'flood-sink',
				sinkUrl,
				'={{ JSON.stringify({ deliveryId: $json.deliveryId, event: $json.event, execution: $execution.id }) }}',
			),
		],
		connections: {
			'Replicated Trigger': { main: [[{ node: 'To Sink', type: 'main', index: 0 }]] },
		},
	};
}

describe(`n8n queue mode (PostgreSQL, Redis, main, webhook process, 2 workers): ${DELIVERIES} deliveries`, () => {
	let emulator: Emulator;
	let sink: Sink;
	let queue: QueueMode;
	const url = () => `${queue.webhookOrigin}/webhook/${HOOK}/webhook`;
	const bodies: string[] = [];

	const executionCount = async () => total(await executionStatuses(queue.main, WORKFLOW_ID));

	beforeAll(async () => {
		emulator = await startEmulator();
		sink = await startSink();
		queue = await startQueueMode({
			credentials: [
				{
					id: 'relReplicated',
					name: 'Replicated (reliability)',
					type: 'replicatedApi',
					data: {
						apiToken: emulator.token,
						baseUrl: emulator.baseUrl,
						allowPrivateWebhookUrls: true,
					},
				},
				{
					id: 'relSecret',
					name: 'Webhook secret (reliability)',
					type: 'replicatedWebhookApi',
					data: { secret: SECRET },
				},
			],
			workflows: [floodWorkflow(sink.url)],
			env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		});
		for (let i = 0; i < DELIVERIES; i++) {
			const event = EVENT_TYPES[i % EVENT_TYPES.length].key;
			const delivery = sampleDelivery(event, { instanceId: `flood-${i}`, customerId: `cust-${i}` });
			// Not every event names an instance or customer: a sequence number makes every body distinct.
			bodies.push(JSON.stringify({ ...delivery, data: { ...delivery.data, sequence: i } }));
		}
	}, 600_000);

	afterAll(async () => {
		// Every process's log, for reading after a failure (the secret scan below reads the same).
		if (queue) writeFileSync(path.join(__dirname, '../../.tmp/reliability-logs.txt'), queue.logs());
		await queue?.stop();
		await sink?.close();
		await emulator?.close();
	});

	const MINUTES = 60_000;

	it(
		'starts exactly one execution per distinct delivery, also when 5% are sent again as retries',
		async () => {
			const t0 = Date.now();
			/** Sends the deliveries with these indexes, signed, at the flood's pace. */
			const send = async (indexes: number[]) =>
				await paced(
					url(),
					indexes.length,
					(k) => signed(bodies[indexes[k]], SECRET),
					PER_SECOND,
					IN_FLIGHT,
				);
			const answers = await send(bodies.map((_, i) => i));
			const floodSeconds = (Date.now() - t0) / 1000;
			// n8n sheds load: at full size its webhook process answered some deliveries 503 "Database is
			// not ready!" (its database health check timed out on the busy machine), before our trigger
			// saw them. Replicated delivers a 5xx again; so does the test, 5 s later, up to 8 times.
			const refusedByN8n = (a: { status: number }) => a.status >= 500 || a.status === 0;
			let refused = answers.flatMap((a, i) => (refusedByN8n(a) ? [i] : []));
			const refusedFirst = tally(
				refused.map(
					(i) => `${answers[i].status} ${/"message":"([^"]*)"/.exec(answers[i].body)?.[1] ?? ''}`,
				),
			);
			let resendRounds = 0;
			for (; refused.length && resendRounds < 8; resendRounds++) {
				await new Promise((r) => setTimeout(r, 5000));
				const again = await send(refused);
				again.forEach((a, k) => (answers[refused[k]] = a));
				refused = refused.filter((_, k) => refusedByN8n(again[k]));
			}
			// Every delivery is accepted as new in the end, also one refused before: answered 200
			// {"received": true} (a refused delivery left no duplicate record behind).
			expect(
				answers.filter((a) => a.status !== 200 || !a.body.includes('"received":true')),
			).toEqual([]);

			// Replicated's retries repeat a body exactly, after the first attempt was answered.
			const resent = Array.from({ length: Math.round(DELIVERIES * RESEND_SHARE) }, (_, k) =>
				Math.floor((k * DELIVERIES) / Math.round(DELIVERIES * RESEND_SHARE)),
			);
			const retries = await send(resent);
			expect(
				retries.filter((a) => a.status !== 200 || !a.body.includes('"duplicate":true')),
			).toEqual([]);

			// Two workers on two shared cores drain the queue at about 8 executions a second (10,000 took
			// 20 minutes here); the webhook process answers much faster than that.
			await settled(sink, DELIVERIES, 60_000 + DELIVERIES * 200);
			const counts = sink.counts();
			const lost = DELIVERIES - counts.size;
			const duplicated = [...counts.values()].filter((n) => n > 1).length;
			const executions = await executionCount();
			console.log(
				`[reliability] ${DELIVERIES} deliveries in ${floodSeconds.toFixed(1)} s (refused by n8n, then delivered again: ${JSON.stringify(Object.fromEntries(refusedFirst))}) + ${resent.length} retries → ` +
					`${counts.size} distinct at the sink, ${lost} lost, ${duplicated} duplicated, ${executions} executions, ` +
					`all done after ${((Date.now() - t0) / 1000).toFixed(1)} s`,
			);
			report('flood', {
				deliveries: DELIVERIES,
				eventTypes: EVENT_TYPES.length,
				perSecond: PER_SECOND,
				inFlight: IN_FLIGHT,
				sentInSeconds: Number(floodSeconds.toFixed(1)),
				refusedByN8nThenDelivered: Object.fromEntries(refusedFirst),
				resendRounds,
				retriesSent: resent.length,
				retriesAnsweredDuplicate: retries.filter((a) => a.body.includes('"duplicate":true')).length,
				distinctAtSink: counts.size,
				lost,
				duplicated,
				executions,
				allDoneAfterSeconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
			});
			expect({ distinct: counts.size, lost, duplicated, executions }).toEqual({
				distinct: DELIVERIES,
				lost: 0,
				duplicated: 0,
				executions: DELIVERIES,
			});
		},
		5 * MINUTES + DELIVERIES * 250,
	);

	it(
		`answers ${HOSTILE} hostile requests 4xx each, starts nothing and keeps the webhook process's memory flat`,
		async () => {
			const before = { hits: sink.hits.length, executions: await executionCount() };
			const pid = queue.webhookPid();
			const warmUp = await paced(
				url(),
				WARM_UP,
				(k) => hostileRequest(HOSTILE + k, SECRET),
				1000,
				IN_FLIGHT,
			);
			expect(warmUp.filter((a) => a.status < 400 || a.status >= 500)).toEqual([]);
			// In rounds: the first half (after the warm-up) grows n8n's heap to its working size, if it
			// is not there yet; after that it must stay there.
			const ROUNDS = 6;
			const perRound = Math.ceil(HOSTILE / ROUNDS);
			const rss: number[] = [rssMb(pid)];
			const statuses = new Map<string, Set<number>>();
			const wrong: Array<{ i: number; kind: string; status: number }> = [];
			for (let round = 0; round < ROUNDS; round++) {
				const first = round * perRound;
				const answers = await paced(
					url(),
					Math.min(perRound, HOSTILE - first),
					(k) => hostileRequest(first + k, SECRET),
					1000,
					IN_FLIGHT,
				);
				answers.forEach((a, k) => {
					const { kind } = hostileRequest(first + k, SECRET);
					if (!statuses.has(kind)) statuses.set(kind, new Set());
					statuses.get(kind)!.add(a.status);
					if (a.status < 400 || a.status >= 500)
						wrong.push({ i: first + k, kind, status: a.status });
				});
				await new Promise((r) => setTimeout(r, 2000));
				rss.push(rssMb(pid));
			}
			console.log(
				`[reliability] ${HOSTILE} hostile requests: ${[...statuses].map(([k, s]) => `${k} → ${[...s].join('/')}`).join('; ')}; ` +
					`webhook process RSS after each round of ${perRound}: ${rss.map((m) => m.toFixed(0)).join(' → ')} MB`,
			);
			const after = { hits: sink.hits.length, executions: await executionCount() };
			report('hostile', {
				requests: HOSTILE,
				kinds: Object.fromEntries([...statuses].map(([k, s]) => [k, [...s]])),
				not4xx: wrong.length,
				executionsStarted: after.executions - before.executions,
				webhookRssMbPerRound: rss.map((m) => Math.round(m)),
				secondHalfGrowthMb: Math.round(rss[ROUNDS] - rss[ROUNDS / 2]),
			});
			expect(wrong).toEqual([]);
			expect(after).toEqual(before);
			// Flat over the second half: a leak would grow with every round, warm-up does not.
			expect(rss[ROUNDS] - rss[ROUNDS / 2]).toBeLessThan(48);
		},
		10 * MINUTES,
	);

	it('never writes the API token or the webhook secret to any log line', () => {
		const lines = queue.logs().split('\n');
		const leaks = lines.filter((l) => l.includes(SECRET) || l.includes(emulator.token));
		console.log(
			`[reliability] scanned ${lines.length} log lines of 5 processes for 2 secrets: ${leaks.length} hits`,
		);
		report('floodLogScan', { lines: lines.length, processes: 5, secrets: 2, hits: leaks.length });
		expect(leaks).toEqual([]);
	});
});

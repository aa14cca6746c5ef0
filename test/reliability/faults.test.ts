/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, no-console -- test: drives n8n in queue mode from outside */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { type Emulator, startEmulator } from '../emulator/server';
import { sampleDelivery } from '../emulator/samples';
import { eventually } from '../support/eventually';
import { type QueueMode, startQueueMode } from '../support/queue-mode';
import { type Sink, sinkNode, startSink } from '../support/sink';
import { tally } from '../support/tally';
import { triggerNode } from '../support/trigger-node';
import {
	deliverLikeReplicated,
	executionIds,
	executionStatuses,
	percentile,
	settled,
	signed,
	total,
} from './drive';
import { report } from './report';

const FULL = process.env.RELIABILITY_SCALE === 'full';
const DELIVERIES = FULL ? 2_000 : 400;
/**
 * Answered after the run, a delivery must finish within Replicated's 5 seconds: above what the
 * workers finish (about 8 a second on these two cores), every answer comes late and every delivery
 * is sent again, which only adds load (tried at 20 a second: 400 deliveries ran 2136 times).
 */
const PER_SECOND = 4;
const SECRET = 'whsec_reliability_faults_0123456789';
const WORKFLOW_ID = 'reliabilityFaults1';
const HOOK = 'c0c0c0c0-0000-4000-8000-00000000fa17';
const MINUTES = 60_000;
/**
 * Replicated retries 1, 2, 4 … 128 minutes after a failure; compressed here, the first retry still
 * comes well after the slowest run under these faults ends, as Replicated's first (1 minute) does.
 */
const RETRY_DELAYS_MS = [30_000, 30_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000];

/** Each delivery creates the customer whose Custom ID it names (found, not created, when it exists). */
function createWorkflow(sinkUrl: string, appId: string) {
	return {
		id: WORKFLOW_ID,
		name: 'Reliability: a customer per delivery',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			triggerNode({
				id: 'faults-trigger',
				webhookId: HOOK,
				registration: 'manual',
				events: ['customer.created'],
				// Answer after the run, so that a run lost with its worker is delivered again.
				options: { enrichCustomer: false, acknowledge: 'afterRun' },
				credentials: {
					replicatedApi: { id: 'faultsReplicated', name: 'Replicated (faults)' },
					replicatedWebhookApi: { id: 'faultsSecret', name: 'Webhook secret (faults)' },
				},
			}),
			{
				id: 'faults-create',
				name: 'Create Customer',
				type: 'n8n-nodes-replicated.replicated',
				typeVersion: 1,
				position: [240, 0],
				// n8n's own retry, as a user sets it: our node retries 429/5xx itself, and a create
				// whose answer was lost is found by its Custom ID on the next try.
				retryOnFail: true,
				maxTries: 5,
				waitBetweenTries: 3000,
				parameters: {
					resource: 'customer',
					operation: 'create',
					appId: { __rl: true, mode: 'id', value: appId },
					name: '={{ "Reliability " + $json.data.sequence }}',
					customId: '={{ "rel-" + $json.data.sequence }}',
					email: '',
					licenseType: 'paid',
					channelId: '',
					expiresAt: '',
					entitlements: {},
					sendInvite: false,
					onExisting: 'return',
					installOptions: {},
				},
				credentials: { replicatedApi: { id: 'faultsReplicated', name: 'Replicated (faults)' } },
			},
			sinkNode(
				'faults-sink',
				sinkUrl,
				"={{ JSON.stringify({ deliveryId: $('Replicated Trigger').item.json.deliveryId, event: 'created', customId: $json.customId, outcome: $json.outcome }) }}",
				480,
			),
		],
		connections: {
			'Replicated Trigger': { main: [[{ node: 'Create Customer', type: 'main', index: 0 }]] },
			'Create Customer': { main: [[{ node: 'To Sink', type: 'main', index: 0 }]] },
		},
	};
}

describe(`n8n queue mode under faults: ${DELIVERIES} deliveries that each create a customer`, () => {
	let emulator: Emulator;
	let sink: Sink;
	let queue: QueueMode;
	let appId: string;

	beforeAll(async () => {
		emulator = await startEmulator();
		sink = await startSink();
		appId = [...emulator.state.apps.values()][0].id;
		queue = await startQueueMode({
			credentials: [
				{
					id: 'faultsReplicated',
					name: 'Replicated (faults)',
					type: 'replicatedApi',
					data: {
						apiToken: emulator.token,
						baseUrl: emulator.baseUrl,
						allowPrivateWebhookUrls: true,
					},
				},
				{
					id: 'faultsSecret',
					name: 'Webhook secret (faults)',
					type: 'replicatedWebhookApi',
					data: { secret: SECRET },
				},
			],
			workflows: [createWorkflow(sink.url, appId)],
			env: {
				N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
				// A killed worker's jobs go back to the queue once their lock lapses (default 60 s).
				QUEUE_WORKER_LOCK_DURATION: '10000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
			},
		});
	}, 10 * MINUTES);

	afterAll(async () => {
		if (queue)
			writeFileSync(path.join(__dirname, '../../.tmp/reliability-faults-logs.txt'), queue.logs());
		await queue?.stop();
		await sink?.close();
		await emulator?.close();
	});

	it(
		'loses no delivery and creates no customer twice while a worker is killed, Redis restarts and the API fails: failed runs are answered 500 and delivered again',
		async () => {
			const bodies = Array.from({ length: DELIVERIES }, (_, i) => {
				const delivery = sampleDelivery('customer.created', { customerId: `faults-${i}` });
				return JSON.stringify({ ...delivery, data: { ...delivery.data, sequence: i } });
			});
			// The API misbehaves for a while: 503s, 429s with Retry-After, slow answers, and creates
			// whose answer is lost after the customer was made.
			const API_FAULTS = 20 + 20 + 8 + 8 + 8;
			emulator.faults
				.add({ path: '/v3/customer', status: 503, times: 20 })
				.add({ path: '/v3/customer', status: 429, retryAfter: 1, times: 20 })
				.add({ method: 'POST', path: '/v3/customer', loseAnswer: true, times: 8 })
				.add({ path: '/v3/customer', delayMs: 4000, times: 8 });
			const events: string[] = [];
			const faults: Array<Promise<void>> = [];
			const at = (share: number) => Math.floor(DELIVERIES * share);
			let killedAt = 0;
			const t0 = Date.now();
			const delivered = await deliverLikeReplicated(
				`${queue.webhookOrigin}/webhook/${HOOK}/webhook`,
				DELIVERIES,
				(i) => signed(bodies[i], SECRET),
				{ perSecond: PER_SECOND, timeoutMs: 5000, retryDelaysMs: RETRY_DELAYS_MS },
				(i) => {
					// Hold the next creates for 10 s, so that the worker killed 2 s later has runs in flight.
					if (i === at(0.2))
						emulator.faults.prepend({
							method: 'POST',
							path: '/v3/customer',
							delayMs: 10_000,
							times: 8,
						});
					if (i === at(0.2) + 2 * PER_SECOND)
						faults.push(
							queue.killWorker(0).then(() => {
								killedAt = Date.now() - t0;
								events.push(`worker 1 SIGKILL at ${killedAt} ms`);
							}),
						);
					if (i === at(0.45))
						faults.push(
							queue
								.startWorker(0)
								.then(
									({ readyMs }) =>
										void events.push(
											`worker 1 restarted at ${Date.now() - t0} ms, ready in ${readyMs} ms`,
										),
								),
						);
					if (i === at(0.6))
						faults.push(
							queue.redis
								.restart()
								.then(({ downMs }) => void events.push(`Redis restarted, down ${downMs} ms`)),
						);
				},
			);
			await Promise.all(faults);
			const deliveredMs = Date.now() - t0;
			// Every execution ends, one way or the other (a killed worker's once n8n finds them stalled).
			const finished = (c: Record<string, number>) =>
				(c.success ?? 0) + (c.error ?? 0) + (c.crashed ?? 0) + (c.canceled ?? 0);
			await eventually(
				'every execution finished',
				async () => {
					const c = await executionStatuses(queue.main, WORKFLOW_ID);
					return finished(c) === total(c);
				},
				5 * MINUTES,
			);
			await settled(sink, DELIVERIES, 2 * MINUTES);
			const statuses = await executionStatuses(queue.main, WORKFLOW_ID);

			// What the editor shows for each failed execution: its error, read through n8n's API.
			const failed = await executionIds(queue.main, WORKFLOW_ID, 'error');
			const messages: string[] = [];
			const shown: string[] = [];
			for (const id of failed) {
				const e = await queue.main.api<{
					data?: { resultData?: { error?: { message?: string; description?: string } } };
				}>(`/executions/${id}?includeData=true`);
				messages.push(e.data?.resultData?.error?.message ?? '(none)');
				shown.push(JSON.stringify(e));
			}
			const reasons = tally(messages);

			// n8n's message for a run whose worker died (a stalled job it will not run again).
			const stalled = [...reasons]
				.filter(([m]) => m.includes('failed to be processed too many times'))
				.reduce((n, [, c]) => n + c, 0);
			const counts = sink.counts();
			const reached = new Set(
				sink.hits.map((h) => Number(String(h.customId).slice('rel-'.length))),
			);
			const customers = [...emulator.state.customers.values()].filter((c) =>
				c.customId?.startsWith('rel-'),
			);
			const perCustomId = tally(customers.map((c) => c.customId!));
			const undelivered = delivered.filter((d) => d.deliveredAtMs === null).length;
			const redelivered = delivered.filter((d) => d.attempts.length > 1);
			const attemptAnswers = tally(
				redelivered.flatMap((d) => d.attempts.slice(0, -1).map((a) => String(a || 'timeout'))),
			);
			const rerun = [...counts.values()].filter((n) => n > 1).length;
			const waits = (pick: (d: (typeof delivered)[number]) => number) => {
				const ms = delivered.map(pick);
				return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
			};
			const firstWait = waits((d) => d.waitedMs[0]);
			const lost = bodies
				.map((_, i) => i)
				.filter((i) => !perCustomId.has(`rel-${i}`) || !reached.has(i));
			// Recovery: the deliveries still waiting for their answer when the worker died, and how long
			// after the kill the last of them was answered 2xx (by a redelivery).
			const waitingAtKill = delivered.filter(
				(d) =>
					d.startedAtMs <= killedAt &&
					d.startedAtMs + d.waitedMs[0] >= killedAt &&
					d.attempts.length > 1,
			);
			const recoveredAt = Math.max(0, ...waitingAtKill.map((d) => d.deliveredAtMs ?? 0));
			console.log(
				`[reliability] faults: ${events.join('; ')}; API faults left unused: ${emulator.faults.unused}. ` +
					`${DELIVERIES} deliveries, all answered 2xx after ${deliveredMs} ms; ${undelivered} never; ` +
					`${redelivered.length} needed more than one attempt (failed attempts: ${JSON.stringify(Object.fromEntries(attemptAnswers))}); ` +
					`executions ${JSON.stringify(statuses)} (failed: ${JSON.stringify(Object.fromEntries(reasons))}); ` +
					`first answer waited p50 ${firstWait.p50} / p95 ${firstWait.p95} ms; ` +
					`sink: ${counts.size} distinct, ${rerun} reached it twice; ` +
					`customers: ${customers.length} for ${perCustomId.size} Custom IDs; lost ${lost.length}; ` +
					`${waitingAtKill.length} were waiting for their answer when the worker died, the last answered 2xx ${recoveredAt - killedAt} ms after the kill`,
			);
			report('faults', {
				deliveries: DELIVERIES,
				perSecond: PER_SECOND,
				acknowledge: 'afterRun',
				faults: events,
				apiFaultsInjected: API_FAULTS - emulator.faults.unused,
				undelivered,
				redelivered: redelivered.length,
				failedAttempts: Object.fromEntries(attemptAnswers),
				firstAnswerWaitMs: firstWait,
				deliveredAnswerWaitMs: waits((d) => d.waitedMs[d.waitedMs.length - 1]),
				executions: statuses,
				failedExecutions: Object.fromEntries(reasons),
				killedWorkersRunsLost: stalled,
				distinctAtSink: counts.size,
				reachedSinkTwice: rerun,
				customers: customers.length,
				customIds: perCustomId.size,
				lost: lost.length,
				allDeliveredAfterMs: deliveredMs,
				waitingAtKillRedelivered: waitingAtKill.length,
				recoveryAfterKillMs: waitingAtKill.length ? recoveredAt - killedAt : null,
			});
			// Nothing lost: every delivery was answered 2xx in the end, its customer exists and its item
			// reached the end of the workflow.
			expect(undelivered).toBe(0);
			expect(lost).toEqual([]);
			expect(counts.size).toBe(DELIVERIES);
			// No customer created twice, through 503s, 429s, lost and slow answers and redeliveries.
			expect([...perCustomId].filter(([, n]) => n > 1)).toEqual([]);
			expect(customers).toHaveLength(DELIVERIES);
			// The killed worker had runs in flight; n8n failed them, and they were delivered again.
			expect(stalled).toBeGreaterThan(0);
			expect(waitingAtKill.length).toBeGreaterThanOrEqual(stalled);
			expect(redelivered.length).toBeGreaterThanOrEqual(failed.length);
			// No error shown in the editor carries a secret.
			expect(shown.filter((e) => e.includes(SECRET) || e.includes(emulator.token))).toEqual([]);
		},
		20 * MINUTES,
	);

	it('writes neither the API token nor the webhook secret to any log line, through all those errors', () => {
		const lines = queue.logs().split('\n');
		const leaks = lines.filter((l) => l.includes(SECRET) || l.includes(emulator.token));
		console.log(
			`[reliability] faults run: scanned ${lines.length} log lines of 5 processes for 2 secrets: ${leaks.length} hits`,
		);
		report('faultsLogScan', { lines: lines.length, processes: 5, secrets: 2, hits: leaks.length });
		expect(leaks).toEqual([]);
	});
});

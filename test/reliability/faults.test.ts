/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, no-console -- test: drives n8n in queue mode from outside */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { type Emulator, startEmulator } from '../emulator/server';
import { sampleDelivery } from '../emulator/samples';
import { type QueueMode, startQueueMode } from '../support/queue-mode';
import { type Sink, startSink } from '../support/sink';
import { executionIds, executionStatuses, paced, settled, signed, until } from './drive';

const FULL = process.env.RELIABILITY_SCALE === 'full';
const DELIVERIES = FULL ? 2_000 : 400;
const PER_SECOND = FULL ? 40 : 20;
const SECRET = 'whsec_reliability_faults_0123456789';
const WORKFLOW_ID = 'reliabilityFaults1';
const HOOK = 'c0c0c0c0-0000-4000-8000-00000000fa17';
const MINUTES = 60_000;

/** Each delivery creates the customer whose Custom ID it names (found, not created, when it exists). */
function createWorkflow(sinkUrl: string, appId: string) {
	return {
		id: WORKFLOW_ID,
		name: 'Reliability: a customer per delivery',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'faults-trigger',
				name: 'Replicated Trigger',
				type: 'n8n-nodes-replicated.replicatedTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: HOOK,
				parameters: {
					registration: 'manual',
					events: ['customer.created'],
					filters: {},
					options: { enrichCustomer: false },
				},
				credentials: {
					replicatedApi: { id: 'faultsReplicated', name: 'Replicated (faults)' },
					replicatedWebhookApi: { id: 'faultsSecret', name: 'Webhook secret (faults)' },
				},
			},
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
			{
				id: 'faults-sink',
				name: 'To Sink',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [480, 0],
				retryOnFail: true,
				maxTries: 5,
				waitBetweenTries: 1000,
				parameters: {
					method: 'POST',
					url: sinkUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody:
						"={{ JSON.stringify({ deliveryId: $('Replicated Trigger').item.json.deliveryId, event: 'created', customId: $json.customId, outcome: $json.outcome }) }}",
					options: {},
				},
			},
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
					data: { apiToken: emulator.token, baseUrl: emulator.baseUrl },
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
		"creates no customer twice and loses only the killed worker's executions, each reported by n8n, while a worker is killed, Redis restarts and the API fails",
		async () => {
			const bodies = Array.from({ length: DELIVERIES }, (_, i) => {
				const delivery = sampleDelivery('customer.created', { customerId: `faults-${i}` });
				return JSON.stringify({ ...delivery, data: { ...delivery.data, sequence: i } });
			});
			// The API misbehaves for a while: 503s, 429s with Retry-After, slow answers, and creates
			// whose answer is lost after the customer was made.
			emulator.faults
				.add({ path: '/v3/customer', status: 503, times: 20 })
				.add({ path: '/v3/customer', status: 429, retryAfter: 1, times: 20 })
				.add({ method: 'POST', path: '/v3/customer', loseAnswer: true, times: 8 })
				.add({ path: '/v3/customer', delayMs: 4000, times: 8 });
			const events: string[] = [];
			const sentAt: number[] = [];
			let killedAt = Infinity;
			const faults: Array<Promise<void>> = [];
			const at = (share: number) => Math.floor(DELIVERIES * share);
			const t0 = Date.now();
			const answers = await paced(
				`${queue.webhookOrigin}/webhook/${HOOK}/webhook`,
				DELIVERIES,
				(i) => signed(bodies[i], SECRET),
				PER_SECOND,
				4,
				(i) => {
					sentAt[i] = Date.now();
					if (i === at(0.2))
						faults.push(
							queue.killWorker(0).then(() => {
								killedAt = Date.now(); // the worker is gone: nothing sent later can be on it
								events.push(`worker 1 SIGKILL at ${killedAt - t0} ms`);
							}),
						);
					if (i === at(0.45))
						faults.push(
							queue
								.startWorker(0)
								.then(
									({ readyMs }) => void events.push(`worker 1 restarted, ready in ${readyMs} ms`),
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
			const sentMs = Date.now() - t0;
			// Every delivery's execution ends, one way or the other.
			const finished = (c: Record<string, number>) =>
				(c.success ?? 0) + (c.error ?? 0) + (c.crashed ?? 0) + (c.canceled ?? 0);
			await until(
				async () => finished(await executionStatuses(queue.main, WORKFLOW_ID)) >= DELIVERIES,
				5 * MINUTES,
			);
			const ended = await executionStatuses(queue.main, WORKFLOW_ID);
			const endedMs = Date.now() - t0;

			// n8n does not run a killed worker's jobs again: its queue lets no stalled job back
			// (maxStalledCount 0), and the execution is stored as failed with its data replaced by the
			// error, so n8n's own retry has nothing to run (tried: the retries fail the same way). Those
			// losses must be exactly the killed worker's jobs, each visible as a failed execution.
			const failed = await executionIds(queue.main, WORKFLOW_ID, 'error');
			const reasons = new Set<string>();
			for (const id of failed) {
				const e = await queue.main.api<{
					data?: { resultData?: { error?: { message?: string } } };
				}>(`/executions/${id}?includeData=true`);
				reasons.add(e.data?.resultData?.error?.message ?? '(none)');
			}
			await settled(sink, DELIVERIES - failed.length, 3 * MINUTES);
			const doneMs = Date.now() - t0;
			const counts = sink.counts();
			const reached = new Set(
				sink.hits.map((h) => Number(String(h.customId).slice('rel-'.length))),
			);
			const customers = [...emulator.state.customers.values()].filter((c) =>
				c.customId?.startsWith('rel-'),
			);
			const perCustomId = new Map<string, number>();
			for (const c of customers)
				perCustomId.set(c.customId!, (perCustomId.get(c.customId!) ?? 0) + 1);
			const after = await executionStatuses(queue.main, WORKFLOW_ID);
			const rerun = [...counts.values()].filter((n) => n > 1).length;
			console.log(
				`[reliability] faults: ${events.join('; ')}; API faults left unused: ${emulator.faults.pending}. ` +
					`${DELIVERIES} deliveries sent in ${sentMs} ms (answers: ${[...new Set(answers.map((a) => a.status))].join('/')}); ` +
					`all executions ended after ${endedMs} ms: ${JSON.stringify(ended)}; ${failed.length} failed; ` +
					`all at the sink after ${doneMs} ms: ${counts.size} distinct, ${rerun} reached it twice; ` +
					`customers: ${customers.length} for ${perCustomId.size} Custom IDs; executions now ${JSON.stringify(after)}`,
			);
			expect(answers.filter((a) => a.status !== 200)).toEqual([]);
			// No customer created twice, through 503s, 429s, lost answers, slow answers and retries.
			expect([...perCustomId].filter(([, n]) => n > 1)).toEqual([]);
			// Every delivery whose item did not reach the end was in flight on the killed worker: sent
			// before the kill, at most its concurrency (10), each one a failed execution saying so.
			const lost = bodies
				.map((_, i) => i)
				.filter((i) => !perCustomId.has(`rel-${i}`) || !reached.has(i));
			console.log(
				`[reliability] lost with the killed worker: ${lost.length} (${[...reasons].join(' | ')})`,
			);
			expect(sentAt.filter((t) => t > 0)).toHaveLength(DELIVERIES);
			expect(lost.filter((i) => sentAt[i] >= killedAt)).toEqual([]);
			expect(lost.length).toBeLessThanOrEqual(10);
			expect(failed.length).toBe(lost.length);
			for (const reason of reasons) expect(reason).toMatch(/failed to be processed too many times/);
			// Everything else arrived exactly once at the end of the workflow.
			expect(counts.size).toBe(DELIVERIES - lost.length);
			expect(rerun).toBe(0);
		},
		20 * MINUTES,
	);

	it('writes neither the API token nor the webhook secret to any log line, through all those errors', () => {
		const lines = queue.logs().split('\n');
		const leaks = lines.filter((l) => l.includes(SECRET) || l.includes(emulator.token));
		console.log(
			`[reliability] faults run: scanned ${lines.length} log lines of 5 processes for 2 secrets: ${leaks.length} hits`,
		);
		expect(leaks).toEqual([]);
	});
});

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- benchmark: runs beside n8n, never inside it */
import { Agent, request } from 'undici';

import { startEmulator } from '../../test/emulator/server';
import { sampleDelivery } from '../../test/emulator/samples';
import { signBody } from '../../test/emulator/sender';
import { startN8n } from '../../test/support/n8n-process';
import { round, type Row } from '../row';

export const SECRET = 'whsec_bench_trigger_0123456789';
export const OURS_HOOK = 'b0b0b0b0-0000-4000-8000-00000000a001';
export const PLAIN_PATH = 'bench-plain-webhook';

export function workflows() {
	const noOp = (id: string) => ({
		id: `${id}-n`,
		name: 'Done',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [240, 0],
		parameters: {},
	});
	const wf = (id: string, trigger: object) => ({
		id,
		name: id,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [trigger, noOp(id)],
		connections: {
			[(trigger as { name: string }).name]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
	});
	return [
		wf('benchOursTrigger1', {
			id: 'bench-ours-t',
			name: 'Replicated Trigger',
			type: 'n8n-nodes-replicated.replicatedTrigger',
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: OURS_HOOK,
			// Enrichment off: the plain Webhook node makes no API call either.
			parameters: {
				registration: 'manual',
				events: ['*'],
				filters: {},
				options: { enrichCustomer: false },
			},
			credentials: {
				replicatedApi: { id: 'benchReplicatedCred', name: 'Replicated (bench)' },
				replicatedWebhookApi: { id: 'benchWebhookSecret', name: 'Webhook secret (bench)' },
			},
		}),
		wf('benchPlainWebhook1', {
			id: 'bench-plain-t',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b0b0b0b0-0000-4000-8000-00000000b001',
			parameters: { httpMethod: 'POST', path: PLAIN_PATH, options: {} },
		}),
	];
}

interface Isolates {
	/** Under the vm engine, each one taken is a fresh V8 isolate built (the pool replaces it). */
	isolatesPerDelivery: number;
}

interface Run {
	perSecond: number;
	p50: number;
	p99: number;
	failed: number;
}

/** `count` distinct signed deliveries, `inFlight` at a time; the same bodies go to both endpoints. */
export async function fire(
	url: string,
	count: number,
	inFlight: number,
	salt: string,
): Promise<Run> {
	const dispatcher = new Agent({ connections: inFlight, pipelining: 1 });
	const latencies: number[] = [];
	let failed = 0;
	let next = 0;
	const t0 = performance.now();
	const worker = async () => {
		for (let i = next++; i < count; i = next++) {
			const delivery = sampleDelivery('instance.upgrade_completed', {
				instanceId: `bench-${salt}-${i}`,
			});
			const body = JSON.stringify(delivery);
			const started = performance.now();
			const res = await request(url, {
				method: 'POST',
				dispatcher,
				headers: {
					'content-type': 'application/json',
					'x-replicated-signature': signBody(body, SECRET),
				},
				body,
			});
			await res.body.dump();
			latencies.push(performance.now() - started);
			if (res.statusCode !== 200) failed += 1;
		}
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	const seconds = (performance.now() - t0) / 1000;
	await dispatcher.close();
	latencies.sort((a, b) => a - b);
	const at = (q: number) =>
		latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
	return { perSecond: count / seconds, p50: at(0.5), p99: at(0.99), failed };
}

/** Alternating blocks of ours and the plain Webhook node; each side's blocks are added up. */
async function compare(
	origin: string,
	count: number,
	inFlight: number,
	blocks: number,
	tag: string,
): Promise<{ ours: Run & Isolates; plain: Run & Isolates }> {
	const ours: Run[] = [];
	const plain: Run[] = [];
	const isolates = { ours: 0, plain: 0 };
	for (let b = 0; b < blocks; b++) {
		let before = await isolatesTaken(origin);
		ours.push(await fire(`${origin}/webhook/${OURS_HOOK}/webhook`, count, inFlight, `${tag}o${b}`));
		isolates.ours += (await isolatesTaken(origin)) - before;
		before = await isolatesTaken(origin);
		plain.push(await fire(`${origin}/webhook/${PLAIN_PATH}`, count, inFlight, `${tag}p${b}`));
		isolates.plain += (await isolatesTaken(origin)) - before;
	}
	const merge = (runs: Run[]): Run => {
		const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
		return {
			perSecond: median(runs.map((r) => r.perSecond)),
			p50: median(runs.map((r) => r.p50)),
			p99: median(runs.map((r) => r.p99)),
			failed: runs.reduce((s, r) => s + r.failed, 0),
		};
	};
	return {
		ours: { ...merge(ours), isolatesPerDelivery: isolates.ours / (count * blocks) },
		plain: { ...merge(plain), isolatesPerDelivery: isolates.plain / (count * blocks) },
	};
}

/** Expression isolates n8n has handed out so far (its /metrics, N8N_METRICS=true). */
async function isolatesTaken(origin: string): Promise<number> {
	const text = await (await request(`${origin}/metrics`)).body.text();
	return Number(/^n8n_expression_pool_acquired_total (\d+)/m.exec(text)?.[1] ?? 0); // absent under the legacy engine
}

async function measure(env: Record<string, string>): Promise<Row[]> {
	// The bench measures the package, not our model of Replicated: the emulator's spec check (ajv over
	// every request and answer) would run in this process and be counted as ours. Tests keep it on.
	const emulator = await startEmulator({ specCheck: false });
	const n8n = await startN8n({
		credentials: [
			{
				id: 'benchReplicatedCred',
				name: 'Replicated (bench)',
				type: 'replicatedApi',
				data: {
					apiToken: emulator.token,
					baseUrl: emulator.baseUrl,
					allowPrivateWebhookUrls: true,
				},
			},
			{
				id: 'benchWebhookSecret',
				name: 'Webhook secret (bench)',
				type: 'replicatedWebhookApi',
				data: { secret: SECRET },
			},
		],
		workflows: workflows(),
		env: { N8N_METRICS: 'true', ...env },
	});
	const label = Object.keys(env).length
		? ` (${Object.entries(env)
				.map(([k, v]) => `${k}=${v}`)
				.join(', ')})`
		: '';
	try {
		await compare(n8n.origin, 50, 4, 1, 'warm'); // JIT and connection warm-up
		const rows: Row[] = [];
		for (const [inFlight, count] of [
			[1, 200],
			[8, 400],
		] as const) {
			const { ours, plain } = await compare(n8n.origin, count, inFlight, 3, `c${inFlight}`);
			const ratio = ours.perSecond / plain.perSecond;
			rows.push(
				{
					name: `trigger in n8n, ${inFlight === 1 ? 'sequential' : `${inFlight} in flight`}${label}: throughput`,
					ours: round(ours.perSecond, 0),
					baseline: round(plain.perSecond, 0),
					unit: 'deliveries/s (baseline: plain Webhook node)',
					ratio: round(ratio),
					target: '≥ 0.9× the plain Webhook node',
					met: ratio >= 0.9 && ours.failed === 0,
				},
				{
					name: `trigger in n8n, ${inFlight === 1 ? 'sequential' : `${inFlight} in flight`}${label}: expression isolates per delivery`,
					ours: round(ours.isolatesPerDelivery, 2),
					baseline: round(plain.isolatesPerDelivery, 2),
					unit: 'isolates taken from the pool (n8n /metrics)',
					ratio: null,
					target: 'reported',
					met: true,
				},
				{
					name: `trigger in n8n, ${inFlight === 1 ? 'sequential' : `${inFlight} in flight`}${label}: p50 / p99 latency`,
					ours: round(ours.p50, 1),
					baseline: round(plain.p50, 1),
					unit: `ms p50 (p99: ours ${round(ours.p99, 1)}, plain ${round(plain.p99, 1)})`,
					ratio: round(ours.p50 / plain.p50),
					target: 'reported',
					met: true,
				},
			);
		}
		return rows;
	} finally {
		await n8n.stop();
		await emulator.close();
	}
}

/**
 * Row 2: signed deliveries into a real n8n, to a workflow with our trigger (verification, schema,
 * normalisation, duplicate check) and to the same workflow with n8n's plain Webhook node, which
 * checks nothing; both in the same n8n, in alternating blocks. Then with lazy isolate
 * acquisition, and with the legacy expression engine, which change n8n's own cost a lot.
 */
export async function triggerRows(): Promise<Row[]> {
	return [
		// n8n's defaults. Under the vm engine, n8n takes an expression isolate for the webhook phase of
		// every start node but its own Webhook node (live-webhooks.js webhookPhaseNeedsIsolate) and
		// another to resolve a credential (credentials-helper.js), before the run takes its own.
		...(await measure({})),
		// With lazy acquisition an isolate is built only when an expression reaches the engine, and
		// none does in our trigger's path (version 1.1).
		...(await measure({ N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' })),
		...(await measure({ N8N_EXPRESSION_ENGINE: 'legacy' })),
	];
}

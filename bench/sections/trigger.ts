/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- benchmark: runs beside n8n, never inside it */
import { createHmac } from 'node:crypto';

import { Agent, request } from 'undici';

import { startEmulator } from '../../test/emulator/server';
import { sampleDelivery } from '../../test/emulator/samples';
import { signBody } from '../../test/emulator/sender';
import { type FakeCrm, startCrmProxy } from '../../test/fakes/crm-proxy';
import { eventually } from '../../test/support/eventually';
import { startN8n } from '../../test/support/n8n-process';
import { triggerNode } from '../../test/support/trigger-node';
import { round, type Row } from '../row';

export const SECRET = 'whsec_bench_trigger_0123456789';
export const OURS_HOOK = 'b0b0b0b0-0000-4000-8000-00000000a001';
export const PLAIN_PATH = 'bench-plain-webhook';
export const DIY_PATH = 'bench-diy-verify';
export const STRIPE_HOOK = 'b0b0b0b0-0000-4000-8000-00000000c001';
/** What the Stripe fake hands the Stripe Trigger when it registers (Stripe returns the secret once). */
export const STRIPE_SECRET = 'whsec_bench_stripe_0123456789';

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
	// What users build without this package: the raw body HMAC'd by the Crypto node and compared by
	// an IF node (the Webhook node has answered by then, so a forged delivery still starts a run).
	const diy = {
		id: 'benchDiyVerify01',
		name: 'benchDiyVerify01',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'bench-diy-t',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b0b0b0b0-0000-4000-8000-00000000d001',
				parameters: { httpMethod: 'POST', path: DIY_PATH, options: { rawBody: true } },
			},
			{
				id: 'bench-diy-hmac',
				name: 'HMAC',
				type: 'n8n-nodes-base.crypto',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					action: 'hmac',
					binaryData: true,
					binaryPropertyName: 'data',
					type: 'SHA256',
					dataPropertyName: 'hmac',
					secret: SECRET,
					encoding: 'hex',
				},
			},
			{
				id: 'bench-diy-if',
				name: 'Signature Matches',
				type: 'n8n-nodes-base.if',
				typeVersion: 2,
				position: [480, 0],
				parameters: {
					conditions: {
						options: { caseSensitive: true, typeValidation: 'strict' },
						combinator: 'and',
						conditions: [
							{
								id: 'sig',
								operator: { type: 'string', operation: 'equals' },
								leftValue: "={{ 'sha256=' + $json.hmac }}",
								rightValue: "={{ $json.headers['x-replicated-signature'] }}",
							},
						],
					},
					options: {},
				},
			},
			{ ...noOp('benchDiyVerify01'), position: [720, 0] },
		],
		connections: {
			Webhook: { main: [[{ node: 'HMAC', type: 'main', index: 0 }]] },
			HMAC: { main: [[{ node: 'Signature Matches', type: 'main', index: 0 }]] },
			'Signature Matches': { main: [[{ node: 'Done', type: 'main', index: 0 }], []] },
		},
	};
	return [
		wf(
			'benchOursTrigger1',
			triggerNode({
				id: 'bench-ours-t',
				webhookId: OURS_HOOK,
				// Automatic registration, as the Stripe Trigger registers itself: the secret is the one it
				// generated, in its static data. Enrichment off: the plain Webhook node makes no API call either.
				registration: 'auto',
				events: ['*'],
				options: { enrichCustomer: false },
				credentials: { replicatedApi: { id: 'benchReplicatedCred', name: 'Replicated (bench)' } },
			}),
		),
		wf('benchPlainWebhook1', {
			id: 'bench-plain-t',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b0b0b0b0-0000-4000-8000-00000000b001',
			parameters: { httpMethod: 'POST', path: PLAIN_PATH, options: {} },
		}),
		diy,
		// A signed first-party trigger: registers with Stripe (the fake behind the proxy) and checks
		// Stripe-Signature (HMAC of timestamp + body, 5-minute window) on every delivery.
		wf('benchStripeTrig01', {
			id: 'bench-stripe-t',
			name: 'Stripe Trigger',
			type: 'n8n-nodes-base.stripeTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: STRIPE_HOOK,
			parameters: { events: ['*'] },
			credentials: { stripeApi: { id: 'benchStripeCred01', name: 'Stripe (bench fake)' } },
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
	/** Answers other than 200, by status. */
	statuses: Record<number, number>;
}

/** How a target is sent one delivery: the body and headers its verification expects. */
export type Signer = (i: number, salt: string) => { body: string; headers: Record<string, string> };

/** A Replicated delivery, signed as Replicated signs (ours, the plain Webhook node, the DIY flow). */
export const replicatedSigner =
	(secret = SECRET): Signer =>
	(i, salt) => {
		const body = JSON.stringify(
			sampleDelivery('instance.upgrade_completed', { instanceId: `bench-${salt}-${i}` }),
		);
		return { body, headers: { 'x-replicated-signature': signBody(body, secret) } };
	};

/** A Stripe event of the same size, signed as Stripe signs (`t=<unix>,v1=<HMAC of "t.body">`). */
export const stripeSigner: Signer = (i, salt) => {
	const delivery = sampleDelivery('instance.upgrade_completed', {
		instanceId: `bench-${salt}-${i}`,
	});
	const body = JSON.stringify({
		id: `evt_${salt}_${i}`,
		object: 'event',
		type: 'charge.succeeded',
		data: { object: delivery },
	});
	const t = Math.floor(Date.now() / 1000);
	const v1 = createHmac('sha256', STRIPE_SECRET).update(`${t}.${body}`).digest('hex');
	return { body, headers: { 'stripe-signature': `t=${t},v1=${v1}` } };
};

/** `count` distinct signed deliveries, `inFlight` at a time. */
export async function fire(
	url: string,
	count: number,
	inFlight: number,
	salt: string,
	sign: Signer = replicatedSigner(),
): Promise<Run> {
	const dispatcher = new Agent({ connections: inFlight, pipelining: 1 });
	const latencies: number[] = [];
	let failed = 0;
	const statuses: Record<number, number> = {};
	let next = 0;
	const t0 = performance.now();
	const worker = async () => {
		for (let i = next++; i < count; i = next++) {
			const { body, headers } = sign(i, salt);
			const started = performance.now();
			const res = await request(url, {
				method: 'POST',
				dispatcher,
				headers: { 'content-type': 'application/json', ...headers },
				body,
			});
			await res.body.dump();
			latencies.push(performance.now() - started);
			if (res.statusCode !== 200) {
				failed += 1;
				statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
			}
		}
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	const seconds = (performance.now() - t0) / 1000;
	await dispatcher.close();
	latencies.sort((a, b) => a - b);
	const at = (q: number) =>
		latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
	return { perSecond: count / seconds, p50: at(0.5), p99: at(0.99), failed, statuses };
}

interface Target {
	url: string;
	sign?: Signer;
}

/** Alternating blocks of each target, in turn; each target's blocks are added up. */
async function compare<K extends string>(
	origin: string,
	targets: Record<K, Target>,
	count: number,
	inFlight: number,
	blocks: number,
	tag: string,
): Promise<Record<K, Run & Isolates>> {
	const names = Object.keys(targets) as K[];
	const runs = Object.fromEntries(names.map((n) => [n, [] as Run[]])) as Record<K, Run[]>;
	const isolates = Object.fromEntries(names.map((n) => [n, 0])) as Record<K, number>;
	for (let b = 0; b < blocks; b++) {
		for (const name of names) {
			const before = await isolatesTaken(origin);
			runs[name].push(
				await fire(
					`${origin}${targets[name].url}`,
					count,
					inFlight,
					`${tag}${name}${b}`,
					targets[name].sign,
				),
			);
			isolates[name] += (await isolatesTaken(origin)) - before;
		}
	}
	const merge = (list: Run[]): Run => {
		const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
		return {
			perSecond: median(list.map((r) => r.perSecond)),
			p50: median(list.map((r) => r.p50)),
			p99: median(list.map((r) => r.p99)),
			failed: list.reduce((sum, r) => sum + r.failed, 0),
			statuses: list.reduce<Record<number, number>>((all, r) => {
				for (const [status, n] of Object.entries(r.statuses))
					all[Number(status)] = (all[Number(status)] ?? 0) + n;
				return all;
			}, {}),
		};
	};
	return Object.fromEntries(
		names.map((n) => [
			n,
			{ ...merge(runs[n]), isolatesPerDelivery: isolates[n] / (count * blocks) },
		]),
	) as Record<K, Run & Isolates>;
}

/** Expression isolates n8n has handed out so far (its /metrics, N8N_METRICS=true). */
async function isolatesTaken(origin: string): Promise<number> {
	const text = await (await request(`${origin}/metrics`)).body.text();
	return Number(/^n8n_expression_pool_acquired_total (\d+)/m.exec(text)?.[1] ?? 0); // absent under the legacy engine
}

/** Stripe's webhook-endpoint API as the Stripe Trigger uses it to register (create, check, delete). */
const stripeFake: FakeCrm = {
	host: 'api.stripe.com',
	handle(req) {
		if (req.method === 'POST' && req.path === '/v1/webhook_endpoints')
			return {
				status: 200,
				json: {
					id: 'we_bench',
					object: 'webhook_endpoint',
					status: 'enabled',
					secret: STRIPE_SECRET,
					enabled_events: ['*'],
				},
			};
		if (req.path === '/v1/webhook_endpoints/we_bench')
			return {
				status: 200,
				json:
					req.method === 'DELETE'
						? { id: 'we_bench', deleted: true }
						: { id: 'we_bench', status: 'enabled' },
			};
		return {
			status: 404,
			json: { error: { type: 'invalid_request_error', code: 'resource_missing' } },
		};
	},
};

/** Every target, in the order their blocks alternate; ours signed with the secret it registered. */
const targets = (ourSecret: string) => ({
	ours: { url: `/webhook/${OURS_HOOK}/webhook`, sign: replicatedSigner(ourSecret) },
	plain: { url: `/webhook/${PLAIN_PATH}` },
	diy: { url: `/webhook/${DIY_PATH}` },
	stripe: { url: `/webhook/${STRIPE_HOOK}/webhook`, sign: stripeSigner },
});

async function measure(env: Record<string, string>): Promise<Row[]> {
	// The bench measures the package, not our model of Replicated: the emulator's spec check (ajv over
	// every request and answer) would run in this process and be counted as ours. Tests keep it on.
	const emulator = await startEmulator({ specCheck: false, allowPrivateWebhookUrls: true });
	const stripe = await startCrmProxy([stripeFake]);
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
			{
				id: 'benchStripeCred01',
				name: 'Stripe (bench fake)',
				type: 'stripeApi',
				data: { secretKey: 'sk_test_bench_fake' },
			},
		],
		workflows: workflows(),
		env: { N8N_METRICS: 'true', ...stripe.env(), ...env },
	});
	const label = Object.keys(env).length
		? ` (${Object.entries(env)
				.map(([k, v]) => `${k}=${v}`)
				.join(', ')})`
		: '';
	try {
		// n8n reports itself up before it has activated every workflow: wait for the registration.
		await eventually('the subscription and its secret', () => emulator.state.subscriptionSecrets.size > 0);
		const [ourSecret] = emulator.state.subscriptionSecrets.values();
		if (!ourSecret)
			throw new Error('the Replicated Trigger registered no subscription within 60 s');
		// n8n serves the URL before it has saved the trigger's static data (its secret): a delivery in
		// that moment is refused (401) and Replicated delivers it again. Wait for that moment to pass.
		for (let i = 0; i < 100; i++) {
			const probe = await request(`${n8n.origin}/webhook/${OURS_HOOK}/webhook`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-replicated-signature': signBody('{}', ourSecret),
				},
				body: '{}',
			});
			await probe.body.dump();
			if (probe.statusCode === 400) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		const TARGETS = targets(ourSecret);
		await compare(n8n.origin, TARGETS, 50, 4, 1, 'warm'); // JIT and connection warm-up
		const rows: Row[] = [];
		for (const [inFlight, count] of [
			[1, 200],
			[8, 400],
		] as const) {
			const {
				ours,
				plain,
				diy,
				stripe: theirs,
			} = await compare(n8n.origin, TARGETS, count, inFlight, 3, `c${inFlight}`);
			const ratio = ours.perSecond / plain.perSecond;
			const mode = inFlight === 1 ? 'sequential' : `${inFlight} in flight`;
			for (const [what, other] of [
				['the do-it-yourself flow (Webhook raw body → Crypto HMAC → IF)', diy],
				["n8n's Stripe Trigger (signed, registered through the fake)", theirs],
			] as const)
				rows.push({
					name: `trigger in n8n, ${mode}${label}: throughput vs ${what}`,
					ours: round(ours.perSecond, 0),
					baseline: round(other.perSecond, 0),
					unit: `deliveries/s (isolates per delivery: ours ${round(ours.isolatesPerDelivery, 2)}, theirs ${round(other.isolatesPerDelivery, 2)}; not 200: ours ${JSON.stringify(ours.statuses)}, theirs ${JSON.stringify(other.statuses)})`,
					ratio: round(ours.perSecond / other.perSecond),
					target: '≥ 1.0× (at least as fast)',
					met: ours.perSecond >= other.perSecond && ours.failed === 0 && other.failed === 0,
				});
			rows.push(
				{
					name: `trigger in n8n, ${inFlight === 1 ? 'sequential' : `${inFlight} in flight`}${label}: throughput`,
					ours: round(ours.perSecond, 0),
					baseline: round(plain.perSecond, 0),
					unit: `deliveries/s (baseline: plain Webhook node; not 200: ours ${JSON.stringify(ours.statuses)})`,
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
		await stripe.stop();
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

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { writeFileSync } from 'node:fs';

import { type Emulator, startEmulator } from '../emulator/server';
import { statusOf } from '../emulator/delivery-log';
import { sampleDelivery } from '../emulator/samples';
import { sendDelivery, signBody } from '../emulator/sender';
import { eventually } from '../support/eventually';
import { freePort, type N8nInstance, startN8n } from '../support/n8n-process';
import { triggerNode } from '../support/trigger-node';

const API = { id: 'e2eHealthApiCred01', name: 'Replicated (emulator)', type: 'replicatedApi' };
/** A credential as a user makes one for Replicated's cloud: no sandbox opt-out. */
const STRICT = { id: 'e2eHealthStrict001', name: 'Replicated (strict)', type: 'replicatedApi' };
const ROTATING = {
	id: 'e2eHealthRotating1',
	name: 'Webhook secret (rotating)',
	type: 'replicatedWebhookApi',
};
const NEW_SECRET = 'whsec_rotation_new_0123456789';
const OLD_SECRET = 'whsec_rotation_old_0123456789';
const hook = (n: number) => `5e1f0000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const OTHER_N8N = 'https://n8n-a.example.com';
/** Replicated's 1, 2 … 128 minutes, as 25 ms … 3.2 s: a delivery gives up after ~6.4 s. */
const SCHEDULE = [1, 2, 4, 8, 16, 32, 64, 128].map((m) => m * 25);

interface Flow {
	id: string;
	hook: string;
	event: string;
	credential?: typeof API;
	options?: Record<string, unknown>;
	staticData?: Record<string, unknown>;
	/** Manual registration, verified with this webhook-secret credential. */
	secretCredential?: typeof API;
}

const flows = {
	/** Down for longer than the retry schedule; its subscription auto-disabled meanwhile. */
	down: {
		id: 'e2eHealthDown0001',
		hook: hook(1),
		event: 'customer.created',
		options: { replayToleranceMinutes: 60 },
	},
	/** Its subscription deleted in the Vendor Portal while n8n was down. */
	gone: { id: 'e2eHealthGone0001', hook: hook(2), event: 'customer.archived' },
	/** Restored without its static data: a subscription already delivers to its URL. */
	adopt: { id: 'e2eHealthAdopt001', hook: hook(3), event: 'customer.unarchived' },
	/** Exported from another n8n with that n8n's static data. */
	imported: { id: 'e2eHealthImport01', hook: hook(4), event: 'customer.updated' },
	/** WEBHOOK_URL unset: n8n's URL is 127.0.0.1, which Replicated refuses. */
	private: {
		id: 'e2eHealthPriv0001',
		hook: hook(5),
		event: 'customer.created',
		credential: STRICT,
	},
	/** Its secret rotated by raising Signing Secret Version. */
	rotate: { id: 'e2eHealthRotate01', hook: hook(6), event: 'customer.ep_invite_sent' },
	/** Acknowledges after the run: what it remembers of a redelivery must outlive the run (static data). */
	replayAfterRun: {
		id: 'e2eHealthReplay01',
		hook: hook(8),
		event: 'instance.ready',
		options: { replayToleranceMinutes: 60, acknowledge: 'afterRun', catchUp: false },
	},
	/** Registered by hand, mid-rotation: the credential holds the new secret and the previous one. */
	rotateManual: {
		id: 'e2eHealthRotateM1',
		hook: hook(7),
		event: 'customer.ep_invite_sent',
		secretCredential: ROTATING,
	},
} satisfies Record<string, Flow>;

function workflow(flow: Flow) {
	return {
		id: flow.id,
		name: `E2E health ${flow.id}`,
		active: true,
		settings: { executionOrder: 'v1' },
		...(flow.staticData ? { staticData: flow.staticData } : {}),
		nodes: [
			triggerNode({
				id: `${flow.id}-t`,
				webhookId: flow.hook,
				registration: flow.secretCredential ? 'manual' : 'auto',
				events: [flow.event],
				options: { enrichCustomer: false, ...flow.options },
				credentials: {
					replicatedApi: { id: (flow.credential ?? API).id, name: (flow.credential ?? API).name },
					...(flow.secretCredential
						? {
								replicatedWebhookApi: {
									id: flow.secretCredential.id,
									name: flow.secretCredential.name,
								},
							}
						: {}),
				},
			}),
		],
		connections: {},
	};
}

/** The Replicated node, answered from behind a Webhook node (the response is the last node's items). */
function actionFlow(
	id: string,
	path: string,
	steps: Array<{
		name: string;
		parameters: Record<string, unknown>;
		credential?: typeof API;
		onError?: string;
	}>,
) {
	const names = ['Webhook', ...steps.map((s) => s.name)];
	return {
		id,
		name: `E2E notifications ${path}`,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-w`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: `6e1f0000-0000-4000-8000-${id.slice(-12).padStart(12, '0')}`,
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			...steps.map((step, i) => ({
				id: `${id}-${i}`,
				name: step.name,
				type: 'n8n-nodes-replicated.replicated',
				typeVersion: 1,
				position: [220 * (i + 1), 0],
				parameters: { resource: 'notification', ...step.parameters },
				credentials: {
					replicatedApi: { id: (step.credential ?? API).id, name: (step.credential ?? API).name },
				},
				...(step.onError ? { onError: step.onError } : {}),
			})),
		],
		connections: Object.fromEntries(
			names
				.slice(0, -1)
				.map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
		),
	};
}

const READ_ONLY = {
	id: 'e2eHealthReadOnly1',
	name: 'Replicated (read-only)',
	type: 'replicatedApi',
};

const actionFlows = [
	// Scheduled catch-up, as a user builds it: the failed deliveries of a subscription, each retried.
	actionFlow('e2eNotifyCatchUp1', 'catch-up', [
		{
			name: 'Failed Deliveries',
			parameters: {
				operation: 'getDeliveries',
				returnAll: true,
				filters: { status: 'failed', subscriptionId: '={{ $json.body.subscriptionId }}' },
			},
		},
		{ name: 'Retry', parameters: { operation: 'retryDelivery', eventId: '={{ $json.id }}' } },
	]),
	// Orphans: the subscriptions at an address, deleted.
	actionFlow('e2eNotifyCleanUp1', 'clean-up', [
		{
			name: 'Subscriptions',
			parameters: {
				operation: 'getSubscriptions',
				returnAll: true,
				filters: { urlContains: '={{ $json.body.url }}' },
			},
		},
		{
			name: 'Delete',
			parameters: {
				operation: 'deleteSubscription',
				subscriptionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
		},
	]),
	actionFlow('e2eNotifySendTst1', 'send-test', [
		{
			name: 'Send Test',
			parameters: {
				operation: 'sendTest',
				webhookUrl: '={{ $json.body.url }}',
				eventType: 'customer.unarchived',
				webhookSecret: '={{ $json.body.secret }}',
			},
		},
	]),
	actionFlow('e2eNotifyReadOnl1', 'read-only-retry', [
		{
			name: 'Retry',
			parameters: { operation: 'retryDelivery', eventId: '={{ $json.body.eventId }}' },
			credential: READ_ONLY,
			onError: 'continueRegularOutput',
		},
	]),
];

interface Execution {
	id: string;
	mode: string;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
			>;
		};
	};
}

/** test/support/eventually.ts in the order this file's steps read: the condition, then its name. */
const until = (done: () => boolean | Promise<boolean>, what: string, timeoutMs?: number) =>
	eventually(what, done, timeoutMs);

describe('Replicated Trigger keeps its subscription healthy and loses nothing across downtime (real n8n)', () => {
	let emulator: Emulator;
	let n8n: N8nInstance;
	let origin: string;
	const url = (flow: Flow) => `${origin}/webhook/${flow.hook}/webhook`;
	const subscriptionAt = (flow: Flow) =>
		[...emulator.state.subscriptions.values()].filter((s) => s.webhookUrl === url(flow));
	const executions = async (flow: Flow) =>
		(
			await n8n.api<{ data: Execution[] }>(
				`/executions?workflowId=${flow.id}&includeData=true&limit=250`,
			)
		).data;
	const items = async (flow: Flow) =>
		// An execution still running has no run data yet.
		(await executions(flow))
			.map((e) => e.data?.resultData?.runData?.['Replicated Trigger']?.[0]?.data.main[0][0].json)
			.filter((json): json is Record<string, unknown> => json !== undefined);
	const api = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${emulator.baseUrl}${path}`, {
			method,
			headers: { authorization: emulator.token, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return res.status === 204 ? null : ((await res.json()) as Record<string, unknown>);
	};
	let adoptedId: string;
	let theirsId: string;

	beforeAll(async () => {
		emulator = await startEmulator({ retryScheduleMs: SCHEDULE });
		emulator.allowPrivateWebhookUrls(true);
		const port = await freePort();
		origin = `http://127.0.0.1:${port}`;
		// Left from an earlier installation of the same workflow at the same URL: Replicated keeps it.
		adoptedId = (
			(await api('POST', '/v3/notification_subscription', {
				name: `n8n: E2E health ${flows.adopt.id}`,
				isEnabled: true,
				webhookUrl: url(flows.adopt),
				webhookSecret: 'whsec_lost_with_the_static_data',
				eventConfigs: [{ eventType: flows.adopt.event, filters: {} }],
			})) as { id: string }
		).id;
		// The other n8n's subscription, which the imported workflow's static data points at.
		theirsId = (
			(await api('POST', '/v3/notification_subscription', {
				name: `n8n: E2E health ${flows.imported.id}`,
				isEnabled: true,
				webhookUrl: `${OTHER_N8N}/webhook/${flows.imported.hook}/webhook`,
				webhookSecret: 'whsec_of_the_other_n8n',
				eventConfigs: [{ eventType: flows.imported.event, filters: {} }],
			})) as { id: string }
		).id;
		const imported: Flow = {
			...flows.imported,
			staticData: {
				'node:Replicated Trigger': {
					subscriptionId: theirsId,
					webhookSecret: 'whsec_of_the_other_n8n',
					configHash: 'from-the-other-n8n',
					instanceId: 'the-other-n8n-instance',
				},
			},
		};
		n8n = await startN8n({
			// n8n activates triggers on every start only without 2.41's publication service (which keeps
			// webhook registrations across restarts); the reliability test covers the default.
			env: { N8N_PORT: String(port), N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' },
			credentials: [
				{
					...API,
					data: {
						apiToken: emulator.token,
						baseUrl: emulator.baseUrl,
						allowPrivateWebhookUrls: true,
					},
				},
				{ ...STRICT, data: { apiToken: emulator.token, baseUrl: emulator.baseUrl } },
				{ ...READ_ONLY, data: { apiToken: emulator.readOnlyToken, baseUrl: emulator.baseUrl } },
				{ ...ROTATING, data: { secret: NEW_SECRET, previousSecret: OLD_SECRET } },
			],
			workflows: [
				...[
					flows.down,
					flows.gone,
					flows.adopt,
					imported,
					flows.private,
					flows.rotate,
					flows.rotateManual,
					flows.replayAfterRun,
				].map(workflow),
				...actionFlows,
			],
			// The refused one never answers.
			waitForWebhooks: false,
		});
		await until(
			() =>
				[flows.down, flows.gone, flows.adopt, flows.imported, flows.rotate].every(
					(f) => subscriptionAt(f).length === 1,
				),
			'the five subscriptions',
		);
	}, 300_000);

	afterAll(async () => {
		if (process.env.E2E_LOG_DIR && n8n)
			writeFileSync(`${process.env.E2E_LOG_DIR}/trigger-health-n8n.log`, n8n.log());
		await n8n?.stop();
		await emulator?.close();
	}, 60_000);

	it('adopts the subscription already at its URL instead of adding a second one', async () => {
		const [sub] = subscriptionAt(flows.adopt);
		expect(sub.id).toBe(adoptedId);
		// The only POST for its URL is the one that left the subscription there.
		const posts = emulator.requests.filter(
			(r) =>
				r.method === 'POST' &&
				r.path === '/v3/notification_subscription' &&
				(r.body as { webhookUrl?: string }).webhookUrl === url(flows.adopt),
		);
		expect(posts.map((r) => (r.body as { webhookSecret: string }).webhookSecret)).toEqual([
			'whsec_lost_with_the_static_data',
		]);
		expect(emulator.state.subscriptionSecrets.get(adoptedId)).toMatch(/^whsec_/);
		expect(emulator.state.subscriptionSecrets.get(adoptedId)).not.toBe(
			'whsec_lost_with_the_static_data',
		);
		expect(n8n.log()).toContain(`adopted the notification subscription ${adoptedId}`);
		// Replicated signs with the new secret, and the trigger has it.
		const before = (await executions(flows.adopt)).length;
		const { deliveries } = await emulator.notify(flows.adopt.event);
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		await until(
			async () => (await executions(flows.adopt)).length === before + 1,
			'the adopted run',
		);
	});

	it("never takes over another n8n's subscription that came with an imported workflow", () => {
		const [mine] = subscriptionAt(flows.imported);
		expect(mine.id).not.toBe(theirsId);
		const theirs = emulator.state.subscriptions.get(theirsId)!;
		expect(theirs.webhookUrl).toBe(`${OTHER_N8N}/webhook/${flows.imported.hook}/webhook`);
		expect(emulator.state.subscriptionSecrets.get(theirsId)).toBe('whsec_of_the_other_n8n');
		expect(emulator.requests.filter((r) => r.path.includes(theirsId)).map((r) => r.method)).toEqual(
			[],
		);
		expect(n8n.log()).toContain(`its saved subscription ${theirsId} was registered by another n8n`);
	});

	it("refuses a URL Replicated cannot reach, naming it and WEBHOOK_URL, as the workflow's activation error and in the n8n log", async () => {
		const message = `Replicated cannot deliver to ${url(flows.private)}: it blocks localhost and private addresses. Set WEBHOOK_URL to this n8n's public address (or a tunnel to it), restart n8n and publish again.`;
		const error = async () =>
			await n8n.rest<unknown>('GET', `/active-workflows/error/${flows.private.id}`);
		let last: unknown;
		await until(async () => {
			last = await error();
			return JSON.stringify(last).includes('WEBHOOK_URL');
		}, 'the activation error').catch((e: Error) => {
			throw new Error(`${e.message}: ${JSON.stringify(last)}`);
		});
		const { body } = await error();
		expect(JSON.stringify(body)).toContain(JSON.stringify(message).slice(1, -1));
		expect(n8n.log()).toContain(
			`Replicated Trigger in workflow "E2E health ${flows.private.id}" could not be activated: ${message}`,
		);
		expect(subscriptionAt(flows.private)).toEqual([]);
	});

	it('logs every refused delivery with its reason, event and sender, never the signature or the body', async () => {
		const target = url(flows.down);
		const body = JSON.stringify(
			sampleDelivery('customer.created', { customerName: 'Refusal Marker Co' }),
		);
		const forged = signBody(body, 'whsec_not_the_secret');
		expect((await sendDelivery(target, null, { rawBody: body, signature: forged })).status).toBe(
			401,
		);
		const secret = emulator.state.subscriptionSecrets.get(subscriptionAt(flows.down)[0].id)!;
		expect(
			(
				await sendDelivery(target, null, {
					rawBody: '{"event":"customer.created","data":{}}',
					secret,
				})
			).status,
		).toBe(400);
		expect(
			(
				await sendDelivery(target, null, {
					rawBody: `{"event":"customer.created","pad":"${'x'.repeat(300 * 1024)}"}`,
					secret,
				})
			).status,
		).toBe(413);
		await until(
			() => (n8n.log().match(/Replicated Trigger refused a delivery/g) ?? []).length >= 3,
			'three refusal lines',
		);
		const lines = n8n
			.log()
			.split('\n')
			.filter((l) => l.includes('Replicated Trigger refused a delivery'));
		expect(
			lines.map((l) =>
				l
					.replace(/^.*?Replicated Trigger/, 'Replicated Trigger')
					.replace(/from \S+ with/, 'from <addr> with'),
			),
		).toEqual([
			`Replicated Trigger refused a delivery from <addr> with 401: invalid signature (event customer.created) — workflow "E2E health ${flows.down.id}"`,
			`Replicated Trigger refused a delivery from <addr> with 400: timestamp: Invalid input: expected string, received undefined (event customer.created) — workflow "E2E health ${flows.down.id}"`,
			`Replicated Trigger refused a delivery from <addr> with 413: body larger than 256 KB (event customer.created) — workflow "E2E health ${flows.down.id}"`,
		]);
		for (const line of lines) expect(line).toMatch(/from (::ffff:)?127\.0\.0\.1 with/);
		expect(n8n.log()).not.toContain(forged.slice(7));
		expect(n8n.log()).not.toContain('Refusal Marker Co');
		expect(n8n.log()).not.toContain(secret);
	});

	it('n8n down longer than the retry schedule, a subscription auto-disabled, another deleted: after the restart every event runs exactly once', async () => {
		const down = subscriptionAt(flows.down)[0].id;
		const gone = subscriptionAt(flows.gone)[0].id;
		const before = (await executions(flows.down)).length;
		await n8n.stop();
		// Ten events from two hours ago (older than the trigger's 60-minute replay window), each
		// failing its first attempt and its eight retries: ten permanent failures disable it.
		const fired = [];
		const twoHoursAgo = Date.now() - 2 * 3600_000;
		for (let i = 0; i < 10; i++)
			fired.push(
				await emulator.notify(flows.down.event, { timestamp: new Date(twoHoursAgo + i * 1000) }),
			);
		expect(fired.map((f) => f.deliveries.map((d) => d.status))).toEqual(Array(10).fill([0]));
		const log = () => emulator.state.deliveries.forSubscription(down);
		await until(
			() => log().length === 10 && log().every((e) => statusOf(e) === 'failed'),
			'ten permanent failures',
			60_000,
		);
		expect(log().map((e) => e.attempts.length)).toEqual(Array(10).fill(9));
		expect(emulator.state.subscriptions.get(down)?.isEnabled).toBe(false);
		// Meanwhile someone deletes the other trigger's subscription in the Vendor Portal.
		await api('DELETE', `/v3/notification_subscription/${gone}`);

		await n8n.startAgain();
		await until(
			async () => (await executions(flows.down)).length >= before + 10,
			'the ten caught-up runs',
			90_000,
		);
		await new Promise((r) => setTimeout(r, 3000));
		const runs = (await items(flows.down)).slice(0, (await executions(flows.down)).length - before);
		expect(runs).toHaveLength(10);
		expect(new Set(runs.map((i) => i.deliveryId)).size).toBe(10);
		expect(runs.every((i) => i.redelivered === true)).toBe(true);
		expect(runs.map((i) => i.occurredAt).sort()).toEqual(
			fired.map((f) => f.event.timestamp).sort(),
		);
		expect(log().every((e) => statusOf(e) === 'success')).toBe(true);
		expect(emulator.state.subscriptions.get(down)?.isEnabled).toBe(true);
		expect(n8n.log()).toContain(
			`Replicated had disabled its notification subscription ${down} (after 10 consecutive permanently failed deliveries); enabled it again`,
		);
		expect(n8n.log()).toContain(
			`asked Replicated to redeliver 10 of 10 undelivered event(s) of subscription ${down}`,
		);
		// The deleted one is registered again.
		await until(() => subscriptionAt(flows.gone).length === 1, 'the re-created subscription');
		expect(subscriptionAt(flows.gone)[0].id).not.toBe(gone);
		expect(n8n.log()).toContain(
			`its notification subscription ${gone} no longer exists in Replicated`,
		);
	});

	it('a resend of a delivered event is declined, a replayed capture starts nothing more; an old delivery Replicated never sent is refused', async () => {
		const down = subscriptionAt(flows.down)[0].id;
		const secret = emulator.state.subscriptionSecrets.get(down)!;
		const before = (await executions(flows.down)).length;
		const [first] = emulator.state.deliveries.forSubscription(down);
		// A retry of a delivered event: Replicated declines it (INFERRED, SPEC retries failed ones).
		const attempts = first.attempts.length;
		expect(await api('POST', `/v3/notification_event/${first.id}/retry`)).toEqual({
			success: false,
			message: 'notification event was already delivered',
		});
		expect(first.attempts).toHaveLength(attempts);
		// Someone replays the captured body with its valid signature.
		const replay = await sendDelivery(url(flows.down), first.payload, { secret });
		expect([replay.status, JSON.parse(replay.body)]).toEqual([
			200,
			{ received: true, duplicate: true },
		]);
		// Signed, two hours old, but no event Replicated logged: a replay of something else.
		const stranger = sampleDelivery(
			'customer.created',
			{},
			{ timestamp: new Date(Date.now() - 2 * 3600_000) },
		);
		const refused = await sendDelivery(url(flows.down), stranger, { secret });
		expect(refused.status).toBe(401);
		expect(JSON.parse(refused.body).error).toBe(
			"delivery is older than 60 minutes (replay), and not in Replicated's delivery log as undelivered",
		);
		await new Promise((r) => setTimeout(r, 1500));
		expect((await executions(flows.down)).length).toBe(before);
		// A fresh event runs once, as always.
		await emulator.notify(flows.down.event);
		await until(async () => (await executions(flows.down)).length === before + 1, 'the fresh run');
	});

	it('acknowledging after the run: a captured undelivered event runs once; its replay is refused, as n8n saved the record', async () => {
		const flow = flows.replayAfterRun;
		const [subscription] = subscriptionAt(flow);
		const secret = emulator.state.subscriptionSecrets.get(subscription.id)!;
		const before = (await executions(flow)).length;
		// Two hours ago n8n was unreachable: Replicated logged the event and gave up on it.
		const reachable = subscription.webhookUrl;
		subscription.webhookUrl = 'http://127.0.0.1:9/webhook/unreachable/webhook';
		const fired = await emulator.notify(flow.event, {
			timestamp: new Date(Date.now() - 2 * 3600_000),
		});
		const logged = () => emulator.state.deliveries.forSubscription(subscription.id);
		await until(
			() => logged().length === 1 && statusOf(logged()[0]) === 'failed',
			'the permanent failure',
		);
		subscription.webhookUrl = reachable;
		// The captured body, signed, sent as a redelivery would be: it runs, answered after the run.
		const body = JSON.stringify(fired.event);
		const first = await sendDelivery(url(flow), null, { rawBody: body, secret });
		expect(first.status).toBe(200);
		await until(async () => (await executions(flow)).length === before + 1, 'the one run');
		// The same capture again: n8n kept the record in the workflow's static data.
		const again = await sendDelivery(url(flow), null, { rawBody: body, secret });
		expect([again.status, JSON.parse(again.body)]).toEqual([
			409,
			{
				error:
					'delivery was already run once as a redelivery (replay); not run again: retry its execution in n8n if it failed',
			},
		]);
		await new Promise((r) => setTimeout(r, 1500));
		expect((await executions(flow)).length).toBe(before + 1);
	});

	it('rotates the signing secret without a gap: the previous one is still accepted, anything else refused', async () => {
		const signedBy = async (flow: Flow, secret: string) =>
			(
				await sendDelivery(
					url(flow),
					sampleDelivery(
						flow.event,
						{},
						{ timestamp: new Date(Date.now() - Math.random() * 60_000) },
					),
					{ secret },
				)
			).status;
		// Automatic: Signing Secret Version raised and the workflow published again.
		const [before] = subscriptionAt(flows.rotate);
		const old = emulator.state.subscriptionSecrets.get(before.id)!;
		const rotated = workflow({ ...flows.rotate, options: { secretVersion: 2 } });
		await n8n.api(`/workflows/${flows.rotate.id}`, 'PUT', {
			name: rotated.name,
			nodes: rotated.nodes,
			connections: rotated.connections,
			settings: rotated.settings,
		});
		await n8n.api(`/workflows/${flows.rotate.id}/activate`, 'POST');
		await until(
			() =>
				subscriptionAt(flows.rotate).length === 1 &&
				emulator.state.subscriptionSecrets.get(subscriptionAt(flows.rotate)[0].id) !== old,
			'the new secret',
		);
		const current = emulator.state.subscriptionSecrets.get(subscriptionAt(flows.rotate)[0].id)!;
		const runsBefore = (await executions(flows.rotate)).length;
		expect(await signedBy(flows.rotate, current)).toBe(200);
		expect(await signedBy(flows.rotate, old)).toBe(200);
		expect(await signedBy(flows.rotate, 'whsec_neither')).toBe(401);
		await until(async () => (await executions(flows.rotate)).length === runsBefore + 2, 'two runs');
		// Manual: the credential's Secret and Previous Secret, until Previous Secret is cleared.
		expect(await signedBy(flows.rotateManual, NEW_SECRET)).toBe(200);
		expect(await signedBy(flows.rotateManual, OLD_SECRET)).toBe(200);
		expect(await signedBy(flows.rotateManual, 'whsec_neither')).toBe(401);
		const cleared = await n8n.rest('PATCH', `/credentials/${ROTATING.id}`, {
			name: ROTATING.name,
			type: ROTATING.type,
			data: { secret: NEW_SECRET, previousSecret: '' },
		});
		expect(cleared.status).toBe(200);
		expect(await signedBy(flows.rotateManual, OLD_SECRET)).toBe(401);
		expect(await signedBy(flows.rotateManual, NEW_SECRET)).toBe(200);
	});

	describe('the Notification resource of the Replicated node', () => {
		const call = async (path: string, body: Record<string, unknown>) => {
			for (let i = 0; ; i++) {
				const res = await fetch(`${origin}/webhook/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
				if (res.status !== 404 || i > 100)
					return (await res.json()) as Array<Record<string, unknown>>;
				await new Promise((r) => setTimeout(r, 200));
			}
		};

		it('finds the deliveries Replicated gave up on and has them delivered again (a scheduled catch-up)', async () => {
			const id = subscriptionAt(flows.adopt)[0].id;
			const secret = emulator.state.subscriptionSecrets.get(id)!;
			// Signed with a secret the trigger does not know: refused (401) until Replicated gives up.
			emulator.state.subscriptionSecrets.set(id, 'whsec_mismatched');
			const { deliveries } = await emulator.notify(flows.adopt.event);
			expect(deliveries.map((d) => d.status)).toEqual([401]);
			const event = emulator.state.deliveries.events.get(deliveries[0].eventId)!;
			await until(() => statusOf(event) === 'failed', 'the permanent failure', 60_000);
			emulator.state.subscriptionSecrets.set(id, secret);
			const before = (await executions(flows.adopt)).length;
			const answer = await call('catch-up', { subscriptionId: id });
			if (!answer.length)
				throw new Error(
					JSON.stringify([
						answer,
						emulator.requests.filter((r) => r.path.startsWith('/v3/notification_ev')).slice(-5),
					]),
				);
			expect(answer).toEqual([
				{ eventId: event.id, retried: true, message: 'Notification event queued for retry' },
			]);
			await until(
				async () => (await executions(flows.adopt)).length === before + 1,
				'the retried run',
			);
			expect(statusOf(event)).toBe('success');
			// The flow's read (the trigger's own catch-up reads the log too, from a start_time on).
			const listed = emulator.requests.find(
				(r) => r.path === '/v3/notification_events' && !r.query.start_time,
			);
			expect(listed?.query).toEqual({
				pageSize: '100',
				status: 'failed',
				subscription_id: id,
				currentPage: '0',
			});
		});

		it('sends a signed test delivery through Replicated', async () => {
			const id = subscriptionAt(flows.adopt)[0].id;
			const [result] = await call('send-test', {
				url: url(flows.adopt),
				secret: emulator.state.subscriptionSecrets.get(id),
			});
			expect(result).toMatchObject({
				success: true,
				statusCode: 200,
				eventType: 'customer.unarchived',
			});
			await until(
				async () => (await items(flows.adopt)).some((i) => i.isTest === true),
				'the test run',
			);
			const tests = (await items(flows.adopt)).filter((i) => i.isTest === true);
			expect(tests).toHaveLength(1);
			expect(tests[0]).toMatchObject({ event: 'customer.unarchived', isTest: true });
		});

		it('says which team permission a token lacks', async () => {
			const [first] = emulator.state.deliveries.forSubscription(subscriptionAt(flows.down)[0].id);
			const [result] = await call('read-only-retry', { eventId: first.id });
			expect(result.error).toBe(
				"Replicated: this API token has read-only access. The API token's role lacks the team permission team/[:teamid]/notification/write: add it to the role in the Vendor Portal (Team → Roles) or use a token whose role has it.",
			);
		});

		it("deletes orphaned subscriptions, here the other n8n's", async () => {
			const answer = await call('clean-up', { url: 'n8n-a.example.com' });
			expect(answer).toEqual([{ id: theirsId, deleted: true }]);
			expect(emulator.state.subscriptions.has(theirsId)).toBe(false);
		});
	});

	it('never logs the API token or a signing secret', () => {
		const secrets = [emulator.token, ...emulator.state.subscriptionSecrets.values()];
		for (const secret of secrets) expect(n8n.log()).not.toContain(secret);
	});
});

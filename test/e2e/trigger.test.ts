/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, no-console -- test infrastructure: runs beside n8n, never inside it */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { EVENT_TYPES } from '../../nodes/Replicated/trigger/panel/events';
import type { EventItem } from '../../nodes/Replicated/trigger/delivery/normalize';
import { listenSecret } from '../../nodes/Replicated/trigger/lifecycle/test-event';
import { type Emulator, startEmulator } from '../emulator/server';
import { sampleDelivery } from '../emulator/samples';
import { sendDelivery, signBody } from '../emulator/sender';
import { type N8nInstance, startN8n } from '../support/n8n-process';
import { type TriggerParameters, triggerNode } from '../support/trigger-node';

const API_CREDENTIAL = {
	id: 'e2eReplicatedCred3',
	name: 'Replicated (emulator)',
	type: 'replicatedApi',
};
const SECRET_CREDENTIAL = {
	id: 'e2eWebhookSecret01',
	name: 'Replicated webhook secret',
	type: 'replicatedWebhookApi',
};
/** The same API, without the sandbox's opt-in: Replicated's own rule for a loopback URL. */
const CLOUD_CREDENTIAL = {
	id: 'e2eReplicatedCred4',
	name: 'Replicated (private URLs refused)',
	type: 'replicatedApi',
};
const MANUAL_SECRET = 'whsec_manual_0123456789abcdef';
const AUTO_HOOK = '7a1e0000-0000-4000-8000-00000000a001';
const MANUAL_HOOK = '7a1e0000-0000-4000-8000-00000000b001';
const AFTER_RUN_HOOK = '7a1e0000-0000-4000-8000-00000000c001';
const PRIVATE_HOOK = '7a1e0000-0000-4000-8000-00000000d001';

/** Answers after the run; its Code node fails for a customer named "Fail Me". */
function afterRunWorkflow() {
	const workflow = triggerWorkflow(
		'e2eTriggerAfter1',
		AFTER_RUN_HOOK,
		{
			registration: 'manual',
			events: ['customer.created'],
			filters: {},
			options: { enrichCustomer: false, acknowledge: 'afterRun' },
		},
		true,
	);
	return {
		...workflow,
		nodes: [
			...workflow.nodes,
			{
				id: 'e2eTriggerAfter1-code',
				name: 'Fail On Request',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [240, 0],
				parameters: {
					mode: 'runOnceForAllItems',
					jsCode:
						"if ($input.first().json.customer.name === 'Fail Me') throw new Error('asked to fail');\nreturn $input.all();",
				},
			},
		],
		connections: {
			'Replicated Trigger': { main: [[{ node: 'Fail On Request', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * Automatic registration with a credential that keeps Replicated's rule (no private URLs): never
 * published, since production refuses its loopback URL; only listened to.
 */
function privateWorkflow() {
	const workflow = triggerWorkflow(
		'e2eTriggerPriv01',
		PRIVATE_HOOK,
		{
			registration: 'auto',
			events: ['instance.ready'],
			filters: {},
			options: { enrichCustomer: false },
		},
		false,
	);
	const [node] = workflow.nodes;
	const replicatedApi = { id: CLOUD_CREDENTIAL.id, name: CLOUD_CREDENTIAL.name };
	return { ...workflow, active: false, nodes: [{ ...node, credentials: { replicatedApi } }] };
}

/**
 * Workflow IDs here have the 16 characters n8n generates: n8n 2.0.x saves a workflow's static data
 * (where the trigger keeps its subscription and secret) only for IDs of at most 16.
 */
function triggerWorkflow(
	id: string,
	webhookId: string,
	parameters: TriggerParameters,
	withSecret: boolean,
) {
	return {
		id,
		name: `E2E trigger ${id}`,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			triggerNode({
				id: `${id}-t`,
				webhookId,
				...parameters,
				credentials: {
					replicatedApi: { id: API_CREDENTIAL.id, name: API_CREDENTIAL.name },
					...(withSecret
						? { replicatedWebhookApi: { id: SECRET_CREDENTIAL.id, name: SECRET_CREDENTIAL.name } }
						: {}),
				},
			}),
		],
		connections: {},
	};
}

/** The documented `npm run send-event` command, run as a user runs it (with `env` set before it). */
async function sendEvent(args: string[], env: Record<string, string> = {}): Promise<string> {
	const root = path.join(__dirname, '..', '..');
	const { stdout } = await promisify(execFile)(
		path.join(root, 'node_modules', '.bin', 'tsx'),
		[path.join(root, 'test', 'emulator', 'send-event-cli.ts'), ...args],
		{ cwd: root, env: { ...process.env, ...env } },
	);
	return stdout;
}

interface Execution {
	id: string;
	status: string;
	mode: string;
	data: {
		resultData: {
			runData: Record<string, Array<{ data: { main: Array<Array<{ json: EventItem }>> } }>>;
		};
	};
}

describe('Replicated Trigger in a real n8n', () => {
	let emulator: Emulator;
	let n8n: N8nInstance;
	let customer: { id: string; customId: string; name: string };
	let autoUrl: string;
	let manualUrl: string;
	let autoSecret: string;

	const executions = async (workflowId: string) =>
		(
			await n8n.api<{ data: Execution[] }>(
				`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
			)
		).data;
	/** Executions are written asynchronously after the webhook answers: wait for the count to settle. */
	const settledCount = async (workflowId: string, expected: number) => {
		for (let i = 0; i < 50; i++) {
			if ((await executions(workflowId)).length >= expected) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		await new Promise((r) => setTimeout(r, 500));
		return (await executions(workflowId)).length;
	};

	beforeAll(async () => {
		emulator = await startEmulator();
		// Replicated refuses loopback URLs; the emulator lets the test register one.
		emulator.allowPrivateWebhookUrls(true);
		const seeded = [...emulator.state.customers.values()].find((c) => c.customId)!;
		customer = { id: seeded.id, customId: seeded.customId, name: seeded.name };
		n8n = await startN8n({
			credentials: [
				{
					...API_CREDENTIAL,
					data: {
						apiToken: emulator.token,
						baseUrl: emulator.baseUrl,
						allowPrivateWebhookUrls: true,
					},
				},
				{ ...SECRET_CREDENTIAL, data: { secret: MANUAL_SECRET } },
				{
					...CLOUD_CREDENTIAL,
					data: { apiToken: emulator.token, baseUrl: emulator.baseUrl },
				},
			],
			workflows: [
				triggerWorkflow(
					'e2eTriggerAuto01',
					AUTO_HOOK,
					{ registration: 'auto', events: ['*'], filters: {}, options: {} },
					false,
				),
				triggerWorkflow(
					'e2eTriggerManu01',
					MANUAL_HOOK,
					{
						registration: 'manual',
						events: ['instance.ready'],
						filters: { licenseTypes: ['paid'] },
						options: { enrichCustomer: false },
					},
					true,
				),
				afterRunWorkflow(),
				privateWorkflow(),
			],
		});
		autoUrl = `${n8n.origin}/webhook/${AUTO_HOOK}/webhook`;
		manualUrl = `${n8n.origin}/webhook/${MANUAL_HOOK}/webhook`;
		// n8n activates published workflows in the background after the editor is up. A trigger is
		// ready once a delivery signed with its secret reaches the schema check: '{}' answers 400 there.
		const ready = async (url: string, secret: () => string | undefined) => {
			for (let i = 0; i < 300; i++) {
				const key = secret();
				if (key && (await sendDelivery(url, null, { rawBody: '{}', secret: key })).status === 400)
					return;
				await new Promise((r) => setTimeout(r, 100));
			}
			throw new Error(`trigger at ${url} did not become ready`);
		};
		await ready(autoUrl, () => [...emulator.state.subscriptionSecrets.values()][0]);
		await ready(manualUrl, () => MANUAL_SECRET);
		await ready(`${n8n.origin}/webhook/${AFTER_RUN_HOOK}/webhook`, () => MANUAL_SECRET);
	}, 300_000);

	/**
	 * "Listen for test event" as the editor does it. The editor of n8n 2.0.x sends the workflow with
	 * the request (its API requires it); newer n8n reads it from the database and ignores it.
	 */
	const listenForTestEvent = async (id: string) => {
		const workflow = await n8n.rest<{ data: object }>('GET', `/workflows/${id}`);
		return await n8n.rest<{ data: unknown }>('POST', `/workflows/${id}/run`, {
			workflowData: workflow.body.data,
			triggerToStartFrom: { name: 'Replicated Trigger' },
		});
	};

	afterAll(async () => {
		if (process.env.E2E_LOG_DIR && n8n)
			writeFileSync(`${process.env.E2E_LOG_DIR}/trigger-n8n.log`, n8n.log());
		await n8n?.stop();
		await emulator?.close();
	}, 60_000);

	it('registered a subscription for its production URL on activation, with a secret it generated', () => {
		const subs = [...emulator.state.subscriptions.values()];
		expect(subs).toHaveLength(1);
		expect(subs[0]).toMatchObject({ webhookUrl: autoUrl, isEnabled: true });
		// All Events with every default n8n filled in, accepted by the strict emulator: all but the two
		// events whose metric or threshold no default can guess, each with only its table's filters.
		const configs = Object.fromEntries(subs[0].eventConfigs.map((c) => [c.eventType, c.filters]));
		expect(Object.keys(configs).sort()).toEqual(
			EVENT_TYPES.map((e) => e.key)
				.filter(
					(k) =>
						k !== 'instance.custom_metric_threshold_reached' &&
						k !== 'platform.egress_threshold_reached',
				)
				.sort(),
		);
		expect(configs['instance.version_behind']).toEqual({ versionsBehind: '3' });
		expect(configs['instance.state.duration']).toEqual({
			state: ['unavailable', 'degraded'],
			durationMinutes: '60',
		});
		expect(configs['customer.created']).toEqual({});
		autoSecret = emulator.state.subscriptionSecrets.get(subs[0].id)!;
		expect(autoSecret).toMatch(/^whsec_/);
	});

	it('starts one execution per signed delivery of every event, with the typed item and the CRM join key', async () => {
		const counts: Record<string, number> = {};
		for (const { key, category } of EVENT_TYPES) {
			const result = await sendDelivery(
				autoUrl,
				sampleDelivery(key, { customerId: customer.id, customerName: customer.name }),
				{ secret: autoSecret },
			);
			expect([key, result.status]).toEqual([key, 200]);
			counts[category] = (counts[category] ?? 0) + 1;
		}
		expect(await settledCount('e2eTriggerAuto01', EVENT_TYPES.length)).toBe(EVENT_TYPES.length);
		const items = (await executions('e2eTriggerAuto01')).map(
			(e) => e.data.resultData.runData['Replicated Trigger'][0].data.main[0][0].json,
		);
		expect(items.map((i) => i.event).sort()).toEqual(EVENT_TYPES.map((e) => e.key).sort());
		expect(new Set(items.map((i) => i.deliveryId)).size).toBe(items.length);
		for (const item of items) {
			expect(Object.keys(item).slice(0, 7)).toEqual([
				'customId',
				'event',
				'category',
				'occurredAt',
				'isTest',
				'deliveryId',
				'text',
			]);
			expect(item.deliveryId).toMatch(/^[0-9a-f]{64}$/);
			expect(item.app.id).toEqual(expect.any(String));
			if (item.customer) {
				// Enriched from the API: the payload itself carries no custom_id.
				expect(item.customer).toMatchObject({
					id: customer.id,
					customId: customer.customId,
					licenseType: 'paid',
				});
				expect(item.customId).toBe(customer.customId);
			}
		}

		console.log(
			`deliveries sent per category: ${JSON.stringify(counts)}; executions: ${items.length}`,
		);
	});

	it('starts no execution for forged, unsigned, replayed, oversized, malformed or duplicate deliveries', async () => {
		const before = (await executions('e2eTriggerAuto01')).length;
		const delivery = sampleDelivery('customer.created', { customerId: customer.id });
		const old = sampleDelivery(
			'customer.created',
			{},
			{ timestamp: new Date(Date.now() - 7 * 3_600_000) },
		);
		const huge = JSON.stringify({
			...delivery,
			data: { ...delivery.data, padding: 'x'.repeat(300 * 1024) },
		});
		const cases: Array<[string, Promise<{ status: number; body: string }>, number, string]> = [
			[
				'wrong secret',
				sendDelivery(autoUrl, delivery, { secret: 'not-the-secret' }),
				401,
				'invalid signature',
			],
			[
				'no signature',
				sendDelivery(autoUrl, delivery),
				401,
				'missing X-Replicated-Signature header',
			],
			[
				'bad header',
				sendDelivery(autoUrl, delivery, { signature: 'sha1=deadbeef' }),
				401,
				'malformed',
			],
			['replayed', sendDelivery(autoUrl, old, { secret: autoSecret }), 401, 'replay'],
			[
				'oversized',
				sendDelivery(autoUrl, null, { rawBody: huge, secret: autoSecret }),
				413,
				'larger than',
			],
			[
				// n8n's own body parser refuses broken JSON (422) before any node runs.
				'not JSON',
				sendDelivery(autoUrl, null, { rawBody: '{"event":', secret: autoSecret }),
				422,
				'',
			],
			[
				'no event',
				sendDelivery(autoUrl, null, {
					rawBody: JSON.stringify({ timestamp: delivery.timestamp, data: {} }),
					secret: autoSecret,
				}),
				400,
				'event:',
			],
		];
		for (const [name, pending, status, reason] of cases) {
			const result = await pending;
			expect([name, result.status]).toEqual([name, status]);
			expect(result.body).toContain(reason);
		}
		// The same delivery twice (as Replicated retries after a slow answer): one execution.
		const body = JSON.stringify(delivery);
		const first = await sendDelivery(autoUrl, null, {
			rawBody: body,
			signature: signBody(body, autoSecret),
		});
		// Replicated retries a failed delivery a minute or more later (API.md §2.4); n8n writes the
		// trigger's record to its database just after answering, so the retry comes after a pause.
		await new Promise((r) => setTimeout(r, 2000));
		const retry = await sendDelivery(autoUrl, null, {
			rawBody: body,
			signature: signBody(body, autoSecret),
		});
		expect([first.status, JSON.parse(first.body)]).toEqual([200, { received: true }]);
		expect([retry.status, JSON.parse(retry.body)]).toEqual([
			200,
			{ received: true, duplicate: true },
		]);
		expect(await settledCount('e2eTriggerAuto01', before + 1)).toBe(before + 1);
	});

	it("in manual mode verifies with the credential's secret and ignores unselected or out-of-scope events", async () => {
		const ignored = await sendDelivery(manualUrl, sampleDelivery('customer.created'), {
			secret: MANUAL_SECRET,
		});
		expect(JSON.parse(ignored.body)).toEqual({ received: true, ignored: 'event not selected' });
		const trial = await sendDelivery(
			manualUrl,
			sampleDelivery('instance.ready', { licenseType: 'trial' }),
			{ secret: MANUAL_SECRET },
		);
		expect(JSON.parse(trial.body)).toEqual({
			received: true,
			ignored: 'outside the license type filter',
		});
		const wrong = await sendDelivery(manualUrl, sampleDelivery('instance.ready'), {
			secret: autoSecret,
		});
		expect(wrong.status).toBe(401);
		const ok = await sendDelivery(manualUrl, sampleDelivery('instance.ready'), {
			secret: MANUAL_SECRET,
			headers: {},
		});
		expect(ok.status).toBe(200);
		expect(await settledCount('e2eTriggerManu01', 1)).toBe(1);
		expect(emulator.state.subscriptions.size).toBe(1); // manual mode registers nothing
	});

	it('acknowledging after the run: answers 200 once the workflow succeeded, 500 when it failed, and runs a redelivery again', async () => {
		const url = `${n8n.origin}/webhook/${AFTER_RUN_HOOK}/webhook`;
		const good = JSON.stringify(sampleDelivery('customer.created', { customerName: 'Good Corp' }));
		const bad = JSON.stringify(sampleDelivery('customer.created', { customerName: 'Fail Me' }));
		const send = (body: string) =>
			sendDelivery(url, null, { rawBody: body, secret: MANUAL_SECRET });
		const first = await send(good);
		expect({ status: first.status, body: first.body }).toEqual({ status: 200, body: '' });
		const failed = await send(bad);
		expect(failed.status).toBe(500);
		// Replicated redelivers what was not answered 2xx: the same body runs again, and so does a
		// retry of a delivery that succeeded (no duplicate record is kept in this mode).
		expect((await send(bad)).status).toBe(500);
		expect((await send(good)).status).toBe(200);
		expect((await send(JSON.stringify({ event: 'customer.created' }))).status).toBe(400);
		await settledCount('e2eTriggerAfter1', 4);
		const runs = await executions('e2eTriggerAfter1');
		const byCustomer = runs.map((e) => [
			e.data.resultData.runData['Replicated Trigger'][0].data.main[0][0].json.customer?.name,
			e.status,
		]);
		expect(byCustomer.sort()).toEqual([
			['Fail Me', 'error'],
			['Fail Me', 'error'],
			['Good Corp', 'success'],
			['Good Corp', 'success'],
		]);
	});

	it('listens for a test event: the sample sender reaches the test URL and the editor gets the item', async () => {
		const listen = await listenForTestEvent('e2eTriggerManu01');
		expect(listen.body.data).toEqual({ waitingForWebhook: true });
		const testUrl = `${n8n.origin}/webhook-test/${MANUAL_HOOK}/webhook`;
		const output = await sendEvent([
			'instance.ready',
			'--url',
			testUrl,
			'--secret',
			MANUAL_SECRET,
			'--test',
		]);
		expect(output).toContain('instance.ready → HTTP 200');
		await settledCount('e2eTriggerManu01', 2);
		const manual = (await executions('e2eTriggerManu01')).filter((e) => e.mode === 'manual');
		expect(manual).toHaveLength(1);
		const item = manual[0].data.resultData.runData['Replicated Trigger'][0].data.main[0][0].json;
		expect(item).toMatchObject({ event: 'instance.ready', isTest: true });
	});

	it('listens for a test event in automatic mode with one call: Replicated is asked for a test delivery of the first selected event, which runs, and the test subscription goes', async () => {
		const production = [...emulator.state.subscriptions.keys()];
		const executed = (await executions('e2eTriggerAuto01')).length;
		const asked = emulator.requests.length;
		const started = Date.now();
		const listen = await listenForTestEvent('e2eTriggerAuto01');
		expect(listen.body.data).toEqual({ waitingForWebhook: true });
		const testUrl = `${n8n.origin}/webhook-test/${AUTO_HOOK}/webhook`;
		const testSub = [...emulator.state.subscriptions.values()].find(
			(s) => !production.includes(s.id),
		);
		expect(testSub?.webhookUrl).toBe(testUrl);
		const testSecret = emulator.state.subscriptionSecrets.get(testSub!.id);
		// Nothing else to do: the trigger asks Replicated for a test delivery (All Events: customer.created).
		await settledCount('e2eTriggerAuto01', executed + 1);
		const tests = emulator.requests
			.slice(asked)
			.filter((r) => r.method === 'POST' && r.path === '/v3/notification_webhook/test');
		expect(tests.map((r) => [r.status, r.body])).toEqual([
			[
				200,
				{
					webhookUrl: testUrl,
					eventType: 'customer.created',
					webhookSecret: testSecret,
					customHeaders: [],
				},
			],
		]);
		const [run] = await executions('e2eTriggerAuto01');
		expect(run.mode).toBe('manual');
		expect(run.status).toBe('success');
		expect(run.data.resultData.runData['Replicated Trigger'][0].data.main[0][0].json).toMatchObject(
			{ event: 'customer.created', isTest: true },
		);
		expect(await settledCount('e2eTriggerAuto01', executed + 1)).toBe(executed + 1);
		console.log(`listen → test execution finished in ${Date.now() - started} ms`);
		// n8n removes a test webhook once it has fired: the test subscription goes with it.
		for (let i = 0; i < 100 && emulator.state.subscriptions.has(testSub!.id); i++)
			await new Promise((r) => setTimeout(r, 100));
		expect([...emulator.state.subscriptions.keys()]).toEqual(production);
		expect(n8n.log()).toMatch(
			/Replicated sent a test delivery of customer\.created to \S+\/webhook-test\/\S+ \(HTTP 200 in \d+ ms\)/,
		);
	});

	it('listens for a test event at a URL Replicated cannot reach: registers nothing, and the send-event command the log gives produces the execution', async () => {
		const subscriptions = [...emulator.state.subscriptions.keys()];
		const asked = emulator.requests.length;
		const listen = await listenForTestEvent('e2eTriggerPriv01');
		expect(listen.body.data).toEqual({ waitingForWebhook: true });
		const testUrl = `${n8n.origin}/webhook-test/${PRIVATE_HOOK}/webhook`;
		let command: RegExpMatchArray | null = null;
		for (let i = 0; i < 50 && !command; i++) {
			command = n8n
				.log()
				.match(
					/Replicated cannot deliver to (\S+): it blocks localhost and private addresses\. Listening for a test event without registering anything: deliver a signed sample from a clone of n8n-nodes-replicated with: REPLICATED_API_TOKEN=<the API token of the trigger's Replicated credential> npm run send-event -- (\S+) --url (\S+) --listen --test$/m,
				);
			if (!command) await new Promise((r) => setTimeout(r, 100));
		}
		expect(command?.slice(1, 4)).toEqual([testUrl, 'instance.ready', testUrl]);
		expect([...emulator.state.subscriptions.keys()]).toEqual(subscriptions);
		expect(emulator.requests.slice(asked)).toEqual([]);
		// The command as the log gives it, with the credential's API token in the environment.
		const output = await sendEvent(['instance.ready', '--url', testUrl, '--listen', '--test'], {
			REPLICATED_API_TOKEN: emulator.token,
		});
		expect(output).toContain('instance.ready → HTTP 200');
		await settledCount('e2eTriggerPriv01', 1);
		const runs = await executions('e2eTriggerPriv01');
		expect(runs.map((e) => [e.mode, e.status])).toEqual([['manual', 'success']]);
		expect(
			runs[0].data.resultData.runData['Replicated Trigger'][0].data.main[0][0].json,
		).toMatchObject({ event: 'instance.ready', isTest: true });
		// Nothing was registered, so nothing is deleted when the listener goes.
		expect(emulator.requests.slice(asked)).toEqual([]);
	});

	it('replaces its subscription when the event selection changes and the workflow is republished', async () => {
		const [before] = [...emulator.state.subscriptions.values()];
		const changed = triggerWorkflow(
			'e2eTriggerAuto01',
			AUTO_HOOK,
			{
				registration: 'auto',
				events: ['instance.ready', 'instance.inactive'],
				filters: {},
				options: {},
			},
			false,
		);
		await n8n.api('/workflows/e2eTriggerAuto01', 'PUT', {
			name: changed.name,
			nodes: changed.nodes,
			connections: changed.connections,
			settings: changed.settings,
		});
		await n8n.api('/workflows/e2eTriggerAuto01/activate', 'POST');
		// n8n 2.x re-registers a trigger whose parameters changed: delete the old, create the new.
		const current = async () => {
			for (let i = 0; i < 300; i++) {
				const subs = [...emulator.state.subscriptions.values()];
				if (subs.length === 1 && subs[0].id !== before.id) return subs[0];
				await new Promise((r) => setTimeout(r, 100));
			}
			throw new Error(
				`subscription not replaced: ${JSON.stringify([...emulator.state.subscriptions.values()])}`,
			);
		};
		const sub = await current();
		expect(sub.webhookUrl).toBe(autoUrl);
		expect(sub.eventConfigs.map((c) => c.eventType).sort()).toEqual([
			'instance.inactive',
			'instance.ready',
		]);
		autoSecret = emulator.state.subscriptionSecrets.get(sub.id)!;
		const executed = (await executions('e2eTriggerAuto01')).length;
		// n8n stores the new secret (workflow static data) just after the subscription exists: until
		// then a delivery is refused with 401 and no execution, and Replicated delivers it again.
		let ignored = await sendDelivery(autoUrl, sampleDelivery('customer.created'), {
			secret: autoSecret,
		});
		for (let i = 0; i < 100 && ignored.status === 401; i++) {
			expect(JSON.parse(ignored.body)).toEqual({
				error: 'no webhook secret is configured for this trigger',
			});
			await new Promise((r) => setTimeout(r, 100));
			ignored = await sendDelivery(autoUrl, sampleDelivery('customer.created'), {
				secret: autoSecret,
			});
		}
		expect(JSON.parse(ignored.body)).toEqual({ received: true, ignored: 'event not selected' });
		const ok = await sendDelivery(autoUrl, sampleDelivery('instance.ready'), {
			secret: autoSecret,
		});
		expect(ok.status).toBe(200);
		expect(await settledCount('e2eTriggerAuto01', executed + 1)).toBe(executed + 1);
	});

	it('deletes its subscription when the workflow is deactivated, and its URL stops answering', async () => {
		const executed = (await executions('e2eTriggerAuto01')).length;
		const [active] = [...emulator.state.subscriptions.values()];
		const res = await n8n.api<{ active: boolean }>(
			'/workflows/e2eTriggerAuto01/deactivate',
			'POST',
		);
		expect(res.active).toBe(false);
		for (let i = 0; i < 300 && emulator.state.subscriptions.size > 0; i++)
			await new Promise((r) => setTimeout(r, 100));
		expect(emulator.state.subscriptions.size).toBe(0);
		expect(
			emulator.requests.find((r) => r.method === 'DELETE' && r.path.endsWith(`/${active.id}`))
				?.status,
		).toBe(204);
		const late = await sendDelivery(autoUrl, sampleDelivery('instance.ready'), {
			secret: autoSecret,
		});
		expect(late.status).toBe(404);
		expect(await settledCount('e2eTriggerAuto01', executed)).toBe(executed);
	});

	it('never logs the API token or a webhook secret', () => {
		const listening = listenSecret(
			emulator.token,
			`${n8n.origin}/webhook-test/${PRIVATE_HOOK}/webhook`,
		);
		for (const secret of [emulator.token, autoSecret, MANUAL_SECRET, listening])
			expect(n8n.log()).not.toContain(secret);
	});
});

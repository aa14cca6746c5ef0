import { sleep } from 'n8n-workflow';

import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import type { RegistrationState } from '../../nodes/Replicated/trigger/lifecycle/registration';
import {
	listenSecret,
	sendEventCommand,
	TEST_DELIVERY_DELAY_MS,
	testDeliveryRequest,
	testEventType,
	testOutcome,
} from '../../nodes/Replicated/trigger/lifecycle/test-event';
import { sampleDelivery } from '../emulator/samples';
import { sendDelivery } from '../emulator/sender';
import { useEmulator } from '../support/emulator-fixture';
import { eventually } from '../support/eventually';
import { createHookContext } from '../support/hook-context';
import { startTriggerReceiver, type TriggerReceiver } from '../support/trigger-receiver';

const hooks = new ReplicatedTrigger().webhookMethods.default;

/** What n8n does for "Listen for test event": checkExists, then create, in mode `manual`. */
async function listen(ctx: ReturnType<TriggerReceiver['hook']>): Promise<void> {
	if (!(await hooks.checkExists.call(ctx))) await hooks.create.call(ctx);
}

describe('Replicated Trigger: Listen for test event, one click', () => {
	describe('which event a test delivery is asked for', () => {
		it('the first selected event, as the Events field has them (the order picked)', () => {
			expect(
				testEventType(
					['instance.ready', 'customer.created'],
					['customer.created', 'instance.ready'],
				),
			).toBe('instance.ready');
		});

		it('with All Events, Customer: Created, the event every app has', () => {
			expect(testEventType(['*'], ['customer.pending_signup', 'customer.created'])).toBe(
				'customer.created',
			);
			expect(testEventType([], ['customer.pending_signup', 'customer.created'])).toBe(
				'customer.created',
			);
			expect(testEventType(['instance.ready', '*'], ['customer.created', 'instance.ready'])).toBe(
				'customer.created',
			);
		});

		it('always one the subscription registers', () => {
			expect(testEventType(['*'], ['release.created'])).toBe('release.created');
		});
	});

	it("asks with SPEC testWebhook's body: the URL, the event, the subscription's secret and header", () => {
		const config = {
			name: 'n8n: Signups (test)',
			webhookUrl: 'https://n8n.example.com/webhook-test/abc/webhook',
			eventConfigs: [{ eventType: 'customer.created', filters: {} }],
			customHeader: { name: 'X-Hook-Token', value: 'tok-1' },
		};
		expect(testDeliveryRequest(config, 'whsec_s', 'customer.created')).toEqual({
			webhookUrl: 'https://n8n.example.com/webhook-test/abc/webhook',
			eventType: 'customer.created',
			webhookSecret: 'whsec_s',
			customHeaders: [{ name: 'X-Hook-Token', value: 'tok-1' }],
		});
		expect(
			testDeliveryRequest({ ...config, customHeader: undefined }, 'whsec_s', 'instance.ready'),
		).toMatchObject({ eventType: 'instance.ready', customHeaders: [] });
	});

	it('gives the send-event command for a URL Replicated cannot reach, never the header value', () => {
		expect(
			sendEventCommand('customer.created', 'http://localhost:5678/webhook-test/abc/webhook'),
		).toBe(
			"REPLICATED_API_TOKEN=<the API token of the trigger's Replicated credential> npm run send-event -- customer.created --url http://localhost:5678/webhook-test/abc/webhook --listen --test",
		);
		expect(
			sendEventCommand('instance.ready', 'http://10.0.0.5/webhook-test/abc/webhook', {
				name: 'X-Hook-Token',
			}),
		).toBe(
			"REPLICATED_API_TOKEN=<the API token of the trigger's Replicated credential> npm run send-event -- instance.ready --url http://10.0.0.5/webhook-test/abc/webhook --listen --test --header 'X-Hook-Token:<the Required Header value>'",
		);
	});

	it("reads Replicated's answer to a test (SPEC TestWebhookResponseBody)", () => {
		expect(testOutcome({ success: true, statusCode: 200, durationMs: 15 })).toEqual({
			delivered: true,
			said: 'HTTP 200 in 15 ms',
		});
		expect(testOutcome({ success: false, statusCode: 401, durationMs: 3 })).toEqual({
			delivered: false,
			said: 'HTTP 401 in 3 ms',
		});
		expect(testOutcome({ success: false, error: 'connection refused' })).toEqual({
			delivered: false,
			said: 'no answer: connection refused',
		});
	});

	describe('listening, against the emulator', () => {
		const { emulator } = useEmulator();
		const testRequests = () =>
			emulator().requests.filter(
				(r) => r.method === 'POST' && r.path === '/v3/notification_webhook/test',
			);
		/** The local sandbox's credential: the emulator delivers to loopback URLs. */
		const sandbox = () => {
			emulator().allowPrivateWebhookUrls(true);
			return {
				apiToken: emulator().token,
				baseUrl: emulator().baseUrl,
				allowPrivateWebhookUrls: true,
			};
		};
		/** The test request is sent TEST_DELIVERY_DELAY_MS after `create` returned, then answered. */
		const settled = async (done: () => boolean) => {
			for (let i = 0; i < 100 && !done(); i++) await sleep(50);
		};

		it('asks Replicated for a test delivery of the first selected event, and the trigger runs it', async () => {
			const receiver = await startTriggerReceiver({
				credentials: sandbox(),
				mode: 'manual',
				parameters: { events: ['instance.ready', 'customer.created'] },
				workflowName: 'Onboarding',
			});
			try {
				const ctx = receiver.hook();
				await listen(ctx);
				const returned = Date.now();
				// Not yet: n8n stores the listener's static data (the secret) once create has returned.
				expect(testRequests()).toEqual([]);
				await settled(() => receiver.runs.length > 0);
				expect(Date.now() - returned).toBeGreaterThanOrEqual(TEST_DELIVERY_DELAY_MS);
				const state = ctx.getWorkflowStaticData('node') as RegistrationState;
				// The trigger ran while Replicated was still answering the request (it delivers first).
				await eventually(
					'the emulator answered the test request',
					() => testRequests().length === 1 && testRequests()[0].status !== 0,
					5_000,
					20,
				);
				expect(testRequests().map((r) => [r.status, r.body])).toEqual([
					[
						200,
						{
							webhookUrl: receiver.url,
							eventType: 'instance.ready',
							webhookSecret: state.webhookSecret,
							customHeaders: [],
						},
					],
				]);
				expect(receiver.runs.map((items) => items.map((i) => [i.event, i.isTest]))).toEqual([
					[['instance.ready', true]],
				]);
				await settled(() => ctx.logLines.some((l) => l.includes('Replicated sent')));
				expect(ctx.logLines.at(-1)).toMatch(
					new RegExp(
						`^info Replicated Trigger in workflow "Onboarding": Replicated sent a test delivery of instance\\.ready to ${receiver.url.replace(/[.]/g, '\\.')} \\(HTTP 200 in \\d+ ms\\)$`,
					),
				);
			} finally {
				await receiver.close();
			}
		});

		it('keeps listening when the test delivery fails, and the log says why and what to do', async () => {
			emulator().faults.add({ path: '/v3/notification_webhook/test', status: 403 });
			const ctx = createHookContext({
				credentials: sandbox(),
				mode: 'manual',
				webhookUrl: 'http://127.0.0.1:9/webhook-test/abc/webhook',
				workflowName: 'Onboarding',
			});
			await expect(hooks.create.call(ctx)).resolves.toBe(true);
			await settled(() => ctx.logLines.some((l) => l.includes('could not ask')));
			expect(ctx.logLines.at(-1)).toMatch(
				/^warn Replicated Trigger in workflow "Onboarding": could not ask Replicated for a test delivery of customer\.created to http:\/\/127\.0\.0\.1:9\/webhook-test\/abc\/webhook: Replicated: upstream unavailable\. The API token's role lacks the team permission team\/notifications\/subscriptions\/create: add it to the role in the Vendor Portal \(Team → Roles\) or use a token whose role has it; listening goes on: use Send test on the notification in the Vendor Portal \(Notifications\), or make the event happen$/,
			);
			// Registered all the same: a real event reaches the listener.
			expect(emulator().state.subscriptions.size).toBe(1);
		});

		it('asks for nothing on a production activation', async () => {
			const ctx = createHookContext({
				credentials: sandbox(),
				webhookUrl: 'http://127.0.0.1:9/webhook/abc/webhook',
			});
			await hooks.create.call(ctx);
			await sleep(TEST_DELIVERY_DELAY_MS + 300);
			expect(testRequests()).toEqual([]);
		});

		it('at a private URL: registers nothing, listens for a delivery signed with its own secret, and logs the command', async () => {
			const receiver = await startTriggerReceiver({
				credentials: { apiToken: emulator().token, baseUrl: emulator().baseUrl },
				mode: 'manual',
				parameters: { events: ['*'], options: { enrichCustomer: false } },
				workflowName: 'Onboarding',
			});
			try {
				const ctx = receiver.hook();
				await listen(ctx);
				const { webhookSecret } = ctx.getWorkflowStaticData('node') as RegistrationState;
				// Derived from the API token and the URL: what the command's --listen signs with.
				expect(webhookSecret).toBe(listenSecret(emulator().token, receiver.url));
				expect(webhookSecret).toMatch(/^whsec_listen_[\w-]{43}$/);
				expect(ctx.logLines.at(-1)).toBe(
					`warn Replicated Trigger in workflow "Onboarding": Replicated cannot deliver to ${receiver.url}: it blocks localhost and private addresses. Listening for a test event without registering anything: deliver a signed sample from a clone of n8n-nodes-replicated with: REPLICATED_API_TOKEN=<the API token of the trigger's Replicated credential> npm run send-event -- customer.created --url ${receiver.url} --listen --test`,
				);
				// No secret in the log: not the listener's, not the token.
				expect(ctx.logLines.join('\n')).not.toContain(webhookSecret!);
				expect(ctx.logLines.join('\n')).not.toContain(emulator().token);
				await sleep(TEST_DELIVERY_DELAY_MS + 300);
				expect(emulator().requests).toEqual([]);
				const sent = await sendDelivery(
					receiver.url,
					sampleDelivery('customer.created', {}, { test: true }),
					{ secret: webhookSecret },
				);
				expect(sent.status).toBe(200);
				expect(receiver.runs.map((items) => items.map((i) => i.event))).toEqual([
					['customer.created'],
				]);
				// Stopping the listener deletes nothing at Replicated: nothing was registered.
				await hooks.delete.call(ctx);
				expect(emulator().requests).toEqual([]);
			} finally {
				await receiver.close();
			}
		});
	});
});

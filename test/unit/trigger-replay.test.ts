import { type IDataObject, ObservableObject, sleep } from 'n8n-workflow';

import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import { catchUp } from '../../nodes/Replicated/trigger/lifecycle/catch-up';
import type { RegistrationState } from '../../nodes/Replicated/trigger/lifecycle/registration';
import { statusOf } from '../emulator/delivery-log';
import type { Emulator } from '../emulator/server';
import { sampleDelivery } from '../emulator/samples';
import { type Delivery, sendDelivery } from '../emulator/sender';
import { useEmulator } from '../support/emulator-fixture';
import { fakeTrigger } from '../support/fake-webhook';
import { startTriggerReceiver, type TriggerReceiver } from '../support/trigger-receiver';

const hooks = new ReplicatedTrigger().webhookMethods.default;
/** Nothing listens there: Replicated's attempt fails at once (connection refused). */
const DOWN = 'http://127.0.0.1:9/webhook/abc/webhook';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * A trigger answering on loopback, registered with the emulator (n8n's activation), with the
 * options given over those a test of the webhook path needs.
 */
async function registered(emulator: Emulator, name: string, options: IDataObject) {
	emulator.allowPrivateWebhookUrls(true);
	const receiver = await startTriggerReceiver({
		credentials: {
			apiToken: emulator.token,
			baseUrl: emulator.baseUrl,
			allowPrivateWebhookUrls: true,
		},
		parameters: {
			events: ['customer.created'],
			options: { enrichCustomer: false, catchUp: false, replayToleranceMinutes: 60, ...options },
		},
		workflowName: name,
	});
	const ctx = receiver.hook();
	if (!(await hooks.checkExists.call(ctx))) await hooks.create.call(ctx);
	const id = (ctx.getWorkflowStaticData('node') as RegistrationState).subscriptionId!;
	return { receiver, id, secret: emulator.state.subscriptionSecrets.get(id)! };
}

/**
 * A captured signed delivery that Replicated logs as undelivered reads as a redelivery for as long
 * as the log keeps it. The trigger runs it once, and remembers that for 30 days after the event
 * (in static data), in either acknowledge mode; older stale deliveries are refused outright.
 */
describe('Replicated Trigger: a replayed capture of an undelivered event runs once', () => {
	// No scheduled retries: an event whose first attempt fails is permanently failed at once.
	const { emulator } = useEmulator({ retryScheduleMs: [] });
	let receiver: TriggerReceiver;
	/** Later than it is: how many milliseconds the trigger's clock is ahead. */
	let ahead = 0;
	const realNow = Date.now.bind(Date);
	beforeEach(() => {
		ahead = 0;
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ahead);
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		await receiver?.close();
	});

	/** A trigger registered with Replicated, and an event of two hours ago its n8n missed. */
	async function missedEvent(acknowledge: string): Promise<{ delivery: Delivery; secret: string }> {
		const trigger = await registered(emulator(), `Replays ${acknowledge}`, { acknowledge });
		receiver = trigger.receiver;
		const subscriptionId = trigger.id;
		const subscription = emulator().state.subscriptions.get(subscriptionId)!;
		const delivery = sampleDelivery(
			'customer.created',
			{ customerId: `cus-${acknowledge}` },
			{ timestamp: new Date(Date.now() - 2 * HOUR) },
		);
		subscription.webhookUrl = DOWN;
		await emulator().state.deliveries.deliver(subscription, delivery);
		subscription.webhookUrl = receiver.url;
		const [logged] = emulator().state.deliveries.forSubscription(subscriptionId);
		expect(statusOf(logged)).toBe('failed');
		return { delivery, secret: trigger.secret };
	}

	const replay = async (delivery: Delivery, secret: string) => {
		const answer = await sendDelivery(receiver.url, delivery, { secret });
		return [answer.status, JSON.parse(answer.body) as IDataObject];
	};
	const runs = () => receiver.runs.map((items) => items.map((i) => [i.event, i.redelivered]));

	it('acknowledging on receipt: runs once, then answers every copy as a duplicate, after the 6-hour window too; refused once 30 days old', async () => {
		const { delivery, secret } = await missedEvent('onReceipt');
		expect(await replay(delivery, secret)).toEqual([200, { received: true }]);
		expect(runs()).toEqual([[['customer.created', true]]]);
		// Past the duplicate check's 6-hour window, near the end of the 30 days, and after them.
		for (const later of [7 * HOUR, 29 * DAY, 31 * DAY]) {
			ahead = later;
			expect(await replay(delivery, secret)).toEqual([200, { received: true, duplicate: true }]);
		}
		expect(runs()).toHaveLength(1);
		// A stale delivery older than the memory reaches is refused without asking Replicated.
		emulator().requests.length = 0;
		const older = sampleDelivery(
			'customer.created',
			{},
			{ timestamp: new Date(Date.now() - 30 * DAY - HOUR) },
		);
		expect(await replay(older, secret)).toEqual([
			401,
			{ error: 'delivery is older than 30 days (replay)' },
		]);
		expect(emulator().requests).toEqual([]);
		expect(runs()).toHaveLength(1);
	});

	it('acknowledging after the run: runs once, then refuses every copy with 409, and catch-up leaves it alone', async () => {
		const { delivery, secret } = await missedEvent('afterRun');
		expect(await replay(delivery, secret)).toEqual([200, {}]);
		expect(runs()).toEqual([[['customer.created', true]]]);
		const refused = [
			409,
			{
				error:
					'delivery was already run once as a redelivery (replay); not run again: retry its execution in n8n if it failed',
			},
		];
		expect(await replay(delivery, secret)).toEqual(refused);
		ahead = 7 * HOUR;
		expect(await replay(delivery, secret)).toEqual(refused);
		expect(runs()).toHaveLength(1);
		// Replicated still has it as failed (its own attempt failed): catch-up does not ask for it.
		ahead = 0;
		const ctx = receiver.hook();
		const { subscriptionId } = ctx.getWorkflowStaticData('node') as RegistrationState;
		emulator().requests.length = 0;
		expect(await catchUp(ctx, subscriptionId!, 'Replicated Trigger')).toEqual({
			asked: 0,
			missed: 0,
		});
		expect(emulator().requests.filter((r) => r.method === 'POST')).toEqual([]);
		expect(ctx.logLines).toContain(
			`info Replicated Trigger: 1 event(s) of subscription ${subscriptionId} that Replicated has as undelivered ran here once already (as redeliveries); not asked for again: see their executions`,
		);
	});
});

describe("Replicated Trigger: a stale delivery's lookup fits Replicated's 5-second limit", () => {
	const { emulator } = useEmulator({ retryScheduleMs: [] });
	let receiver: TriggerReceiver;
	afterEach(async () => await receiver?.close());

	/**
	 * Replicated waits 5 s for an answer (DOCS event-notifications-webhooks.mdx). A Retry-After from
	 * Replicated's API while the trigger reads the delivery log must not hold the delivery: it is
	 * answered 503 at once, and Replicated delivers it again (its own retry, a minute on).
	 */
	it.each([
		['a Retry-After of 120 s', { status: 429, retryAfter: 120, times: 5 }, 'Replicated: '],
		['a log that answers after 10 s', { delayMs: 10_000, times: 5 }, ''],
	])('answers 503 within 5 s on %s', async (_what, fault, said) => {
		const trigger = await registered(emulator(), 'Lookup limit', {});
		receiver = trigger.receiver;
		const { secret } = trigger;
		// Three hours old: another hour of the log than the tests above read (the trigger keeps a
		// read for 5 s, by subscription and hour, and each emulator numbers subscriptions alike).
		const delivery = sampleDelivery(
			'customer.created',
			{},
			{ timestamp: new Date(Date.now() - 3 * HOUR) },
		);
		emulator().faults.add({ method: 'GET', path: '/v3/notification_events', ...fault });
		const answer = await sendDelivery(receiver.url, delivery, { secret });
		expect(answer.durationMs).toBeLessThan(5000);
		expect(answer.status).toBe(503);
		expect(JSON.parse(answer.body).error).toMatch(
			new RegExp(
				`^delivery is older than 60 minutes \\(replay\\), and Replicated's delivery log could not be read to tell a redelivery from a replay \\(${said}`,
			),
		);
		expect(receiver.runs).toEqual([]);
		emulator().faults.clear();
	});
});

describe('Replicated Trigger: the memory of a redelivery survives n8n preparing the run', () => {
	/**
	 * n8n saves static data only when it is marked changed; acknowledging after the run it saves once
	 * the run has ended, and preparing the run wraps the data in a new Workflow, which clears the
	 * mark (n8n-workflow ObservableObject.create, as WorkflowRunner.run does in n8n 2.41).
	 */
	it('keeps the change marked until n8n has answered', async () => {
		const raw: IDataObject = { node: {} };
		const root = ObservableObject.create(raw) as IDataObject;
		const delivery = JSON.stringify(
			sampleDelivery('customer.created', {}, { timestamp: new Date(Date.now() - 8 * HOUR) }),
		);
		const fake = fakeTrigger({
			options: { acknowledge: 'afterRun', enrichCustomer: false, catchUp: false },
			logged: () => [
				{ id: 'evt-1', status: 'failed', payload: JSON.parse(delivery) as IDataObject },
			],
			secret: 'whsec_mark',
			workflowId: 'wf-mark',
			staticData: root.node as IDataObject,
			answerLater: true,
		});
		const answer = await fake.deliver(delivery);
		expect(answer.ran).toBe(true);
		expect(Object.keys((raw.node as IDataObject).redeliveries as IDataObject)).toEqual(['runs']);
		// The run is prepared: n8n wraps the same data again, and the mark is gone.
		ObservableObject.create(raw);
		expect(raw.__dataChanged).toBe(false);
		// While the run goes on, the change is marked again for the save at its end.
		await sleep(50);
		expect(raw.__dataChanged).toBe(true);
		// Answered (saved just before): no more marking.
		answer.finish();
		await sleep(20);
		raw.__dataChanged = false;
		await sleep(50);
		expect(raw.__dataChanged).toBe(false);
	});
});

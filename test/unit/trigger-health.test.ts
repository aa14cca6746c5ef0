/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import { catchUp, retryable } from '../../nodes/Replicated/trigger/lifecycle/catch-up';
import { signingSecrets } from '../../nodes/Replicated/trigger/delivery/signing-secrets';
import { judgeStale, sameDelivery } from '../../nodes/Replicated/trigger/delivery/redelivery';
import type { RegistrationState } from '../../nodes/Replicated/trigger/lifecycle/registration';
import { statusOf } from '../emulator/delivery-log';
import { useEmulator } from '../support/emulator-fixture';
import { createHookContext } from '../support/hook-context';

const hooks = new ReplicatedTrigger().webhookMethods.default;

/** A webhook receiver on loopback that answers what the test says (503 = "n8n is down"). */
async function startReceiver() {
	let status = 200;
	const bodies: string[] = [];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (d: Buffer) => (body += d.toString()));
		req.on('end', () => {
			bodies.push(body);
			res.writeHead(status).end();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/webhook`,
		bodies,
		answer: (code: number) => (status = code),
		close: () => new Promise<void>((r) => server.close(() => r())),
	};
}

const until = async (check: () => boolean, what: string) => {
	for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
	if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('Replicated Trigger: a subscription kept healthy across activations', () => {
	// Replicated's retry schedule (1, 2 … 128 minutes), compressed to milliseconds.
	const { emulator } = useEmulator({
		retryScheduleMs: [1, 2, 4, 8, 16, 32, 64, 128].map((m) => m * 2),
	});
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	beforeAll(async () => (receiver = await startReceiver()));
	afterAll(async () => await receiver.close());
	beforeEach(() => {
		emulator().allowPrivateWebhookUrls(true);
		receiver.answer(200);
	});

	const hook = (
		staticData: IDataObject,
		extra: { instanceId?: string; token?: string; parameters?: IDataObject } = {},
	) =>
		createHookContext({
			credentials: {
				apiToken: extra.token ?? emulator().token,
				baseUrl: emulator().baseUrl,
				allowPrivateWebhookUrls: true,
			},
			parameters: { events: ['customer.created'], ...extra.parameters },
			webhookUrl: receiver.url,
			workflowName: 'Signups → CRM',
			staticData,
			instanceId: extra.instanceId,
		});
	/** n8n's activation: checkExists, then create when it says false. */
	const activate = async (ctx: ReturnType<typeof hook>) => {
		if (!(await hooks.checkExists.call(ctx))) await hooks.create.call(ctx);
	};
	const requests = (method: string, prefix: string) =>
		emulator().requests.filter((r) => r.method === method && r.path.startsWith(prefix));

	it('registers once, and on the next activation only reads the subscription and its delivery log', async () => {
		const data: IDataObject = {};
		await activate(hook(data));
		const state = data as RegistrationState;
		expect(emulator().state.subscriptions.get(state.subscriptionId!)?.webhookUrl).toBe(
			receiver.url,
		);
		expect(state.instanceId).toBe('n8n-instance-A');
		emulator().requests.length = 0;
		await activate(hook(data));
		expect(emulator().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /v3/notification_subscription/${state.subscriptionId}`,
			'GET /v3/notification_events',
		]);
		expect(emulator().requests[1].query).toMatchObject({
			subscription_id: state.subscriptionId,
			status: 'failed',
		});
	});

	it('registers again when the subscription was deleted in the Vendor Portal, and says so', async () => {
		const data: IDataObject = {};
		await activate(hook(data));
		const first = (data as RegistrationState).subscriptionId!;
		emulator().state.subscriptions.delete(first);
		const ctx = hook(data);
		await activate(ctx);
		const second = (data as RegistrationState).subscriptionId!;
		expect(second).not.toBe(first);
		expect(emulator().state.subscriptions.get(second)?.isEnabled).toBe(true);
		expect(ctx.logLines).toContain(
			`warn Replicated Trigger in workflow "Signups → CRM": its notification subscription ${first} no longer exists in Replicated (deleted in the Vendor Portal?); registering it again`,
		);
	});

	it('enables again a subscription Replicated disabled after 10 permanently failed deliveries', async () => {
		const data: IDataObject = {};
		await activate(hook(data));
		const id = (data as RegistrationState).subscriptionId!;
		receiver.answer(503);
		for (let i = 0; i < 10; i++) await emulator().notify('customer.created');
		const log = () => emulator().state.deliveries.forSubscription(id);
		await until(() => log().every((e) => statusOf(e) === 'failed'), 'ten permanent failures');
		// Each delivery: the first attempt and eight retries.
		expect(log().map((e) => e.attempts.length)).toEqual(Array(10).fill(9));
		expect(emulator().state.subscriptions.get(id)?.isEnabled).toBe(false);
		// While disabled, Replicated sends nothing (and logs nothing) for it.
		expect((await emulator().notify('customer.created')).deliveries).toEqual([]);

		receiver.answer(200);
		const ctx = hook(data);
		expect(await hooks.checkExists.call(ctx)).toBe(true);
		expect(emulator().state.subscriptions.get(id)?.isEnabled).toBe(true);
		expect(ctx.logLines).toContain(
			`warn Replicated Trigger in workflow "Signups → CRM": Replicated had disabled its notification subscription ${id} (after 10 consecutive permanently failed deliveries); enabled it again`,
		);
	});

	it('fails the activation with what happened and the fix when the subscription cannot be enabled again', async () => {
		const data: IDataObject = {};
		await activate(hook(data));
		const id = (data as RegistrationState).subscriptionId!;
		emulator().state.subscriptions.get(id)!.isEnabled = false;
		const readOnly = hook(data, { token: emulator().readOnlyToken });
		await expect(hooks.checkExists.call(readOnly)).rejects.toThrow(
			'Replicated disabled the notification subscription "n8n: Signups CRM" (it does so after 10 consecutive permanently failed deliveries) and enabling it again failed: Replicated: this API token has read-only access. The API token\'s role lacks the team permission team/notifications/subscriptions/update: add it to the role in the Vendor Portal (Team → Roles) or use a token whose role has it. Then publish the workflow again; what failed meanwhile is redelivered then.',
		);
		// Nothing was forgotten: a later activation with a Read/Write token enables it.
		expect((data as RegistrationState).subscriptionId).toBe(id);
		await activate(hook(data));
		expect(emulator().state.subscriptions.get(id)?.isEnabled).toBe(true);
	});

	it('adopts the subscription already delivering to its URL instead of adding another (re-import, restore)', async () => {
		const original: IDataObject = {};
		await activate(hook(original));
		const id = (original as RegistrationState).subscriptionId!;
		const oldSecret = emulator().state.subscriptionSecrets.get(id);
		// The same workflow, its static data lost: a copy of ours and someone's own at the same URL.
		const post = async (name: string) =>
			(
				await fetch(`${emulator().baseUrl}/v3/notification_subscription`, {
					method: 'POST',
					headers: { authorization: emulator().token, 'content-type': 'application/json' },
					body: JSON.stringify({
						name,
						isEnabled: true,
						webhookUrl: receiver.url,
						eventConfigs: [{ eventType: 'customer.created', filters: {} }],
					}),
				})
			).json() as Promise<{ id: string }>;
		const duplicate = await post('n8n: Signups CRM (old copy)');
		const foreign = await post('Ops pager');
		const restored: IDataObject = {};
		const ctx = hook(restored);
		emulator().requests.length = 0;
		await activate(ctx);
		expect((restored as RegistrationState).subscriptionId).toBe(id);
		expect(requests('POST', '/v3/notification_subscription')).toEqual([]);
		// A new secret, which Replicated now signs with; the trigger keeps it.
		const newSecret = emulator().state.subscriptionSecrets.get(id);
		expect(newSecret).not.toBe(oldSecret);
		expect((restored as RegistrationState).webhookSecret).toBe(newSecret);
		expect(emulator().state.subscriptions.has(duplicate.id)).toBe(false);
		expect(emulator().state.subscriptions.has(foreign.id)).toBe(true);
		expect(ctx.logLines.join('\n')).toContain(`adopted the notification subscription ${id}`);
		expect(ctx.logLines.join('\n')).toContain(
			`warn Replicated Trigger in workflow "Signups → CRM": subscription ${foreign.id} ("Ops pager") also delivers to its URL`,
		);
	});

	it('never takes over the subscription of another n8n whose workflow (with its static data) was imported', async () => {
		const first: IDataObject = {};
		await activate(hook(first, { instanceId: 'n8n-instance-A' }));
		const theirs = (first as RegistrationState).subscriptionId!;
		const before = JSON.stringify(emulator().state.subscriptions.get(theirs));
		const imported = structuredClone(first);
		// The second n8n has its own URL.
		const ctx = createHookContext({
			credentials: {
				apiToken: emulator().token,
				baseUrl: emulator().baseUrl,
				allowPrivateWebhookUrls: true,
			},
			parameters: { events: ['customer.created'] },
			webhookUrl: receiver.url.replace('/abc/', '/second/'),
			workflowName: 'Signups → CRM',
			staticData: imported,
			instanceId: 'n8n-instance-B',
		});
		emulator().requests.length = 0;
		expect(await hooks.checkExists.call(ctx)).toBe(false);
		await hooks.create.call(ctx);
		const mine = (imported as RegistrationState).subscriptionId!;
		expect(mine).not.toBe(theirs);
		expect(emulator().requests.some((r) => r.path.includes(theirs))).toBe(false);
		expect(JSON.stringify(emulator().state.subscriptions.get(theirs))).toBe(before);
		// Deactivating the second deletes only its own.
		await hooks.delete.call(ctx);
		expect(emulator().state.subscriptions.has(mine)).toBe(false);
		expect(emulator().state.subscriptions.has(theirs)).toBe(true);
	});

	it('rotates the secret when Signing Secret Version is raised, the previous one accepted for the replay window', async () => {
		const data: IDataObject = {};
		await activate(hook(data));
		const state = data as RegistrationState;
		const [id, old] = [state.subscriptionId!, state.webhookSecret!];
		const before = Date.now();
		await activate(hook(data, { parameters: { options: { secretVersion: 2 } } }));
		expect(state.subscriptionId).toBe(id);
		expect(state.webhookSecret).not.toBe(old);
		expect(emulator().state.subscriptionSecrets.get(id)).toBe(state.webhookSecret);
		const [retired] = state.retiredSecrets!;
		expect(retired.secret).toBe(old);
		expect(retired.until - before).toBeGreaterThanOrEqual(6 * 3600_000);
		expect(retired.until - before).toBeLessThan(6 * 3600_000 + 60_000);
		// Publishing again replaces the subscription (n8n 2.x removes and re-adds the trigger): both
		// earlier secrets stay accepted for their grace period, the newest first.
		const second = state.webhookSecret!;
		await hooks.delete.call(hook(data));
		await activate(hook(data, { parameters: { options: { secretVersion: 2 } } }));
		expect(state.subscriptionId).not.toBe(id);
		expect(state.webhookSecret).not.toBe(second);
		expect(state.retiredSecrets!.map((r) => r.secret)).toEqual([second, old]);
		// The same version again changes nothing.
		const current = state.webhookSecret;
		await activate(hook(data, { parameters: { options: { secretVersion: 2 } } }));
		expect(state.webhookSecret).toBe(current);
	});

	it('with Revoke Previous Secret Now, refuses a leaked secret at once: no grace, none kept', async () => {
		const data: IDataObject = {};
		const state = data as RegistrationState;
		await activate(hook(data));
		const leaked = state.webhookSecret!;
		// Rotated the usual way first: the leaked secret is still accepted, for at least 6 hours.
		const rotated = { secretVersion: 2 };
		await activate(hook(data, { parameters: { options: rotated } }));
		expect(await signingSecrets(hook(data, { parameters: { options: rotated } }))).toEqual([
			state.webhookSecret,
			leaked,
		]);
		// The option on: refused from the next delivery on, before any activation.
		const revoked = { secretVersion: 2, revokePreviousSecret: true };
		expect(await signingSecrets(hook(data, { parameters: { options: revoked } }))).toEqual([
			state.webhookSecret,
		]);
		// Published: the retired secret is gone from the static data too.
		await activate(hook(data, { parameters: { options: revoked } }));
		expect(state.retiredSecrets).toBeUndefined();
		expect(JSON.stringify(data)).not.toContain(leaked);
		// Rotating again, or publishing a change (which replaces the subscription), keeps none.
		const third = { secretVersion: 3, revokePreviousSecret: true };
		await activate(hook(data, { parameters: { options: third } }));
		await hooks.delete.call(hook(data, { parameters: { options: third } }));
		await activate(hook(data, { parameters: { options: third } }));
		expect(state.retiredSecrets).toBeUndefined();
		expect(await signingSecrets(hook(data, { parameters: { options: third } }))).toEqual([
			state.webhookSecret,
		]);
	});

	it('asks Replicated to redeliver every event it gave up on, oldest first; nothing delivered, nothing still in its schedule', async () => {
		const data: IDataObject = {};
		await activate(hook(data));
		const id = (data as RegistrationState).subscriptionId!;
		await emulator().notify('customer.created');
		receiver.answer(503);
		const failed = [];
		for (let i = 0; i < 3; i++)
			failed.push((await emulator().notify('customer.created')).deliveries[0].eventId);
		await until(
			() =>
				emulator()
					.state.deliveries.forSubscription(id)
					.filter((e) => statusOf(e) === 'failed').length === 3,
			'three permanent failures',
		);
		// One still in Replicated's retry schedule, its next retry a minute away.
		emulator().state.deliveries.scheduleMs = [60_000];
		const pending = (await emulator().notify('customer.created')).deliveries[0].eventId;
		receiver.answer(200);
		const ctx = hook(data);
		emulator().requests.length = 0;
		expect(await catchUp(ctx, id, 'Replicated Trigger')).toEqual({ asked: 3, missed: 3 });
		// Fired within one second: their times (to the second) do not order them.
		expect(
			requests('POST', '/v3/notification_event/')
				.map((r) => r.path)
				.sort(),
		).toEqual(failed.map((e) => `/v3/notification_event/${e}/retry`).sort());
		const log = () => emulator().state.deliveries.forSubscription(id);
		await until(
			() => log().filter((e) => statusOf(e) === 'success').length === 4,
			'the failed ones delivered',
		);
		// The pending one is Replicated's to retry, a minute on.
		expect(statusOf(emulator().state.deliveries.events.get(pending)!)).toBe('pending');
		expect(ctx.logLines).toContain(
			`info Replicated Trigger: asked Replicated to redeliver 3 of 3 undelivered event(s) of subscription ${id}`,
		);
		expect(log().filter((e) => retryable({ ...e, status: statusOf(e) } as never))).toEqual([]);
	});

	it("tells a redelivery of an old event from a replay by Replicated's delivery log", async () => {
		const data: IDataObject = {};
		await activate(hook(data));
		const id = (data as RegistrationState).subscriptionId!;
		const old = new Date(Date.now() - 9 * 3600_000);
		const delivered = await emulator().notify('customer.created', { timestamp: old });
		receiver.answer(503);
		const missed = await emulator().notify('customer.created', {
			timestamp: new Date(old.getTime() + 1000),
		});
		const ctx = hook(data) as unknown as IWebhookFunctions;
		// Key order is not the payload's identity.
		const reordered = Object.fromEntries(Object.entries(missed.event).reverse());
		expect(await judgeStale(ctx, reordered)).toBe('redelivery');
		expect(await judgeStale(ctx, delivered.event)).toBe('delivered');
		const forged = { ...delivered.event, data: { ...delivered.event.data, customer_id: 'other' } };
		expect(await judgeStale(ctx, forged)).toBe('unknown');
		const logged = emulator().state.deliveries.forSubscription(id)[0];
		expect(
			sameDelivery({ ...logged, payload: undefined, status: 'success' } as never, delivered.event),
		).toBe(true);
	});
});

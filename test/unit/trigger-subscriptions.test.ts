import { type IDataObject, sleep } from 'n8n-workflow';

import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import type { RegistrationState } from '../../nodes/Replicated/trigger/lifecycle/registration';
import { sampleDelivery } from '../emulator/samples';
import { sendDelivery } from '../emulator/sender';
import { callEmulator } from '../support/emulator-client';
import { useEmulator } from '../support/emulator-fixture';
import { createHookContext } from '../support/hook-context';
import { startTriggerReceiver } from '../support/trigger-receiver';

const hooks = new ReplicatedTrigger().webhookMethods.default;
const URL = 'https://n8n.example.com/webhook/abc/webhook';
const LABEL = 'Replicated Trigger in workflow "Signups → CRM"';

describe('Replicated Trigger: subscriptions as Replicated keeps them', () => {
	const { emulator } = useEmulator();
	const hook = (staticData: IDataObject, extra: { parameters?: IDataObject } = {}) =>
		createHookContext({
			credentials: { apiToken: emulator().token, baseUrl: emulator().baseUrl },
			parameters: { events: ['customer.created'], ...extra.parameters },
			webhookUrl: URL,
			workflowName: 'Signups → CRM',
			staticData,
		});
	/** n8n's activation: checkExists, then create when it says false. */
	const activate = async (ctx: ReturnType<typeof hook>) => {
		if (!(await hooks.checkExists.call(ctx))) await hooks.create.call(ctx);
	};
	const call = (method: string, path: string, body?: unknown) =>
		callEmulator(emulator(), method, path, body);
	const touched = (id: string) =>
		emulator()
			.requests.filter((r) => r.path.includes(id) && r.method !== 'GET')
			.map((r) => `${r.method} ${r.path}`);
	const theirs = () =>
		emulator().state.addSubscription({
			by: 'teammate',
			name: 'n8n: Signups CRM',
			webhookUrl: URL,
		});

	describe('a subscription Replicated keeps with deletedAt is gone', () => {
		beforeEach(() => emulator().setReadings({ deletedSubscriptions: 'kept' }));

		it('is registered again, and the deleted one left as it is', async () => {
			const data: IDataObject = {};
			await activate(hook(data));
			const first = (data as RegistrationState).subscriptionId!;
			expect((await call('DELETE', `/v3/notification_subscription/${first}`)).status).toBe(204);
			emulator().requests.length = 0;
			const ctx = hook(data);
			await activate(ctx);
			const second = (data as RegistrationState).subscriptionId!;
			expect(second).not.toBe(first);
			expect(emulator().state.subscriptions.get(second)?.deletedAt).toBeNull();
			expect(touched(first)).toEqual([]);
			expect(ctx.logLines).toContain(
				`warn ${LABEL}: its notification subscription ${first} no longer exists in Replicated (deleted in the Vendor Portal?); registering it again`,
			);
		});

		it('is never adopted when the static data is lost: the live one at its URL is', async () => {
			const data: IDataObject = {};
			await activate(hook(data));
			const deleted = (data as RegistrationState).subscriptionId!;
			await call('DELETE', `/v3/notification_subscription/${deleted}`);
			const live = (
				await call('POST', '/v3/notification_subscription', {
					name: 'n8n: Signups CRM',
					isEnabled: true,
					webhookUrl: URL,
					eventConfigs: [{ eventType: 'customer.created', filters: {} }],
				})
			).json.id as string;
			const restored: IDataObject = {};
			emulator().requests.length = 0;
			await activate(hook(restored));
			expect((restored as RegistrationState).subscriptionId).toBe(live);
			expect(touched(deleted)).toEqual([]);
		});
	});

	describe('a subscription the API token cannot change', () => {
		it('is left to the team member who made it; the trigger registers its own and says why', async () => {
			const other = theirs();
			const data: IDataObject = {};
			const ctx = hook(data);
			await activate(ctx);
			const mine = (data as RegistrationState).subscriptionId!;
			expect(mine).not.toBe(other.id);
			expect(touched(other.id)).toEqual([]);
			// The whole team's, not only the token user's.
			const listed = emulator().requests.filter((r) => r.path === '/v3/notification_subscriptions');
			expect(listed.map((r) => r.rawQuery)).toEqual(['type=team']);
			expect(ctx.logLines).toContain(
				`warn ${LABEL}: subscription ${other.id} ("n8n: Signups CRM") also delivers to its URL, but teammate@acme.example made it and this API token cannot change it (only its creator or a team admin can); left alone, and one of its own registered. Its deliveries are refused (signed with a secret this trigger does not have): have teammate@acme.example or a team admin delete it in the Vendor Portal`,
			);
		});

		it('is adopted when the token is a team admin’s', async () => {
			emulator().state.tokenUser.isAdmin = true;
			const other = theirs();
			const data: IDataObject = {};
			await activate(hook(data));
			expect((data as RegistrationState).subscriptionId).toBe(other.id);
			expect(touched(other.id)).toEqual([`PUT /v3/notification_subscription/${other.id}`]);
		});

		it('is found out by a refused update (403) when Replicated does not mark it readonly', async () => {
			const own = emulator().state.addSubscription({ name: 'n8n: Signups CRM', webhookUrl: URL });
			emulator().faults.add({ method: 'PUT', path: own.id, status: 403 });
			const data: IDataObject = {};
			const ctx = hook(data);
			await activate(ctx);
			expect((data as RegistrationState).subscriptionId).not.toBe(own.id);
			expect(ctx.logLines).toContain(
				`warn ${LABEL}: subscription ${own.id} ("n8n: Signups CRM") also delivers to its URL, but Replicated refused to let this API token change it (upstream unavailable); left alone, and one of its own registered. Its deliveries are refused (signed with a secret this trigger does not have): have vendor@acme.example or a team admin delete it in the Vendor Portal`,
			);
		});

		it('is not seen, nor touched, where Replicated lists only the token user’s own', async () => {
			emulator().setReadings({ subscriptionListType: 'ignored' });
			const other = theirs();
			const data: IDataObject = {};
			const ctx = hook(data);
			await activate(ctx);
			expect((data as RegistrationState).subscriptionId).not.toBe(other.id);
			expect(touched(other.id)).toEqual([]);
			expect(ctx.logLines.join('\n')).not.toContain(other.id);
		});
	});

	it('Required Header: registered with the subscription, shown masked, and every delivery must carry it', async () => {
		emulator().allowPrivateWebhookUrls(true);
		const receiver = await startTriggerReceiver({
			credentials: {
				apiToken: emulator().token,
				baseUrl: emulator().baseUrl,
				allowPrivateWebhookUrls: true,
			},
			parameters: {
				events: ['customer.created'],
				options: {
					enrichCustomer: false,
					requiredHeader: { header: { name: 'X-Hook-Token', value: 'tok-3f9a2c7e' } },
				},
			},
			workflowName: 'Signups → CRM',
		});
		try {
			const ctx = receiver.hook();
			await activate(ctx);
			const { subscriptionId: id } = ctx.getWorkflowStaticData('node') as RegistrationState;
			expect(emulator().state.subscriptions.get(id!)?.customHeaders).toEqual([
				{ name: 'X-Hook-Token', value: 'tok-3f9a2c7e' },
			]);
			const shown = await call('GET', `/v3/notification_subscription/${id}`);
			expect(shown.json.customHeaders).toEqual([{ name: 'X-Hook-Token', maskedValue: '********' }]);
			expect(shown.text).not.toContain('tok-3f9a2c7e');
			// Replicated's delivery carries the header: accepted, and the workflow runs.
			const { deliveries } = await emulator().notify('customer.created');
			expect(deliveries.map((d) => [d.status, JSON.parse(d.body)])).toEqual([
				[200, { received: true }],
			]);
			// Answered first; the run starts once the trigger's catch-up after it is done.
			for (let i = 0; i < 200 && !receiver.runs.length; i++) await sleep(10);
			expect(receiver.runs.map((items) => items.map((i) => i.event))).toEqual([
				['customer.created'],
			]);
			// Signed with the right secret, but without the header: refused, nothing runs.
			const secret = emulator().state.subscriptionSecrets.get(id!)!;
			const without = await sendDelivery(receiver.url, sampleDelivery('customer.created'), {
				secret,
			});
			expect([without.status, JSON.parse(without.body)]).toEqual([
				401,
				{ error: 'missing or wrong X-Hook-Token header' },
			]);
			const wrong = await sendDelivery(receiver.url, sampleDelivery('customer.created'), {
				secret,
				headers: { 'X-Hook-Token': 'tok-guess' },
			});
			expect(wrong.status).toBe(401);
			expect(receiver.runs).toHaveLength(1);
		} finally {
			await receiver.close();
		}
	});
});

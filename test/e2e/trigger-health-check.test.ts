/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { request } from 'undici';

import { at, noOp, replicatedTrigger, type Template, workflow } from '../../scripts/templates/kit';
import {
	TRIGGER_HEALTH_CREDENTIAL,
	triggerHealthCheck,
} from '../../scripts/templates/health/trigger-health-check';
import { sampleDelivery } from '../emulator/samples';
import type { NotificationSubscription } from '../emulator/model';
import { FakeSlack } from '../fakes/slack';
import { eventually } from '../support/eventually';
import { startTemplateRig, type TemplateRig } from '../support/template-rig';

const SLACK_TOKEN = 'xoxb-e2e-trigger-health-bot';
const CHECK = triggerHealthCheck.slug;
const CREDENTIAL_ID = 'tplTriggerHealth1';

/** A published workflow whose Replicated Trigger the check watches. */
const watched = (name: string): Template => ({
	crm: 'health',
	slug: `watched-${name}`,
	summary: name,
	prerequisites: [],
	workflow: workflow(
		`Watched ${name}`,
		[
			replicatedTrigger(`e2e/watched-${name}`, ['customer.created'], at(0)),
			noOp('Received', at(1)),
		],
		[['Replicated Trigger', 'Received']],
	),
});
const HEALTHY = watched('healthy');
const DELETED = watched('deleted');
const DISABLED = watched('disabled');
const FAILING = watched('failing');

/**
 * The hourly trigger health check (template health/trigger-health-check) in a real n8n, its schedule
 * shortened to seconds: four published workflows with a Replicated Trigger, each failure staged as
 * Replicated makes it (a subscription deleted through the API as the Vendor Portal does, one
 * disabled by 10 permanently failed deliveries, one with a failing delivery) and a subscription no
 * workflow has. Slack hears each once per change, recovery included.
 */
describe('Trigger health check: a real n8n, its published workflows and the emulator', () => {
	let rig: TemplateRig;
	const slack = new FakeSlack(SLACK_TOKEN);
	const state = () => rig.emulator.state;
	const subscriptionOf = (t: Template): NotificationSubscription => {
		const id = t.workflow.nodes.find((n) => n.webhookId)!.webhookId!;
		return [...state().subscriptions.values()].find((s) =>
			s.webhookUrl?.endsWith(`/${id}/webhook`),
		)!;
	};
	/** Replicated delivers an event to the subscription (and retries it, a millisecond apart). */
	const deliver = async (s: NotificationSubscription) => {
		const { eventId } = await state().deliveries.deliver(s, sampleDelivery('customer.created'));
		const event = state().deliveries.events.get(eventId)!;
		await eventually(
			'the delivery delivered or failed for good',
			() =>
				event.attempts.at(-1)?.success === true || (event.retryCount >= 8 && !event.nextRetryAt),
			60_000,
			50,
		);
	};
	/** The check's executions so far, and what Slack heard after each. */
	const checks = async () => (await rig.executions(CHECK)).filter((e) => e.status === 'success');
	const nextCheck = async () => {
		const seen = (await checks()).length;
		await eventually('the next check', async () => (await checks()).length > seen, 60_000, 200);
	};

	beforeAll(async () => {
		rig = await startTemplateRig({
			logName: 'trigger-health-check',
			templates: [HEALTHY, DELETED, DISABLED, FAILING, triggerHealthCheck],
			fakes: [slack],
			startInactive: [CHECK],
			credentials: [
				{
					id: 'tplSlackCred0001',
					name: 'Slack account',
					type: 'slackApi',
					data: { accessToken: SLACK_TOKEN },
				},
				// Its API key exists once n8n runs: set below.
				{
					id: CREDENTIAL_ID,
					name: TRIGGER_HEALTH_CREDENTIAL,
					type: 'replicatedN8nApi',
					data: { apiKey: 'not-yet', baseUrl: 'http://127.0.0.1:1/api/v1' },
				},
			],
			configure: (wf) => {
				for (const node of wf.nodes) {
					if (node.name === 'Every Hour')
						node.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 3 }] };
				}
				return wf;
			},
		});
		const saved = await rig.n8n.rest('PATCH', `/credentials/${CREDENTIAL_ID}`, {
			name: TRIGGER_HEALTH_CREDENTIAL,
			type: 'replicatedN8nApi',
			data: { apiKey: rig.n8n.apiKey, baseUrl: `${rig.n8n.origin}/api/v1` },
		});
		expect(saved.status).toBe(200);
		// Replicated retries a millisecond apart, so failures are permanent at once.
		state().deliveries.scheduleMs = [1, 1, 1, 1, 1, 1, 1, 1];
	}, 240_000);
	afterAll(async () => await rig?.stop());

	it('alerts once per change: deleted, disabled, failing and orphaned, then the recovery', async () => {
		await deliver(subscriptionOf(HEALTHY));
		// Deleted as the Vendor Portal deletes it: through the API.
		const deleted = subscriptionOf(DELETED);
		const answer = await request(
			`${rig.emulator.baseUrl}/v3/notification_subscription/${deleted.id}`,
			{
				method: 'DELETE',
				headers: { authorization: rig.emulator.token },
			},
		);
		expect([200, 204]).toContain(answer.statusCode);
		await answer.body.dump();
		// n8n refuses what is signed with another secret: 10 permanent failures disable it.
		const disabled = subscriptionOf(DISABLED);
		state().subscriptionSecrets.set(disabled.id, 'not-the-trigger-secret');
		for (let i = 0; i < 10; i++) await deliver(disabled);
		expect(disabled.isEnabled).toBe(false);
		const failing = subscriptionOf(FAILING);
		state().subscriptionSecrets.set(failing.id, 'not-the-trigger-secret');
		await deliver(failing);
		const orphan = state().addSubscription({
			name: 'n8n: Old flow',
			webhookUrl: `${rig.n8n.origin}/webhook/0f3e0c5e-old0-4000-8000-000000000000/webhook`,
		});

		await rig.activate(CHECK);
		await nextCheck();
		const first = slack.messages.map((m) => m.text);
		const wf = (t: Template) => `workflow "${t.workflow.name}" (${rig.id(t.slug)})`;
		const republish = (t: Template) =>
			`Unpublish ${wf(t)} and publish it again: its trigger then registers a new subscription (publishing an unchanged workflow alone does not).`;
		expect(first).toEqual([
			[
				`:x: *workflow ${DELETED.workflow.name} (Replicated Trigger)*: healthy → *deleted*`,
				`The subscription ${deleted.id} of ${wf(DELETED)} is gone from Replicated (deleted in the Vendor Portal?): no event reaches its "Replicated Trigger".`,
				republish(DELETED),
			].join('\n'),
			[
				`:no_entry: *workflow ${DISABLED.workflow.name} (Replicated Trigger)*: healthy → *disabled*`,
				`Replicated disabled "${disabled.name}" (it does so after 10 consecutive permanently failed deliveries): no event reaches ${wf(DISABLED)}.`,
				'Find why deliveries failed (Notification → Get Deliveries, Status: Failed), then enable it again (Repair → Re-Enable Disabled, or the Vendor Portal) and retry what failed.',
			].join('\n'),
			expect.stringMatching(
				new RegExp(
					`^:warning: \\*workflow ${FAILING.workflow.name} \\(Replicated Trigger\\)\\*: healthy → \\*failing\\*\\nDeliveries of "${failing.name}" to workflow "${FAILING.workflow.name}" \\(${rig.id(FAILING.slug)}\\) fail: 1 failed, 0 being retried and 0 delivered in the last 24 h; last error: HTTP 401\\.\\nFind why n8n refused them`,
				),
			),
			[
				':grey_question: *subscription n8n: Old flow*: healthy → *orphaned*',
				`The subscription "n8n: Old flow" delivers to ${orphan.webhookUrl}, where no published workflow has a Replicated Trigger: its events are refused.`,
				'Delete it (Notification → Delete Subscription, or the Vendor Portal), or publish the workflow it was made for.',
			].join('\n'),
		]);
		expect(slack.messages.every((m) => m.channel === '#replicated-alerts')).toBe(true);

		// Nothing changed: nothing said.
		await nextCheck();
		expect(slack.messages).toHaveLength(4);

		// Enabled again in the Vendor Portal: no longer disabled, its failed deliveries still show.
		disabled.isEnabled = true;
		await nextCheck();
		await nextCheck();
		expect(slack.messages.slice(4).map((m) => m.text.split('\n')[0])).toEqual([
			`:warning: *workflow ${DISABLED.workflow.name} (Replicated Trigger)*: disabled → *failing*`,
		]);
		await rig.deactivate(CHECK);

		// What the check keeps between runs: each trigger's status, the healthy one's too, nothing more.
		const stored = await rig.n8n.api<{ staticData: Record<string, unknown> }>(
			`/workflows/${rig.id(CHECK)}`,
		);
		const key = (t: Template) => `${rig.id(t.slug)}/Replicated Trigger`;
		expect(stored.staticData['node:Check Trigger Health']).toEqual({
			lastStatuses: {
				[key(HEALTHY)]: 'healthy',
				[key(DELETED)]: 'deleted',
				[key(DISABLED)]: 'failing',
				[key(FAILING)]: 'failing',
				[`subscription/${orphan.id}`]: 'orphaned',
			},
		});
	}, 240_000);
});

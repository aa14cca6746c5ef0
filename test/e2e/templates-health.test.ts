/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { HEALTH_TEMPLATES } from '../../scripts/templates/health';
import { ASSISTANT_SLUG } from '../../scripts/templates/health/assistant';
import { APPROVAL_SLUG } from '../../scripts/templates/health/assistant-approval';
import { DASHBOARD_SLUG } from '../../scripts/templates/health/dashboard';
import { triggerHealthCheck } from '../../scripts/templates/health/trigger-health-check';
import { FakeSlack } from '../fakes/slack';
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink';
import { type Postgres, startPostgres } from '../../scripts/services/postgres';
import { startTemplateRig, type TemplateRig } from '../support/template-rig';

const SLACK_TOKEN = 'xoxb-e2e-health-bot-token';

describe('Health templates, executed in a real n8n against the emulator, an SMTP sink, a fake Slack and a real PostgreSQL', () => {
	let rig: TemplateRig;
	let smtp: SmtpSink;
	let pg: Postgres;
	const slack = new FakeSlack(SLACK_TOKEN);
	const appId = () => [...rig.emulator.state.apps.keys()][0];
	const paid = () => [...rig.emulator.state.customers.values()].find((c) => c.type === 'prod')!;
	const context = () => ({
		appId: appId(),
		customerId: paid().id,
		customerName: paid().name,
	});

	beforeAll(async () => {
		smtp = await startSmtpSink();
		pg = await startPostgres();
		rig = await startTemplateRig({
			logName: 'templates-health',
			// Each has its own e2e: the dashboard answers a browser (test/e2e/dashboard.test.ts),
			// the assistants a chat with a model (test/e2e/assistant.test.ts, assistant-approval.test.ts),
			// the trigger health check this n8n's own API (test/e2e/trigger-health-check.test.ts).
			templates: HEALTH_TEMPLATES.filter(
				(t) =>
					![DASHBOARD_SLUG, ASSISTANT_SLUG, APPROVAL_SLUG, triggerHealthCheck.slug].includes(
						t.slug,
					),
			),
			fakes: [slack],
			credentials: [
				{
					id: 'tplSmtpCred00001',
					name: 'SMTP account',
					type: 'smtp',
					data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false },
				},
				{
					id: 'tplSlackCred0001',
					name: 'Slack account',
					type: 'slackApi',
					data: { accessToken: SLACK_TOKEN },
				},
				{
					id: 'tplPostgresCred1',
					name: 'Postgres account',
					type: 'postgres',
					data: {
						host: pg.host,
						port: pg.port,
						database: pg.database,
						user: pg.user,
						password: '',
						ssl: 'disable',
					},
				},
			],
			// The user's configuration step: their Replicated app in the scheduled templates.
			configure: (wf, emulator) => {
				for (const node of wf.nodes.filter((n) =>
					['Export Instances', 'Score Customers'].includes(n.name),
				))
					(node.parameters.appId as { value: string }).value = [...emulator.state.apps.keys()][0];
				return wf;
			},
		});
	}, 300_000);
	afterAll(async () => {
		await rig?.stop();
		await smtp?.stop();
		pg?.stop();
	}, 60_000);

	/** Payload fields no Replicated source confirms: a template must read well without them. */
	const UNCONFIRMED = [
		'state',
		'status',
		'versions_behind',
		'latest_version',
		'state_since',
		'state_changes',
		'window_minutes',
		'duration_minutes',
		'cloud_provider',
		'last_check_in',
		'app_version',
		'channel_name',
	];
	const withoutUnconfirmed = Object.fromEntries(UNCONFIRMED.map((f) => [f, undefined]));

	describe('version-behind-email', () => {
		const behind = () => {
			const old = [...rig.emulator.state.instances.values()].find(
				(i) => i.customerId === paid().id && i.versionLabel === '2.1.5',
			);
			return old ?? rig.emulator.state.addInstance(paid().id, { versionLabel: '2.1.5' });
		};
		// The instance behind is only this block's: later templates count the customer's instances.
		afterAll(() => {
			const state = rig.emulator.state;
			state.instances.delete(behind().instanceId);
			state.refreshInstanceCounts(paid());
		});

		it('emails the CS owner the versions and a Vendor Portal link', async () => {
			const before = smtp.messages.length;
			const instance = behind();
			expect(
				(
					await rig.deliver('version-behind-email', 'instance.version_behind', {
						...context(),
						instanceId: instance.instanceId,
					})
				).status,
			).toBe(200);
			const [run] = await rig.settled('version-behind-email', 1);
			expect(rig.outcome(run)).toBe('success');
			const mails = smtp.messages.slice(before);
			expect(mails).toHaveLength(1);
			expect(mails[0]).toMatchObject({
				from: 'replicated-alerts@example.com',
				to: ['cs-team@example.com'],
				subject: 'The Airplane Company is 3 versions behind on Acme Platform',
			});
			expect(mails[0].text).toContain(
				'The Airplane Company (CRM ID 001Dn00000AirplaneCo) runs 2.1.5 on instance',
			);
			expect(mails[0].text).toContain('The latest release on Stable is 2.4.0: 3 versions behind.');
			expect(mails[0].text).toContain(
				`Vendor Portal: https://vendor.replicated.com/apps/acme-platform/customer/${paid().id}/manage`,
			);
		});

		it('reads the running version from Replicated and names the threshold when the event has no counts', async () => {
			const before = smtp.messages.length;
			const instance = behind();
			await rig.deliver(
				'version-behind-email',
				'instance.version_behind',
				{ ...context(), instanceId: instance.instanceId },
				withoutUnconfirmed,
			);
			const [run] = await rig.settled('version-behind-email', 2);
			expect(rig.outcome(run)).toBe('success');
			const [mail] = smtp.messages.slice(before);
			expect(mail.subject).toBe(
				'The Airplane Company is at least 3 versions behind on Acme Platform',
			);
			expect(mail.text).toContain(
				`The Airplane Company (CRM ID 001Dn00000AirplaneCo) runs 2.1.5 on instance ${instance.instanceId}.\nThat is at least 3 releases behind the newest on Stable.`,
			);
		});

		it('leaves a customer who does not pay alone (the event has no license type filter)', async () => {
			const before = smtp.messages.length;
			const trial = [...rig.emulator.state.customers.values()].find((c) => c.type === 'trial')!;
			await rig.deliver('version-behind-email', 'instance.version_behind', {
				appId: appId(),
				customerId: trial.id,
				customerName: trial.name,
			});
			const [run] = await rig.settled('version-behind-email', 3);
			expect(rig.outcome(run)).toBe('success');
			expect(rig.output(run, 'Not Paid: Nothing to Do')).toHaveLength(1);
			expect(smtp.messages.length).toBe(before);
		});
	});

	describe('state-alerts-slack', () => {
		const slug = 'state-alerts-slack';

		it('posts a degraded-too-long instance to the support channel, with since when', async () => {
			const before = slack.messages.length;
			await rig.deliver(slug, 'instance.state.duration', context());
			const [run] = await rig.settled(slug, 1);
			expect(rig.outcome(run)).toBe('success');
			const posted = slack.messages.slice(before);
			expect(posted).toHaveLength(1);
			expect(posted[0].channel).toBe('#support-alerts');
			expect(posted[0].text).toMatch(
				/^:rotating_light: \*The Airplane Company\*: instance \S+ has been degraded for 45 minutes \(since \d{4}-\d\d-\d\dT[\d:]+Z\)\n/,
			);
			expect(posted[0].text).toContain(
				'License: paid · Version: 2.4.0 · CRM ID: 001Dn00000AirplaneCo',
			);
			expect(posted[0].text).toContain(`/apps/acme-platform/customer/${paid().id}/manage`);
		});

		it('posts a flapping instance with its state changes', async () => {
			const before = slack.messages.length;
			await rig.deliver(slug, 'instance.state.flapping', context());
			await rig.settled(slug, 2);
			const posted = slack.messages.slice(before);
			expect(posted.map((m) => m.text.split('\n')[0])).toEqual([
				expect.stringMatching(
					/^:warning: \*The Airplane Company\*: instance \S+ is flapping \(6 state changes in 60 minutes\), now degraded$/,
				),
			]);
		});

		it('words both alerts from the trigger settings when the event carries no state, counts or times', async () => {
			const before = slack.messages.length;
			await rig.deliver(slug, 'instance.state.duration', context(), withoutUnconfirmed);
			await rig.deliver(slug, 'instance.state.flapping', context(), withoutUnconfirmed);
			const runs = await rig.settled(slug, 4);
			expect(runs.slice(0, 2).map((r) => rig.outcome(r))).toEqual(['success', 'success']);
			const firstLines = slack.messages.slice(before).map((m) => m.text.split('\n')[0]);
			expect(firstLines.sort()).toEqual([
				expect.stringMatching(
					/^:rotating_light: \*The Airplane Company\*: instance \S+ has been degraded or unavailable or missing for at least 60 minutes \(reported \d{4}-\d\d-\d\dT[\d:]+Z\)$/,
				),
				expect.stringMatching(
					/^:warning: \*The Airplane Company\*: instance \S+ is flapping \(at least 5 state changes in 60 minutes\)$/,
				),
			]);
		});

		it('stays quiet about a state that is not unhealthy', async () => {
			const before = slack.messages.length;
			await rig.deliver(slug, 'instance.state.duration', context(), {
				state: 'ready',
				status: 'ready',
			});
			const [run] = await rig.settled(slug, 5);
			expect(rig.outcome(run)).toBe('success');
			expect(rig.output(run, 'Healthy State: Nothing to Do')).toHaveLength(1);
			expect(slack.messages.length).toBe(before);
		});

		it('keeps the event in a failed execution when Slack keeps failing', async () => {
			for (let i = 0; i < 3; i++) rig.proxy.failNext('POST', /chat\.postMessage/, 503);
			const before = slack.messages.length;
			// Not the earlier flapping delivery again: within the same second its body would be identical
			// and the trigger would rightly answer it as a duplicate.
			const sent = await rig.deliver(slug, 'instance.state.flapping', context(), {
				state_changes: '9',
			});
			expect([sent.status, sent.body]).toEqual([200, expect.not.stringContaining('duplicate')]);
			// Three tries, two seconds apart.
			const [run] = await rig.settled(slug, 6);
			expect(run.status).toBe('error');
			expect(rig.output(run, 'Replicated Trigger')[0]).toMatchObject({
				event: 'instance.state.flapping',
			});
			expect(slack.messages.length).toBe(before);
		});
	});

	describe('inactive-to-cs', () => {
		const slug = 'inactive-to-cs';

		it('emails CS about a silent online instance, and leaves an air-gapped one alone', async () => {
			const state = rig.emulator.state;
			const customer = state.addCustomer({
				appId: appId(),
				name: 'Initrode',
				customId: '001INITRODE',
				type: 'prod',
			});
			const lastCheckIn = new Date(Date.now() - 30 * 3_600_000).toISOString();
			const online = state.addInstance(customer.id, { active: false, lastActive: lastCheckIn });
			const airgapped = state.addInstance(customer.id, { active: false, isAirgap: true });
			const ctx = { appId: appId(), customerId: customer.id, customerName: customer.name };

			const before = smtp.messages.length;
			await rig.deliver(slug, 'instance.inactive', { ...ctx, instanceId: online.instanceId });
			const [first] = await rig.settled(slug, 1);
			expect(rig.outcome(first)).toBe('success');
			const mails = smtp.messages.slice(before);
			expect(mails.map((m) => m.subject)).toEqual([
				`Initrode: instance ${online.instanceId} stopped checking in`,
			]);
			expect(mails[0].to).toEqual(['cs-team@example.com']);
			expect(mails[0].text).toContain(
				`Initrode (CRM ID 001INITRODE): instance ${online.instanceId} has not checked in since ${lastCheckIn}.`,
			);

			await rig.deliver(slug, 'instance.inactive', { ...ctx, instanceId: airgapped.instanceId });
			const [second] = await rig.settled(slug, 2);
			expect(rig.outcome(second)).toBe('success');
			expect(rig.output(second, 'Air-Gapped: Silence Expected')).toEqual([
				expect.objectContaining({ instanceId: airgapped.instanceId, isAirgap: true }),
			]);
			expect(smtp.messages.length).toBe(before + 1);

			// Without the payload's last_check_in and version: both come from Replicated.
			await rig.deliver(
				slug,
				'instance.inactive',
				{ ...ctx, instanceId: online.instanceId },
				withoutUnconfirmed,
			);
			const [third] = await rig.settled(slug, 3);
			expect(rig.outcome(third)).toBe('success');
			expect(smtp.messages.at(-1)!.text).toContain(
				`Initrode (CRM ID 001INITRODE): instance ${online.instanceId} has not checked in since ${lastCheckIn}.\nIt ran 2.4.0. Instances check in every 4 hours`,
			);
		});
	});

	describe('weekly-export-to-warehouse', () => {
		const slug = 'weekly-export-to-warehouse';

		it('upserts one row per instance and day: a second run the same day replaces, never duplicates', async () => {
			pg.query(
				/```sql\n([\s\S]*?)```/.exec(
					String(
						HEALTH_TEMPLATES.find((t) => t.slug === slug)!.workflow.nodes.find(
							(n) => n.name === 'About',
						)!.parameters.content,
					),
				)![1],
			);
			rig.emulator.state.apps.get(appId())!.syntheticInstances = 250;
			const instances = [...rig.emulator.state.instances.values()].filter(
				(i) => i.appId === appId() && !i.isArchived,
			).length;

			await rig.run(slug, 'Every Monday');
			const [run] = await rig.settled(slug, 1);
			expect(rig.outcome(run)).toBe('success');
			const count = () =>
				Number(pg.query('SELECT count(*) FROM replicated_instance_snapshots')[0][0]);
			expect(count()).toBe(instances + 250);

			await rig.run(slug, 'Every Monday');
			const runs = await rig.settled(slug, 2);
			expect(rig.outcome(runs[0])).toBe('success');
			expect(count()).toBe(instances + 250);
			expect(
				pg.query(
					"SELECT customer_id, custom_id, license_type, is_airgap, custom_metrics->>'active_users' IS NOT NULL, entitlements->>'seats', snapshot_date = (now() AT TIME ZONE 'UTC')::date FROM replicated_instance_snapshots WHERE instance_id = 'synthetic-instance-3'",
				),
			).toEqual([
				[
					'synthetic-customer-0',
					// The customer list does not know the synthetic fleet: no Custom ID, NULL (not '').
					null,
					'paid',
					expect.stringMatching(/^[tf]$/),
					expect.stringMatching(/^[tf]$/),
					'10',
					't',
				],
			]);
			const paidRow = pg.query(
				`SELECT custom_id, customer_name, app_version, app_status, is_active FROM replicated_instance_snapshots WHERE customer_id = '${paid().id}'`,
			);
			expect(paidRow).toEqual([
				['001Dn00000AirplaneCo', 'The Airplane Company', '2.4.0', 'ready', 't'],
			]);
		});
	});
});

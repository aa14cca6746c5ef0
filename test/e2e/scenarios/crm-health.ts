/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { AIRGAP_SUBJECT } from '../../../scripts/templates/flows/airgap-bundle-lapsed';
import { RISK_SUBJECT } from '../../../scripts/templates/flows/weekly-risk-digest';
import type { Instance } from '../../emulator/model';
import type { SmtpSink } from '../../fakes/smtp-sink';
import { type CrmView, linkedCustomer } from '../../support/views';
import type { TemplateRig } from '../../support/template-rig';

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/**
 * The health templates that read or write a CRM, specified once and run against each CRM's fake
 * (in that CRM's template rig): what CS sees in the CRM and in their mail.
 */
export function describeCrmHealth(
	crm: string,
	setup: {
		rig: () => TemplateRig;
		smtp: () => SmtpSink;
		view: CrmView;
		/** Also score a fleet of 5,000 instances (once is enough: the digest is the same for every CRM). */
		fleet?: boolean;
	},
): void {
	const { view } = setup;
	const rig = () => setup.rig();
	const appId = () => [...rig().emulator.state.apps.keys()][0];

	const linked = (name: string, instances: Array<Partial<Instance>>, ownerEmail?: string) =>
		linkedCustomer(rig(), view, name, { instances, ownerEmail });

	describe(`${crm} health: weekly-risk-digest`, () => {
		const slug = 'weekly-risk-digest';

		it('emails the at-risk and watch lists with reasons, and opens one task per newly at-risk account', async () => {
			const hooli = linked('Hooli', [{ active: false, lastActive: ago(3 * DAY) }]);
			const piper = linked('Pied Piper', [{ versionLabel: '2.2.0' }]);
			// Paid two months ago and never deployed: no export row, and the most at risk of all.
			const massive = linked('Massive Dynamic', []);
			massive.customer.createdAt = ago(60 * DAY);
			const mailsBefore = setup.smtp().messages.length;

			await rig().run(slug, 'Every Monday');
			const [run] = await rig().settled(slug, 1, 60_000);
			expect(rig().outcome(run)).toBe('success');
			const [digest] = rig().output(run, 'Digest');
			const mails = setup.smtp().messages.slice(mailsBefore);
			expect(mails).toHaveLength(1);
			expect(mails[0]).toMatchObject({
				to: ['cs-leadership@example.com'],
				from: 'replicated-health@example.com',
				subject: `Customer health: ${digest.atRisk} at risk, ${digest.watch} to watch`,
			});
			const [atRisk, watch] = mails[0].text.split('\nWatch (');
			expect(atRisk).toContain(
				`- Hooli (${hooli.accountId})\n    - No check-in from its online instance for 3 days`,
			);
			expect(watch).toContain(
				`- Pied Piper (${piper.accountId})\n    - 3 versions behind on instance`,
			);
			const neverDeployed = `No instance in the 60 days since the customer was created (${ago(60 * DAY).slice(0, 10)})`;
			expect(atRisk).toContain(`- Massive Dynamic (${massive.accountId})\n    - ${neverDeployed}`);
			// The HTML part: the dashboard's chart of the whole scored fleet, then the same lists.
			const scored = rig().output(run, 'Score Customers');
			const levels = (l: string) => scored.filter((c) => c.riskLevel === l).length;
			const html = mails[0].html ?? '';
			expect(html).toContain('data-chart="risk-distribution"');
			for (const [title, level] of [
				['At risk', 'at risk'],
				['Watch', 'watch'],
				['Healthy', 'healthy'],
			])
				expect(html).toMatch(new RegExp(`>${title}</td>.*?<b>${levels(level)}</b>`));
			expect(html).toContain(`At risk (${digest.atRisk})</h3>`);
			expect(html).toContain(
				`Hooli<ul style="margin:2px 0 0;padding-left:18px"><li>No check-in from its online instance for 3 days`,
			);

			const riskTasks = (accountId: string) =>
				view.tasks(accountId).filter((t) => t.subject === RISK_SUBJECT);
			const [hooliTask, ...more] = riskTasks(hooli.accountId);
			expect(more).toEqual([]);
			expect(hooliTask).toMatchObject({
				open: true,
				body: `Hooli is at risk:\n- No check-in from its online instance for 3 days (last ${ago(3 * DAY).slice(0, 10)})`,
			});
			if (view.hasTaskPriority) expect(hooliTask.priority).toBe('High');
			expect(riskTasks(piper.accountId)).toEqual([]);
			expect(riskTasks(massive.accountId).map((t) => t.body)).toEqual([
				`Massive Dynamic is at risk:\n- ${neverDeployed}`,
			]);

			// A week later, still at risk with the task open: the digest again, no second task.
			await rig().run(slug, 'Every Monday');
			const [again] = await rig().settled(slug, 2, 60_000);
			expect(rig().outcome(again)).toBe('success');
			expect(setup.smtp().messages.length).toBe(mailsBefore + 2);
			expect(riskTasks(hooli.accountId)).toHaveLength(1);
			expect(riskTasks(massive.accountId)).toHaveLength(1);
		});

		if (setup.fleet)
			it('produces the weekly digest for a fleet of 5,000 instances (1,250 customers, 500 of them paid)', async () => {
				const app = rig().emulator.state.apps.get(appId())!;
				app.syntheticInstances = 5000;
				app.syntheticEpoch = Date.now();
				const mailsBefore = setup.smtp().messages.length;
				const runs = (await rig().executions(slug)).length;
				await rig().run(slug, 'Every Monday');
				const [run] = await rig().settled(slug, runs + 1, 120_000);
				expect(rig().outcome(run)).toBe('success');
				const scored = rig().output(run, 'Score Customers');
				const synthetic = scored.filter((c) => String(c.customerId).startsWith('synthetic-'));
				const [digest] = rig().output(run, 'Digest');
				const [mail] = setup.smtp().messages.slice(mailsBefore);
				// Each customer at risk or on watch is listed in the one email; the healthy ones are counted.
				const listed = synthetic.filter((c) => c.riskLevel !== 'healthy');
				expect(listed.length).toBeGreaterThan(100);
				expect(mail.subject).toBe(
					`Customer health: ${digest.atRisk} at risk, ${digest.watch} to watch`,
				);
				for (const c of listed.slice(0, 50))
					expect(mail.text).toContain(`- ${String(c.customerName)} (no CRM ID)`);
				expect(mail.html).toMatch(
					new RegExp(
						`>Healthy</td>.*?<b>${scored.filter((c) => c.riskLevel === 'healthy').length}</b>`,
					),
				);
				writeFileSync(
					path.join(
						process.env.E2E_LOG_DIR ?? path.resolve(__dirname, '../../../.tmp'),
						'weekly-risk-digest-fleet.txt',
					),
					`Subject: ${mail.subject}\n\n${mail.text}\n`,
				);
				app.syntheticInstances = 0;
				delete app.syntheticEpoch;
			}, 180_000);
	});

	describe(`${crm} health: license-expiring-renewal`, () => {
		const slug = 'license-expiring-renewal';
		const expiring = (name: string, ownerEmail?: string) => {
			const made = linked(
				name,
				[{ versionLabel: '2.3.2', createdAt: ago(200 * DAY), customMetrics: { active_users: 42 } }],
				ownerEmail,
			);
			made.customer.expiresAt = new Date(Date.now() + 60 * DAY).toISOString();
			return made;
		};

		it("puts the renewal brief on the account as the owner's task, and emails it to the owner", async () => {
			const { customer, accountId } = expiring('Vandelay Industries', 'dana.owner@vendor.example');
			const expires = customer.expiresAt!.slice(0, 10);
			const mailsBefore = setup.smtp().messages.length;

			await rig().deliver(slug, 'customer.license_expiring', {
				appId: appId(),
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig().settled(slug, 1, 60_000);
			expect(rig().outcome(run)).toBe('success');
			const [task, ...more] = view.tasks(accountId);
			expect(more).toEqual([]);
			expect(task).toMatchObject({
				subject: `Renewal: Vandelay Industries, license expires ${expires}`,
				ownerEmail: 'dana.owner@vendor.example',
				open: true,
			});
			if (view.hasTaskPriority) expect(task.priority).toBe('High');
			expect(task.body).toContain('## Renewal brief: Vandelay Industries');
			expect(task.body).toContain('- **Versions:** latest 2.4.0; 2.3.2 (1 behind)');
			const mails = setup.smtp().messages.slice(mailsBefore);
			expect(mails.map((m) => [m.to, m.from, m.subject])).toEqual([
				[
					['dana.owner@vendor.example'],
					'replicated-renewals@example.com',
					`Renewal brief: Vandelay Industries (license expires ${expires})`,
				],
			]);
			expect(mails[0].text).toBe(task.body);
		});

		if (view.ownerOptional)
			it('emails CS when the account has no owner, and still puts the task on the account', async () => {
				const { customer, accountId } = expiring('Kramerica');
				const mailsBefore = setup.smtp().messages.length;
				await rig().deliver(slug, 'customer.license_expiring', {
					appId: appId(),
					customerId: customer.id,
					customerName: customer.name,
				});
				const [run] = await rig().settled(slug, 2, 60_000);
				expect(rig().outcome(run)).toBe('success');
				expect(view.tasks(accountId).map((t) => [t.subject.split(',')[0], t.ownerEmail])).toEqual([
					['Renewal: Kramerica', undefined],
				]);
				expect(
					setup
						.smtp()
						.messages.slice(mailsBefore)
						.map((m) => m.to),
				).toEqual([['cs-team@example.com']]);
			});
	});

	describe(`${crm} health: monthly-expansion-scan`, () => {
		const slug = 'monthly-expansion-scan';

		it('suggests one deal per account with expansion signals, and not again while it is open', async () => {
			const { accountId } = linked('Globex Growth', [
				{ createdAt: ago(200 * DAY) },
				{ createdAt: ago(5 * DAY) },
			]);
			const quiet = linked('Steady State', [{ createdAt: ago(200 * DAY) }]);
			await rig().run(slug, 'Every Month');
			const [run] = await rig().settled(slug, 1, 60_000);
			expect(rig().outcome(run)).toBe('success');
			expect(view.suggestions(accountId)).toEqual([
				{
					name: 'Expansion: Globex Growth',
					description:
						'Signals from Replicated:\n- 1 new instance in the last 30 days (2 in all, 2 active)',
				},
			]);
			expect(view.suggestions(quiet.accountId)).toEqual([]);

			await rig().run(slug, 'Every Month');
			const [again] = await rig().settled(slug, 2, 60_000);
			expect(rig().outcome(again)).toBe('success');
			expect(view.suggestions(accountId)).toHaveLength(1);
		});
	});

	describe(`${crm} health: airgap-bundle-lapsed`, () => {
		const slug = 'airgap-bundle-lapsed';

		it('opens a CS task for an air-gapped instance silent for 45 days, once while it is open', async () => {
			const { accountId } = linked('Wayne Air', [
				{ isAirgap: true, active: false, lastActive: ago(60 * DAY) },
			]);
			const fresh = linked('Stark Air', [
				{ isAirgap: true, active: false, lastActive: ago(10 * DAY) },
			]);
			const tasks = (id: string) => view.tasks(id).filter((t) => t.subject === AIRGAP_SUBJECT);
			await rig().run(slug, 'Every Monday');
			const [run] = await rig().settled(slug, 1, 60_000);
			expect(rig().outcome(run)).toBe('success');
			const mine = tasks(accountId);
			expect(mine).toHaveLength(1);
			expect(mine[0].body).toMatch(
				/^Wayne Air: No air-gap bundle or report for 60 days from instance \S+ \(last \d{4}-\d\d-\d\d\)\. Ask the customer to upload a support bundle or instance report from the air-gapped install\.$/,
			);
			if (view.hasTaskPriority) expect(mine[0].priority).toBe('Normal');
			expect(tasks(fresh.accountId)).toEqual([]);

			await rig().run(slug, 'Every Monday');
			const [again] = await rig().settled(slug, 2, 60_000);
			expect(rig().outcome(again)).toBe('success');
			expect(tasks(accountId)).toHaveLength(1);
		});
	});

	describe(`${crm} health: inactive-to-owner`, () => {
		const slug = 'inactive-to-owner';

		it("emails a silent online instance to its account's owner, an unlinked one to CS, and leaves an air-gapped one alone", async () => {
			const lastCheckIn = ago(30 * 3_600_000);
			const { customer } = linked(
				'Initrode',
				[{ active: false, lastActive: lastCheckIn }],
				'peter.owner@vendor.example',
			);
			const state = rig().emulator.state;
			const [online] = [...state.instances.values()].filter((i) => i.customerId === customer.id);
			const airgapped = state.addInstance(customer.id, { active: false, isAirgap: true });
			const ctx = { appId: appId(), customerId: customer.id, customerName: customer.name };
			const smtp = setup.smtp();

			const before = smtp.messages.length;
			await rig().deliver(slug, 'instance.inactive', { ...ctx, instanceId: online.instanceId });
			const [first] = await rig().settled(slug, 1);
			expect(rig().outcome(first)).toBe('success');
			expect(smtp.messages.slice(before).map((m) => [m.to, m.subject])).toEqual([
				[
					['peter.owner@vendor.example'],
					`Initrode: instance ${online.instanceId} stopped checking in`,
				],
			]);
			expect(smtp.messages.at(-1)!.text).toContain(
				`Initrode (CRM ID ${customer.customId}): instance ${online.instanceId} has not checked in since ${lastCheckIn}.`,
			);

			await rig().deliver(slug, 'instance.inactive', { ...ctx, instanceId: airgapped.instanceId });
			const [second] = await rig().settled(slug, 2);
			expect(rig().outcome(second)).toBe('success');
			expect(rig().output(second, 'Air-Gapped: Silence Expected')).toEqual([
				expect.objectContaining({ instanceId: airgapped.instanceId, isAirgap: true }),
			]);
			expect(smtp.messages.length).toBe(before + 1);

			const unlinked = state.addCustomer({ appId: appId(), name: 'Unlinked Co', type: 'prod' });
			const silent = state.addInstance(unlinked.id, { active: false, lastActive: lastCheckIn });
			await rig().deliver(slug, 'instance.inactive', {
				appId: appId(),
				customerId: unlinked.id,
				customerName: unlinked.name,
				instanceId: silent.instanceId,
			});
			const [third] = await rig().settled(slug, 3);
			expect(rig().outcome(third)).toBe('success');
			expect(smtp.messages.slice(before + 1).map((m) => [m.to, m.text.split(':')[0]])).toEqual([
				[['cs-team@example.com'], 'Unlinked Co (CRM ID not linked)'],
			]);
		});
	});
}

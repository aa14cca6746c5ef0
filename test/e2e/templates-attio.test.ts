/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { createHmac } from 'node:crypto';

import { request } from 'undici';

import { attioCrm } from '../../scripts/templates/crm/attio';
import { crmTemplates } from '../../scripts/templates/lifecycle';
import { FakeAttio } from '../fakes/attio';
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink';
import { attioView } from '../support/crm-views';
import { startTemplateRig, type TemplateRig } from '../support/template-rig';
import { describeCrmHealth } from './scenarios/crm-health';

const TOKEN = 'attio-e2e-access-token';
const WEBHOOK_SECRET = 'attio-e2e-webhook-secret';

/** Payload fields no Replicated source confirms for instance.ready: the task must read well without them. */
const WITHOUT_UNCONFIRMED = {
	status: undefined,
	app_version: undefined,
	cloud_provider: undefined,
	k8s_distribution: undefined,
};

describe('Attio templates, executed in a real n8n against the emulator and a fake Attio workspace', () => {
	let rig: TemplateRig;
	let smtp: SmtpSink;
	// The workspace after the templates' prerequisites.
	const attio = new FakeAttio(
		TOKEN,
		{
			people: ['company_size', 'use_case', 'lead_source'],
			companies: [
				'replicated_customer_id',
				'replicated_license_type',
				'replicated_channel',
				'replicated_license_expires',
				'account_owner',
			],
			deals: [
				'replicated_source',
				'replicated_signals',
				'replicated_customer_id',
				'replicated_license_state',
				'license_end_date',
				'provisioned_at',
				'first_access_at',
				'first_download_at',
				'confirmed_running_at',
			],
		},
		{ people: ['email_addresses'], companies: ['domains', 'replicated_customer_id'] },
	);
	const calls = () => rig.proxy.calls.filter((c) => c.host === 'api.attio.com');
	const appId = () => [...rig.emulator.state.apps.keys()][0];
	const replicatedWrites = () =>
		rig.emulator.requests.filter((r) => r.method !== 'GET' && r.path !== '/v3/customers/search');

	beforeAll(async () => {
		smtp = await startSmtpSink();
		rig = await startTemplateRig({
			logName: 'templates-attio',
			templates: crmTemplates(attioCrm),
			fakes: [attio],
			credentials: [
				{
					id: 'tplSmtpCred00001',
					name: 'SMTP account',
					type: 'smtp',
					data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false },
				},
				{
					id: 'tplAttioToken0001',
					name: 'Attio API token',
					type: 'httpBearerAuth',
					data: { token: TOKEN },
				},
			],
			// The user's configuration steps: deal owner, webhook secret, Replicated app.
			configure: (wf, emulator) => {
				for (const node of wf.nodes) {
					if (['Create or Find Customer', 'Score Customers'].includes(node.name))
						(node.parameters.appId as { value: string }).value = [...emulator.state.apps.keys()][0];
					if (node.name === 'Verify Attio Signature') node.parameters.secret = WEBHOOK_SECRET;
				}
				return wf;
			},
		});
	}, 300_000);
	afterAll(async () => {
		await rig?.stop();
		await smtp?.stop();
	}, 60_000);

	describe('signup-to-lead', () => {
		it('asserts the Person by email with the signup fields, and updates the same one next time', async () => {
			const before = calls().length;
			await rig.deliver('signup-to-lead', 'customer.pending_signup');
			const [run] = await rig.settled('signup-to-lead', 1);
			expect(rig.outcome(run)).toBe('success');
			const [call] = calls().slice(before);
			expect([call.method, call.path, call.query]).toEqual([
				'PUT',
				'/v2/objects/people/records',
				{ matching_attribute: 'email_addresses' },
			]);
			expect(call.authorization).toBe(`Bearer ${TOKEN}`);
			expect(call.body).toMatchObject({
				data: {
					values: {
						email_addresses: ['jane.doe@initech.example'],
						name: [{ first_name: 'Jane', last_name: 'Doe', full_name: 'Jane Doe' }],
						job_title: 'Platform Lead',
						company_size: '201-500',
						use_case: 'Self-hosted analytics',
						lead_source: 'Self-serve trial',
					},
				},
			});
			await rig.deliver(
				'signup-to-lead',
				'customer.pending_signup',
				{},
				{ job_title: 'VP Platform' },
			);
			await rig.settled('signup-to-lead', 2);
			expect(attio.records.people.size).toBe(1);
			expect([...attio.records.people.values()][0].values.job_title).toEqual([
				{ value: 'VP Platform' },
			]);
		});

		it('keeps the event in a failed execution when Attio keeps refusing the write', async () => {
			for (let i = 0; i < 3; i++) rig.proxy.failNext('PUT', /people\/records$/, 503);
			await rig.deliver(
				'signup-to-lead',
				'customer.pending_signup',
				{},
				{ email: 'sam@hooli.example' },
			);
			const [run] = await rig.settled('signup-to-lead', 3);
			expect(run.status).toBe('error');
			expect(rig.output(run, 'Replicated Trigger')[0]).toMatchObject({
				data: expect.objectContaining({ email: 'sam@hooli.example' }),
			});
		});
	});

	describe('join-to-company-and-deal', () => {
		const slug = 'join-to-company-and-deal';
		it('asserts the Company by Replicated customer ID, opens a Deal, links the person and stamps the record ID back', async () => {
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Umbrella Corp',
				email: 'it@umbrella.example',
				type: 'trial',
				expiresAt: '2027-01-31T00:00:00Z',
			});
			const before = calls().length;
			await rig.deliver(slug, 'customer.created', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig.settled(slug, 1);
			expect(rig.outcome(run)).toBe('success');
			const made = calls().slice(before);
			expect(made.map((c) => `${c.method} ${c.path}`)).toEqual([
				'PUT /v2/objects/companies/records',
				'POST /v2/objects/deals/records',
				'PUT /v2/objects/people/records',
			]);
			expect(made[0].query).toEqual({ matching_attribute: 'replicated_customer_id' });
			const company = [...attio.records.companies.values()].find(
				(c) => c.values.name[0].value === 'Umbrella Corp',
			)!;
			expect(company.values).toMatchObject({
				replicated_customer_id: [{ value: customer.id }],
				replicated_license_type: [{ value: 'trial' }],
				replicated_channel: [{ value: 'Stable' }],
				replicated_license_expires: [{ value: '2027-01-31' }],
			});
			expect(made[1].body).toMatchObject({
				data: {
					values: {
						name: 'Umbrella Corp (Replicated)',
						stage: 'Lead',
						owner: 'owner@example.com',
						associated_company: {
							target_object: 'companies',
							target_record_id: company.id.record_id,
						},
					},
				},
			});
			expect(rig.emulator.state.customers.get(customer.id)!.customId).toBe(company.id.record_id);
		});

		it('leaves customers that already have a Custom ID alone (no loop)', async () => {
			const linked = [...rig.emulator.state.customers.values()].find((c) => c.customId)!;
			const before = calls().length;
			await rig.deliver(slug, 'customer.created', { customerId: linked.id });
			const [run] = await rig.settled(slug, 2);
			expect(rig.output(run, 'Already in Attio')).toHaveLength(1);
			expect(calls().slice(before)).toEqual([]);
		});
	});

	describe('engagement-to-activity', () => {
		it('adds a note to the Company found by Custom ID', async () => {
			const company = attio.add('companies', { name: 'Initech' });
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Initech',
				customId: company.id.record_id,
				type: 'prod',
			});
			await rig.deliver('engagement-to-activity', 'instance.upgrade_completed', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig.settled('engagement-to-activity', 1);
			expect(rig.outcome(run)).toBe('success');
			expect(attio.notes).toEqual([
				expect.objectContaining({
					parent_object: 'companies',
					parent_record_id: company.id.record_id,
					title: 'Replicated: instance.upgrade_completed',
					format: 'plaintext',
				}),
			]);
		});
	});

	describe('deal-won-to-license', () => {
		const slug = 'deal-won-to-license';
		const url = () => `${rig.n8n.origin}/webhook/attio-deal-updated`;
		const updated = async (recordId: string, secret = WEBHOOK_SECRET) => {
			const body = JSON.stringify({
				webhook_id: 'wh-e2e',
				events: [
					{
						event_type: 'record.updated',
						id: {
							workspace_id: 'ws-e2e',
							object_id: 'obj-deals',
							record_id: recordId,
							attribute_id: 'attr-stage',
						},
						actor: { type: 'workspace-member', id: 'm1' },
					},
				],
			});
			const res = await request(url(), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'attio-signature': createHmac('sha256', secret).update(body).digest('hex'),
				},
				body,
			});
			await res.body.text();
			return res.statusCode;
		};

		it('provisions a won deal once: create for a new Company, convert for a trial, one write-back each, repeats change nothing', async () => {
			for (let i = 0; i < 100; i++) {
				const probe = await request(url(), { method: 'DELETE' });
				if ((await probe.body.text()).includes('Did you mean')) break;
				await new Promise((r) => setTimeout(r, 200));
			}
			const globex = attio.add('companies', { name: 'Globex' });
			const globexDeal = attio.add('deals', {
				name: 'Globex platform',
				stage: 'Won 🎉',
				license_end_date: '2027-12-31',
				associated_company: { target_object: 'companies', target_record_id: globex.id.record_id },
			});
			const hooli = attio.add('companies', { name: 'Hooli' });
			const hooliDeal = attio.add('deals', {
				name: 'Hooli platform',
				stage: 'Won 🎉',
				license_end_date: '2027-12-31',
				associated_company: { target_object: 'companies', target_record_id: hooli.id.record_id },
			});
			const trial = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Hooli',
				customId: hooli.id.record_id,
				type: 'trial',
			});
			const writesBefore = replicatedWrites().length;
			const before = calls().length;
			for (const deal of [globexDeal, hooliDeal, globexDeal, hooliDeal]) {
				expect(await updated(deal.id.record_id)).toBe(200);
				await new Promise((r) => setTimeout(r, 1500));
			}
			const runs = await rig.settled(slug, 4);
			expect(runs.map((r) => rig.outcome(r))).toEqual(['success', 'success', 'success', 'success']);
			expect(runs.flatMap((r) => rig.output(r, 'Nothing to Do'))).toHaveLength(2);
			const replicated = replicatedWrites().slice(writesBefore);
			expect(replicated.map((w) => `${w.method} ${w.path}`).sort()).toEqual(
				['POST /v3/customer', `PATCH /v3/customer/${trial.id}`].sort(),
			);
			const created = [...rig.emulator.state.customers.values()].find(
				(c) => c.customId === globex.id.record_id,
			)!;
			const backs = calls()
				.slice(before)
				.filter((c) => c.method === 'PATCH');
			expect(backs.map((c) => c.path).sort()).toEqual(
				[
					`/v2/objects/deals/records/${globexDeal.id.record_id}`,
					`/v2/objects/deals/records/${hooliDeal.id.record_id}`,
				].sort(),
			);
			expect(globexDeal.values.replicated_customer_id).toEqual([{ value: created.id }]);
			expect(hooliDeal.values.replicated_license_state).toEqual([
				{ value: 'paid until 2027-12-31' },
			]);
		});

		it('refuses a delivery that is not signed with the webhook secret, before reading anything', async () => {
			const before = calls().length;
			const runs = (await rig.executions(slug)).length;
			expect(await updated('00000000-0000-4000-8000-000000000001', 'not-the-secret')).toBe(200);
			const [run] = await rig.settled(slug, runs + 1);
			expect(run.status).toBe('error');
			expect(rig.output(run, 'Refuse Unsigned Delivery')).toEqual([]);
			expect(Object.keys(run.data.resultData.runData)).not.toContain('Get Deal');
			expect(calls().slice(before)).toEqual([]);
		});
	});

	describe('milestones-to-revenue', () => {
		it('writes the revenue dates still empty on the won Deal, and never changes a set one', async () => {
			const company = attio.add('companies', { name: 'Vandelay' });
			const deal = attio.add('deals', {
				name: 'Vandelay platform',
				stage: 'Won 🎉',
				first_access_at: '2026-03-01T00:00:00Z',
				associated_company: { target_object: 'companies', target_record_id: company.id.record_id },
			});
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Vandelay',
				customId: company.id.record_id,
				type: 'prod',
			});
			Object.assign(customer.enterprise_portal, {
				first_invite_sent_at: '2026-02-20T09:00:00Z',
				access_milestones: {
					prod: { access_granted_at: '2026-02-21T10:00:00Z', access_method: 'invite' },
				},
			});
			const before = calls().length;
			await rig.deliver('milestones-to-revenue', 'customer.ep_access_granted', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig.settled('milestones-to-revenue', 1);
			expect(rig.outcome(run)).toBe('success');
			const patches = calls()
				.slice(before)
				.filter((c) => c.method === 'PATCH');
			expect(patches.map((c) => c.path)).toEqual([
				`/v2/objects/deals/records/${deal.id.record_id}`,
			]);
			expect(patches[0].body).toEqual({
				data: { values: { provisioned_at: '2026-02-20T09:00:00Z' } },
			});
			await rig.deliver('milestones-to-revenue', 'customer.ep_invite_sent', {
				customerId: customer.id,
			});
			const [again] = await rig.settled('milestones-to-revenue', 2);
			expect(rig.outcome(again)).toBe('success');
			expect(
				calls()
					.slice(before)
					.filter((c) => c.method === 'PATCH'),
			).toHaveLength(1);
		});
	});

	describe('instance-ready-onboarding', () => {
		it('creates an onboarding task linked to the Company', async () => {
			const company = attio.add('companies', { name: 'Wonka' });
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Wonka Industries',
				customId: company.id.record_id,
				type: 'prod',
			});
			await rig.deliver('instance-ready-onboarding', 'instance.ready', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig.settled('instance-ready-onboarding', 1);
			expect(rig.outcome(run)).toBe('success');
			const onCompany = attio.tasks.filter((t) =>
				(t.linked_records as Array<{ target_record_id: string }>).some(
					(r) => r.target_record_id === company.id.record_id,
				),
			);
			expect(onCompany).toEqual([
				expect.objectContaining({
					format: 'plaintext',
					is_completed: false,
					linked_records: [{ target_object: 'companies', target_record_id: company.id.record_id }],
					content: expect.stringContaining('Onboard Wonka Industries: instance'),
				}),
			]);

			// The same without the payload fields no Replicated source confirms.
			await rig.deliver(
				'instance-ready-onboarding',
				'instance.ready',
				{ customerId: customer.id, customerName: customer.name, instanceId: 'inst-without-fields' },
				WITHOUT_UNCONFIRMED,
			);
			const [second] = await rig.settled('instance-ready-onboarding', 2);
			expect(rig.outcome(second)).toBe('success');
			expect(attio.tasks.at(-1)!.content).toBe(
				'Onboard Wonka Industries: instance inst-without-fields is ready',
			);
		});
	});

	describeCrmHealth('Attio', {
		rig: () => rig,
		smtp: () => smtp,
		view: attioView(attio),
	});
});

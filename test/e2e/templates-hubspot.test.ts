/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { createHash } from 'node:crypto';

import { request } from 'undici';

import { hubspotCrm } from '../../scripts/templates/crm/hubspot';
import { crmTemplates } from '../../scripts/templates/lifecycle';
import { FakeHubSpot } from '../fakes/hubspot';
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink';
import { hubspotView } from '../support/crm-views';
import { type Execution, startTemplateRig, type TemplateRig } from '../support/template-rig';
import { describeCrmHealth } from './scenarios/crm-health';

const APP_TOKEN = 'pat-na1-e2e-hubspot-service-key';
const DEVELOPER = {
	appId: '424242',
	apiKey: 'e2e-developer-api-key',
	clientSecret: 'e2e-client-secret',
};

/** Payload fields no Replicated source confirms for instance.ready: the task must read well without them. */
const WITHOUT_UNCONFIRMED = {
	status: undefined,
	app_version: undefined,
	cloud_provider: undefined,
	k8s_distribution: undefined,
};

describe('HubSpot templates, executed in a real n8n against the emulator and a fake HubSpot portal', () => {
	let rig: TemplateRig;
	let smtp: SmtpSink;
	// The portal after the templates' prerequisites: the custom properties their sticky notes list.
	const hubspot = new FakeHubSpot(APP_TOKEN, DEVELOPER, {
		contact: ['company_size', 'use_case', 'lead_source'],
		company: [
			'replicated_customer_id',
			'replicated_license_type',
			'replicated_channel',
			'replicated_license_expires',
		],
		deal: [
			'replicated_source',
			'replicated_customer_id',
			'replicated_license_state',
			'license_end_date',
			'provisioned_at',
			'first_access_at',
			'first_download_at',
			'confirmed_running_at',
		],
	});
	const calls = () => rig.proxy.calls.filter((c) => c.host === 'api.hubapi.com');
	const writes = (from: number) =>
		calls()
			.slice(from)
			.filter((c) => c.method !== 'GET');
	const appId = () => [...rig.emulator.state.apps.keys()][0];
	const replicatedWrites = () =>
		rig.emulator.requests.filter((r) => r.method !== 'GET' && r.path !== '/v3/customers/search');

	beforeAll(async () => {
		smtp = await startSmtpSink();
		rig = await startTemplateRig({
			logName: 'templates-hubspot',
			templates: crmTemplates(hubspotCrm),
			fakes: [hubspot],
			credentials: [
				{
					id: 'tplSmtpCred00001',
					name: 'SMTP account',
					type: 'smtp',
					data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false },
				},
				{
					id: 'tplHubspotToken01',
					name: 'HubSpot service key',
					type: 'hubspotAppToken',
					data: { appToken: APP_TOKEN },
				},
				{
					id: 'tplHubspotDevApp1',
					name: 'HubSpot developer app',
					type: 'hubspotDeveloperApi',
					data: { clientId: 'e2e-client', ...DEVELOPER },
				},
			],
			// The user's configuration step: their Replicated app in the deal-won template.
			configure: (wf, emulator) => {
				for (const node of wf.nodes.filter((n) =>
					['Create or Find Customer', 'Score Customers'].includes(n.name),
				))
					(node.parameters.appId as { value: string }).value = [...emulator.state.apps.keys()][0];
				return wf;
			},
		});
		// The HubSpot Trigger registers its webhook with the developer app while n8n activates the
		// deal-won template, in the background: wait for it, so no test sees those calls as its own.
		for (let i = 0; i < 300 && !hubspot.webhook.subscriptions.some((s) => s.active); i++)
			await new Promise((r) => setTimeout(r, 100));
	}, 300_000);
	afterAll(async () => {
		await rig?.stop();
		await smtp?.stop();
	}, 60_000);

	describe('signup-to-lead', () => {
		const slug = 'signup-to-lead';
		it('upserts the Contact as a lead with the signup fields, then updates the same one', async () => {
			const before = calls().length;
			await rig.deliver(slug, 'customer.pending_signup');
			const [run] = await rig.settled(slug, 1);
			expect(rig.outcome(run)).toBe('success');
			const [call] = calls().slice(before);
			expect(`${call.method} ${call.path}`).toBe(
				'POST /contacts/v1/contact/createOrUpdate/email/jane.doe@initech.example',
			);
			expect(call.authorization).toBe(`Bearer ${APP_TOKEN}`);
			const props = Object.fromEntries(
				(call.body as { properties: Array<{ property: string; value: string }> }).properties.map(
					(p) => [p.property, p.value],
				),
			);
			expect(props).toMatchObject({
				firstname: 'Jane',
				lastname: 'Doe',
				company: 'Initech',
				jobtitle: 'Platform Lead',
				lifecyclestage: 'lead',
				company_size: '201-500',
				use_case: 'Self-hosted analytics',
				lead_source: 'Self-serve trial',
			});
			await rig.deliver(slug, 'customer.pending_signup', {}, { job_title: 'VP Platform' });
			const [again] = await rig.settled(slug, 2);
			expect(rig.outcome(again)).toBe('success');
			expect(rig.output(again, 'Upsert Contact')[0]).toMatchObject({ isNew: false });
			expect(hubspot.contacts.size).toBe(1);
		});

		it('keeps the event in a failed execution when HubSpot keeps refusing the write', async () => {
			for (let i = 0; i < 3; i++) rig.proxy.failNext('POST', /createOrUpdate/, 502);
			await rig.deliver(slug, 'customer.pending_signup', {}, { email: 'sam@hooli.example' });
			const [run] = await rig.settled(slug, 3);
			expect(run.status).toBe('error');
			expect(rig.output(run, 'Replicated Trigger')[0]).toMatchObject({
				data: expect.objectContaining({ email: 'sam@hooli.example' }),
			});
		});
	});

	describe('join-to-company-and-deal', () => {
		const slug = 'join-to-company-and-deal';
		it('creates the Company with the Replicated fields and a Deal, associates the contact, and stamps the Company ID back', async () => {
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
				'POST /companies/v2/companies',
				'POST /deals/v1/deal',
				'POST /contacts/v1/contact/createOrUpdate/email/it@umbrella.example',
				'PUT /crm-associations/v1/associations/create-batch',
			]);
			const company = [...hubspot.companies.values()].find(
				(c) => c.properties.name === 'Umbrella Corp',
			)!;
			expect(company.properties).toEqual({
				name: 'Umbrella Corp',
				replicated_customer_id: customer.id,
				replicated_license_type: 'trial',
				replicated_channel: 'Stable',
				replicated_license_expires: '2027-01-31',
			});
			const deal = [...hubspot.deals.values()].find((d) =>
				d.associations.companyIds.includes(company.id),
			)!;
			expect(deal.properties).toMatchObject({
				dealname: 'Umbrella Corp (Replicated)',
				dealstage: 'appointmentscheduled',
				pipeline: 'default',
			});
			expect(rig.emulator.state.customers.get(customer.id)!.customId).toBe(String(company.id));
		});

		it('leaves customers that already have a Custom ID alone (created from HubSpot: no loop)', async () => {
			const linked = [...rig.emulator.state.customers.values()].find((c) => c.customId)!;
			const before = calls().length;
			await rig.deliver(slug, 'customer.created', { customerId: linked.id });
			const [run] = await rig.settled(slug, 2);
			expect(rig.output(run, 'Already in HubSpot')).toHaveLength(1);
			expect(calls().slice(before)).toEqual([]);
		});
	});

	describe('engagement-to-activity', () => {
		it('logs a completed task on the Company found by Custom ID', async () => {
			const company = hubspot.add('company', { name: 'Initech' });
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Initech',
				customId: String(company.id),
				type: 'prod',
			});
			const before = calls().length;
			await rig.deliver('engagement-to-activity', 'instance.upgrade_completed', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig.settled('engagement-to-activity', 1);
			expect(rig.outcome(run)).toBe('success');
			const made = calls().slice(before);
			expect(made.map((c) => `${c.method} ${c.path}`)).toEqual([
				'POST /engagements/v1/engagements',
			]);
			expect(made[0].body).toMatchObject({
				engagement: { type: 'TASK', timestamp: expect.any(Number) },
				metadata: {
					subject: 'Replicated: instance.upgrade_completed',
					status: 'COMPLETED',
					forObjectType: 'COMPANY',
				},
				associations: { companyIds: [String(company.id)] },
			});
		});
	});

	describe('deal-won-to-license', () => {
		const slug = 'deal-won-to-license';
		/** A HubSpot webhook delivery, signed as HubSpot's v1 scheme: sha256(client secret + body). */
		const stageChanged = async (dealId: number) => {
			const body = JSON.stringify([
				{
					eventId: Date.now(),
					subscriptionId: 1,
					portalId: 1,
					appId: Number(DEVELOPER.appId),
					occurredAt: Date.now(),
					subscriptionType: 'deal.propertyChange',
					attemptNumber: 0,
					objectId: dealId,
					propertyName: 'dealstage',
					propertyValue: 'closedwon',
					changeSource: 'CRM',
				},
			]);
			const signature = createHash('sha256')
				.update(DEVELOPER.clientSecret + body)
				.digest('hex');
			const res = await request(hubspot.webhook.targetUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-hubspot-signature': signature },
				body,
			});
			await res.body.text();
			return res.statusCode;
		};

		it('registered its webhook with the developer app on activation', () => {
			expect(hubspot.webhook.targetUrl).toMatch(/\/webhook\/[0-9a-f-]+\/webhook$/);
			expect(hubspot.webhook.subscriptions).toEqual([
				expect.objectContaining({
					eventType: 'deal.propertyChange',
					propertyName: 'dealstage',
					active: true,
				}),
			]);
		});

		it('provisions a won deal once: create for a new Company, convert for a trial, one write-back each, repeats change nothing', async () => {
			const globex = hubspot.add('company', { name: 'Globex' });
			const globexDeal = hubspot.add(
				'deal',
				{ dealname: 'Globex platform', dealstage: 'closedwon', license_end_date: '2027-12-31' },
				[globex.id],
			);
			const hooli = hubspot.add('company', { name: 'Hooli' });
			const hooliDeal = hubspot.add(
				'deal',
				{ dealname: 'Hooli platform', dealstage: 'closedwon', license_end_date: '2027-12-31' },
				[hooli.id],
			);
			const trial = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Hooli',
				customId: String(hooli.id),
				type: 'trial',
			});
			const writesBefore = replicatedWrites().length;
			const hsBefore = calls().length;
			for (const deal of [globexDeal, hooliDeal, globexDeal, hooliDeal]) {
				expect(await stageChanged(deal.id)).toBe(200);
				await new Promise((r) => setTimeout(r, 1500));
			}
			const runs: Execution[] = await rig.settled(slug, 4);
			expect(runs.map((r) => rig.outcome(r))).toEqual(['success', 'success', 'success', 'success']);
			expect(runs.flatMap((r) => rig.output(r, 'Nothing to Do'))).toHaveLength(2);

			const replicated = replicatedWrites().slice(writesBefore);
			expect(replicated.map((w) => `${w.method} ${w.path}`).sort()).toEqual(
				['POST /v3/customer', `PATCH /v3/customer/${trial.id}`].sort(),
			);
			expect(replicated.find((w) => w.method === 'POST')!.body).toMatchObject({
				name: 'Globex',
				custom_id: String(globex.id),
				type: 'prod',
			});
			const created = [...rig.emulator.state.customers.values()].find(
				(c) => c.customId === String(globex.id),
			)!;
			const backs = writes(hsBefore);
			expect(backs.map((c) => `${c.method} ${c.path}`).sort()).toEqual(
				[`PUT /deals/v1/deal/${globexDeal.id}`, `PUT /deals/v1/deal/${hooliDeal.id}`].sort(),
			);
			expect(globexDeal.properties).toMatchObject({
				replicated_customer_id: created.id,
				replicated_license_state: 'paid until 2027-12-31',
			});
			expect(hooliDeal.properties).toMatchObject({
				replicated_customer_id: trial.id,
				replicated_license_state: 'paid until 2027-12-31',
			});
		});

		it('ignores deliveries without a valid HubSpot signature', async () => {
			const before = (await rig.executions(slug)).length;
			const res = await request(hubspot.webhook.targetUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-hubspot-signature': 'forged' },
				body: JSON.stringify([
					{ subscriptionType: 'deal.propertyChange', objectId: 1, propertyValue: 'closedwon' },
				]),
			});
			await res.body.text();
			await new Promise((r) => setTimeout(r, 1000));
			expect((await rig.executions(slug)).length).toBe(before);
		});
	});

	describe('milestones-to-revenue', () => {
		it('writes the revenue dates still empty on the won Deal, and never changes a set one', async () => {
			const company = hubspot.add('company', { name: 'Vandelay' });
			const deal = hubspot.add(
				'deal',
				{
					dealname: 'Vandelay platform',
					dealstage: 'closedwon',
					first_access_at: '2026-03-01T00:00:00Z',
				},
				[company.id],
			);
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Vandelay',
				customId: String(company.id),
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
			expect(patches.map((c) => c.path)).toEqual([`/crm/v3/objects/deals/${deal.id}`]);
			expect(patches[0].body).toEqual({ properties: { provisioned_at: '2026-02-20T09:00:00Z' } });
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
		it("opens an onboarding task for the Company's owner", async () => {
			const company = hubspot.add('company', { name: 'Wonka', hubspot_owner_id: '7001' });
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Wonka Industries',
				customId: String(company.id),
				type: 'prod',
			});
			const before = calls().length;
			await rig.deliver('instance-ready-onboarding', 'instance.ready', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig.settled('instance-ready-onboarding', 1);
			expect(rig.outcome(run)).toBe('success');
			const made = calls().slice(before);
			expect(made.map((c) => `${c.method} ${c.path}`)).toEqual([
				`GET /companies/v2/companies/${company.id}`,
				'POST /engagements/v1/engagements',
			]);
			expect(made[1].body).toMatchObject({
				engagement: { type: 'TASK', ownerId: 7001 },
				metadata: {
					subject: 'Onboard Wonka Industries: first instance is running',
					status: 'NOT_STARTED',
					forObjectType: 'COMPANY',
				},
				associations: { companyIds: [String(company.id)] },
			});
			expect((made[1].body as { metadata: { body: string } }).metadata.body).toContain(
				'Cloud: aws',
			);

			// The same without the payload fields no Replicated source confirms.
			await rig.deliver(
				'instance-ready-onboarding',
				'instance.ready',
				{ customerId: customer.id, customerName: customer.name, instanceId: 'inst-without-fields' },
				WITHOUT_UNCONFIRMED,
			);
			const [second] = await rig.settled('instance-ready-onboarding', 2);
			expect(rig.outcome(second)).toBe('success');
			const task = calls()
				.slice(before + 2)
				.find((c) => c.method === 'POST')!;
			expect((task.body as { metadata: { body: string } }).metadata.body).toBe(
				'Instance inst-without-fields of Acme Platform is ready.\nLicense: paid',
			);
		});
	});

	describeCrmHealth('HubSpot', {
		rig: () => rig,
		smtp: () => smtp,
		view: hubspotView(hubspot),
	});
});

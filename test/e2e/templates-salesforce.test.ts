/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { salesforceCrm } from '../../scripts/templates/crm/salesforce';
import { crmTemplates } from '../../scripts/templates/lifecycle';
import { FakeSalesforce } from '../fakes/salesforce';
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink';
import { salesforceView } from '../support/crm-views';
import { type Execution, startTemplateRig, type TemplateRig } from '../support/template-rig';
import { describeCrmHealth } from './scenarios/crm-health';

const HOST = 'e2e-acme.my.salesforce.com';
const TOKEN = '00Dxx0000000001!AQ0AQe2eAccessToken';

/** Payload fields no Replicated source confirms for instance.ready: the task must read well without them. */
const WITHOUT_UNCONFIRMED = {
	status: undefined,
	app_version: undefined,
	cloud_provider: undefined,
	k8s_distribution: undefined,
};

describe('Salesforce templates, executed in a real n8n against the emulator and a fake Salesforce org', () => {
	let rig: TemplateRig;
	let smtp: SmtpSink;
	// The org after the templates' prerequisites: the custom fields their sticky notes list.
	const salesforce = new FakeSalesforce(HOST, TOKEN, {
		Lead: ['Company_Size__c', 'Use_Case__c'],
		Account: [
			'Replicated_Customer_Id__c',
			'Replicated_License_Type__c',
			'Replicated_Channel__c',
			'Replicated_License_Expires__c',
		],
		Opportunity: [
			'Replicated_Customer_Id__c',
			'Replicated_License_State__c',
			'License_End_Date__c',
			'Provisioned_At__c',
			'First_Access_At__c',
			'First_Download_At__c',
			'Confirmed_Running_At__c',
		],
	});
	const appId = () => [...rig.emulator.state.apps.keys()][0];
	const replicatedWrites = () =>
		rig.emulator.requests.filter((r) => r.method !== 'GET' && r.path !== '/v3/customers/search');

	const calls = () => rig.proxy.calls.filter((c) => c.host === HOST);

	beforeAll(async () => {
		smtp = await startSmtpSink();
		rig = await startTemplateRig({
			logName: 'templates-salesforce',
			templates: crmTemplates(salesforceCrm),
			// Its Salesforce Trigger polls every minute and would act on the other tests' records
			// (a converted Lead's new Opportunity, a won one): it runs during its own test only.
			startInactive: ['deal-won-to-license'],
			fakes: [salesforce],
			credentials: [
				{
					id: 'tplSmtpCred00001',
					name: 'SMTP account',
					type: 'smtp',
					data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false },
				},
				{
					id: 'tplSalesforceCred1',
					name: 'Salesforce account',
					type: 'salesforceOAuth2Api',
					data: {
						environment: 'production',
						clientId: 'e2e-client-id',
						clientSecret: 'e2e-client-secret',
						oauthTokenData: {
							access_token: TOKEN,
							instance_url: `https://${HOST}`,
							token_type: 'Bearer',
						},
					},
				},
			],
			// The user's one configuration step: the org's URL in the Config node.
			configure: (wf, emulator) => {
				// …and their Replicated app in the deal-won template.
				for (const node of wf.nodes.filter((n) =>
					['Create or Find Customer', 'Score Customers'].includes(n.name),
				))
					(node.parameters.appId as { value: string }).value = [...emulator.state.apps.keys()][0];
				for (const node of wf.nodes.filter((n) => n.name === 'Config')) {
					const { assignments } = node.parameters.assignments as {
						assignments: Array<{ name: string; value: string }>;
					};
					const url = assignments.find((a) => a.name === 'salesforceInstanceUrl');
					if (url) url.value = `https://${HOST}`;
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
		it('creates a Lead from a trial signup, with the signup fields mapped and source "Self-serve trial"', async () => {
			const before = calls().length;
			expect((await rig.deliver('signup-to-lead', 'customer.pending_signup')).status).toBe(200);
			const [run] = await rig.settled('signup-to-lead', 1);
			expect(rig.outcome(run)).toBe('success');
			const made = calls().slice(before);
			expect(made.map((c) => `${c.method} ${c.path}`)).toEqual([
				'GET /services/data/v59.0/query',
				'POST /services/data/v59.0/sobjects/lead',
			]);
			expect(made[0].query.q).toBe(
				"SELECT Id,Email FROM Lead WHERE Email = 'jane.doe@initech.example' LIMIT 1",
			);
			expect(made[1].authorization).toBe(`Bearer ${TOKEN}`);
			expect(made[1].body).toMatchObject({
				Company: 'Initech',
				LastName: 'Doe',
				FirstName: 'Jane',
				Email: 'jane.doe@initech.example',
				Title: 'Platform Lead',
				LeadSource: 'Self-serve trial',
				Company_Size__c: '201-500',
				Use_Case__c: 'Self-hosted analytics',
			});
			expect(String((made[1].body as { Description: string }).Description)).toContain(
				'signed_up_at:',
			);
		});

		it('updates the same Lead when the same person signs up again', async () => {
			const before = calls().length;
			await rig.deliver(
				'signup-to-lead',
				'customer.pending_signup',
				{},
				{ job_title: 'VP Platform' },
			);
			const runs = await rig.settled('signup-to-lead', 2);
			expect(rig.outcome(runs[0])).toBe('success');
			const made = calls().slice(before);
			expect(made.map((c) => c.method)).toEqual(['GET', 'PATCH']);
			const [lead] = salesforce.records.get('Lead')!.values();
			expect(made[1].path).toBe(`/services/data/v59.0/sobjects/lead/${lead.Id}`);
			expect(made[1].body).toMatchObject({ Title: 'VP Platform' });
			expect(salesforce.records.get('Lead')!.size).toBe(1);
		});

		it('keeps the event in a failed execution when Salesforce keeps refusing the write', async () => {
			for (let i = 0; i < 3; i++) rig.proxy.failNext('POST', /\/sobjects\/lead$/i, 503);
			await rig.deliver(
				'signup-to-lead',
				'customer.pending_signup',
				{},
				{ email: 'sam@hooli.example', first_name: 'Sam' },
			);
			const [run] = await rig.settled('signup-to-lead', 3);
			expect(run.status).toBe('error');
			expect(rig.output(run, 'Replicated Trigger')[0]).toMatchObject({
				event: 'customer.pending_signup',
				data: expect.objectContaining({ email: 'sam@hooli.example' }),
			});
			expect(calls().filter((c) => c.method === 'POST' && c.status === 503)).toHaveLength(3);
		});
	});

	describe('join-to-account-and-opportunity', () => {
		const slug = 'join-to-account-and-opportunity';

		it('converts the open Lead of a new customer and stamps the Account ID back as its Custom ID', async () => {
			const lead = salesforce.insert('Lead', {
				Company: 'Umbrella',
				LastName: 'Ops',
				Email: 'it@umbrella.example',
				IsConverted: false,
			});
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
				'GET /services/data/v59.0/query',
				'POST /services/data/v59.0/actions/custom/apex/ConvertLead',
				expect.stringMatching(/^PATCH \/services\/data\/v59\.0\/sobjects\/account\/001/),
			]);
			expect(made[0].query.q).toBe(
				"SELECT Id,Email FROM Lead WHERE Email = 'it@umbrella.example' AND IsConverted = false LIMIT 1",
			);
			expect(made[1].body).toEqual({
				inputs: [
					{
						leadId: lead.Id,
						convertedStatus: 'Closed - Converted',
						createOpportunity: true,
						opportunityName: 'Umbrella Corp (Replicated)',
					},
				],
			});
			const account = [...salesforce.records.get('Account')!.values()].find(
				(a) => a.Name === 'Umbrella',
			)!;
			expect(rig.emulator.state.customers.get(customer.id)!.customId).toBe(account.Id);
			expect(made[2].path).toMatch(new RegExp(`/${account.Id}$`));
			expect(made[2].body).toEqual({
				Replicated_Customer_Id__c: customer.id,
				Replicated_License_Type__c: 'trial',
				Replicated_Channel__c: 'Stable',
				Replicated_License_Expires__c: '2027-01-31',
			});
		});

		it('without a Lead, upserts the Account by Replicated customer ID and opens an Opportunity', async () => {
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Soylent',
				type: 'trial',
			});
			const before = calls().length;
			await rig.deliver(slug, 'customer.created', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig.settled(slug, 2);
			expect(rig.outcome(run)).toBe('success');
			const made = calls().slice(before);
			expect(made.map((c) => `${c.method} ${c.path}`)).toEqual([
				'GET /services/data/v59.0/query',
				`PATCH /services/data/v59.0/sobjects/account/Replicated_Customer_Id__c/${customer.id}`,
				'POST /services/data/v59.0/sobjects/opportunity',
				expect.stringMatching(/^PATCH \/services\/data\/v59\.0\/sobjects\/account\/001/),
			]);
			expect(made[1].body).toEqual({ Name: 'Soylent' });
			expect(made[2].body).toMatchObject({
				Name: 'Soylent (Replicated)',
				StageName: 'Prospecting',
				CloseDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
				LeadSource: 'Replicated',
			});
			const account = [...salesforce.records.get('Account')!.values()].find(
				(a) => a.Name === 'Soylent',
			)!;
			expect((made[2].body as { AccountId: string }).AccountId).toBe(account.Id);
			expect(rig.emulator.state.customers.get(customer.id)!.customId).toBe(account.Id);
		});

		it('leaves customers that already have a Custom ID alone (created from Salesforce: no loop)', async () => {
			const before = calls().length;
			const linked = [...rig.emulator.state.customers.values()].find((c) => c.customId)!;
			await rig.deliver(slug, 'customer.created', {
				customerId: linked.id,
				customerName: linked.name,
			});
			const [run] = await rig.settled(slug, 3);
			expect(rig.outcome(run)).toBe('success');
			expect(rig.output(run, 'Already in Salesforce')).toHaveLength(1);
			expect(calls().slice(before)).toEqual([]);
		});
	});

	describe('engagement-to-activity', () => {
		const slug = 'engagement-to-activity';

		it('logs a completed Task on the Account found by Custom ID', async () => {
			const account = salesforce.insert('Account', { Name: 'Initech' });
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Initech',
				customId: account.Id,
				type: 'prod',
			});
			const before = calls().length;
			await rig.deliver(slug, 'instance.upgrade_completed', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig.settled(slug, 1);
			expect(rig.outcome(run)).toBe('success');
			const made = calls().slice(before);
			expect(made.map((c) => `${c.method} ${c.path}`)).toEqual([
				'POST /services/data/v59.0/sobjects/task',
			]);
			expect(made[0].body).toMatchObject({
				Status: 'Completed',
				WhatId: account.Id,
				Subject: 'Replicated: instance.upgrade_completed',
				ActivityDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			});
			expect((made[0].body as { Description: string }).Description).toContain('on 2.4.0');
		});

		it('skips customers not linked to an Account yet', async () => {
			const unlinked = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Nobody Yet',
				type: 'trial',
			});
			const before = calls().length;
			await rig.deliver(slug, 'release.asset_downloaded', { customerId: unlinked.id });
			const [run] = await rig.settled(slug, 2);
			expect(rig.output(run, 'Not Linked to an Account Yet')).toHaveLength(1);
			expect(calls().slice(before)).toEqual([]);
		});
	});

	describe('deal-won-to-license', () => {
		const slug = 'deal-won-to-license';
		const longAgo = '2026-01-01T00:00:00.000Z';
		const deal = (name: string) => {
			const account = salesforce.insert('Account', {
				Name: name,
				CreatedDate: longAgo,
				LastModifiedDate: longAgo,
			});
			const opportunity = salesforce.insert('Opportunity', {
				Name: `${name} platform`,
				AccountId: account.Id,
				StageName: 'Negotiation',
				License_End_Date__c: '2027-12-31',
				CreatedDate: longAgo,
				LastModifiedDate: longAgo,
			});
			return { account, opportunity };
		};
		const nothingToDo = (runs: Execution[]) =>
			runs.flatMap((r) => rig.output(r, 'Nothing to Do')).map((i) => i.Id);

		it('provisions the won deals polled by the Salesforce Trigger once: create for a new Account, convert for a trial, one write-back each, and the write-back loops back to nothing', async () => {
			const globex = deal('Globex');
			const hooli = deal('Hooli');
			const trial = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Hooli',
				customId: hooli.account.Id,
				type: 'trial',
				expiresAt: '2026-12-15T00:00:00Z',
			});
			const writesBefore = replicatedWrites().length;
			const sfBefore = calls().length;
			await rig.activate(slug);
			// A sales rep closes both deals.
			salesforce.update('Opportunity', globex.opportunity.Id, { StageName: 'Closed Won' });
			salesforce.update('Opportunity', hooli.opportunity.Id, { StageName: 'Closed Won' });

			// The trigger polls every minute: one poll brings the won deals, the next one brings them
			// again because our write-back modified them; that one must change nothing.
			let runs: Execution[] = [];
			for (let i = 0; i < 90; i++) {
				runs = await rig.executions(slug);
				const repeated = nothingToDo(runs);
				if (repeated.includes(globex.opportunity.Id) && repeated.includes(hooli.opportunity.Id))
					break;
				await new Promise((r) => setTimeout(r, 2000));
			}
			expect(runs.map((r) => rig.outcome(r))).toEqual(runs.map(() => 'success'));
			expect(runs.every((r) => r.mode === 'trigger')).toBe(true);
			expect(nothingToDo(runs)).toEqual(
				expect.arrayContaining([globex.opportunity.Id, hooli.opportunity.Id]),
			);

			const writes = replicatedWrites().slice(writesBefore);
			expect(writes.map((w) => `${w.method} ${w.path}`).sort()).toEqual(
				['POST /v3/customer', `PATCH /v3/customer/${trial.id}`].sort(),
			);
			expect(writes.find((w) => w.method === 'POST')!.body).toMatchObject({
				name: 'Globex',
				custom_id: globex.account.Id,
				type: 'prod',
				app_id: appId(),
			});
			expect(writes.find((w) => w.method === 'PATCH')!.body).toMatchObject({
				type: 'prod',
				expires_at: expect.stringMatching(/^2027-12-31/),
			});
			const created = [...rig.emulator.state.customers.values()].find(
				(c) => c.customId === globex.account.Id,
			)!;
			const writeBacks = calls()
				.slice(sfBefore)
				.filter((c) => c.method !== 'GET');
			expect(writeBacks.map((c) => c.path).sort()).toEqual(
				[
					`/services/data/v59.0/sobjects/opportunity/${globex.opportunity.Id}`,
					`/services/data/v59.0/sobjects/opportunity/${hooli.opportunity.Id}`,
				].sort(),
			);
			expect(writeBacks.map((c) => c.body)).toEqual(
				expect.arrayContaining([
					{
						Replicated_Customer_Id__c: created.id,
						Replicated_License_State__c: 'paid until 2027-12-31',
					},
					{
						Replicated_Customer_Id__c: trial.id,
						Replicated_License_State__c: 'paid until 2027-12-31',
					},
				]),
			);
		}, 240_000);

		afterAll(async () => await rig.deactivate(slug));
	});

	describe('milestones-to-revenue', () => {
		const slug = 'milestones-to-revenue';

		it('writes the revenue dates still empty on the won Opportunity, and never changes a set one', async () => {
			const account = salesforce.insert('Account', { Name: 'Vandelay' });
			const opportunity = salesforce.insert('Opportunity', {
				Name: 'Vandelay platform',
				AccountId: account.Id,
				StageName: 'Closed Won',
				First_Access_At__c: '2026-03-01T00:00:00Z',
			});
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Vandelay',
				customId: account.Id,
				type: 'prod',
			});
			Object.assign(customer.enterprise_portal, {
				first_invite_sent_at: '2026-02-20T09:00:00Z',
				access_granted_at: '2026-02-21T10:00:00Z',
				access_milestones: {
					prod: { access_granted_at: '2026-02-21T10:00:00Z', access_method: 'invite' },
				},
			});
			const before = calls().length;
			await rig.deliver(slug, 'customer.ep_access_granted', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig.settled(slug, 1);
			expect(rig.outcome(run)).toBe('success');
			const patches = calls()
				.slice(before)
				.filter((c) => c.method === 'PATCH');
			expect(patches.map((c) => c.path)).toEqual([
				`/services/data/v59.0/sobjects/Opportunity/${opportunity.Id}`,
			]);
			// First access was already set: only the invite date is new.
			expect(patches[0].body).toEqual({ Provisioned_At__c: '2026-02-20T09:00:00Z' });

			await rig.deliver(slug, 'customer.ep_invite_sent', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [again] = await rig.settled(slug, 2);
			expect(rig.outcome(again)).toBe('success');
			expect(
				calls()
					.slice(before)
					.filter((c) => c.method === 'PATCH'),
			).toHaveLength(1);
		});
	});

	describe('instance-ready-onboarding', () => {
		it("opens a high-priority onboarding Task for the Account's owner", async () => {
			const account = salesforce.insert('Account', {
				Name: 'Wonka',
				OwnerId: '005000000000000042',
			});
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Wonka Industries',
				customId: account.Id,
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
				`GET /services/data/v59.0/sobjects/account/${account.Id}`,
				'POST /services/data/v59.0/sobjects/task',
			]);
			expect(made[1].body).toMatchObject({
				Status: 'Not Started',
				WhatId: account.Id,
				OwnerId: '005000000000000042',
				Priority: 'High',
				Subject: 'Onboard Wonka Industries: first instance is running',
			});
			expect((made[1].body as { Description: string }).Description).toContain('Cloud: aws');

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
			expect((task.body as { Description: string }).Description).toBe(
				'Instance inst-without-fields of Acme Platform is ready.\nLicense: paid',
			);
		});
	});

	describeCrmHealth('Salesforce', {
		rig: () => rig,
		smtp: () => smtp,
		view: salesforceView(salesforce),
		fleet: true,
	});
});

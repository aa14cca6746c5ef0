/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { productFieldNames } from '../../scripts/templates/crm/product-fields';
import { salesforceCrm } from '../../scripts/templates/crm/salesforce';
import { FULFILLMENT_SLUG } from '../../scripts/templates/flows/fulfillment';
import { crmTemplates } from '../../scripts/templates/lifecycle';
import type { CrmCall } from '../fakes/crm-proxy';
import { FakeSalesforce } from '../fakes/salesforce';
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink';
import { salesforceFulfillment, salesforceView } from '../support/views/salesforce';
import {
	type Execution,
	setConfigValue,
	startTemplateRig,
	type TemplateRig,
} from '../support/template-rig';
import { describeCrmFulfillment } from './scenarios/crm-fulfillment';
import { describeCrmHealth } from './scenarios/crm-health';
import {
	type DealWonDriver,
	describeCrmLifecycle,
	type LifecycleRequests,
} from './scenarios/crm-lifecycle';

const HOST = 'e2e-acme.my.salesforce.com';
const TOKEN = '00Dxx0000000001!AQ0AQe2eAccessToken';

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
			'Revenue_Dates_Note__c',
		],
		Product2: productFieldNames('salesforce'),
		Order: [
			'Replicated_Customer_Id__c',
			'Replicated_License_State__c',
			'Replicated_Fulfilled_At__c',
			'Replicated_Fulfillment_Error__c',
		],
	});
	const appId = () => [...rig.emulator.state.apps.keys()][0];

	const calls = () => rig.proxy.calls.filter((c) => c.host === HOST);
	const view = salesforceView(salesforce);

	beforeAll(async () => {
		smtp = await startSmtpSink();
		rig = await startTemplateRig({
			logName: 'templates-salesforce',
			templates: crmTemplates(salesforceCrm),
			// Its Salesforce Trigger polls every minute and would act on the other tests' records
			// (a converted Lead's new Opportunity, a won one): it runs during its own test only.
			// …and so would the fulfillment's schedule, every 5 minutes: it runs when a test runs it.
			startInactive: ['deal-won-to-license', FULFILLMENT_SLUG],
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
				setConfigValue(wf, 'salesforceInstanceUrl', `https://${HOST}`);
				setConfigValue(wf, 'senderEmail', 'licensing@acme.example');
				return wf;
			},
		});
	}, 300_000);
	afterAll(async () => {
		await rig?.stop();
		await smtp?.stop();
	}, 60_000);

	const SF = '/services/data/v59.0';
	const sfDate = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);
	const records = (object: string) => [...(salesforce.records.get(object)?.values() ?? [])];
	const paths = (made: CrmCall[]) => made.map((c) => `${c.method} ${c.path}`);

	// Salesforce's exact requests, beside what the shared scenarios read back from the org.
	const requests: LifecycleRequests = {
		signup: (made) => {
			expect(paths(made)).toEqual([`GET ${SF}/query`, `POST ${SF}/sobjects/lead`]);
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
		},
		signupAgain: (made, email) => {
			const lead = records('Lead').find((l) => l.Email === email)!;
			expect(paths(made)).toEqual([`GET ${SF}/query`, `PATCH ${SF}/sobjects/lead/${lead.Id}`]);
			expect(made[1].body).toMatchObject({ Title: 'VP Platform' });
		},
		join: (made, { customerId, accountId }) => {
			expect(paths(made)).toEqual([
				`GET ${SF}/query`,
				`PATCH ${SF}/sobjects/account/Replicated_Customer_Id__c/${customerId}`,
				`POST ${SF}/sobjects/opportunity`,
				`PATCH ${SF}/sobjects/account/${accountId}`,
			]);
			expect(made[0].query.q).toBe(
				"SELECT Id,Email FROM Lead WHERE Email = 'it@soylent.example' AND IsConverted = false LIMIT 1",
			);
			expect(made[1].body).toEqual({ Name: 'Soylent Corp' });
			expect(made[2].body).toMatchObject({
				Name: 'Soylent Corp (Replicated)',
				StageName: 'Prospecting',
				CloseDate: sfDate,
				LeadSource: 'Replicated',
				AccountId: accountId,
			});
			expect(made[3].body).toEqual({
				Replicated_Customer_Id__c: customerId,
				Replicated_License_Type__c: 'trial',
				Replicated_Channel__c: 'Stable',
				Replicated_License_Expires__c: '2027-01-31',
			});
		},
		engagement: (made, accountId) => {
			expect(paths(made)).toEqual([`POST ${SF}/sobjects/task`]);
			expect(made[0].body).toMatchObject({
				Status: 'Completed',
				WhatId: accountId,
				Subject: 'Replicated: instance.upgrade_completed',
				ActivityDate: sfDate,
			});
		},
		milestones: (made, dealId) => {
			const patches = made.filter((c) => c.method === 'PATCH');
			expect(patches.map((c) => c.path)).toEqual([`${SF}/sobjects/Opportunity/${dealId}`]);
			expect(patches[0].body).toEqual({ Provisioned_At__c: '2026-02-20T09:00:00Z' });
		},
		onboarding: (made, accountId) => {
			const account = records('Account').find((a) => a.Id === accountId)!;
			expect(paths(made)).toEqual([
				`GET ${SF}/sobjects/account/${accountId}`,
				`POST ${SF}/sobjects/task`,
			]);
			expect(made[1].body).toMatchObject({
				Status: 'Not Started',
				WhatId: accountId,
				OwnerId: account.OwnerId,
				Priority: 'High',
				Subject: 'Onboard Wonka Industries: first instance is running',
				ActivityDate: sfDate,
			});
		},
		dealWonWriteBacks: (made, dealIds) => {
			const writes = made.filter((c) => c.method !== 'GET');
			expect(writes.map((c) => c.path).sort()).toEqual(
				dealIds.map((id) => `${SF}/sobjects/opportunity/${id}`).sort(),
			);
			expect(writes.map((c) => Object.keys(c.body as object).sort())).toEqual(
				dealIds.map(() => ['Replicated_Customer_Id__c', 'Replicated_License_State__c']),
			);
		},
	};

	// The Salesforce Trigger polls updated Opportunities every minute: a rep closes the deals,
	// one poll brings them won, the next brings them again because the write-back modified them.
	const longAgo = '2026-01-01T00:00:00.000Z';
	const dealWon: DealWonDriver = {
		deal: (name) => {
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
			return { accountId: account.Id, dealId: opportunity.Id };
		},
		win: async (dealIds) => {
			const slug = 'deal-won-to-license';
			await rig.activate(slug);
			try {
				for (const id of dealIds) salesforce.update('Opportunity', id, { StageName: 'Closed Won' });
				let runs: Execution[] = [];
				for (let i = 0; i < 90; i++) {
					runs = await rig.executions(slug);
					const repeated = runs.flatMap((r) => rig.output(r, 'Nothing to Do')).map((i) => i.Id);
					if (dealIds.every((id) => repeated.includes(id))) break;
					await new Promise((r) => setTimeout(r, 2000));
				}
				expect(runs.every((r) => r.mode === 'trigger')).toBe(true);
				return runs;
			} finally {
				await rig.deactivate(slug);
			}
		},
		dealOf: (item) => String(item.Id),
	};

	describeCrmLifecycle(salesforceCrm, { rig: () => rig, view, requests, dealWon });

	describe('Salesforce only: join-to-account-and-opportunity through lead conversion', () => {
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
			const runs = (await rig.executions(slug)).length;
			await rig.deliver(slug, 'customer.created', {
				customerId: customer.id,
				customerName: customer.name,
			});
			const [run] = await rig.settled(slug, runs + 1);
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
	});

	// n8n 1.123's Salesforce node quotes a condition value without escaping it: an email with a
	// quote could end the SOQL literal and select another Lead. The templates refuse such an email
	// before any query, on every n8n (2.x escapes, so nothing is escaped twice).
	describe('Salesforce only: a hostile email never reaches SOQL', () => {
		const HOSTILE = ["o'brien@x.example", `"x' OR Email != '"@evil.example`];
		const deliver = async (slug: string, event: string, context = {}, data = {}) => {
			const runs = (await rig.executions(slug)).length;
			expect((await rig.deliver(slug, event, context, data)).status).toBe(200);
			const [latest] = await rig.settled(slug, runs + 1);
			return latest;
		};

		it.each(HOSTILE)(
			'signup-to-lead refuses %j, saying why, with no query and no Lead',
			async (email) => {
				const before = calls().length;
				const leads = records('Lead').length;
				const refused = await deliver('signup-to-lead', 'customer.pending_signup', {}, { email });
				expect(refused.status).toBe('error');
				expect(refused.data.resultData.error?.message).toBe(
					'The signup email cannot be looked up in Salesforce: it contains a quote or a backslash, which a SOQL query cannot hold safely on every n8n version. No Lead was written: correct the address, or create the Lead by hand.',
				);
				expect(calls().slice(before)).toEqual([]);
				expect(records('Lead').length).toBe(leads);
			},
		);

		it('join-to-account-and-opportunity upserts the Account of a customer with such an email, looking no Lead up', async () => {
			const customer = rig.emulator.state.addCustomer({
				appId: appId(),
				name: 'Quote Corp',
				email: HOSTILE[1],
				type: 'trial',
				expiresAt: '2027-01-31T00:00:00Z',
			});
			const before = calls().length;
			const joined = await deliver('join-to-account-and-opportunity', 'customer.created', {
				customerId: customer.id,
				customerName: customer.name,
			});
			expect(rig.outcome(joined)).toBe('success');
			expect(paths(calls().slice(before))).toEqual([
				`PATCH ${SF}/sobjects/account/Replicated_Customer_Id__c/${customer.id}`,
				`POST ${SF}/sobjects/opportunity`,
				expect.stringMatching(new RegExp(`^PATCH ${SF}/sobjects/account/001`)),
			]);
		});
	});

	describeCrmFulfillment(salesforceCrm, {
		rig: () => rig,
		smtp: () => smtp,
		view: salesforceFulfillment(salesforce),
		// One query for the Orders, one for all their products, the files, the Orders marked.
		requests: (made, orders) => {
			const ids = orders.map((o) => o.recordId);
			expect(paths(made)).toEqual([
				`GET ${SF}/query`,
				`GET ${SF}/query`,
				...ids.flatMap(() => [
					`POST ${SF}/sobjects/ContentVersion`,
					`POST ${SF}/sobjects/ContentVersion`,
				]),
				...ids.map((id) => `PATCH ${SF}/sobjects/Order/${id}`),
			]);
			expect(made[0].query.q).toBe(
				"SELECT Id, OrderNumber, AccountId, Account.Name, EffectiveDate, EndDate, ShipToContact.Email, ShipToContact.FirstName FROM Order WHERE Status = 'Activated' AND Replicated_Fulfilled_At__c = null AND Replicated_Fulfillment_Error__c = null LIMIT 50",
			);
			expect(made[1].query.q).toBe(
				`SELECT OrderId, Quantity, Product2.Name, ${productFieldNames('salesforce')
					.map((f) => `Product2.${f}`)
					.join(', ')} FROM OrderItem WHERE OrderId IN (${ids.map((id) => `'${id}'`).join(', ')})`,
			);
			const uploads = salesforce.files.slice(-ids.length * 2);
			expect(
				uploads.map((f) => [f.FirstPublishLocationId, f.ContentLocation, f.Title, f.PathOnClient]),
			).toEqual(
				ids.flatMap((id) => {
					const name = String(
						records('Account').find(
							(a) => a.Id === orders.find((o) => o.recordId === id)!.accountId,
						)!.Name,
					).toLowerCase();
					return [
						[id, 'S', `${name}-acme-platform-license`, `${name}-acme-platform-license.yaml`],
						[id, 'S', 'install-acme-platform', 'install-acme-platform.html'],
					];
				}),
			);
			for (const patch of made.filter((c) => c.method === 'PATCH'))
				expect(Object.keys(patch.body as object)).toEqual([
					'Replicated_Customer_Id__c',
					'Replicated_License_State__c',
					'Replicated_Fulfilled_At__c',
				]);
		},
	});

	describeCrmHealth('Salesforce', {
		rig: () => rig,
		smtp: () => smtp,
		view,
		fleet: true,
	});
});

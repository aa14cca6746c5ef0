/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { createHash } from 'node:crypto';

import { request } from 'undici';

import { hubspotCrm } from '../../scripts/templates/crm/hubspot';
import { FULFILLMENT_SLUG } from '../../scripts/templates/flows/fulfillment';
import { crmTemplates } from '../../scripts/templates/lifecycle';
import type { CrmCall } from '../fakes/crm-proxy';
import { FakeHubSpot } from '../fakes/hubspot';
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink';
import { linkedCustomer } from '../support/views';
import { hubspotFulfillment, hubspotView } from '../support/views/hubspot';
import { setConfigValue, startTemplateRig, type TemplateRig } from '../support/template-rig';
import { describeCrmFulfillment } from './scenarios/crm-fulfillment';
import { describeCrmHealth } from './scenarios/crm-health';
import {
	type DealWonDriver,
	describeCrmLifecycle,
	type LifecycleRequests,
} from './scenarios/crm-lifecycle';

const APP_TOKEN = 'pat-na1-e2e-hubspot-service-key';
const DEVELOPER = {
	appId: '424242',
	apiKey: 'e2e-developer-api-key',
	clientSecret: 'e2e-client-secret',
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
			'revenue_dates_note',
			'replicated_fulfilled_at',
			'replicated_fulfillment_error',
		],
	});
	// A stage of the user's own (custom pipelines have numeric stage IDs), so that the deal-won
	// scenarios' Closed Won deals are not this template's business.
	const FULFILLED_STAGE = '3143071';
	const view = hubspotView(hubspot);

	beforeAll(async () => {
		smtp = await startSmtpSink();
		rig = await startTemplateRig({
			logName: 'templates-hubspot',
			templates: crmTemplates(hubspotCrm),
			// Its schedule would run every 5 minutes amid the other tests: it runs when a test runs it.
			startInactive: [FULFILLMENT_SLUG],
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
				setConfigValue(wf, 'fulfilledStage', FULFILLED_STAGE);
				setConfigValue(wf, 'senderEmail', 'licensing@acme.example');
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

	const paths = (made: CrmCall[]) => made.map((c) => `${c.method} ${c.path}`);
	const properties = (body: unknown) =>
		Object.fromEntries(
			(
				body as { properties: Array<{ property?: string; name?: string; value: string }> }
			).properties.map((p) => [p.property ?? p.name, p.value]),
		);

	// HubSpot's exact requests, beside what the shared scenarios read back from the portal.
	const requests: LifecycleRequests = {
		signup: (made) => {
			expect(paths(made)).toEqual([
				'POST /contacts/v1/contact/createOrUpdate/email/jane.doe@initech.example',
			]);
			expect(made[0].authorization).toBe(`Bearer ${APP_TOKEN}`);
			expect(properties(made[0].body)).toMatchObject({
				firstname: 'Jane',
				lastname: 'Doe',
				company: 'Initech',
				jobtitle: 'Platform Lead',
				lifecyclestage: 'lead',
				company_size: '201-500',
				use_case: 'Self-hosted analytics',
				lead_source: 'Self-serve trial',
			});
		},
		signupAgain: (made, email) => {
			expect(paths(made)).toEqual([`POST /contacts/v1/contact/createOrUpdate/email/${email}`]);
			expect(properties(made[0].body)).toMatchObject({ jobtitle: 'VP Platform' });
		},
		join: (made, { customerId, accountId }) => {
			expect(paths(made)).toEqual([
				'POST /companies/v2/companies',
				'POST /deals/v1/deal',
				'POST /contacts/v1/contact/createOrUpdate/email/it@soylent.example',
				'PUT /crm-associations/v1/associations/create-batch',
			]);
			expect(properties(made[0].body)).toEqual({
				name: 'Soylent Corp',
				replicated_customer_id: customerId,
				replicated_license_type: 'trial',
				replicated_channel: 'Stable',
				replicated_license_expires: '2027-01-31',
			});
			expect(properties(made[1].body)).toMatchObject({
				dealname: 'Soylent Corp (Replicated)',
				dealstage: 'appointmentscheduled',
				pipeline: 'default',
			});
			expect((made[1].body as { associations: unknown }).associations).toEqual({
				associatedCompanyIds: [Number(accountId)],
			});
		},
		engagement: (made, accountId) => {
			expect(paths(made)).toEqual(['POST /engagements/v1/engagements']);
			expect(made[0].body).toMatchObject({
				engagement: { type: 'TASK', timestamp: expect.any(Number) },
				metadata: {
					subject: 'Replicated: instance.upgrade_completed',
					status: 'COMPLETED',
					forObjectType: 'COMPANY',
				},
				associations: { companyIds: [accountId] },
			});
		},
		milestones: (made, dealId) => {
			const patches = made.filter((c) => c.method === 'PATCH');
			expect(patches.map((c) => c.path)).toEqual([`/crm/v3/objects/deals/${dealId}`]);
			expect(patches[0].body).toEqual({ properties: { provisioned_at: '2026-02-20T09:00:00Z' } });
		},
		onboarding: (made, accountId) => {
			const owner = hubspot.companies.get(Number(accountId))!.properties.hubspot_owner_id;
			expect(paths(made)).toEqual([
				`GET /companies/v2/companies/${accountId}`,
				'POST /engagements/v1/engagements',
			]);
			expect(made[1].body).toMatchObject({
				engagement: { type: 'TASK', ownerId: Number(owner) },
				metadata: {
					subject: 'Onboard Wonka Industries: first instance is running',
					status: 'NOT_STARTED',
					forObjectType: 'COMPANY',
				},
				associations: { companyIds: [accountId] },
			});
		},
		dealWonWriteBacks: (made, dealIds) => {
			const writes = made.filter((c) => c.method !== 'GET');
			expect(paths(writes).sort()).toEqual(dealIds.map((id) => `PUT /deals/v1/deal/${id}`).sort());
		},
	};

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

	// The HubSpot Trigger receives the developer app's stage-change deliveries; HubSpot may
	// deliver a change again, and the repeat must change nothing.
	const dealWon: DealWonDriver = {
		deal: (name) => {
			const company = hubspot.add('company', { name });
			const deal = hubspot.add(
				'deal',
				{ dealname: `${name} platform`, dealstage: 'contractsent', license_end_date: '2027-12-31' },
				[company.id],
			);
			return { accountId: String(company.id), dealId: String(deal.id) };
		},
		win: async (dealIds) => {
			const slug = 'deal-won-to-license';
			const count = (await rig.executions(slug)).length;
			for (const id of dealIds) hubspot.deals.get(Number(id))!.properties.dealstage = 'closedwon';
			for (const id of [...dealIds, ...dealIds]) {
				expect(await stageChanged(Number(id))).toBe(200);
				await new Promise((r) => setTimeout(r, 1500));
			}
			return (await rig.settled(slug, count + dealIds.length * 2)).slice(0, dealIds.length * 2);
		},
		dealOf: (item) => String(item.dealId),
	};

	describeCrmLifecycle(hubspotCrm, { rig: () => rig, view, requests, dealWon });

	describe('HubSpot only: the deal-won trigger is a developer app webhook', () => {
		const slug = 'deal-won-to-license';

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

	describeCrmFulfillment(hubspotCrm, {
		rig: () => rig,
		smtp: () => smtp,
		view: hubspotFulfillment(hubspot, FULFILLED_STAGE),
		// One search, each deal's associations, four batch reads, the files, a note per deal, the marks.
		requests: (made, orders) => {
			const ids = orders.map((o) => o.recordId);
			const sorted = (list: string[]) => [...list].sort();
			expect(sorted(paths(made))).toEqual(
				sorted([
					'POST /crm/v3/objects/deals/search',
					...ids.map((id) => `GET /crm/v3/objects/deals/${id}`),
					'POST /crm/v3/objects/line_items/batch/read',
					'POST /crm/v3/objects/products/batch/read',
					'POST /crm/v3/objects/contacts/batch/read',
					'POST /crm/v3/objects/companies/batch/read',
					...ids.flatMap(() => ['POST /files/v3/files', 'POST /files/v3/files']),
					...ids.map(() => 'POST /crm/v3/objects/notes'),
					...ids.map((id) => `PATCH /crm/v3/objects/deals/${id}`),
				]),
			);
			const search = made[0].body as { filterGroups: Array<{ filters: unknown[] }> };
			expect(search.filterGroups[0].filters).toEqual([
				expect.objectContaining({
					propertyName: 'dealstage',
					operator: 'EQ',
					value: FULFILLED_STAGE,
				}),
				expect.objectContaining({
					propertyName: 'replicated_fulfilled_at',
					operator: 'NOT_HAS_PROPERTY',
				}),
				expect.objectContaining({
					propertyName: 'replicated_fulfillment_error',
					operator: 'NOT_HAS_PROPERTY',
				}),
			]);
			for (const get of made.filter((c) => c.method === 'GET'))
				expect(get.query).toEqual({
					associations: 'line_items,contacts,companies',
					properties: 'dealname,closedate,license_end_date',
				});
			const files = [...hubspot.files.values()].slice(-ids.length * 2);
			expect(files.map((f) => [f.folderPath, f.access])).toEqual(
				files.map(() => ['/replicated-licenses', 'PRIVATE']),
			);
			for (const id of ids) {
				const [note, ...more] = hubspot.notesOf(Number(id));
				expect(more).toEqual([]);
				expect(note.properties.hs_note_body).toMatch(
					/^Replicated license and installation instructions, emailed to it@\w+\.example: \w+-acme-platform-license\.yaml, install-acme-platform\.html$/,
				);
			}
			for (const patch of made.filter((c) => c.method === 'PATCH'))
				expect(Object.keys((patch.body as { properties: object }).properties)).toEqual([
					'replicated_customer_id',
					'replicated_license_state',
					'replicated_fulfilled_at',
				]);
		},
	});

	describeCrmHealth('HubSpot', {
		rig: () => rig,
		smtp: () => smtp,
		view,
	});

	describe('HubSpot only: the search rate limit', () => {
		it('asks for open risk tasks at most 2 times a second, so a week with many at-risk Companies gets no 429', async () => {
			const DAY = 86_400_000;
			const silent = { active: false, lastActive: new Date(Date.now() - 3 * DAY).toISOString() };
			const companies = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'].map(
				(name) => linkedCustomer(rig, view, `${name} Risk`, { instances: [silent] }).accountId,
			);
			const slug = 'weekly-risk-digest';
			const count = (await rig.executions(slug)).length;
			const before = rig.proxy.calls.length;
			await rig.run(slug, 'Every Monday');
			const [run] = await rig.settled(slug, count + 1, 60_000);
			expect(rig.outcome(run)).toBe('success');
			const searches = rig.proxy.calls
				.slice(before)
				.filter((c) => c.path === '/crm/v3/objects/tasks/search');
			expect(searches.length).toBeGreaterThanOrEqual(companies.length);
			expect(searches.filter((c) => c.status !== 200)).toEqual([]);
			for (const id of companies)
				expect(view.tasks(id).map((t) => t.subject)).toEqual(['Replicated health: at risk']);
		});
	});
});

import { escaped } from '../escape';
import { at, credential, equals, httpRequest, ifNode, isEmpty } from '../kit';
import {
	CONTACT_EMAIL,
	contactEmailKnown,
	type CrmAdapter,
	ENGAGEMENT_DETAILS,
	LICENSE_STATE,
	REVENUE_DATES,
	REVENUE_NOTE,
	recordNames,
	TRIGGER,
} from './adapter';
import { hubspotFulfillment } from './hubspot-fulfillment';
import { hubspotHealth } from './hubspot-health';
import { customProperties, HUBSPOT, hubspot } from './hubspot-nodes';
import { PRODUCT_PROPERTIES } from './product-properties';
import { codeFile } from '../code/inline';

const T = TRIGGER;

const DEAL = "$('Get Deal').item.json";

/** HubSpot: a Contact with lifecycle stage Lead; its node upserts by email in one call. */
export const hubspotCrm: CrmAdapter = {
	crm: 'hubspot',
	tag: 'HubSpot',
	products: PRODUCT_PROPERTIES,
	...recordNames('a Company'),
	leadFromSignup: {
		summary:
			'Self-serve trial signup → Contact created or updated (by email) as a lead, signup fields mapped, lead source "Self-serve trial"',
		prerequisites: [
			'Contact properties `company_size`, `use_case`, `lead_source` (single-line text)',
		],
		workflowName: 'Replicated → HubSpot: trial signup to lead contact',
		about: [
			'## Trial signup → HubSpot lead',
			"`customer.pending_signup` creates the Contact (or updates the one with the same email) with lifecycle stage **Lead** and the signup form's fields.",
			'',
			'### Configure',
			'1. Credentials: **Replicated account** and a **HubSpot service key** (private app token with `crm.objects.contacts.write`).',
			"2. Contact properties `company_size`, `use_case` and `lead_source` (single-line text). Other signup fields go to the contact's `message`.",
		],
		write: (column) => ({
			entry: 'Upsert Contact',
			nodes: [
				hubspot('Upsert Contact', at(column), {
					resource: 'contact',
					operation: 'upsert',
					email: '={{ $json.email }}',
					additionalFields: {
						firstName: '={{ $json.firstName }}',
						lastName: '={{ $json.lastName }}',
						companyName: '={{ $json.company }}',
						jobTitle: '={{ $json.title }}',
						lifeCycleStage: 'lead',
						message: '={{ $json.description }}',
						...customProperties([
							['company_size', '={{ $json.companySize }}'],
							['use_case', '={{ $json.useCase }}'],
							['lead_source', 'Self-serve trial'],
						]),
					},
					options: { resolveData: true },
				}),
			],
			links: [],
		}),
	},
	accountFromNewCustomer: {
		slug: 'join-to-company-and-deal',
		summary:
			'New customer (or its first Enterprise Portal user) → Company with the Replicated fields + Deal, the contact associated; the Company ID stamped back on the customer as Custom ID',
		prerequisites: [
			'Company properties `replicated_customer_id`, `replicated_license_type`, `replicated_channel`, `replicated_license_expires` (single-line text)',
		],
		workflowName: 'Replicated → HubSpot: new customer to company and deal',
		about: [
			'## New customer → Company, Contact and Deal',
			"On `customer.created` (and on `customer.ep_user_joined` for the first Enterprise Portal user) a customer without a Custom ID becomes a HubSpot **Company** carrying its Replicated customer ID, license type, channel and expiry, with a **Deal** in the default pipeline; its contact email (when known) is upserted and associated. The Company ID goes back to Replicated as the customer's **Custom ID**, the join key the other templates use.",
			'',
			'### Configure',
			'1. Company properties `replicated_customer_id`, `replicated_license_type`, `replicated_channel`, `replicated_license_expires` (single-line text).',
			'2. Change the deal stage or pipeline in **Create Deal** if you do not use the default pipeline.',
			'',
			'Customers created from HubSpot (deal-won template) already have a Custom ID and are skipped: no loop.',
		],
		write: (column, row) => ({
			entry: 'Create Company',
			nodes: [
				hubspot('Create Company', at(column, row), {
					resource: 'company',
					operation: 'create',
					name: `={{ ${T}.customer.name }}`,
					additionalFields: customProperties([
						['replicated_customer_id', `={{ ${T}.customer.id }}`],
						['replicated_license_type', `={{ ${T}.customer.licenseType }}`],
						['replicated_channel', `={{ ${T}.customer.channel || '' }}`],
						['replicated_license_expires', `={{ (${T}.customer.expiresAt || '').slice(0, 10) }}`],
					]),
				}),
				hubspot('Create Deal', at(column + 1, row), {
					resource: 'deal',
					operation: 'create',
					stage: 'appointmentscheduled',
					additionalFields: {
						dealName: `={{ ${T}.customer.name }} (Replicated)`,
						pipeline: 'default',
						closeDate: '={{ $now.plus({ days: 30 }).toISO() }}',
						associatedCompany: ["={{ $('Create Company').item.json.companyId }}"],
					},
				}),
			],
			links: [['Create Company', 'Create Deal']],
			exits: ['Create Deal'],
			next: [column + 2, row],
			accountId: "={{ String($('Create Company').item.json.companyId) }}",
		}),
		// The node upserts the contact by email in one call and associates it with the Company.
		afterStamp: (column, row) => ({
			entry: 'Contact Email Known?',
			nodes: [
				contactEmailKnown(at(column, row)),
				hubspot('Upsert Contact', at(column + 1, row - 0.4), {
					resource: 'contact',
					operation: 'upsert',
					email: `={{ ${CONTACT_EMAIL} }}`,
					additionalFields: {
						associatedCompanyId: "={{ $('Create Company').item.json.companyId }}",
						lifeCycleStage: 'opportunity',
					},
					options: { resolveData: true },
				}),
			],
			links: [['Contact Email Known?', 'Upsert Contact', 0]],
		}),
	},
	activityFromEngagement: {
		summary:
			'Downloads, new instances, completed upgrades and Enterprise Portal access → a completed task on the Company timeline (found by Custom ID)',
		prerequisites: [],
		workflowName: 'Replicated → HubSpot: engagement to company activity',
		about: [
			'## Engagement → company timeline',
			"Each download, new instance, completed upgrade and Enterprise Portal access becomes a completed **task** on the customer's Company, so owners see adoption on the timeline.",
			'',
			'### Configure',
			'1. Credentials: **Replicated account** and **HubSpot service key**.',
			'2. Customers are matched by their **Custom ID** (the HubSpot Company ID, set by the *new customer → Company* template). Customers without one are skipped.',
		],
		write: (column, row) => ({
			entry: 'Log Activity',
			nodes: [
				hubspot('Log Activity', at(column, row), {
					resource: 'engagement',
					operation: 'create',
					type: 'task',
					dueDate: '={{ $json.occurredAt }}',
					metadata: {
						subject: '=Replicated: {{ $json.event }}',
						// Rich text (HTML): the app's name and versions escaped.
						body: `={{ ${escaped('escapeHtml', ENGAGEMENT_DETAILS)} }}`,
						status: 'COMPLETED',
						forObjectType: 'COMPANY',
					},
					additionalFields: { associations: { companyIds: '={{ $json.customId }}' } },
				}),
			],
			links: [],
		}),
	},
	licenseFromWonDeal: {
		summary:
			'Deal moved to Closed Won (HubSpot Trigger) → Replicated customer created (idempotent by Custom ID = Company ID) or trial converted to paid → customer ID and license state written back to the Deal',
		prerequisites: [
			'Deal properties `replicated_customer_id`, `replicated_license_state` (single-line text), `license_end_date` (date, optional)',
			'a HubSpot developer app (the HubSpot Trigger needs its App ID, client secret and developer API key)',
		],
		userSets: [
			{ node: 'Create or Find Customer', parameter: 'appId', what: 'your Replicated app' },
		],
		workflowName: 'HubSpot → Replicated: deal won to customer and paid license',
		about: [
			'## Deal won → Replicated license',
			"When a Deal's stage changes to **Closed Won**, its Company gets a paid Replicated license: **Customer → Create** with the Company ID as Custom ID (it finds the customer when it exists), and when that customer is still on a trial, **License → Convert** makes it paid until the deal's `license_end_date` (one year otherwise). The customer ID and license state are written back to the Deal.",
			'',
			'### Configure',
			'1. **HubSpot Trigger**: a *HubSpot Developer API* credential for your developer app (App ID, client secret, developer API key); it subscribes to `deal.propertyChange` of `dealstage`.',
			'2. **Create or Find Customer**: pick your Replicated app; map license fields under Entitlement Values.',
			'3. Deal properties `replicated_customer_id`, `replicated_license_state` and optionally `license_end_date`.',
			'',
			'**No loop**: the write-back changes Replicated properties, not the stage, so it raises no stage event; and a Deal that already has `replicated_customer_id` is skipped if the stage event repeats.',
			'',
			'### Test it',
			'Move a test Deal to Closed Won in the default pipeline.',
		],
		// HubSpot pushes stage changes to a developer app's webhook subscription (the HubSpot Trigger).
		won: () => ({
			entry: 'HubSpot Trigger',
			nodes: [
				{
					name: 'HubSpot Trigger',
					type: 'n8n-nodes-base.hubspotTrigger',
					typeVersion: 1,
					position: at(0),
					webhookId: '2f0cbd7e-6f0e-4f55-9a63-5d1d8c0f1a01',
					parameters: {
						eventsUi: { eventValues: [{ name: 'deal.propertyChange', property: 'dealstage' }] },
						additionalFields: {},
					},
					credentials: credential('hubspotDeveloperApi', 'HubSpot developer app'),
				},
				ifNode('Moved to Closed Won?', at(1), [
					{ left: '={{ $json.propertyValue }}', operator: equals, right: 'closedwon' },
				]),
				hubspot(
					'Get Deal',
					at(2),
					{ resource: 'deal', operation: 'get', dealId: '={{ $json.dealId }}' },
					false,
				),
				ifNode('Not Provisioned Yet?', at(3), [
					{
						left: "={{ $json.properties.replicated_customer_id ? $json.properties.replicated_customer_id.value : '' }}",
						operator: isEmpty,
					},
				]),
			],
			links: [
				['HubSpot Trigger', 'Moved to Closed Won?'],
				['Moved to Closed Won?', 'Get Deal', 0],
				['Get Deal', 'Not Provisioned Yet?'],
			],
			exits: ['Not Provisioned Yet?'],
			next: [4, -0.4],
		}),
		account: (position) =>
			hubspot(
				'Get Company',
				position,
				{
					resource: 'company',
					operation: 'get',
					companyId: '={{ $json.associations.associatedCompanyIds[0] }}',
				},
				false,
			),
		customer: {
			name: '={{ $json.properties.name.value }}',
			customId: '={{ String($json.companyId) }}',
		},
		expiresAt: `={{ ${DEAL}.properties.license_end_date ? ${DEAL}.properties.license_end_date.value : $now.plus({ years: 1 }).toISODate() }}`,
		writeBack: (position) =>
			hubspot('Write Back to Deal', position, {
				resource: 'deal',
				operation: 'update',
				dealId: `={{ ${DEAL}.dealId }}`,
				updateFields: customProperties([
					['replicated_customer_id', '={{ $json.customerId }}'],
					['replicated_license_state', LICENSE_STATE],
				]),
			}),
	},
	revenueDates: {
		summary:
			'Enterprise Portal invite, first paid access, first paid download, instance ready → revenue-recognition dates on the won Deal, each set once',
		prerequisites: [
			'Deal properties `provisioned_at`, `first_access_at`, `first_download_at`, `confirmed_running_at` (date picker or single-line text) and `revenue_dates_note` (multi-line text)',
		],
		workflowName: 'Replicated → HubSpot: lifecycle milestones to revenue dates',
		about: [
			'## Milestones → revenue-recognition dates',
			"Each lifecycle milestone of a paid customer fetches its milestones with **Milestone → Get** and writes the dates to the Company's **Closed Won** Deal. A date already set is never changed.",
			'',
			'### Configure',
			'1. Deal properties `provisioned_at`, `first_access_at`, `first_download_at`, `confirmed_running_at`, and `revenue_dates_note` (multi-line text): why a paid date stays empty (Replicated records first access and download per license type only since 2026-03-27).',
			"2. The customer's Custom ID must be its HubSpot Company ID (see the *new customer → Company* template).",
		],
		fields: REVENUE_DATES,
		noteField: REVENUE_NOTE,
		findWonDeal: (position) =>
			hubspot(
				'Find Won Deal',
				position,
				{
					resource: 'deal',
					operation: 'search',
					returnAll: false,
					limit: 1,
					filterGroupsUi: {
						filterGroupsValues: [
							{
								filtersUi: {
									filterValues: [
										{ propertyName: 'dealstage', operator: 'EQ', value: 'closedwon' },
										{
											propertyName: 'associations.company',
											operator: 'EQ',
											value: '={{ $json.customId }}',
										},
									],
								},
							},
						],
					},
					additionalFields: { properties: [...Object.values(REVENUE_DATES), REVENUE_NOTE] },
				},
				false,
			),
		fieldsOnDeal: 'the properties on the Deal',
		readDeal: codeFile('hubspot-read-deal'),
		// Only the dates not yet set are written, a different set each time: one REST call takes it.
		setDates: (position) =>
			httpRequest(
				'Set Revenue Dates',
				position,
				{
					method: 'PATCH',
					url: '=https://api.hubapi.com/crm/v3/objects/deals/{{ $json.dealId }}',
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'hubspotAppToken',
					jsonBody: '={{ JSON.stringify({ properties: $json.dates }) }}',
				},
				HUBSPOT,
			),
	},
	onboardingTask: {
		summary: "Instance ready → onboarding task for the Company's owner, with the install details",
		prerequisites: [],
		workflowName: 'Replicated → HubSpot: instance ready to onboarding task',
		about: [
			'## Instance ready → onboarding task',
			"When a customer's instance reports ready (software confirmed running: first value), the Company owner gets a **task** due in two days with the install details.",
			'',
			'### Configure',
			'1. Credentials: **Replicated account** and **HubSpot service key**.',
			'2. Customers are matched by their **Custom ID** (the HubSpot Company ID).',
		],
	},
	fulfillment: hubspotFulfillment,
	health: hubspotHealth,
};

import { at, code, equals, ifNode, isEmpty, stableUuid } from '../kit';
import {
	CONTACT_EMAIL,
	contactEmailKnown,
	type CrmAdapter,
	ENGAGEMENT_DETAILS,
	REVENUE_DATES,
	REVENUE_NOTE,
	recordNames,
	TRIGGER,
} from './adapter';
import { attioFulfillment } from './attio-fulfillment';
import { attioHealth, DEAL_OWNER } from './attio-health';
import { attio } from './attio-nodes';
import { PRODUCT_PROPERTIES } from './product-properties';
import { codeFile } from '../code/inline';

const T = TRIGGER;

/**
 * Attio's webhook delivery, checked before anything is read (Attio's webhook docs, in
 * /work/shared/crm/API-NOTES.md §3.7): `Attio-Signature` (and `X-Attio-Signature`) is the hex
 * HMAC-SHA256 of the raw body keyed with the webhook's secret, which Verify Attio Signature computes.
 * No secret refuses every delivery (an HMAC with an empty key is one anybody can make). The compare
 * takes the same time wherever the first difference is: the Code node may not load `crypto` (n8n
 * allows no built-in module unless NODE_FUNCTION_ALLOW_BUILTIN says so), so it XORs every byte of
 * two equal-length buffers, as `crypto.timingSafeEqual` does. Attio signs no timestamp, so there is
 * no replay window; each delivery's `Idempotency-Key` (the same across Attio's retries) is kept 4
 * days (Attio retries for about 3) and a repeat is dropped. The key is not signed: a replay with a
 * new key gets through, and then only re-reads the Deal (provisioning needs it Won and not yet
 * provisioned, read from Attio, not from the delivery).
 */
const CHECK_DELIVERY = codeFile('attio-check-delivery');

const DEAL = "$('Get Deal').item.json.data";
const COMPANY_ID = "$('Assert Company').item.json.data.id.record_id";

/** Attio: a Person, asserted by email (one PUT creates or updates it). */
export const attioCrm: CrmAdapter = {
	crm: 'attio',
	tag: 'Attio',
	products: PRODUCT_PROPERTIES,
	...recordNames('a Company'),
	leadFromSignup: {
		summary:
			'Self-serve trial signup → Person asserted by email (created or updated), signup fields mapped, lead source "Self-serve trial"',
		prerequisites: ['People attributes `company_size`, `use_case`, `lead_source` (Text)'],
		workflowName: 'Replicated → Attio: trial signup to person',
		about: [
			'## Trial signup → Attio person',
			"`customer.pending_signup` asserts the **Person** by email (creates it, or updates the one with that email) with the signup form's fields.",
			'',
			'### Configure',
			'1. Credentials: **Replicated account** and an **Attio API token** (Bearer Auth; scopes `record_permission:read-write`, `object_configuration:read`).',
			'2. People attributes `company_size`, `use_case` and `lead_source` (Text).',
		],
		write: (column) => ({
			entry: 'Assert Person',
			nodes: [
				attio(
					'Assert Person',
					at(column),
					'PUT',
					'/objects/people/records',
					"={{ JSON.stringify({ data: { values: { email_addresses: [$json.email], name: [{ first_name: $json.firstName, last_name: $json.lastName, full_name: [$json.firstName, $json.lastName].filter(Boolean).join(' ') }], job_title: $json.title, description: $json.description, company_size: $json.companySize, use_case: $json.useCase, lead_source: 'Self-serve trial' } } }) }}",
					{ matching_attribute: 'email_addresses' },
				),
			],
			links: [],
		}),
	},
	accountFromNewCustomer: {
		slug: 'join-to-company-and-deal',
		summary:
			'New customer (or its first Enterprise Portal user) → Company asserted by Replicated customer ID + Deal, the person linked; the Company record ID stamped back as Custom ID',
		prerequisites: [
			'Company attributes `replicated_customer_id` (Text, unique), `replicated_license_type`, `replicated_channel`, `replicated_license_expires` (Text)',
			'the Deals object enabled',
		],
		workflowName: 'Replicated → Attio: new customer to company and deal',
		about: [
			'## New customer → Company, Person and Deal',
			"On `customer.created` (and on `customer.ep_user_joined` for the first Enterprise Portal user) a customer without a Custom ID is asserted as an Attio **Company** by its Replicated customer ID (so a retry never duplicates it), with license type, channel and expiry; a **Deal** in stage *Lead* is created for it and the contact person asserted and linked. The Company record ID goes back to Replicated as the customer's **Custom ID**.",
			'',
			'### Configure',
			'1. **Config**: the email of the workspace member who owns new deals (Attio requires a deal owner).',
			'2. Company attributes `replicated_customer_id` (Text, **unique**), `replicated_license_type`, `replicated_channel`, `replicated_license_expires` (Text); the Deals object enabled.',
			'',
			'Customers created from Attio (deal-won template) already have a Custom ID and are skipped: no loop.',
		],
		setup: DEAL_OWNER,
		write: (column, row) => ({
			entry: 'Assert Company',
			nodes: [
				attio(
					'Assert Company',
					at(column, row),
					'PUT',
					'/objects/companies/records',
					`={{ JSON.stringify({ data: { values: { name: ${T}.customer.name, replicated_customer_id: ${T}.customer.id, replicated_license_type: ${T}.customer.licenseType || '', replicated_channel: ${T}.customer.channel || '', replicated_license_expires: (${T}.customer.expiresAt || '').slice(0, 10) } } }) }}`,
					{ matching_attribute: 'replicated_customer_id' },
				),
				attio(
					'Create Deal',
					at(column + 1, row),
					'POST',
					'/objects/deals/records',
					`={{ JSON.stringify({ data: { values: { name: ${T}.customer.name + ' (Replicated)', stage: 'Lead', owner: $('Config').first().json.dealOwnerEmail, associated_company: { target_object: 'companies', target_record_id: $json.data.id.record_id } } } }) }}`,
				),
			],
			links: [['Assert Company', 'Create Deal']],
			exits: ['Create Deal'],
			next: [column + 2, row],
			accountId: `={{ ${COMPANY_ID} }}`,
		}),
		afterStamp: (column, row) => ({
			entry: 'Contact Email Known?',
			nodes: [
				contactEmailKnown(at(column, row)),
				attio(
					'Assert Person',
					at(column + 1, row - 0.4),
					'PUT',
					'/objects/people/records',
					`={{ JSON.stringify({ data: { values: { email_addresses: [${CONTACT_EMAIL}], company: { target_object: 'companies', target_record_id: ${COMPANY_ID} } } } }) }}`,
					{ matching_attribute: 'email_addresses' },
				),
			],
			links: [['Contact Email Known?', 'Assert Person', 0]],
		}),
	},
	activityFromEngagement: {
		summary:
			'Downloads, new instances, completed upgrades and Enterprise Portal access → a note on the Company (found by Custom ID)',
		prerequisites: [],
		workflowName: 'Replicated → Attio: engagement to company note',
		about: [
			'## Engagement → note on the company',
			"Each download, new instance, completed upgrade and Enterprise Portal access becomes a **note** on the customer's Company.",
			'',
			'### Configure',
			'1. Credentials: **Replicated account** and **Attio API token** (scope `note:read-write`).',
			'2. Customers are matched by their **Custom ID** (the Attio Company record ID, set by the *new customer → Company* template). Customers without one are skipped.',
		],
		write: (column, row) => ({
			entry: 'Log Note',
			nodes: [
				attio(
					'Log Note',
					at(column, row),
					'POST',
					'/notes',
					`={{ JSON.stringify({ data: { parent_object: 'companies', parent_record_id: $json.customId, title: 'Replicated: ' + $json.event, format: 'plaintext', content: ${ENGAGEMENT_DETAILS}, created_at: $json.occurredAt } }) }}`,
				),
			],
			links: [],
		}),
	},
	licenseFromWonDeal: {
		summary:
			'Deal moved to Won (Attio webhook, signature verified) → Replicated customer created (idempotent by Custom ID = Company record ID) or trial converted to paid → customer ID and license state written back to the Deal',
		prerequisites: [
			'Deal attributes `replicated_customer_id`, `replicated_license_state` (Text), `license_end_date` (Date, optional)',
			'an Attio webhook for `record.updated` on Deals pointing at this workflow',
		],
		userSets: [
			{ node: 'Verify Attio Signature', parameter: 'secret', what: "the webhook's signing secret" },
			{ node: 'Create or Find Customer', parameter: 'appId', what: 'your Replicated app' },
		],
		workflowName: 'Attio → Replicated: deal won to customer and paid license',
		about: [
			'## Deal won → Replicated license',
			"Attio calls this workflow when a Deal changes. Deliveries are checked first (**Verify Attio Signature** computes the HMAC-SHA256 of the raw body with the webhook's secret; **Check Delivery** compares it with `Attio-Signature` in constant time): an unsigned or wrongly signed delivery stops the run, and so does every delivery while the secret is empty. Attio signs no timestamp, so a repeated delivery is recognised by its `Idempotency-Key` (kept 4 days) and dropped. A Deal now in stage **Won 🎉** gets a paid Replicated license for its Company: **Customer → Create** with the Company record ID as Custom ID (finds it when it exists), and a trial is converted with **License → Convert**. The customer ID and license state are written back to the Deal.",
			'',
			'### Configure',
			"1. Create the webhook in Attio (`POST /v2/webhooks`, event `record.updated` filtered on the Deals object) with this workflow's production URL, and put the returned secret in **Verify Attio Signature**.",
			'2. **Create or Find Customer**: pick your Replicated app.',
			'3. Deal attributes `replicated_customer_id`, `replicated_license_state` (Text), optionally `license_end_date` (Date).',
			'',
			'**No loop**: the write-back is itself a `record.updated` event, but a Deal that already has `replicated_customer_id` is skipped.',
			'',
			'### Test it',
			"Move a test Deal to Won, or replay a delivery from Attio's webhook log.",
		],
		// Attio signs each webhook delivery: n8n's Webhook node, then the HMAC checked before anything.
		won: () => ({
			entry: 'Attio Webhook',
			nodes: [
				{
					name: 'Attio Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: at(0),
					webhookId: stableUuid('attio/deal-won-to-license/webhook'),
					parameters: {
						httpMethod: 'POST',
						path: 'attio-deal-updated',
						options: { rawBody: true },
					},
				},
				{
					name: 'Verify Attio Signature',
					type: 'n8n-nodes-base.crypto',
					typeVersion: 1,
					position: at(1),
					parameters: {
						action: 'hmac',
						type: 'SHA256',
						binaryData: true,
						binaryPropertyName: 'data',
						secret: '',
						encoding: 'hex',
						dataPropertyName: 'expectedSignature',
					},
				},
				code('Check Delivery', at(2), CHECK_DELIVERY, 'runOnceForAllItems'),
				attio(
					'Get Deal',
					at(3),
					'GET',
					'=/objects/deals/records/{{ $json.body.events[0].id.record_id }}',
				),
				ifNode('Won and Not Provisioned?', at(4), [
					{
						left: "={{ ($json.data.values.stage || [])[0] ? $json.data.values.stage[0].status.title : '' }}",
						operator: equals,
						right: 'Won 🎉',
					},
					{
						left: "={{ ($json.data.values.replicated_customer_id || [])[0] ? $json.data.values.replicated_customer_id[0].value : '' }}",
						operator: isEmpty,
					},
				]),
			],
			links: [
				['Attio Webhook', 'Verify Attio Signature'],
				['Verify Attio Signature', 'Check Delivery'],
				['Check Delivery', 'Get Deal'],
				['Get Deal', 'Won and Not Provisioned?'],
			],
			exits: ['Won and Not Provisioned?'],
			next: [5, -0.6],
		}),
		account: (position) =>
			attio(
				'Get Company',
				position,
				'GET',
				'=/objects/companies/records/{{ $json.data.values.associated_company[0].target_record_id }}',
			),
		customer: {
			name: '={{ $json.data.values.name[0].value }}',
			customId: '={{ $json.data.id.record_id }}',
		},
		expiresAt: `={{ (${DEAL}.values.license_end_date || [])[0] ? ${DEAL}.values.license_end_date[0].value : $now.plus({ years: 1 }).toISODate() }}`,
		writeBack: (position) =>
			attio(
				'Write Back to Deal',
				position,
				'PATCH',
				`=/objects/deals/records/{{ ${DEAL}.id.record_id }}`,
				"={{ JSON.stringify({ data: { values: { replicated_customer_id: $json.customerId, replicated_license_state: $json.licenseType + ' until ' + ($json.expiresAt ? $json.expiresAt.slice(0, 10) : 'no expiry') } } }) }}",
			),
	},
	revenueDates: {
		summary:
			'Enterprise Portal invite, first paid access, first paid download, instance ready → revenue-recognition dates on the won Deal, each set once',
		prerequisites: [
			'Deal attributes `provisioned_at`, `first_access_at`, `first_download_at`, `confirmed_running_at` (Timestamp) and `revenue_dates_note` (Text)',
		],
		workflowName: 'Replicated → Attio: lifecycle milestones to revenue dates',
		about: [
			'## Milestones → revenue-recognition dates',
			"Each lifecycle milestone of a paid customer fetches its milestones with **Milestone → Get** and writes the dates to the Company's Deal in stage **Won 🎉**. A date already set is never changed.",
			'',
			'### Configure',
			'1. Deal attributes `provisioned_at`, `first_access_at`, `first_download_at`, `confirmed_running_at` (Timestamp), and `revenue_dates_note` (Text): why a paid date stays empty (Replicated records first access and download per license type only since 2026-03-27).',
			"2. The customer's Custom ID must be its Attio Company record ID.",
		],
		fields: REVENUE_DATES,
		noteField: REVENUE_NOTE,
		findWonDeal: (position) =>
			attio(
				'Find Won Deal',
				position,
				'POST',
				'/objects/deals/records/query',
				"={{ JSON.stringify({ filter: { stage: 'Won 🎉', associated_company: { target_object: 'companies', target_record_id: $json.customId } }, limit: 1 }) }}",
			),
		fieldsOnDeal: 'the attributes on the Deal',
		// The query answers a list, empty when the company has no won deal.
		readDeal: codeFile('attio-read-deal'),
		setDates: (position) =>
			attio(
				'Set Revenue Dates',
				position,
				'PATCH',
				'=/objects/deals/records/{{ $json.dealId }}',
				'={{ JSON.stringify({ data: { values: $json.dates } }) }}',
			),
	},
	onboardingTask: {
		summary:
			"Instance ready → onboarding task on the Company for its owner (the Company's `account_owner`), with the install details",
		prerequisites: ['Company attribute `account_owner` (Workspace member)'],
		workflowName: 'Replicated → Attio: instance ready to onboarding task',
		about: [
			'## Instance ready → onboarding task',
			"When a customer's instance reports ready (software confirmed running: first value), a **task** due in two days is linked to its Company with the install details, assigned to the Company's owner.",
			'',
			'### Configure',
			'1. Credentials: **Replicated account** and **Attio API token** (scope `task:read-write`).',
			'2. Customers are matched by their **Custom ID** (the Attio Company record ID).',
			"3. The owner is the Company's `account_owner` attribute (Workspace member): create it if your workspace has none; a Company without one gets an unassigned task.",
		],
	},
	fulfillment: attioFulfillment,
	health: attioHealth,
};

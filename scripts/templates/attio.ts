import {
	at,
	paidLicense,
	code,
	equals,
	ERROR_HANDLING,
	ifNode,
	isEmpty,
	isNotEmpty,
	isTrue,
	noOp,
	numberGt,
	replicated,
	replicatedTrigger,
	setFields,
	stableUuid,
	sticky,
	stopAndError,
	type Template,
	tryItWith,
	workflow,
} from './kit';
import { attio, attioCrm } from './crm/attio';
import { instanceReadyOnboarding } from './flows/instance-ready-onboarding';
import { signupToLead } from './flows/signup-to-lead';
import { linked as linkedTo, notLinked as notLinkedTo } from './crm/adapter';

const T = "$('Replicated Trigger').item.json";

const linked = (position: [number, number]) => linkedTo(attioCrm, position);
const notLinked = (position: [number, number]) => notLinkedTo(attioCrm, position);

const joinToCompany: Template = {
	crm: 'attio',
	slug: 'join-to-company-and-deal',
	summary:
		'New customer (or its first Enterprise Portal user) → Company asserted by Replicated customer ID + Deal, the person linked; the Company record ID stamped back as Custom ID',
	prerequisites: [
		'Company attributes `replicated_customer_id` (Text, unique), `replicated_license_type`, `replicated_channel`, `replicated_license_expires` (Text)',
		'the Deals object enabled',
	],
	userSets: [
		{
			node: 'Config',
			parameter: 'dealOwnerEmail',
			what: 'the workspace member who owns new deals',
		},
	],
	workflow: workflow(
		'Replicated → Attio: new customer to company and deal',
		[
			sticky(
				'About',
				[
					'## New customer → Company, Person and Deal',
					"On `customer.created` (and on `customer.ep_user_joined` for the first Enterprise Portal user) a customer without a Custom ID is asserted as an Attio **Company** by its Replicated customer ID (so a retry never duplicates it), with license type, channel and expiry; a **Deal** in stage *Lead* is created for it and the contact person asserted and linked. The Company record ID goes back to Replicated as the customer's **Custom ID**.",
					'',
					'### Configure',
					'1. **Config**: the email of the workspace member who owns new deals (Attio requires a deal owner).',
					'2. Company attributes `replicated_customer_id` (Text, **unique**), `replicated_license_type`, `replicated_channel`, `replicated_license_expires` (Text); the Deals object enabled.',
					'',
					'Customers created from Attio (deal-won template) already have a Custom ID and are skipped: no loop.',
					'',
					tryItWith(['customer.created']),
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.6),
				{ height: 640, width: 460 },
			),
			replicatedTrigger(
				'attio/join-to-company-and-deal',
				['customer.created', 'customer.ep_user_joined'],
				at(0),
			),
			setFields('Config', at(1), [['dealOwnerEmail', 'owner@example.com', 'string']]),
			ifNode(
				'New to Attio?',
				at(2),
				[
					{ left: `={{ ${T}.customId }}`, operator: isEmpty },
					{
						left: `={{ ${T}.event === 'customer.created' || ${T}.data.is_first_user === true }}`,
						operator: isTrue,
					},
				],
				'and',
			),
			noOp('Already in Attio', at(3, 0.8)),
			attio(
				'Assert Company',
				at(3, -0.4),
				'PUT',
				'/objects/companies/records',
				`={{ JSON.stringify({ data: { values: { name: ${T}.customer.name, replicated_customer_id: ${T}.customer.id, replicated_license_type: ${T}.customer.licenseType || '', replicated_channel: ${T}.customer.channel || '', replicated_license_expires: (${T}.customer.expiresAt || '').slice(0, 10) } } }) }}`,
				{ matching_attribute: 'replicated_customer_id' },
			),
			attio(
				'Create Deal',
				at(4, -0.4),
				'POST',
				'/objects/deals/records',
				`={{ JSON.stringify({ data: { values: { name: ${T}.customer.name + ' (Replicated)', stage: 'Lead', owner: $('Config').first().json.dealOwnerEmail, associated_company: { target_object: 'companies', target_record_id: $json.data.id.record_id } } } }) }}`,
			),
			replicated('Stamp Custom ID', at(5, -0.4), {
				resource: 'customer',
				operation: 'update',
				customer: { __rl: true, mode: 'id', value: `={{ ${T}.customer.id }}` },
				updateFields: { customId: "={{ $('Assert Company').item.json.data.id.record_id }}" },
			}),
			ifNode('Contact Email Known?', at(6, -0.4), [
				{
					left: `={{ ${T}.customer.email || ${T}.data.joined_email || '' }}`,
					operator: isNotEmpty,
				},
			]),
			attio(
				'Assert Person',
				at(7, -0.8),
				'PUT',
				'/objects/people/records',
				`={{ JSON.stringify({ data: { values: { email_addresses: [${T}.customer.email || ${T}.data.joined_email], company: { target_object: 'companies', target_record_id: $('Assert Company').item.json.data.id.record_id } } } }) }}`,
				{ matching_attribute: 'email_addresses' },
			),
		],
		[
			['Replicated Trigger', 'Config'],
			['Config', 'New to Attio?'],
			['New to Attio?', 'Assert Company', 0],
			['New to Attio?', 'Already in Attio', 1],
			['Assert Company', 'Create Deal'],
			['Create Deal', 'Stamp Custom ID'],
			['Stamp Custom ID', 'Contact Email Known?'],
			['Contact Email Known?', 'Assert Person', 0],
		],
		['Attio'],
	),
};

const engagementToNote: Template = {
	crm: 'attio',
	slug: 'engagement-to-activity',
	summary:
		'Downloads, new instances, completed upgrades and Enterprise Portal access → a note on the Company (found by Custom ID)',
	prerequisites: [],
	workflow: workflow(
		'Replicated → Attio: engagement to company note',
		[
			sticky(
				'About',
				[
					'## Engagement → note on the company',
					"Each download, new instance, completed upgrade and Enterprise Portal access becomes a **note** on the customer's Company.",
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **Attio API token** (scope `note:read-write`).',
					'2. Customers are matched by their **Custom ID** (the Attio Company record ID, set by the *new customer → Company* template). Customers without one are skipped.',
					'',
					tryItWith(['instance.upgrade_completed']),
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.4),
				{ height: 520 },
			),
			replicatedTrigger(
				'attio/engagement-to-activity',
				[
					'release.asset_downloaded',
					'instance.created',
					'instance.upgrade_completed',
					'customer.ep_access_granted',
				],
				at(0),
			),
			linked(at(1)),
			notLinked(at(2, 0.8)),
			attio(
				'Log Note',
				at(2, -0.4),
				'POST',
				'/notes',
				"={{ JSON.stringify({ data: { parent_object: 'companies', parent_record_id: $json.customId, title: 'Replicated: ' + $json.event, format: 'plaintext', content: [$json.text, 'App: ' + ($json.app.name || ''), $json.instance ? 'Instance ' + $json.instance.id + ' on ' + ($json.instance.appVersion || 'an unknown version') : ''].filter(Boolean).join('\\n'), created_at: $json.occurredAt } }) }}",
			),
		],
		[
			['Replicated Trigger', 'Linked to a Company?'],
			['Linked to a Company?', 'Log Note', 0],
			['Linked to a Company?', 'Not Linked to a Company Yet', 1],
		],
		['Attio'],
	),
};

const DEAL = "$('Get Deal').item.json.data";
const LICENSE_END = `={{ (${DEAL}.values.license_end_date || [])[0] ? ${DEAL}.values.license_end_date[0].value : $now.plus({ years: 1 }).toISODate() }}`;

const provision = paidLicense(
	6,
	-0.6,
	{ name: '={{ $json.data.values.name[0].value }}', customId: '={{ $json.data.id.record_id }}' },
	LICENSE_END,
	'Write Back to Deal',
);

const dealWonToLicense: Template = {
	crm: 'attio',
	slug: 'deal-won-to-license',
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
	workflow: workflow(
		'Attio → Replicated: deal won to customer and paid license',
		[
			sticky(
				'About',
				[
					'## Deal won → Replicated license',
					"Attio calls this workflow when a Deal changes. Deliveries are verified first (**Verify Attio Signature**: HMAC-SHA256 of the raw body with the webhook's secret, compared with `Attio-Signature`; a mismatch stops the run). A Deal now in stage **Won 🎉** gets a paid Replicated license for its Company: **Customer → Create** with the Company record ID as Custom ID (finds it when it exists), and a trial is converted with **License → Convert**. The customer ID and license state are written back to the Deal.",
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
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.8),
				{ height: 760, width: 480 },
			),
			{
				name: 'Attio Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: at(0),
				webhookId: stableUuid('attio/deal-won-to-license/webhook'),
				parameters: { httpMethod: 'POST', path: 'attio-deal-updated', options: { rawBody: true } },
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
			ifNode('Signature Valid?', at(2), [
				{
					left: "={{ $json.headers['attio-signature'] }}",
					operator: equals,
					right: '={{ $json.expectedSignature }}',
				},
			]),
			stopAndError(
				'Refuse Unsigned Delivery',
				at(3, 0.8),
				'The delivery is not signed with the Attio webhook secret: ignored.',
			),
			attio(
				'Get Deal',
				at(3, -0.4),
				'GET',
				'=/objects/deals/records/{{ $json.body.events[0].id.record_id }}',
			),
			ifNode('Won and Not Provisioned?', at(4, -0.4), [
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
			noOp('Nothing to Do', at(5, 0.6)),
			attio(
				'Get Company',
				at(5, -0.6),
				'GET',
				'=/objects/companies/records/{{ $json.data.values.associated_company[0].target_record_id }}',
			),
			...provision.nodes,
			attio(
				'Write Back to Deal',
				at(10, -0.6),
				'PATCH',
				`=/objects/deals/records/{{ ${DEAL}.id.record_id }}`,
				"={{ JSON.stringify({ data: { values: { replicated_customer_id: $json.customerId, replicated_license_state: $json.licenseType + ' until ' + ($json.expiresAt ? $json.expiresAt.slice(0, 10) : 'no expiry') } } }) }}",
			),
		],
		[
			['Attio Webhook', 'Verify Attio Signature'],
			['Verify Attio Signature', 'Signature Valid?'],
			['Signature Valid?', 'Get Deal', 0],
			['Signature Valid?', 'Refuse Unsigned Delivery', 1],
			['Get Deal', 'Won and Not Provisioned?'],
			['Won and Not Provisioned?', 'Get Company', 0],
			['Won and Not Provisioned?', 'Nothing to Do', 1],
			['Get Company', 'Create or Find Customer'],
			...provision.links,
		],
		['Attio'],
	),
};

const REVENUE = [
	['provisioned_at', 'invitedAt'],
	['first_access_at', 'accessGrantedAtByLicenseType.paid'],
	['first_download_at', 'firstDownloadAtByLicenseType.paid'],
	['confirmed_running_at', 'confirmedRunningAt'],
] as const;

const milestonesToRevenue: Template = {
	crm: 'attio',
	slug: 'milestones-to-revenue',
	summary:
		'Enterprise Portal invite, first paid access, first paid download, instance ready → revenue-recognition dates on the won Deal, each set once',
	prerequisites: [
		'Deal attributes `provisioned_at`, `first_access_at`, `first_download_at`, `confirmed_running_at` (Timestamp)',
	],
	workflow: workflow(
		'Replicated → Attio: lifecycle milestones to revenue dates',
		[
			sticky(
				'About',
				[
					'## Milestones → revenue-recognition dates',
					"Each lifecycle milestone of a paid customer fetches its milestones with **Milestone → Get** and writes the dates to the Company's Deal in stage **Won 🎉**. A date already set is never changed.",
					'',
					'### Configure',
					'1. Deal attributes `provisioned_at`, `first_access_at`, `first_download_at`, `confirmed_running_at` (Timestamp).',
					"2. The customer's Custom ID must be its Attio Company record ID.",
					'',
					tryItWith(['customer.ep_access_granted', 'instance.ready']),
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.6),
				{ height: 560, width: 440 },
			),
			replicatedTrigger(
				'attio/milestones-to-revenue',
				[
					'customer.ep_invite_sent',
					'customer.ep_access_granted',
					'release.asset_downloaded',
					'instance.ready',
				],
				at(0),
				{ filters: { licenseTypes: ['paid'] } },
			),
			linked(at(1)),
			notLinked(at(2, 0.8)),
			replicated('Get Milestones', at(2, -0.4), {
				resource: 'milestone',
				operation: 'get',
				customer: { __rl: true, mode: 'id', value: `={{ ${T}.customer.id }}` },
				policy: 'firstAccess',
				recognitionLicenseType: 'paid',
				options: { confirmedRunning: true },
			}),
			attio(
				'Find Won Deal',
				at(3, -0.4),
				'POST',
				'/objects/deals/records/query',
				"={{ JSON.stringify({ filter: { stage: 'Won 🎉', associated_company: { target_object: 'companies', target_record_id: $json.customId } }, limit: 1 }) }}",
			),
			code(
				'Dates Not Yet Set',
				at(4, -0.4),
				[
					'// Recognition dates are set once: only attributes still empty on the Deal are written.',
					"const m = $('Get Milestones').item.json;",
					'const deal = ($json.data ?? [])[0];',
					'if (!deal) return { count: 0 };',
					'const candidates = {',
					...REVENUE.map(([a, path]) => `  ${a}: m.${path} ?? null,`),
					'};',
					'const isSet = (name) => (deal.values[name] ?? []).length > 0;',
					'const values = Object.fromEntries(Object.entries(candidates).filter(([name, at]) => at && !isSet(name)));',
					'return { recordId: deal.id.record_id, values, count: Object.keys(values).length };',
				].join('\n'),
			),
			ifNode('Anything New?', at(5, -0.4), [
				{ left: '={{ $json.count }}', operator: numberGt, right: 0 },
			]),
			attio(
				'Set Revenue Dates',
				at(6, -0.8),
				'PATCH',
				'=/objects/deals/records/{{ $json.recordId }}',
				'={{ JSON.stringify({ data: { values: $json.values } }) }}',
			),
		],
		[
			['Replicated Trigger', 'Linked to a Company?'],
			['Linked to a Company?', 'Get Milestones', 0],
			['Linked to a Company?', 'Not Linked to a Company Yet', 1],
			['Get Milestones', 'Find Won Deal'],
			['Find Won Deal', 'Dates Not Yet Set'],
			['Dates Not Yet Set', 'Anything New?'],
			['Anything New?', 'Set Revenue Dates', 0],
		],
		['Attio'],
	),
};

export const ATTIO_TEMPLATES: Template[] = [
	signupToLead(attioCrm),
	joinToCompany,
	engagementToNote,
	dealWonToLicense,
	milestonesToRevenue,
	instanceReadyOnboarding(attioCrm),
];

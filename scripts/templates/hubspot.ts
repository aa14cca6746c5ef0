import {
	at,
	paidLicense,
	credential,
	equals,
	ERROR_HANDLING,
	httpRequest,
	ifNode,
	isEmpty,
	isNotEmpty,
	isTrue,
	noOp,
	numberGt,
	code,
	replicated,
	replicatedTrigger,
	sticky,
	type Template,
	tryItWith,
	workflow,
} from './kit';
import { customProperties, HUBSPOT, hubspot, hubspotCrm } from './crm/hubspot';
import { instanceReadyOnboarding } from './flows/instance-ready-onboarding';
import { signupToLead } from './flows/signup-to-lead';
import { linked as linkedTo, notLinked as notLinkedTo } from './crm/adapter';

const TRIGGER = "$('Replicated Trigger').item.json";
const T = TRIGGER;

const linked = (position: [number, number]) => linkedTo(hubspotCrm, position);
const notLinked = (position: [number, number]) => notLinkedTo(hubspotCrm, position);

const joinToCompany: Template = {
	crm: 'hubspot',
	slug: 'join-to-company-and-deal',
	summary:
		'New customer (or its first Enterprise Portal user) → Company with the Replicated fields + Deal, the contact associated; the Company ID stamped back on the customer as Custom ID',
	prerequisites: [
		'Company properties `replicated_customer_id`, `replicated_license_type`, `replicated_channel`, `replicated_license_expires` (single-line text)',
	],
	workflow: workflow(
		'Replicated → HubSpot: new customer to company and deal',
		[
			sticky(
				'About',
				[
					'## New customer → Company, Contact and Deal',
					"On `customer.created` (and on `customer.ep_user_joined` for the first Enterprise Portal user) a customer without a Custom ID becomes a HubSpot **Company** carrying its Replicated customer ID, license type, channel and expiry, with a **Deal** in the default pipeline; its contact email (when known) is upserted and associated. The Company ID goes back to Replicated as the customer's **Custom ID**, the join key the other templates use.",
					'',
					'### Configure',
					'1. Company properties `replicated_customer_id`, `replicated_license_type`, `replicated_channel`, `replicated_license_expires` (single-line text).',
					'2. Change the deal stage or pipeline in **Create Deal** if you do not use the default pipeline.',
					'',
					'Customers created from HubSpot (deal-won template) already have a Custom ID and are skipped: no loop.',
					'',
					tryItWith(['customer.created']),
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.6),
				{ height: 640, width: 460 },
			),
			replicatedTrigger(
				'hubspot/join-to-company-and-deal',
				['customer.created', 'customer.ep_user_joined'],
				at(0),
			),
			ifNode(
				'New to HubSpot?',
				at(1),
				[
					{ left: `={{ ${T}.customId }}`, operator: isEmpty },
					{
						left: `={{ ${T}.event === 'customer.created' || ${T}.data.is_first_user === true }}`,
						operator: isTrue,
					},
				],
				'and',
			),
			noOp('Already in HubSpot', at(2, 0.8)),
			hubspot('Create Company', at(2, -0.4), {
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
			hubspot('Create Deal', at(3, -0.4), {
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
			replicated('Stamp Custom ID', at(4, -0.4), {
				resource: 'customer',
				operation: 'update',
				customer: { __rl: true, mode: 'id', value: `={{ ${T}.customer.id }}` },
				updateFields: { customId: "={{ String($('Create Company').item.json.companyId) }}" },
			}),
			ifNode('Contact Email Known?', at(5, -0.4), [
				{
					left: `={{ ${T}.customer.email || ${T}.data.joined_email || '' }}`,
					operator: isNotEmpty,
				},
			]),
			hubspot('Upsert Contact', at(6, -0.8), {
				resource: 'contact',
				operation: 'upsert',
				email: `={{ ${T}.customer.email || ${T}.data.joined_email }}`,
				additionalFields: {
					associatedCompanyId: "={{ $('Create Company').item.json.companyId }}",
					lifeCycleStage: 'opportunity',
				},
				options: { resolveData: true },
			}),
		],
		[
			['Replicated Trigger', 'New to HubSpot?'],
			['New to HubSpot?', 'Create Company', 0],
			['New to HubSpot?', 'Already in HubSpot', 1],
			['Create Company', 'Create Deal'],
			['Create Deal', 'Stamp Custom ID'],
			['Stamp Custom ID', 'Contact Email Known?'],
			['Contact Email Known?', 'Upsert Contact', 0],
		],
		['HubSpot'],
	),
};

const engagementToActivity: Template = {
	crm: 'hubspot',
	slug: 'engagement-to-activity',
	summary:
		'Downloads, new instances, completed upgrades and Enterprise Portal access → a completed task on the Company timeline (found by Custom ID)',
	prerequisites: [],
	workflow: workflow(
		'Replicated → HubSpot: engagement to company activity',
		[
			sticky(
				'About',
				[
					'## Engagement → company timeline',
					"Each download, new instance, completed upgrade and Enterprise Portal access becomes a completed **task** on the customer's Company, so owners see adoption on the timeline.",
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **HubSpot service key**.',
					'2. Customers are matched by their **Custom ID** (the HubSpot Company ID, set by the *new customer → Company* template). Customers without one are skipped.',
					'',
					tryItWith(['instance.upgrade_completed']),
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.4),
				{ height: 540 },
			),
			replicatedTrigger(
				'hubspot/engagement-to-activity',
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
			hubspot('Log Activity', at(2, -0.4), {
				resource: 'engagement',
				operation: 'create',
				type: 'task',
				dueDate: '={{ $json.occurredAt }}',
				metadata: {
					subject: '=Replicated: {{ $json.event }}',
					body: "={{ [$json.text, 'App: ' + ($json.app.name || ''), $json.instance ? 'Instance ' + $json.instance.id + ' on ' + ($json.instance.appVersion || 'an unknown version') : ''].filter(Boolean).join('\\n') }}",
					status: 'COMPLETED',
					forObjectType: 'COMPANY',
				},
				additionalFields: { associations: { companyIds: '={{ $json.customId }}' } },
			}),
		],
		[
			['Replicated Trigger', 'Linked to a Company?'],
			['Linked to a Company?', 'Log Activity', 0],
			['Linked to a Company?', 'Not Linked to a Company Yet', 1],
		],
		['HubSpot'],
	),
};

const LICENSE_END =
	"={{ $('Get Deal').item.json.properties.license_end_date ? $('Get Deal').item.json.properties.license_end_date.value : $now.plus({ years: 1 }).toISODate() }}";

const provision = paidLicense(
	5,
	-0.4,
	{ name: '={{ $json.properties.name.value }}', customId: '={{ String($json.companyId) }}' },
	LICENSE_END,
	'Write Back to Deal',
);

const dealWonToLicense: Template = {
	crm: 'hubspot',
	slug: 'deal-won-to-license',
	summary:
		'Deal moved to Closed Won (HubSpot Trigger) → Replicated customer created (idempotent by Custom ID = Company ID) or trial converted to paid → customer ID and license state written back to the Deal',
	prerequisites: [
		'Deal properties `replicated_customer_id`, `replicated_license_state` (single-line text), `license_end_date` (date, optional)',
		'a HubSpot developer app (the HubSpot Trigger needs its App ID, client secret and developer API key)',
	],
	userSets: [{ node: 'Create or Find Customer', parameter: 'appId', what: 'your Replicated app' }],
	workflow: workflow(
		'HubSpot → Replicated: deal won to customer and paid license',
		[
			sticky(
				'About',
				[
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
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.8),
				{ height: 720, width: 460 },
			),
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
			noOp('Nothing to Do', at(4, 0.8)),
			hubspot(
				'Get Company',
				at(4, -0.4),
				{
					resource: 'company',
					operation: 'get',
					companyId: '={{ $json.associations.associatedCompanyIds[0] }}',
				},
				false,
			),
			...provision.nodes,
			hubspot('Write Back to Deal', at(9, -0.4), {
				resource: 'deal',
				operation: 'update',
				dealId: "={{ $('Get Deal').item.json.dealId }}",
				updateFields: customProperties([
					['replicated_customer_id', '={{ $json.customerId }}'],
					[
						'replicated_license_state',
						"={{ $json.licenseType }} until {{ $json.expiresAt ? $json.expiresAt.slice(0, 10) : 'no expiry' }}",
					],
				]),
			}),
		],
		[
			['HubSpot Trigger', 'Moved to Closed Won?'],
			['Moved to Closed Won?', 'Get Deal', 0],
			['Get Deal', 'Not Provisioned Yet?'],
			['Not Provisioned Yet?', 'Get Company', 0],
			['Not Provisioned Yet?', 'Nothing to Do', 1],
			['Get Company', 'Create or Find Customer'],
			...provision.links,
		],
		['HubSpot'],
	),
};

const REVENUE_PROPERTIES = [
	['provisioned_at', 'invitedAt'],
	['first_access_at', 'accessGrantedAtByLicenseType.paid'],
	['first_download_at', 'firstDownloadAtByLicenseType.paid'],
	['confirmed_running_at', 'confirmedRunningAt'],
] as const;

const milestonesToRevenue: Template = {
	crm: 'hubspot',
	slug: 'milestones-to-revenue',
	summary:
		'Enterprise Portal invite, first paid access, first paid download, instance ready → revenue-recognition dates on the won Deal, each set once',
	prerequisites: [
		'Deal properties `provisioned_at`, `first_access_at`, `first_download_at`, `confirmed_running_at` (date picker or single-line text)',
	],
	workflow: workflow(
		'Replicated → HubSpot: lifecycle milestones to revenue dates',
		[
			sticky(
				'About',
				[
					'## Milestones → revenue-recognition dates',
					"Each lifecycle milestone of a paid customer fetches its milestones with **Milestone → Get** and writes the dates to the Company's **Closed Won** Deal. A date already set is never changed.",
					'',
					'### Configure',
					'1. Deal properties `provisioned_at`, `first_access_at`, `first_download_at`, `confirmed_running_at`.',
					"2. The customer's Custom ID must be its HubSpot Company ID (see the *new customer → Company* template).",
					'',
					tryItWith(['customer.ep_access_granted', 'instance.ready']),
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.6),
				{ height: 580, width: 440 },
			),
			replicatedTrigger(
				'hubspot/milestones-to-revenue',
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
			hubspot(
				'Find Won Deal',
				at(3, -0.4),
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
					additionalFields: { properties: REVENUE_PROPERTIES.map(([p]) => p) },
				},
				false,
			),
			code(
				'Dates Not Yet Set',
				at(4, -0.4),
				[
					'// Recognition dates are set once: only properties still empty on the Deal are written.',
					"const m = $('Get Milestones').item.json;",
					'const candidates = {',
					...REVENUE_PROPERTIES.map(([p, path]) => `  ${p}: m.${path} ?? null,`),
					'};',
					'const current = $json.properties ?? {};',
					'const properties = Object.fromEntries(Object.entries(candidates).filter(([name, at]) => at && !current[name]));',
					'return { dealId: $json.id, properties, count: Object.keys(properties).length };',
				].join('\n'),
			),
			ifNode('Anything New?', at(5, -0.4), [
				{ left: '={{ $json.count }}', operator: numberGt, right: 0 },
			]),
			httpRequest(
				'Set Revenue Dates',
				at(6, -0.8),
				{
					method: 'PATCH',
					url: '=https://api.hubapi.com/crm/v3/objects/deals/{{ $json.dealId }}',
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'hubspotAppToken',
					jsonBody: '={{ JSON.stringify({ properties: $json.properties }) }}',
				},
				HUBSPOT,
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
		['HubSpot'],
	),
};

export const HUBSPOT_TEMPLATES: Template[] = [
	signupToLead(hubspotCrm),
	joinToCompany,
	engagementToActivity,
	dealWonToLicense,
	milestonesToRevenue,
	instanceReadyOnboarding(hubspotCrm),
];

import {
	at,
	paidLicense,
	noOp,
	numberGt,
	stopAndError,
	isTrue,
	code,
	equals,
	ERROR_HANDLING,
	httpRequest,
	ifNode,
	isEmpty,
	isNotEmpty,
	replicated,
	replicatedTrigger,
	setFields,
	sticky,
	type Template,
	type TemplateNode,
	tryItWith,
	workflow,
} from './kit';
import { customFields, SALESFORCE, salesforce, salesforceCrm } from './crm/salesforce';
import { instanceReadyOnboarding } from './flows/instance-ready-onboarding';
import { signupToLead } from './flows/signup-to-lead';
import { linked as linkedTo, notLinked as notLinkedTo } from './crm/adapter';

export { salesforce };

const API = 'services/data/v59.0';
const TRIGGER = "$('Replicated Trigger').item.json";

/** Where the HTTP Request nodes reach the org: the n8n credential keeps it out of expressions' reach. */
function config(position: [number, number]): TemplateNode {
	return setFields('Config', position, [
		['salesforceInstanceUrl', 'https://YOUR-DOMAIN.my.salesforce.com', 'string'],
	]);
}
const INSTANCE = "{{ $('Config').first().json.salesforceInstanceUrl }}";

/** Customers whose Custom ID is an Account ID go on; the others stop at `notLinked`. */
export const knownToCrm = (position: [number, number]) => linkedTo(salesforceCrm, position);

const T = TRIGGER;
export const notLinked = (position: [number, number]) => notLinkedTo(salesforceCrm, position);

const joinToAccount: Template = {
	crm: 'salesforce',
	slug: 'join-to-account-and-opportunity',
	summary:
		'New customer (or its first Enterprise Portal user) → Lead converted to Account + Contact + Opportunity (or Account upserted and Opportunity created); Replicated fields on the Account; the Account ID stamped back on the customer as Custom ID',
	prerequisites: [
		'Account fields `Replicated_Customer_Id__c` (Text, External ID, Unique), `Replicated_License_Type__c` (Text), `Replicated_Channel__c` (Text), `Replicated_License_Expires__c` (Date)',
		'the invocable Apex class `ConvertLead` (workflows-templates/README.md)',
	],
	userSets: [
		{ node: 'Config', parameter: 'salesforceInstanceUrl', what: "your org's My Domain URL" },
	],
	workflow: workflow(
		'Replicated → Salesforce: new customer to Account and Opportunity',
		[
			sticky(
				'About',
				[
					'## New customer → Account, Contact and Opportunity',
					"On `customer.created` (and on `customer.ep_user_joined` for the first Enterprise Portal user) a customer that has no Custom ID yet is brought into Salesforce: its open Lead (matched by email) is **converted**; without a Lead, an Account is upserted by Replicated customer ID and an Opportunity created. The Account ID is then written back to Replicated as the customer's **Custom ID**, the join key every other template uses.",
					'',
					'### Configure',
					"1. **Config**: your org's URL (`https://<my-domain>.my.salesforce.com`).",
					'2. Account fields `Replicated_Customer_Id__c` (Text, External ID, Unique), `Replicated_License_Type__c`, `Replicated_Channel__c` (Text), `Replicated_License_Expires__c` (Date).',
					'3. Lead conversion has no REST endpoint of its own: deploy the invocable Apex class `ConvertLead` from `workflows-templates/README.md` (it wraps `Database.convertLead`); **Convert Lead** calls it through `POST /services/data/v59.0/actions/custom/apex/ConvertLead` with the Salesforce credential. The user needs the "Convert Leads" permission.',
					'',
					'Customers created from Salesforce (deal-won template) already have a Custom ID and are skipped: no loop.',
					'',
					tryItWith(['customer.created']),
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.6),
				{ height: 700, width: 460 },
			),
			replicatedTrigger(
				'salesforce/join-to-account-and-opportunity',
				['customer.created', 'customer.ep_user_joined'],
				at(0),
			),
			config(at(1)),
			ifNode(
				'New to Salesforce?',
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
			noOp('Already in Salesforce', at(3, 1)),
			{
				...salesforce(
					'Find Open Lead',
					at(3, -0.6),
					{
						resource: 'lead',
						operation: 'getAll',
						returnAll: false,
						limit: 1,
						options: {
							fields: 'Id,Email',
							conditionsUi: {
								conditionValues: [
									{
										field: 'Email',
										operation: 'equal',
										value: `={{ (${T}.customer.email || ${T}.data.joined_email || '').toLowerCase() }}`,
									},
									{ field: 'IsConverted', operation: 'equal', value: '={{ false }}' },
								],
							},
						},
					},
					false,
				),
				alwaysOutputData: true,
			},
			ifNode('Lead Found?', at(4, -0.6), [{ left: '={{ $json.Id }}', operator: isNotEmpty }]),
			httpRequest(
				'Convert Lead',
				at(5, -1.2),
				{
					method: 'POST',
					url: `=${INSTANCE}/${API}/actions/custom/apex/ConvertLead`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'salesforceOAuth2Api',
					jsonBody: `={{ JSON.stringify({ inputs: [{ leadId: $json.Id, convertedStatus: 'Closed - Converted', createOpportunity: true, opportunityName: ${T}.customer.name + ' (Replicated)' }] }) }}`,
				},
				SALESFORCE,
			),
			ifNode('Converted?', at(6, -1.2), [{ left: '={{ $json.isSuccess }}', operator: isTrue }]),
			stopAndError(
				'Conversion Failed',
				at(7, -0.6),
				'=Salesforce could not convert the lead: {{ JSON.stringify($json.errors) }}',
			),
			setFields('Converted Records', at(7, -1.6), [
				['accountId', '={{ $json.outputValues.accountId }}', 'string'],
				['opportunityId', '={{ $json.outputValues.opportunityId }}', 'string'],
			]),
			salesforce('Upsert Account', at(5, 0), {
				resource: 'account',
				operation: 'upsert',
				externalId: 'Replicated_Customer_Id__c',
				externalIdValue: `={{ ${T}.customer.id }}`,
				name: `={{ ${T}.customer.name }}`,
				additionalFields: {},
			}),
			salesforce('Create Opportunity', at(6, 0), {
				resource: 'opportunity',
				operation: 'create',
				name: `={{ ${T}.customer.name }} (Replicated)`,
				closeDate: '={{ $now.plus({ days: 30 }).toISODate() }}',
				stageName: 'Prospecting',
				additionalFields: {
					accountId: "={{ $('Upsert Account').item.json.id }}",
					leadSource: 'Replicated',
				},
			}),
			setFields('New Records', at(7, 0), [
				['accountId', "={{ $('Upsert Account').item.json.id }}", 'string'],
				['opportunityId', '={{ $json.id }}', 'string'],
			]),
			replicated('Stamp Custom ID', at(8, -0.8), {
				resource: 'customer',
				operation: 'update',
				customer: { __rl: true, mode: 'id', value: `={{ ${T}.customer.id }}` },
				updateFields: { customId: '={{ $json.accountId }}' },
			}),
			salesforce('Stamp Account', at(9, -0.8), {
				resource: 'account',
				operation: 'update',
				accountId: '={{ $json.customId }}',
				updateFields: customFields([
					['Replicated_Customer_Id__c', '={{ $json.id }}'],
					['Replicated_License_Type__c', '={{ $json.licenseType }}'],
					['Replicated_Channel__c', "={{ $json.channel ? $json.channel.name : '' }}"],
					[
						'Replicated_License_Expires__c',
						'={{ $json.expiresAt ? $json.expiresAt.slice(0, 10) : null }}',
					],
				]),
			}),
		],
		[
			['Replicated Trigger', 'Config'],
			['Config', 'New to Salesforce?'],
			['New to Salesforce?', 'Find Open Lead', 0],
			['New to Salesforce?', 'Already in Salesforce', 1],
			['Find Open Lead', 'Lead Found?'],
			['Lead Found?', 'Convert Lead', 0],
			['Lead Found?', 'Upsert Account', 1],
			['Convert Lead', 'Converted?'],
			['Converted?', 'Converted Records', 0],
			['Converted?', 'Conversion Failed', 1],
			['Upsert Account', 'Create Opportunity'],
			['Create Opportunity', 'New Records'],
			['Converted Records', 'Stamp Custom ID'],
			['New Records', 'Stamp Custom ID'],
			['Stamp Custom ID', 'Stamp Account'],
		],
		['Salesforce'],
	),
};

const engagementToActivity: Template = {
	crm: 'salesforce',
	slug: 'engagement-to-activity',
	summary:
		'Downloads, new instances, completed upgrades and Enterprise Portal access → a completed Task on the Account (found by Custom ID)',
	prerequisites: [],
	workflow: workflow(
		'Replicated → Salesforce: engagement to Account activity',
		[
			sticky(
				'About',
				[
					'## Engagement → activity on the Account',
					"Each download, new instance, completed upgrade and Enterprise Portal access becomes a completed **Task** on the customer's Account, so account owners see adoption in the activity timeline.",
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **Salesforce account**.',
					'2. Customers are matched by their **Custom ID** (the Account ID, set by the *new customer → Account* template or by hand). Customers without one are skipped.',
					'',
					tryItWith(['instance.upgrade_completed']),
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.4),
				{ height: 560 },
			),
			replicatedTrigger(
				'salesforce/engagement-to-activity',
				[
					'release.asset_downloaded',
					'instance.created',
					'instance.upgrade_completed',
					'customer.ep_access_granted',
				],
				at(0),
			),
			knownToCrm(at(1)),
			notLinked(at(2, 0.8)),
			salesforce('Log Activity', at(2, -0.4), {
				resource: 'task',
				operation: 'create',
				status: 'Completed',
				additionalFields: {
					whatId: '={{ $json.customId }}',
					subject: '=Replicated: {{ $json.event }}',
					description:
						"={{ [$json.text, 'App: ' + ($json.app.name || ''), $json.instance ? 'Instance ' + $json.instance.id + ' on ' + ($json.instance.appVersion || 'an unknown version') : ''].filter(Boolean).join('\\n') }}",
					activityDate: '={{ $json.occurredAt.slice(0, 10) }}',
				},
			}),
		],
		[
			['Replicated Trigger', 'Linked to an Account?'],
			['Linked to an Account?', 'Log Activity', 0],
			['Linked to an Account?', 'Not Linked to an Account Yet', 1],
		],
		['Salesforce'],
	),
};

const LICENSE_END =
	"={{ $('Get Opportunity').item.json.License_End_Date__c || $now.plus({ years: 1 }).toISODate() }}";

const provision = paidLicense(
	4,
	-0.4,
	{ name: '={{ $json.Name }}', customId: '={{ $json.Id }}' },
	LICENSE_END,
	'Write Back to Opportunity',
);

const dealWonToLicense: Template = {
	crm: 'salesforce',
	slug: 'deal-won-to-license',
	summary:
		'Opportunity moved to Closed Won → Replicated customer created (idempotent by Custom ID = Account ID) or trial converted to paid → customer ID and license state written back to the Opportunity',
	prerequisites: [
		'Opportunity fields `Replicated_Customer_Id__c` (Text), `Replicated_License_State__c` (Text), `License_End_Date__c` (Date, optional)',
	],
	userSets: [{ node: 'Create or Find Customer', parameter: 'appId', what: 'your Replicated app' }],
	workflow: workflow(
		'Salesforce → Replicated: deal won to customer and paid license',
		[
			sticky(
				'About',
				[
					'## Deal won → Replicated license',
					"When an Opportunity reaches **Closed Won**, its Account gets a paid Replicated license: **Customer → Create** with the Account ID as Custom ID (finds the customer instead when it exists), and when that customer is still on a trial, **License → Convert** turns it into a paid license with the Opportunity's end date. The customer ID and license state are written back to the Opportunity.",
					'',
					'### Configure',
					'1. **Create or Find Customer**: pick your Replicated app; map your license fields under Entitlement Values if you sell by seats or tiers.',
					'2. Opportunity fields `Replicated_Customer_Id__c`, `Replicated_License_State__c` (Text) and optionally `License_End_Date__c` (Date; one year from today otherwise).',
					'3. The Salesforce Trigger polls every minute for updated Opportunities.',
					'',
					"**No loop**: the write-back updates the Opportunity again, but an Opportunity that already has `Replicated_Customer_Id__c` is skipped; Replicated's own `customer.updated` is not used by any template.",
					'',
					'### Test it',
					'Move a test Opportunity to Closed Won, or run **Get Opportunity** onwards with a pinned Salesforce Trigger item `{ "Id": "<opportunity id>" }`.',
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.8),
				{ height: 720, width: 460 },
			),
			{
				name: 'Salesforce Trigger',
				type: 'n8n-nodes-base.salesforceTrigger',
				typeVersion: 1,
				position: at(0),
				parameters: {
					authentication: 'oAuth2',
					triggerOn: 'opportunityUpdated',
					pollTimes: { item: [{ mode: 'everyMinute' }] },
				},
				credentials: SALESFORCE,
			},
			salesforce(
				'Get Opportunity',
				at(1),
				{ resource: 'opportunity', operation: 'get', opportunityId: '={{ $json.Id }}' },
				false,
			),
			ifNode('Won and Not Provisioned?', at(2), [
				{ left: '={{ $json.StageName }}', operator: equals, right: 'Closed Won' },
				{ left: '={{ $json.Replicated_Customer_Id__c }}', operator: isEmpty },
			]),
			noOp('Nothing to Do', at(3, 0.8)),
			salesforce(
				'Get Account',
				at(3, -0.4),
				{ resource: 'account', operation: 'get', accountId: '={{ $json.AccountId }}' },
				false,
			),
			...provision.nodes,
			salesforce('Write Back to Opportunity', at(8, -0.4), {
				resource: 'opportunity',
				operation: 'update',
				opportunityId: "={{ $('Get Opportunity').item.json.Id }}",
				updateFields: customFields([
					['Replicated_Customer_Id__c', '={{ $json.customerId }}'],
					[
						'Replicated_License_State__c',
						"={{ $json.licenseType }} until {{ $json.expiresAt ? $json.expiresAt.slice(0, 10) : 'no expiry' }}",
					],
				]),
			}),
		],
		[
			['Salesforce Trigger', 'Get Opportunity'],
			['Get Opportunity', 'Won and Not Provisioned?'],
			['Won and Not Provisioned?', 'Get Account', 0],
			['Won and Not Provisioned?', 'Nothing to Do', 1],
			['Get Account', 'Create or Find Customer'],
			...provision.links,
		],
		['Salesforce'],
	),
};

const REVENUE_FIELDS = [
	['Provisioned_At__c', 'invitedAt'],
	['First_Access_At__c', 'accessGrantedAtByLicenseType.paid'],
	['First_Download_At__c', 'firstDownloadAtByLicenseType.paid'],
	['Confirmed_Running_At__c', 'confirmedRunningAt'],
] as const;

const milestonesToRevenue: Template = {
	crm: 'salesforce',
	slug: 'milestones-to-revenue',
	summary:
		'Enterprise Portal invite, first paid access, first paid download, instance ready → revenue-recognition dates on the won Opportunity, each set once',
	prerequisites: [
		'Opportunity fields `Provisioned_At__c`, `First_Access_At__c`, `First_Download_At__c`, `Confirmed_Running_At__c` (Date/Time)',
	],
	userSets: [
		{ node: 'Config', parameter: 'salesforceInstanceUrl', what: "your org's My Domain URL" },
	],
	workflow: workflow(
		'Replicated → Salesforce: lifecycle milestones to revenue dates',
		[
			sticky(
				'About',
				[
					'## Milestones → revenue-recognition dates',
					"Each lifecycle milestone of a paid customer (Enterprise Portal invite sent, first access, first download, instance confirmed running) fetches the customer's milestones with **Milestone → Get** and writes the dates to its **Closed Won** Opportunity. A date that is already set is never changed.",
					'',
					'### Configure',
					"1. **Config**: your org's URL.",
					'2. Opportunity fields `Provisioned_At__c`, `First_Access_At__c`, `First_Download_At__c`, `Confirmed_Running_At__c` (Date/Time).',
					"3. The customer's Custom ID must be its Account ID (see the *new customer → Account* template).",
					'',
					tryItWith(['customer.ep_access_granted', 'instance.ready']),
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.6),
				{ height: 640, width: 440 },
			),
			replicatedTrigger(
				'salesforce/milestones-to-revenue',
				[
					'customer.ep_invite_sent',
					'customer.ep_access_granted',
					'release.asset_downloaded',
					'instance.ready',
				],
				at(0),
				{ filters: { licenseTypes: ['paid'] } },
			),
			config(at(1)),
			ifNode('Linked to an Account?', at(2), [
				{ left: `={{ ${T}.customId }}`, operator: isNotEmpty },
			]),
			notLinked(at(3, 0.8)),
			replicated('Get Milestones', at(3, -0.4), {
				resource: 'milestone',
				operation: 'get',
				customer: { __rl: true, mode: 'id', value: `={{ ${T}.customer.id }}` },
				policy: 'firstAccess',
				recognitionLicenseType: 'paid',
				options: { confirmedRunning: true },
			}),
			salesforce(
				'Find Won Opportunity',
				at(4, -0.4),
				{
					resource: 'opportunity',
					operation: 'getAll',
					returnAll: false,
					limit: 1,
					options: {
						fields: `Id,${REVENUE_FIELDS.map(([f]) => f).join(',')}`,
						conditionsUi: {
							conditionValues: [
								{ field: 'AccountId', operation: 'equal', value: '={{ $json.customId }}' },
								{ field: 'StageName', operation: 'equal', value: 'Closed Won' },
							],
						},
					},
				},
				false,
			),
			code(
				'Dates Not Yet Set',
				at(5, -0.4),
				[
					'// Recognition dates are set once: only fields still empty on the Opportunity are written.',
					"const m = $('Get Milestones').item.json;",
					'const candidates = {',
					...REVENUE_FIELDS.map(([field, path]) => `  ${field}: m.${path} ?? null,`),
					'};',
					'const fields = Object.fromEntries(Object.entries(candidates).filter(([name, at]) => at && !$json[name]));',
					'return { opportunityId: $json.Id, fields, count: Object.keys(fields).length };',
				].join('\n'),
			),
			ifNode('Anything New?', at(6, -0.4), [
				{ left: '={{ $json.count }}', operator: numberGt, right: 0 },
			]),
			httpRequest(
				'Set Revenue Dates',
				at(7, -0.8),
				{
					method: 'PATCH',
					url: `=${INSTANCE}/${API}/sobjects/Opportunity/{{ $json.opportunityId }}`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'salesforceOAuth2Api',
					jsonBody: '={{ JSON.stringify($json.fields) }}',
				},
				SALESFORCE,
			),
		],
		[
			['Replicated Trigger', 'Config'],
			['Config', 'Linked to an Account?'],
			['Linked to an Account?', 'Get Milestones', 0],
			['Linked to an Account?', 'Not Linked to an Account Yet', 1],
			['Get Milestones', 'Find Won Opportunity'],
			['Find Won Opportunity', 'Dates Not Yet Set'],
			['Dates Not Yet Set', 'Anything New?'],
			['Anything New?', 'Set Revenue Dates', 0],
		],
		['Salesforce'],
	),
};

export const SALESFORCE_TEMPLATES: Template[] = [
	signupToLead(salesforceCrm),
	joinToAccount,
	engagementToActivity,
	dealWonToLicense,
	milestonesToRevenue,
	instanceReadyOnboarding(salesforceCrm),
];

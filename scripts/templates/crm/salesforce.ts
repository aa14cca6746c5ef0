import { calling } from '../carry';
import {
	at,
	equals,
	ifNode,
	isEmpty,
	isNotEmpty,
	isTrue,
	setFields,
	stopAndError,
	type TemplateNode,
} from '../kit';
import {
	CONTACT_EMAIL,
	type CrmAdapter,
	ENGAGEMENT_DETAILS,
	LICENSE_STATE,
	recordNames,
	type RevenueDateFields,
	type Setup,
	TRIGGER,
} from './adapter';
import { salesforceFulfillment } from './salesforce-fulfillment';
import { salesforceHealth } from './salesforce-health';
import {
	customFields,
	INSTANCE_URL_PLACEHOLDER,
	INSTANCE_URL_WHAT,
	SALESFORCE,
	salesforce,
	salesforceApi,
} from './salesforce-nodes';
import { SALESFORCE_PRODUCTS } from './salesforce-products';
import { SALESFORCE_CONVERT_LEAD } from './salesforce-convert-lead';
import { codeFile } from '../code/inline';

const T = TRIGGER;

const SIGNUP = "$('Map Signup Fields').item.json";

/** Why `email` (an expression) cannot be put into SOQL, '' when it can (crm/soql-email.ts). */
const soqlProblem = (email: string) =>
	calling('scripts/templates/crm/soql-email.ts', 'soqlEmailProblem', email);

/** Passes (output 0) the items whose `email` (an expression) can go into SOQL on every n8n. */
const emailFitForSoql = (position: [number, number], email: string) =>
	ifNode('Email Fit for SOQL?', position, [
		{ left: `={{ ${soqlProblem(email)} }}`, operator: isEmpty },
	]);

/** The first Lead with this email (its node has no search by email): no item when there is none. */
function findLeadByEmail(
	name: string,
	position: [number, number],
	email: string,
	alsoWhere: Array<{ field: string; value: string }> = [],
): TemplateNode {
	return {
		...salesforce(
			name,
			position,
			{
				resource: 'lead',
				operation: 'getAll',
				returnAll: false,
				limit: 1,
				options: {
					fields: 'Id,Email',
					conditionsUi: {
						conditionValues: [{ field: 'Email', value: email }, ...alsoWhere].map((c) => ({
							field: c.field,
							operation: 'equal',
							value: c.value,
						})),
					},
				},
			},
			false,
		),
		alwaysOutputData: true,
	};
}

/** Where the HTTP Request nodes reach the org: the n8n credential keeps it out of expressions' reach. */
const CONFIG: Setup = {
	node: (position) =>
		setFields('Config', position, [['salesforceInstanceUrl', INSTANCE_URL_PLACEHOLDER, 'string']]),
	userSets: [{ node: 'Config', parameter: 'salesforceInstanceUrl', what: INSTANCE_URL_WHAT }],
};

const REVENUE_FIELDS: RevenueDateFields = {
	provisioned: 'Provisioned_At__c',
	firstAccess: 'First_Access_At__c',
	firstDownload: 'First_Download_At__c',
	confirmedRunning: 'Confirmed_Running_At__c',
};
const REVENUE_NOTE = 'Revenue_Dates_Note__c';

/** Salesforce: a Lead, found by email (its node has no upsert on email). */
export const salesforceCrm: CrmAdapter = {
	crm: 'salesforce',
	tag: 'Salesforce',
	products: SALESFORCE_PRODUCTS,
	catalogueSections: SALESFORCE_CONVERT_LEAD,
	...recordNames('an Account'),
	leadFromSignup: {
		summary:
			'Self-serve trial signup → Lead created or updated (by email), signup fields mapped, source "Self-serve trial"',
		prerequisites: [
			'Lead fields `Company_Size__c` (Text) and `Use_Case__c` (Text)',
			'Lead Source picklist value `Self-serve trial`',
		],
		workflowName: 'Replicated → Salesforce: trial signup to Lead',
		about: [
			'## Trial signup → Salesforce Lead',
			'When someone signs up for a trial through your self-serve signup page, Replicated sends `customer.pending_signup`. This creates the Lead, or updates it when one with the same email exists.',
			'',
			'### Configure',
			'1. Credentials: **Replicated account** (API token) and **Salesforce account**.',
			'2. In Salesforce create the Lead fields `Company_Size__c` and `Use_Case__c` (Text) and the Lead Source value `Self-serve trial`.',
			'3. Signup fields other than name, email, company, job title, company size and use case are written to the Description. Edit **Map Signup Fields** to map more.',
			'',
			"An email with a quote, a backslash or whitespace is refused at **Email Fit for SOQL?** (the execution fails, the event kept): n8n 1.123's Salesforce node puts it into SOQL unescaped, where it could select another Lead.",
		],
		write: (column) => ({
			entry: 'Email Fit for SOQL?',
			nodes: [
				emailFitForSoql(at(column), '$json.email'),
				stopAndError(
					'Refuse Email Unfit for SOQL',
					at(column + 1, 1.2),
					`=The signup email cannot be looked up in Salesforce: {{ ${soqlProblem('$json.email')} }}, which a SOQL query cannot hold safely on every n8n version. No Lead was written: correct the address, or create the Lead by hand.`,
				),
				findLeadByEmail('Find Lead by Email', at(column + 1), '={{ $json.email }}'),
				ifNode('Lead Exists?', at(column + 2), [{ left: '={{ $json.Id }}', operator: isNotEmpty }]),
				salesforce('Update Lead', at(column + 3, -0.6), {
					resource: 'lead',
					operation: 'update',
					leadId: '={{ $json.Id }}',
					updateFields: {
						title: `={{ ${SIGNUP}.title }}`,
						description: `={{ ${SIGNUP}.description }}`,
						...customFields([
							['Company_Size__c', `={{ ${SIGNUP}.companySize }}`],
							['Use_Case__c', `={{ ${SIGNUP}.useCase }}`],
						]),
					},
				}),
				salesforce('Create Lead', at(column + 3, 0.6), {
					resource: 'lead',
					operation: 'create',
					company: `={{ ${SIGNUP}.company }}`,
					lastname: `={{ ${SIGNUP}.lastName }}`,
					additionalFields: {
						email: `={{ ${SIGNUP}.email }}`,
						firstname: `={{ ${SIGNUP}.firstName }}`,
						title: `={{ ${SIGNUP}.title }}`,
						leadSource: 'Self-serve trial',
						description: `={{ ${SIGNUP}.description }}`,
						...customFields([
							['Company_Size__c', `={{ ${SIGNUP}.companySize }}`],
							['Use_Case__c', `={{ ${SIGNUP}.useCase }}`],
						]),
					},
				}),
			],
			links: [
				['Email Fit for SOQL?', 'Find Lead by Email', 0],
				['Email Fit for SOQL?', 'Refuse Email Unfit for SOQL', 1],
				['Find Lead by Email', 'Lead Exists?'],
				['Lead Exists?', 'Update Lead', 0],
				['Lead Exists?', 'Create Lead', 1],
			],
		}),
	},
	accountFromNewCustomer: {
		slug: 'join-to-account-and-opportunity',
		summary:
			'New customer (or its first Enterprise Portal user) → Lead converted to Account + Contact + Opportunity (or Account upserted and Opportunity created); Replicated fields on the Account; the Account ID stamped back on the customer as Custom ID',
		prerequisites: [
			'Account fields `Replicated_Customer_Id__c` (Text, External ID, Unique), `Replicated_License_Type__c` (Text), `Replicated_Channel__c` (Text), `Replicated_License_Expires__c` (Date)',
			'the invocable Apex class `ConvertLead` (workflows-templates/README.md)',
		],
		workflowName: 'Replicated → Salesforce: new customer to Account and Opportunity',
		about: [
			'## New customer → Account, Contact and Opportunity',
			"On `customer.created` (and on `customer.ep_user_joined` for the first Enterprise Portal user) a customer that has no Custom ID yet is brought into Salesforce: its open Lead (matched by email) is **converted**; without a Lead, an Account is upserted by Replicated customer ID and an Opportunity created. The Account ID is then written back to Replicated as the customer's **Custom ID**, the join key every other template uses.",
			'',
			'### Configure',
			"1. **Config**: your org's URL (`https://<my-domain>.my.salesforce.com`).",
			'2. Account fields `Replicated_Customer_Id__c` (Text, External ID, Unique), `Replicated_License_Type__c`, `Replicated_Channel__c` (Text), `Replicated_License_Expires__c` (Date).',
			'3. Lead conversion has no REST endpoint of its own: deploy the invocable Apex class `ConvertLead` from `workflows-templates/README.md` (it wraps `Database.convertLead`); **Convert Lead** calls it through `POST /services/data/v59.0/actions/custom/apex/ConvertLead` with the Salesforce credential. The user needs the "Convert Leads" permission.',
			'',
			'Customers created from Salesforce (deal-won template) already have a Custom ID and are skipped: no loop.',
			"A contact email with a quote, a backslash or whitespace is not looked up (**Email Fit for SOQL?**: n8n 1.123's Salesforce node puts it into SOQL unescaped): the Account is upserted instead.",
		],
		setup: CONFIG,
		// An open Lead is converted (Apex: Salesforce has no REST call for it); without one, the
		// Account is upserted by Replicated customer ID, so a retry never duplicates it.
		write: (column) => ({
			entry: 'Email Fit for SOQL?',
			nodes: [
				emailFitForSoql(at(column, -0.6), `(${CONTACT_EMAIL} || '')`),
				findLeadByEmail(
					'Find Open Lead',
					at(column + 1, -0.6),
					`={{ (${CONTACT_EMAIL} || '').toLowerCase() }}`,
					[{ field: 'IsConverted', value: '={{ false }}' }],
				),
				ifNode('Lead Found?', at(column + 2, -0.6), [
					{ left: '={{ $json.Id }}', operator: isNotEmpty },
				]),
				salesforceApi(
					'Convert Lead',
					at(column + 3, -1.2),
					'POST',
					'actions/custom/apex/ConvertLead',
					`={{ JSON.stringify({ inputs: [{ leadId: $json.Id, convertedStatus: 'Closed - Converted', createOpportunity: true, opportunityName: ${T}.customer.name + ' (Replicated)' }] }) }}`,
				),
				ifNode('Converted?', at(column + 4, -1.2), [
					{ left: '={{ $json.isSuccess }}', operator: isTrue },
				]),
				stopAndError(
					'Conversion Failed',
					at(column + 5, -0.6),
					'=Salesforce could not convert the lead: {{ JSON.stringify($json.errors) }}',
				),
				setFields('Converted Records', at(column + 5, -1.6), [
					['accountId', '={{ $json.outputValues.accountId }}', 'string'],
					['opportunityId', '={{ $json.outputValues.opportunityId }}', 'string'],
				]),
				salesforce('Upsert Account', at(column + 3, 0), {
					resource: 'account',
					operation: 'upsert',
					externalId: 'Replicated_Customer_Id__c',
					externalIdValue: `={{ ${T}.customer.id }}`,
					name: `={{ ${T}.customer.name }}`,
					additionalFields: {},
				}),
				salesforce('Create Opportunity', at(column + 4, 0), {
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
				setFields('New Records', at(column + 5, 0), [
					['accountId', "={{ $('Upsert Account').item.json.id }}", 'string'],
					['opportunityId', '={{ $json.id }}', 'string'],
				]),
			],
			links: [
				// An email SOQL cannot hold looks for no Lead: the Account is upserted.
				['Email Fit for SOQL?', 'Find Open Lead', 0],
				['Email Fit for SOQL?', 'Upsert Account', 1],
				['Find Open Lead', 'Lead Found?'],
				['Lead Found?', 'Convert Lead', 0],
				['Lead Found?', 'Upsert Account', 1],
				['Convert Lead', 'Converted?'],
				['Converted?', 'Converted Records', 0],
				['Converted?', 'Conversion Failed', 1],
				['Upsert Account', 'Create Opportunity'],
				['Create Opportunity', 'New Records'],
			],
			exits: ['Converted Records', 'New Records'],
			next: [column + 6, -0.8],
			accountId: '={{ $json.accountId }}',
		}),
		// The Replicated fields on the Account, from the customer Stamp Custom ID returns.
		afterStamp: (column, row) => ({
			entry: 'Stamp Account',
			nodes: [
				salesforce('Stamp Account', at(column, row), {
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
			links: [],
		}),
	},
	activityFromEngagement: {
		summary:
			'Downloads, new instances, completed upgrades and Enterprise Portal access → a completed Task on the Account (found by Custom ID)',
		prerequisites: [],
		workflowName: 'Replicated → Salesforce: engagement to Account activity',
		about: [
			'## Engagement → activity on the Account',
			"Each download, new instance, completed upgrade and Enterprise Portal access becomes a completed **Task** on the customer's Account, so account owners see adoption in the activity timeline.",
			'',
			'### Configure',
			'1. Credentials: **Replicated account** and **Salesforce account**.',
			'2. Customers are matched by their **Custom ID** (the Account ID, set by the *new customer → Account* template or by hand). Customers without one are skipped.',
		],
		write: (column, row) => ({
			entry: 'Log Activity',
			nodes: [
				salesforce('Log Activity', at(column, row), {
					resource: 'task',
					operation: 'create',
					status: 'Completed',
					additionalFields: {
						whatId: '={{ $json.customId }}',
						subject: '=Replicated: {{ $json.event }}',
						description: `={{ ${ENGAGEMENT_DETAILS} }}`,
						activityDate: '={{ $json.occurredAt.slice(0, 10) }}',
					},
				}),
			],
			links: [],
		}),
	},
	licenseFromWonDeal: {
		summary:
			'Opportunity moved to Closed Won → Replicated customer created (idempotent by Custom ID = Account ID) or trial converted to paid → customer ID and license state written back to the Opportunity',
		prerequisites: [
			'Opportunity fields `Replicated_Customer_Id__c` (Text), `Replicated_License_State__c` (Text), `License_End_Date__c` (Date, optional)',
		],
		userSets: [
			{ node: 'Create or Find Customer', parameter: 'appId', what: 'your Replicated app' },
		],
		workflowName: 'Salesforce → Replicated: deal won to customer and paid license',
		about: [
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
		],
		// Salesforce's trigger polls updated Opportunities; the Opportunity itself says whether it is won.
		won: () => ({
			entry: 'Salesforce Trigger',
			nodes: [
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
			],
			links: [
				['Salesforce Trigger', 'Get Opportunity'],
				['Get Opportunity', 'Won and Not Provisioned?'],
			],
			exits: ['Won and Not Provisioned?'],
			next: [3, -0.4],
		}),
		account: (position) =>
			salesforce(
				'Get Account',
				position,
				{ resource: 'account', operation: 'get', accountId: '={{ $json.AccountId }}' },
				false,
			),
		customer: { name: '={{ $json.Name }}', customId: '={{ $json.Id }}' },
		expiresAt:
			"={{ $('Get Opportunity').item.json.License_End_Date__c || $now.plus({ years: 1 }).toISODate() }}",
		writeBack: (position) =>
			salesforce('Write Back to Opportunity', position, {
				resource: 'opportunity',
				operation: 'update',
				opportunityId: "={{ $('Get Opportunity').item.json.Id }}",
				updateFields: customFields([
					['Replicated_Customer_Id__c', '={{ $json.customerId }}'],
					['Replicated_License_State__c', LICENSE_STATE],
				]),
			}),
	},
	revenueDates: {
		summary:
			'Enterprise Portal invite, first paid access, first paid download, instance ready → revenue-recognition dates on the won Opportunity, each set once',
		prerequisites: [
			'Opportunity fields `Provisioned_At__c`, `First_Access_At__c`, `First_Download_At__c`, `Confirmed_Running_At__c` (Date/Time) and `Revenue_Dates_Note__c` (Text Area (Long))',
		],
		workflowName: 'Replicated → Salesforce: lifecycle milestones to revenue dates',
		about: [
			'## Milestones → revenue-recognition dates',
			"Each lifecycle milestone of a paid customer (Enterprise Portal invite sent, first access, first download, instance confirmed running) fetches the customer's milestones with **Milestone → Get** and writes the dates to its **Closed Won** Opportunity. A date that is already set is never changed.",
			'',
			'### Configure',
			"1. **Config**: your org's URL.",
			'2. Opportunity fields `Provisioned_At__c`, `First_Access_At__c`, `First_Download_At__c`, `Confirmed_Running_At__c` (Date/Time) and `Revenue_Dates_Note__c` (Text Area (Long)): why a paid date stays empty (Replicated records first access and download per license type only since 2026-03-27).',
			"3. The customer's Custom ID must be its Account ID (see the *new customer → Account* template).",
		],
		setup: CONFIG,
		fields: REVENUE_FIELDS,
		noteField: REVENUE_NOTE,
		findWonDeal: (position) =>
			salesforce(
				'Find Won Opportunity',
				position,
				{
					resource: 'opportunity',
					operation: 'getAll',
					returnAll: false,
					limit: 1,
					options: {
						fields: ['Id', ...Object.values(REVENUE_FIELDS), REVENUE_NOTE].join(','),
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
		fieldsOnDeal: 'the fields on the Opportunity',
		// No Opportunity found is no item: the flow ends there.
		readDeal: codeFile('salesforce-read-deal'),
		// Only the dates not yet set are written, a different set each time: one REST call takes it.
		setDates: (position) =>
			salesforceApi(
				'Set Revenue Dates',
				position,
				'PATCH',
				'sobjects/Opportunity/{{ $json.dealId }}',
				'={{ JSON.stringify($json.dates) }}',
			),
	},
	onboardingTask: {
		summary: 'Instance ready → onboarding Task for the Account owner, with the install details',
		prerequisites: [],
		workflowName: 'Replicated → Salesforce: instance ready to onboarding task',
		about: [
			'## Instance ready → onboarding task',
			"When a customer's instance reports ready (the software is confirmed running: first value), the Account owner gets a high-priority **Task** due in two days with the install details, to start onboarding while the team is engaged.",
			'',
			'### Configure',
			'1. Credentials: **Replicated account** and **Salesforce account**.',
			'2. Customers are matched by their **Custom ID** (the Account ID). Change the due date or priority in **Create Onboarding Task**.',
		],
	},
	fulfillment: salesforceFulfillment,
	health: salesforceHealth,
};

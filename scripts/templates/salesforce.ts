import {
	at,
	byCustomId,
	code,
	credential,
	crmWrite,
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

const SALESFORCE = credential('salesforceOAuth2Api', 'Salesforce account');
const API = 'services/data/v59.0';
const TRIGGER = "$('Replicated Trigger').item.json";

function salesforce(
	name: string,
	position: [number, number],
	parameters: Record<string, unknown>,
	write = true,
): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-base.salesforce',
		typeVersion: 1,
		position,
		parameters: { authentication: 'oAuth2', ...parameters },
		credentials: SALESFORCE,
		...(write ? crmWrite : {}),
	};
}

const customFields = (fields: Array<[string, string]>) => ({
	customFieldsUi: { customFieldsValues: fields.map(([fieldId, value]) => ({ fieldId, value })) },
});

/** Where the HTTP Request nodes reach the org: the n8n credential keeps it out of expressions' reach. */
function config(position: [number, number]): TemplateNode {
	return setFields('Config', position, [
		['salesforceInstanceUrl', 'https://YOUR-DOMAIN.my.salesforce.com', 'string'],
	]);
}
const INSTANCE = "{{ $('Config').first().json.salesforceInstanceUrl }}";

function knownToCrm(position: [number, number]): TemplateNode {
	return ifNode('Linked to an Account?', position, [
		{ left: `={{ ${TRIGGER}.customId }}`, operator: isNotEmpty },
	]);
}

const signupToLead: Template = {
	crm: 'salesforce',
	slug: 'signup-to-lead',
	summary:
		'Self-serve trial signup → Lead created or updated (by email), signup fields mapped, source "Self-serve trial"',
	prerequisites: [
		'Lead fields `Company_Size__c` (Text) and `Use_Case__c` (Text)',
		'Lead Source picklist value `Self-serve trial`',
	],
	workflow: workflow(
		'Replicated → Salesforce: trial signup to Lead',
		[
			sticky(
				'About',
				[
					'## Trial signup → Salesforce Lead',
					'When someone signs up for a trial through your self-serve signup page, Replicated sends `customer.pending_signup`. This creates the Lead, or updates it when one with the same email exists.',
					'',
					'### Configure',
					'1. Credentials: **Replicated account** (API token) and **Salesforce account**.',
					'2. In Salesforce create the Lead fields `Company_Size__c` and `Use_Case__c` (Text) and the Lead Source value `Self-serve trial`.',
					'3. Signup fields other than name, email, company, job title, company size and use case are written to the Description. Edit **Map Signup Fields** to map more.',
					'',
					tryItWith(['customer.pending_signup']),
					'',
					ERROR_HANDLING,
				].join('\n'),
				at(-1, -2.4),
				{ height: 620 },
			),
			replicatedTrigger('salesforce/signup-to-lead', ['customer.pending_signup'], at(0)),
			code(
				'Map Signup Fields',
				at(1),
				[
					'// The signup form decides which fields arrive; read them tolerantly.',
					'const data = $json.data ?? {};',
					"const pick = (...keys) => keys.map((k) => data[k]).find((v) => v !== undefined && v !== null && String(v).trim() !== '') ?? '';",
					"const email = String(pick('email', 'email_address', 'contact_email')).trim().toLowerCase();",
					"if (!email) throw new Error('The signup has no email address: a Lead needs one to be found again.');",
					"const known = new Set(['email', 'email_address', 'contact_email', 'first_name', 'last_name', 'name', 'company', 'company_name', 'job_title', 'title', 'company_size', 'use_case', 'event_type', 'team_id', 'app_id', 'app_name', 'app_slug']);",
					"const others = Object.entries(data).filter(([k, v]) => !known.has(k) && v !== null && typeof v !== 'object');",
					'return {',
					'  email,',
					"  firstName: String(pick('first_name')),",
					"  lastName: String(pick('last_name', 'name')) || email.split('@')[0],",
					"  company: String(pick('company', 'company_name')) || email.split('@')[1],",
					"  title: String(pick('job_title', 'title')),",
					"  companySize: String(pick('company_size')),",
					"  useCase: String(pick('use_case')),",
					"  description: ['Self-serve trial signup for ' + ($json.app.name ?? 'your app'), ...others.map(([k, v]) => `${k}: ${v}`)].join('\\n'),",
					'};',
				].join('\n'),
			),
			{
				...salesforce(
					'Find Lead by Email',
					at(2),
					{
						resource: 'lead',
						operation: 'getAll',
						returnAll: false,
						limit: 1,
						options: {
							fields: 'Id,Email',
							conditionsUi: {
								conditionValues: [
									{ field: 'Email', operation: 'equal', value: '={{ $json.email }}' },
								],
							},
						},
					},
					false,
				),
				alwaysOutputData: true,
			},
			ifNode('Lead Exists?', at(3), [{ left: '={{ $json.Id }}', operator: isNotEmpty }]),
			salesforce('Update Lead', at(4, -0.6), {
				resource: 'lead',
				operation: 'update',
				leadId: '={{ $json.Id }}',
				updateFields: {
					title: "={{ $('Map Signup Fields').item.json.title }}",
					description: "={{ $('Map Signup Fields').item.json.description }}",
					...customFields([
						['Company_Size__c', "={{ $('Map Signup Fields').item.json.companySize }}"],
						['Use_Case__c', "={{ $('Map Signup Fields').item.json.useCase }}"],
					]),
				},
			}),
			salesforce('Create Lead', at(4, 0.6), {
				resource: 'lead',
				operation: 'create',
				company: "={{ $('Map Signup Fields').item.json.company }}",
				lastname: "={{ $('Map Signup Fields').item.json.lastName }}",
				additionalFields: {
					email: "={{ $('Map Signup Fields').item.json.email }}",
					firstname: "={{ $('Map Signup Fields').item.json.firstName }}",
					title: "={{ $('Map Signup Fields').item.json.title }}",
					leadSource: 'Self-serve trial',
					description: "={{ $('Map Signup Fields').item.json.description }}",
					...customFields([
						['Company_Size__c', "={{ $('Map Signup Fields').item.json.companySize }}"],
						['Use_Case__c', "={{ $('Map Signup Fields').item.json.useCase }}"],
					]),
				},
			}),
		],
		[
			['Replicated Trigger', 'Map Signup Fields'],
			['Map Signup Fields', 'Find Lead by Email'],
			['Find Lead by Email', 'Lead Exists?'],
			['Lead Exists?', 'Update Lead', 0],
			['Lead Exists?', 'Create Lead', 1],
		],
		['Salesforce'],
	),
};

export const SALESFORCE_TEMPLATES: Template[] = [signupToLead];
void [config, INSTANCE, knownToCrm, byCustomId, equals, isEmpty, httpRequest, replicated, API];

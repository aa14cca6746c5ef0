import { at, credential, crmNode, ifNode, isNotEmpty } from '../kit';
import { type CrmAdapter, INSTALL_DETAILS, ONBOARDING_SUBJECT, TRIGGER } from './adapter';

const T = TRIGGER;

export const SALESFORCE = credential('salesforceOAuth2Api', 'Salesforce account');

/** A Salesforce node (v1, OAuth2 credential). */
export const salesforce = crmNode('n8n-nodes-base.salesforce', 1, 'oAuth2', SALESFORCE);

export const customFields = (fields: Array<[string, string]>) => ({
	customFieldsUi: { customFieldsValues: fields.map(([fieldId, value]) => ({ fieldId, value })) },
});

const SIGNUP = "$('Map Signup Fields').item.json";

/** Salesforce: a Lead, found by email (its node has no upsert on email). */
export const salesforceCrm: CrmAdapter = {
	crm: 'salesforce',
	tag: 'Salesforce',
	linkedName: 'Linked to an Account?',
	notLinkedName: 'Not Linked to an Account Yet',
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
		],
		stickyHeight: 620,
		write: (column) => ({
			entry: 'Find Lead by Email',
			nodes: [
				{
					...salesforce(
						'Find Lead by Email',
						at(column),
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
				ifNode('Lead Exists?', at(column + 1), [{ left: '={{ $json.Id }}', operator: isNotEmpty }]),
				salesforce('Update Lead', at(column + 2, -0.6), {
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
				salesforce('Create Lead', at(column + 2, 0.6), {
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
				['Find Lead by Email', 'Lead Exists?'],
				['Lead Exists?', 'Update Lead', 0],
				['Lead Exists?', 'Create Lead', 1],
			],
		}),
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
		stickyHeight: 560,
		write: (column, row) => ({
			entry: 'Get Account',
			nodes: [
				salesforce(
					'Get Account',
					at(column, row),
					{ resource: 'account', operation: 'get', accountId: '={{ $json.customId }}' },
					false,
				),
				salesforce('Create Onboarding Task', at(column + 1, row), {
					resource: 'task',
					operation: 'create',
					status: 'Not Started',
					additionalFields: {
						whatId: `={{ ${T}.customId }}`,
						owner: '={{ $json.OwnerId }}',
						priority: 'High',
						subject: ONBOARDING_SUBJECT,
						description: INSTALL_DETAILS,
						activityDate: '={{ $now.plus({ days: 2 }).toISODate() }}',
					},
				}),
			],
			links: [['Get Account', 'Create Onboarding Task']],
		}),
	},
};

import { at, credential, crmNode } from '../kit';
import { type CrmAdapter, INSTALL_DETAILS, ONBOARDING_SUBJECT, TRIGGER } from './adapter';

const T = TRIGGER;

export const HUBSPOT = credential('hubspotAppToken', 'HubSpot service key');

/** A HubSpot node (v2.2): its default authentication is the API key HubSpot retired in 2022. */
export const hubspot = crmNode('n8n-nodes-base.hubspot', 2.2, 'appToken', HUBSPOT);

export const customProperties = (values: Array<[string, string]>) => ({
	customPropertiesUi: {
		customPropertiesValues: values.map(([property, value]) => ({ property, value })),
	},
});

/** HubSpot: a Contact with lifecycle stage Lead; its node upserts by email in one call. */
export const hubspotCrm: CrmAdapter = {
	crm: 'hubspot',
	tag: 'HubSpot',
	linkedName: 'Linked to a Company?',
	notLinkedName: 'Not Linked to a Company Yet',
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
		stickyHeight: 560,
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
		stickyHeight: 520,
		write: (column, row) => ({
			entry: 'Get Company',
			nodes: [
				hubspot(
					'Get Company',
					at(column, row),
					{ resource: 'company', operation: 'get', companyId: '={{ $json.customId }}' },
					false,
				),
				hubspot('Create Onboarding Task', at(column + 1, row), {
					resource: 'engagement',
					operation: 'create',
					type: 'task',
					dueDate: '={{ $now.plus({ days: 2 }).toISO() }}',
					metadata: {
						subject: ONBOARDING_SUBJECT,
						body: INSTALL_DETAILS,
						status: 'NOT_STARTED',
						forObjectType: 'COMPANY',
					},
					additionalFields: {
						associations: {
							companyIds: `={{ ${T}.customId }}`,
							ownerId:
								'={{ $json.properties.hubspot_owner_id ? Number($json.properties.hubspot_owner_id.value) : undefined }}',
						},
					},
				}),
			],
			links: [['Get Company', 'Create Onboarding Task']],
		}),
	},
};

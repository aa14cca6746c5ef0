import { at, credential, crmNode } from '../kit';
import type { CrmAdapter } from './adapter';

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
};

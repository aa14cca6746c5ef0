import { at, credential, httpRequest, type TemplateNode } from '../kit';
import { type CrmAdapter, TRIGGER } from './adapter';

const T = TRIGGER;

/** Attio has no n8n node: its REST API v2 through HTTP Request with a Bearer token credential. */
export const ATTIO = credential('httpBearerAuth', 'Attio API token');

export function attio(
	name: string,
	position: [number, number],
	method: string,
	path: string,
	body?: string,
	query?: Record<string, string>,
): TemplateNode {
	return httpRequest(
		name,
		position,
		{
			method,
			url: path.startsWith('=')
				? `=https://api.attio.com/v2${path.slice(1)}`
				: `https://api.attio.com/v2${path}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpBearerAuth',
			...(query
				? {
						sendQuery: true,
						queryParameters: {
							parameters: Object.entries(query).map(([n, value]) => ({ name: n, value })),
						},
					}
				: {}),
			...(body ? { jsonBody: body } : {}),
		},
		ATTIO,
	);
}

/** Attio: a Person, asserted by email (one PUT creates or updates it). */
export const attioCrm: CrmAdapter = {
	crm: 'attio',
	tag: 'Attio',
	linkedName: 'Linked to a Company?',
	notLinkedName: 'Not Linked to a Company Yet',
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
		stickyHeight: 520,
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
	onboardingTask: {
		summary: 'Instance ready → onboarding task linked to the Company, with the install details',
		prerequisites: [],
		workflowName: 'Replicated → Attio: instance ready to onboarding task',
		about: [
			'## Instance ready → onboarding task',
			"When a customer's instance reports ready (software confirmed running: first value), a **task** due in two days is linked to its Company with the install details.",
			'',
			'### Configure',
			'1. Credentials: **Replicated account** and **Attio API token** (scope `task:read-write`).',
			'2. Customers are matched by their **Custom ID** (the Attio Company record ID). Add `assignees` in **Create Onboarding Task** to assign it.',
		],
		stickyHeight: 520,
		write: (column, row) => ({
			entry: 'Create Onboarding Task',
			nodes: [
				attio(
					'Create Onboarding Task',
					at(column, row),
					'POST',
					'/tasks',
					`={{ JSON.stringify({ data: { content: 'Onboard ' + ${T}.customer.name + ': instance ' + ${T}.instance.id + ' is ready' + (${T}.instance.appVersion ? ' on ' + ${T}.instance.appVersion : '') + (${T}.data.cloud_provider ? ' (' + ${T}.data.cloud_provider + ')' : ''), format: 'plaintext', deadline_at: $now.plus({ days: 2 }).toISO(), is_completed: false, linked_records: [{ target_object: 'companies', target_record_id: ${T}.customId }], assignees: [] } }) }}`,
				),
			],
			links: [],
		}),
	},
};

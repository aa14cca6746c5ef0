import { at, credential, httpRequest, type TemplateNode } from '../kit';
import type { CrmAdapter } from './adapter';

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
};

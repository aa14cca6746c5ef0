import { escaped } from '../escape';
import { httpRequest, type TemplateNode } from '../kit';
import { type CrmHealth, ownerStep, SUGGESTION_SOURCE } from './adapter';
import { customProperties, HUBSPOT, hubspot } from './hubspot-nodes';
import { codeFile } from '../code/inline';

const API = 'https://api.hubapi.com/crm/v3';

/**
 * CRM search, once per candidate: HubSpot's search answers no associations, but filters on them
 * (`associations.company`), so each account is asked whether it has an open record of ours. The
 * search API takes 4 requests a second per token (HubSpot's changelog, "CRM Search API Rate Limit
 * Increase"): the node sends 2 a second. HTTP Request starts a batch's requests together and the
 * next batch an interval after the last started, so requests of two batches arrive within one
 * second when the network delays some: 2 + 2 stays within 4 however they bunch; with 3 a batch, a
 * CI run's weekly digest got a 429.
 */
function searchPerAccount(
	name: string,
	position: [number, number],
	objects: 'tasks' | 'deals',
	filters: string,
): TemplateNode {
	return httpRequest(
		name,
		position,
		{
			method: 'POST',
			url: `${API}/objects/${objects}/search`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'hubspotAppToken',
			jsonBody: `={{ JSON.stringify({ filterGroups: [{ filters: [{ propertyName: 'associations.company', operator: 'EQ', value: String($json.accountId) }, ${filters}] }], limit: 1 }) }}`,
			options: { batching: { batch: { batchSize: 2, batchInterval: 1000 } } },
		},
		HUBSPOT,
	);
}

/** Code defining `isOpen`: the search per candidate found something. */
const hasResults = codeFile('hubspot-is-open');

const SOURCE_PROPERTY = 'replicated_source';

export const hubspotHealth: CrmHealth = {
	deal: 'Deal',
	account: 'Company',
	credential: '**HubSpot service key**',
	openTasks: (name, position, subject) => ({
		node: searchPerAccount(
			name,
			position,
			'tasks',
			`{ propertyName: 'hs_task_subject', operator: 'EQ', value: ${JSON.stringify(subject)} }, { propertyName: 'hs_task_status', operator: 'NEQ', value: 'COMPLETED' }`,
		),
		isOpen: hasResults,
	}),
	// The node's engagement tasks have no priority field.
	createTask: (name, position, task) =>
		hubspot(name, position, {
			resource: 'engagement',
			operation: 'create',
			type: 'task',
			dueDate: `={{ $now.plus({ days: ${task.dueInDays} }).toISO() }}`,
			metadata: {
				subject: `={{ ${task.subject} }}`,
				// A task's body is HubSpot rich text (HTML): the names in it escaped.
				body: `={{ ${escaped('escapeHtml', task.body)} }}`,
				status: 'NOT_STARTED',
				forObjectType: 'COMPANY',
			},
			additionalFields: {
				associations: {
					companyIds: `={{ ${task.accountId} }}`,
					...(task.ownerId ? { ownerId: `={{ Number(${task.ownerId}) || undefined }}` } : {}),
				},
			},
		}),
	openSuggestions: (name, position) => ({
		node: searchPerAccount(
			name,
			position,
			'deals',
			`{ propertyName: '${SOURCE_PROPERTY}', operator: 'EQ', value: ${JSON.stringify(SUGGESTION_SOURCE)} }, { propertyName: 'dealstage', operator: 'NOT_IN', values: ['closedwon', 'closedlost'] }`,
		),
		isOpen: hasResults,
	}),
	suggestDeal: (name, position, deal) =>
		hubspot(name, position, {
			resource: 'deal',
			operation: 'create',
			stage: 'appointmentscheduled',
			additionalFields: {
				dealName: `={{ ${deal.name} }}`,
				pipeline: 'default',
				closeDate: '={{ $now.plus({ days: 90 }).toISO() }}',
				associatedCompany: [`={{ ${deal.accountId} }}`],
				dealType: 'existingbusiness',
				description: `={{ ${deal.description} }}`,
				...customProperties([[SOURCE_PROPERTY, SUGGESTION_SOURCE]]),
			},
		}),
	suggestionPrerequisites: [`Deal property \`${SOURCE_PROPERTY}\` (single-line text)`],
	// The Company's owner (`hubspot_owner_id`) among the portal's owners (one page: 500 at most);
	// a Company may have none.
	owner: (column, row, accountId, withEmail = true) => {
		const id = "($('Get Company').item.json.properties.hubspot_owner_id || {}).value || ''";
		return ownerStep(
			column,
			row,
			(position) =>
				hubspot(
					'Get Company',
					position,
					{ resource: 'company', operation: 'get', companyId: `={{ ${accountId} }}` },
					false,
				),
			id,
			withEmail
				? {
						node: (position) =>
							httpRequest(
								'Get Owners',
								position,
								{
									method: 'GET',
									url: `${API}/owners`,
									authentication: 'predefinedCredentialType',
									nodeCredentialType: 'hubspotAppToken',
									sendQuery: true,
									queryParameters: { parameters: [{ name: 'limit', value: '500' }] },
								},
								HUBSPOT,
							),
						email: `((($('Get Owners').item.json.results || []).find((o) => o.id === String(${id})) || {}).email || '')`,
					}
				: undefined,
		);
	},
	ownerSource: "the Company's `hubspot_owner_id`",
	ownerPrerequisites: ['a service key with the `crm.objects.owners.read` scope'],
};

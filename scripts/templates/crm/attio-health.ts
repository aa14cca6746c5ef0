import { setFields } from '../kit';
import { type CrmHealth, ownerStep, type Setup, SUGGESTION_SOURCE } from './adapter';
import { attio } from './attio-nodes';
import { codeFile } from '../code/inline';

const COMPANY = (id: string) => `{ target_object: 'companies', target_record_id: ${id} }`;

/** Attio requires an owner on every deal: the workspace member the user names once. */
export const DEAL_OWNER: Setup = {
	node: (position) =>
		setFields('Config', position, [['dealOwnerEmail', 'owner@example.com', 'string']]),
	userSets: [
		{
			node: 'Config',
			parameter: 'dealOwnerEmail',
			what: 'the workspace member who owns new deals',
		},
	],
};

/** Attio's deal stages that are closed (the Deals object's defaults). */
const CLOSED_STAGES = ['Won 🎉', 'Lost'];

/** Companies have no standard owner attribute in Attio: the templates read this one. */
const OWNER_ATTRIBUTE = 'account_owner';

export const attioHealth: CrmHealth = {
	deal: 'Deal',
	account: 'Company',
	credential: '**Attio API token**',
	// Tasks have no subject: ours are the open tasks on the Company whose text starts with it.
	openTasks: (name, position, subject) => ({
		node: attio(name, position, 'GET', '/tasks', undefined, {
			linked_object: 'companies',
			linked_record_id: '={{ $json.accountId }}',
			is_completed: 'false',
		}),
		isOpen: codeFile('attio-is-open-task', { __SUBJECT_JSON__: JSON.stringify(subject) }),
	}),
	// Tasks have no priority; the subject is the first line of the content.
	createTask: (name, position, task) =>
		attio(
			name,
			position,
			'POST',
			'/tasks',
			`={{ JSON.stringify({ data: { content: ${task.subject} + '\\n' + ${task.body}, format: 'plaintext', deadline_at: $now.plus({ days: ${task.dueInDays} }).toISO(), is_completed: false, linked_records: [${COMPANY(task.accountId)}], assignees: ${task.ownerId ? `${task.ownerId} ? [{ referenced_actor_type: 'workspace-member', referenced_actor_id: ${task.ownerId} }] : []` : '[]'} } }) }}`,
		),
	openSuggestions: (name, position) => ({
		node: attio(
			name,
			position,
			'POST',
			'/objects/deals/records/query',
			`={{ JSON.stringify({ filter: { replicated_source: ${JSON.stringify(SUGGESTION_SOURCE)}, associated_company: ${COMPANY('$json.accountId')} }, limit: 50 }) }}`,
		),
		isOpen: codeFile('attio-is-open-deal', { __CLOSED_JSON__: JSON.stringify(CLOSED_STAGES) }),
	}),
	suggestDeal: (name, position, deal) =>
		attio(
			name,
			position,
			'POST',
			'/objects/deals/records',
			`={{ JSON.stringify({ data: { values: { name: ${deal.name}, stage: 'Lead', owner: $('Config').first().json.dealOwnerEmail, associated_company: ${COMPANY(deal.accountId)}, replicated_source: ${JSON.stringify(SUGGESTION_SOURCE)}, replicated_signals: ${deal.description} } } }) }}`,
		),
	suggestionPrerequisites: [
		'Deal attributes `replicated_source` and `replicated_signals` (Text)',
		'the Deals object enabled',
	],
	suggestionSetup: DEAL_OWNER,
	// INFERRED: a Workspace member attribute reads as [{ referenced_actor_type, referenced_actor_id }]
	// (Attio's actor-reference value); the member's email comes from the workspace's member list.
	owner: (column, row, accountId, withEmail = true) => {
		const id = `((($('Get Company').item.json.data.values.${OWNER_ATTRIBUTE} || [])[0] || {}).referenced_actor_id || '')`;
		return ownerStep(
			column,
			row,
			(position) =>
				attio('Get Company', position, 'GET', `=/objects/companies/records/{{ ${accountId} }}`),
			id,
			withEmail
				? {
						node: (position) =>
							attio('Get Workspace Members', position, 'GET', '/workspace_members'),
						email: `((($('Get Workspace Members').item.json.data || []).find((m) => m.id.workspace_member_id === ${id}) || {}).email_address || '')`,
					}
				: undefined,
		);
	},
	ownerSource: `the Company's \`${OWNER_ATTRIBUTE}\` attribute`,
	ownerPrerequisites: [`Company attribute \`${OWNER_ATTRIBUTE}\` (Workspace member)`],
};

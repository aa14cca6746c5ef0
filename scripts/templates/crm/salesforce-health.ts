import type { TemplateNode } from '../kit';
import { type CrmHealth, ownerStep, SUGGESTION_SOURCE } from './adapter';
import { salesforce } from './salesforce-nodes';
import { codeFile } from '../code/inline';

/**
 * One SOQL query per run lists our open records with their Account: scheduled scans ask the CRM
 * what is still open instead of remembering what they did (static data is neither kept for
 * manual runs nor shared safely in queue mode).
 */
function openRecords(name: string, position: [number, number], soql: string): TemplateNode {
	return {
		...salesforce(name, position, { resource: 'search', operation: 'query', query: soql }, false),
		executeOnce: true,
		alwaysOutputData: true,
	};
}

const quoted = (text: string) => `'${text.replace(/'/g, "\\'")}'`;

export const salesforceHealth: CrmHealth = {
	deal: 'Opportunity',
	account: 'Account',
	credential: '**Salesforce account**',
	openTasks: (name, position, subject) => ({
		node: openRecords(
			name,
			position,
			`SELECT Id, WhatId FROM Task WHERE Subject = ${quoted(subject)} AND Status != 'Completed'`,
		),
		isOpen: codeFile('salesforce-is-open', { __ACCOUNT_FIELD__: 'WhatId' }),
	}),
	createTask: (name, position, task) =>
		salesforce(name, position, {
			resource: 'task',
			operation: 'create',
			status: 'Not Started',
			additionalFields: {
				whatId: `={{ ${task.accountId} }}`,
				...(task.ownerId ? { owner: `={{ ${task.ownerId} }}` } : {}),
				subject: `={{ ${task.subject} }}`,
				priority: task.priority,
				description: `={{ ${task.body} }}`,
				activityDate: `={{ $now.plus({ days: ${task.dueInDays} }).toISODate() }}`,
			},
		}),
	openSuggestions: (name, position) => ({
		node: openRecords(
			name,
			position,
			`SELECT Id, AccountId FROM Opportunity WHERE LeadSource = ${quoted(SUGGESTION_SOURCE)} AND StageName != 'Closed Won' AND StageName != 'Closed Lost'`,
		),
		isOpen: codeFile('salesforce-is-open', { __ACCOUNT_FIELD__: 'AccountId' }),
	}),
	suggestDeal: (name, position, deal) =>
		salesforce(name, position, {
			resource: 'opportunity',
			operation: 'create',
			name: `={{ ${deal.name} }}`,
			closeDate: '={{ $now.plus({ days: 90 }).toISODate() }}',
			stageName: 'Prospecting',
			additionalFields: {
				accountId: `={{ ${deal.accountId} }}`,
				leadSource: SUGGESTION_SOURCE,
				type: 'Existing Customer - Upgrade',
				description: `={{ ${deal.description} }}`,
			},
		}),
	suggestionPrerequisites: [`Lead Source picklist value \`${SUGGESTION_SOURCE}\``],
	// Every Account has an owner: its user's email.
	owner: (column, row, accountId, withEmail = true) =>
		ownerStep(
			column,
			row,
			(position) =>
				salesforce(
					'Get Account',
					position,
					{ resource: 'account', operation: 'get', accountId: `={{ ${accountId} }}` },
					false,
				),
			"$('Get Account').item.json.OwnerId",
			withEmail
				? {
						node: (position) =>
							salesforce(
								'Get Account Owner',
								position,
								{ resource: 'user', operation: 'get', userId: '={{ $json.OwnerId }}' },
								false,
							),
						email: "$('Get Account Owner').item.json.Email",
					}
				: undefined,
		),
	ownerSource: "the Account's Owner field",
	ownerPrerequisites: [],
};

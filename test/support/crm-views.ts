import { SUGGESTION_SOURCE } from '../../scripts/templates/crm/adapter';
import type { FakeAttio } from '../fakes/attio';
import type { FakeHubSpot } from '../fakes/hubspot';
import type { FakeSalesforce } from '../fakes/salesforce';

/** A task on an account, as a CS user sees it in any CRM. */
export interface SeenTask {
	subject: string;
	body: string;
	ownerEmail?: string;
	/** Only Salesforce's tasks have one. */
	priority?: string;
	open: boolean;
}

/** A suggested expansion deal on an account. */
export interface SeenDeal {
	name: string;
	description: string;
}

/**
 * One CRM fake seen in the same terms for every CRM, so that a scenario is written once: it makes
 * the account a customer's Custom ID names, and reads back what the templates wrote there.
 */
export interface CrmView {
	/** A new account (a Salesforce Account, a HubSpot or Attio Company), owned by a user with this email. */
	account(name: string, ownerEmail?: string): string;
	tasks(accountId: string): SeenTask[];
	suggestions(accountId: string): SeenDeal[];
	hasTaskPriority: boolean;
	/** Salesforce requires an owner on every Account; HubSpot and Attio companies may have none. */
	ownerOptional: boolean;
}

export function salesforceView(salesforce: FakeSalesforce): CrmView {
	const records = (object: string) => [...(salesforce.records.get(object)?.values() ?? [])];
	return {
		account: (name, ownerEmail) => {
			const owner = ownerEmail
				? salesforce.insert('User', { Email: ownerEmail, LastName: name }).Id
				: undefined;
			return salesforce.insert('Account', { Name: name, ...(owner ? { OwnerId: owner } : {}) }).Id;
		},
		tasks: (accountId) =>
			records('Task')
				.filter((t) => t.WhatId === accountId)
				.map((t) => ({
					subject: String(t.Subject),
					body: String(t.Description ?? ''),
					ownerEmail: records('User').find((u) => u.Id === t.OwnerId)?.Email as string | undefined,
					priority: t.Priority as string | undefined,
					open: t.Status !== 'Completed',
				})),
		suggestions: (accountId) =>
			records('Opportunity')
				.filter((o) => o.AccountId === accountId && o.LeadSource === SUGGESTION_SOURCE)
				.map((o) => ({ name: String(o.Name), description: String(o.Description ?? '') })),
		hasTaskPriority: true,
		ownerOptional: false,
	};
}

export function hubspotView(hubspot: FakeHubSpot): CrmView {
	return {
		account: (name, ownerEmail) => {
			const owner = ownerEmail ? hubspot.addOwner(ownerEmail) : undefined;
			return String(
				hubspot.add('company', { name, ...(owner ? { hubspot_owner_id: owner } : {}) }).id,
			);
		},
		tasks: (accountId) =>
			hubspot.engagements
				.filter((e) => (e.engagement as { type: string }).type === 'TASK')
				.filter((e) =>
					((e.associations as { companyIds?: unknown[] }).companyIds ?? [])
						.map(String)
						.includes(accountId),
				)
				.map((e) => {
					const metadata = e.metadata as { subject: string; body?: string; status: string };
					const ownerId = (e.engagement as { ownerId?: number }).ownerId;
					return {
						subject: metadata.subject,
						body: metadata.body ?? '',
						ownerEmail: hubspot.owners.find((o) => Number(o.id) === ownerId)?.email,
						open: metadata.status !== 'COMPLETED',
					};
				}),
		suggestions: (accountId) =>
			[...hubspot.deals.values()]
				.filter(
					(d) =>
						d.associations.companyIds.map(String).includes(accountId) &&
						d.properties.replicated_source === SUGGESTION_SOURCE,
				)
				.map((d) => ({ name: d.properties.dealname, description: d.properties.description ?? '' })),
		hasTaskPriority: false,
		ownerOptional: true,
	};
}

export function attioView(attio: FakeAttio): CrmView {
	const first = (values: Array<Record<string, unknown>> | undefined) =>
		String(values?.[0]?.value ?? '');
	return {
		account: (name, ownerEmail) => {
			const owner = ownerEmail ? attio.addMember(ownerEmail) : undefined;
			return attio.add('companies', {
				name,
				...(owner
					? {
							account_owner: {
								referenced_actor_type: 'workspace-member',
								referenced_actor_id: owner,
							},
						}
					: {}),
			}).id.record_id;
		},
		// A task's subject is the first line of its content (Attio's tasks have no subject).
		tasks: (accountId) =>
			attio.tasks
				.filter((t) =>
					(t.linked_records as Array<{ target_record_id: string }>).some(
						(r) => r.target_record_id === accountId,
					),
				)
				.map((t) => {
					const [subject, ...body] = String(t.content).split('\n');
					const assignee = (t.assignees as Array<{ referenced_actor_id?: string }>)[0];
					return {
						subject,
						body: body.join('\n'),
						ownerEmail: attio.members.find((m) => m.id === assignee?.referenced_actor_id)?.email,
						open: t.is_completed !== true,
					};
				}),
		suggestions: (accountId) =>
			[...attio.records.deals.values()]
				.filter(
					(d) =>
						d.values.associated_company?.some((v) => v.target_record_id === accountId) &&
						first(d.values.replicated_source) === SUGGESTION_SOURCE,
				)
				.map((d) => ({
					name: first(d.values.name),
					description: first(d.values.replicated_signals),
				})),
		hasTaskPriority: false,
		ownerOptional: true,
	};
}

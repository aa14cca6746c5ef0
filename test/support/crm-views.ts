import { SUGGESTION_SOURCE } from '../../scripts/templates/crm/adapter';
import type { FakeAttio } from '../fakes/attio';
import type { FakeHubSpot } from '../fakes/hubspot';
import type { FakeSalesforce } from '../fakes/salesforce';
import type { Instance } from '../emulator/model';
import type { TemplateRig } from './template-rig';

/** A task on an account, as a CS user sees it in any CRM. */

/** HubSpot rich text (HTML, escaped by the templates) as the text a rep reads. */
const richText = (html: string) =>
	html
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');

export interface SeenTask {
	subject: string;
	body: string;
	ownerEmail?: string;
	/** Only Salesforce's tasks have one. */
	priority?: string;
	open: boolean;
}

/** A lead (Salesforce Lead, HubSpot lead Contact, Attio Person) from a trial signup. */
export interface SeenLead {
	email: string;
	firstName: string;
	lastName: string;
	title: string;
	companySize: string;
	useCase: string;
	source: string;
	description: string;
}

/** An account and the Replicated fields the join flow keeps on it. */
export interface SeenAccount {
	id: string;
	name: string;
	replicatedCustomerId: string;
	licenseType: string;
	channel: string;
	licenseExpires: string;
}

/** An activity on an account's timeline (a completed task, or an Attio note). */
export interface SeenActivity {
	title: string;
	body: string;
}

/** The revenue-recognition dates on a deal, by the flow's names. */
export interface SeenRevenueDates {
	provisioned?: string;
	firstAccess?: string;
	firstDownload?: string;
	confirmedRunning?: string;
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
	leads(): SeenLead[];
	accountNamed(name: string): SeenAccount | undefined;
	/** The names of the account's deals (Opportunities). */
	deals(accountId: string): string[];
	/** The emails of the people linked to the account. */
	contacts(accountId: string): string[];
	activities(accountId: string): SeenActivity[];
	/** A won deal on the account with these revenue dates already set; its ID. */
	wonDeal(accountId: string, dates: SeenRevenueDates): string;
	revenueDates(dealId: string): SeenRevenueDates;
	/** Why a paid revenue date stays empty, as the milestones flow wrote it ('' when none). */
	revenueNote(dealId: string): string;
	/** What the deal-won flow wrote back on a deal. */
	dealState(dealId: string): { replicatedCustomerId?: string; licenseState?: string };
	/** The CRM's host behind the proxy, and the request that writes a lead (to make it fail). */
	host: string;
	leadWrite: { method: string; path: RegExp };
	/** Whether the join flow links the new customer's contact when there was no lead before. */
	contactWithoutLead: boolean;
	hasTaskPriority: boolean;
	/** Salesforce requires an owner on every Account; HubSpot and Attio companies may have none. */
	ownerOptional: boolean;
}

const SF_REVENUE: Record<keyof SeenRevenueDates, string> = {
	provisioned: 'Provisioned_At__c',
	firstAccess: 'First_Access_At__c',
	firstDownload: 'First_Download_At__c',
	confirmedRunning: 'Confirmed_Running_At__c',
};

/** Only the dates that are set, so that scenarios compare them exactly. */
const setDates = (read: (key: keyof SeenRevenueDates) => unknown): SeenRevenueDates =>
	Object.fromEntries(
		(['provisioned', 'firstAccess', 'firstDownload', 'confirmedRunning'] as const)
			.map((key) => [key, read(key)])
			.filter(([, value]) => value),
	) as SeenRevenueDates;

export function salesforceView(salesforce: FakeSalesforce): CrmView {
	const records = (object: string) => [...(salesforce.records.get(object)?.values() ?? [])];
	const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
	return {
		host: salesforce.host,
		leadWrite: { method: 'POST', path: /\/sobjects\/lead$/i },
		contactWithoutLead: false,
		leads: () =>
			records('Lead').map((l) => ({
				email: text(l.Email),
				firstName: text(l.FirstName),
				lastName: text(l.LastName),
				title: text(l.Title),
				companySize: text(l.Company_Size__c),
				useCase: text(l.Use_Case__c),
				source: text(l.LeadSource),
				description: text(l.Description),
			})),
		accountNamed: (name) => {
			const a = records('Account').find((r) => r.Name === name);
			return a
				? {
						id: a.Id,
						name: text(a.Name),
						replicatedCustomerId: text(a.Replicated_Customer_Id__c),
						licenseType: text(a.Replicated_License_Type__c),
						channel: text(a.Replicated_Channel__c),
						licenseExpires: text(a.Replicated_License_Expires__c),
					}
				: undefined;
		},
		deals: (accountId) =>
			records('Opportunity')
				.filter((o) => o.AccountId === accountId)
				.map((o) => text(o.Name)),
		contacts: (accountId) =>
			records('Contact')
				.filter((c) => c.AccountId === accountId)
				.map((c) => text(c.Email)),
		activities: (accountId) =>
			records('Task')
				.filter((t) => t.WhatId === accountId && t.Status === 'Completed')
				.map((t) => ({ title: text(t.Subject), body: text(t.Description) })),
		wonDeal: (accountId, dates) =>
			salesforce.insert('Opportunity', {
				Name: 'Won platform deal',
				AccountId: accountId,
				StageName: 'Closed Won',
				...Object.fromEntries(
					Object.entries(dates).map(([k, v]) => [SF_REVENUE[k as keyof SeenRevenueDates], v]),
				),
			}).Id,
		revenueDates: (dealId) => {
			const o = records('Opportunity').find((r) => r.Id === dealId)!;
			return setDates((key) => o[SF_REVENUE[key]]);
		},
		revenueNote: (dealId) =>
			text(records('Opportunity').find((r) => r.Id === dealId)!.Revenue_Dates_Note__c),
		dealState: (dealId) => {
			const o = records('Opportunity').find((r) => r.Id === dealId)!;
			return {
				replicatedCustomerId: o.Replicated_Customer_Id__c as string | undefined,
				licenseState: o.Replicated_License_State__c as string | undefined,
			};
		},
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

const SNAKE_REVENUE: Record<keyof SeenRevenueDates, string> = {
	provisioned: 'provisioned_at',
	firstAccess: 'first_access_at',
	firstDownload: 'first_download_at',
	confirmedRunning: 'confirmed_running_at',
};

export function hubspotView(hubspot: FakeHubSpot): CrmView {
	const deal = (dealId: string) => hubspot.deals.get(Number(dealId))!;
	return {
		host: hubspot.host,
		leadWrite: { method: 'POST', path: /createOrUpdate/ },
		contactWithoutLead: true,
		leads: () =>
			[...hubspot.contacts.values()]
				.filter((c) => c.properties.lifecyclestage === 'lead')
				.map(({ properties: p }) => ({
					email: p.email,
					firstName: p.firstname ?? '',
					lastName: p.lastname ?? '',
					title: p.jobtitle ?? '',
					companySize: p.company_size ?? '',
					useCase: p.use_case ?? '',
					source: p.lead_source ?? '',
					description: p.message ?? '',
				})),
		accountNamed: (name) => {
			const c = [...hubspot.companies.values()].find((r) => r.properties.name === name);
			return c
				? {
						id: String(c.id),
						name: c.properties.name,
						replicatedCustomerId: c.properties.replicated_customer_id ?? '',
						licenseType: c.properties.replicated_license_type ?? '',
						channel: c.properties.replicated_channel ?? '',
						licenseExpires: c.properties.replicated_license_expires ?? '',
					}
				: undefined;
		},
		deals: (accountId) =>
			[...hubspot.deals.values()]
				.filter((d) => d.associations.companyIds.map(String).includes(accountId))
				.map((d) => d.properties.dealname),
		contacts: (accountId) =>
			[...hubspot.contacts.values()]
				.filter((c) => c.associations.companyIds.map(String).includes(accountId))
				.map((c) => c.properties.email),
		activities: (accountId) =>
			hubspot.engagements
				.filter((e) => (e.engagement as { type: string }).type === 'TASK')
				.filter((e) => (e.metadata as { status: string }).status === 'COMPLETED')
				.filter((e) =>
					((e.associations as { companyIds?: unknown[] }).companyIds ?? [])
						.map(String)
						.includes(accountId),
				)
				.map((e) => {
					const m = e.metadata as { subject: string; body?: string };
					return { title: m.subject, body: richText(m.body ?? '') };
				}),
		wonDeal: (accountId, dates) =>
			String(
				hubspot.add(
					'deal',
					{
						dealname: 'Won platform deal',
						dealstage: 'closedwon',
						...Object.fromEntries(
							Object.entries(dates).map(([k, v]) => [
								SNAKE_REVENUE[k as keyof SeenRevenueDates],
								v,
							]),
						),
					},
					[Number(accountId)],
				).id,
			),
		revenueDates: (dealId) => setDates((key) => deal(dealId).properties[SNAKE_REVENUE[key]]),
		revenueNote: (dealId) => deal(dealId).properties.revenue_dates_note ?? '',
		dealState: (dealId) => ({
			replicatedCustomerId: deal(dealId).properties.replicated_customer_id,
			licenseState: deal(dealId).properties.replicated_license_state,
		}),
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
						body: richText(metadata.body ?? ''),
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
	const deal = (dealId: string) => attio.records.deals.get(dealId)!;
	const linkedTo = (values: Array<Record<string, unknown>> | undefined, accountId: string) =>
		(values ?? []).some((v) => v.target_record_id === accountId);
	return {
		host: attio.host,
		leadWrite: { method: 'PUT', path: /people\/records$/ },
		contactWithoutLead: true,
		leads: () =>
			[...attio.records.people.values()]
				.filter((p) => p.values.lead_source)
				.map(({ values: v }) => {
					const name = (v.name?.[0] ?? {}) as { first_name?: string; last_name?: string };
					return {
						email: String(v.email_addresses?.[0]?.email_address ?? ''),
						firstName: name.first_name ?? '',
						lastName: name.last_name ?? '',
						title: first(v.job_title),
						companySize: first(v.company_size),
						useCase: first(v.use_case),
						source: first(v.lead_source),
						description: first(v.description),
					};
				}),
		accountNamed: (name) => {
			const c = [...attio.records.companies.values()].find((r) => first(r.values.name) === name);
			return c
				? {
						id: c.id.record_id,
						name,
						replicatedCustomerId: first(c.values.replicated_customer_id),
						licenseType: first(c.values.replicated_license_type),
						channel: first(c.values.replicated_channel),
						licenseExpires: first(c.values.replicated_license_expires),
					}
				: undefined;
		},
		deals: (accountId) =>
			[...attio.records.deals.values()]
				.filter((d) => linkedTo(d.values.associated_company, accountId))
				.map((d) => first(d.values.name)),
		contacts: (accountId) =>
			[...attio.records.people.values()]
				.filter((p) => linkedTo(p.values.company, accountId))
				.map((p) => String(p.values.email_addresses?.[0]?.email_address ?? '')),
		activities: (accountId) =>
			attio.notes
				.filter((n) => n.parent_object === 'companies' && n.parent_record_id === accountId)
				.map((n) => ({ title: String(n.title), body: String(n.content) })),
		wonDeal: (accountId, dates) =>
			attio.add('deals', {
				name: 'Won platform deal',
				stage: 'Won 🎉',
				associated_company: { target_object: 'companies', target_record_id: accountId },
				...Object.fromEntries(
					Object.entries(dates).map(([k, v]) => [SNAKE_REVENUE[k as keyof SeenRevenueDates], v]),
				),
			}).id.record_id,
		revenueDates: (dealId) =>
			setDates((key) => first(deal(dealId).values[SNAKE_REVENUE[key]]) || undefined),
		revenueNote: (dealId) => first(deal(dealId).values.revenue_dates_note),
		dealState: (dealId) => ({
			replicatedCustomerId: first(deal(dealId).values.replicated_customer_id) || undefined,
			licenseState: first(deal(dealId).values.replicated_license_state) || undefined,
		}),
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

/** A paid customer of the emulator whose Custom ID is a new account of the CRM, with its instances. */
export function linkedCustomer(
	rig: TemplateRig,
	view: CrmView,
	name: string,
	{
		ownerEmail,
		instances = [],
	}: { ownerEmail?: string; instances?: Array<Partial<Instance>> } = {},
) {
	const accountId = view.account(name, ownerEmail);
	const customer = rig.emulator.state.addCustomer({
		appId: [...rig.emulator.state.apps.keys()][0],
		name,
		customId: accountId,
		type: 'prod',
	});
	for (const i of instances) rig.emulator.state.addInstance(customer.id, i);
	return { customer, accountId };
}

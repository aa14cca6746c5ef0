import { SUGGESTION_SOURCE } from '../../../scripts/templates/crm/adapter';
import { attioCrm } from '../../../scripts/templates/crm/attio';
import type { FakeAttio } from '../../fakes/attio';
import {
	type CrmView,
	type FulfillmentView,
	productFields,
	SNAKE_REVENUE,
	type SeenRevenueDates,
	setDates,
} from './index';

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

export function attioFulfillment(attio: FakeAttio, fulfilledStage: string): FulfillmentView {
	const products = new Map<string, string>();
	const first = (recordId: string, slug: string) => {
		const v = attio.records.deals.get(recordId)!.values[slug]?.[0];
		return v ? String(v.value ?? '') : '';
	};
	return {
		host: attio.host,
		product: (p) => {
			products.set(
				p.name,
				attio.add('products', { name: p.name, ...productFields(p, attioCrm.products) }).id
					.record_id,
			);
		},
		order: ({ account, contact, lines, contractEnd }) => {
			const company = attio.add('companies', { name: account });
			const person = contact
				? attio.add('people', {
						email_addresses: [contact.email],
						name: [
							{
								first_name: contact.firstName,
								last_name: account,
								full_name: `${contact.firstName} ${account}`,
							},
						],
					})
				: undefined;
			const deal = attio.add('deals', {
				name: `${account} platform`,
				stage: fulfilledStage,
				license_end_date: contractEnd,
				associated_company: [
					{ target_object: 'companies', target_record_id: company.id.record_id },
				],
				...(person
					? {
							associated_people: [
								{ target_object: 'people', target_record_id: person.id.record_id },
							],
						}
					: {}),
			});
			for (const line of lines)
				attio.add('line_items', {
					deal: [{ target_object: 'deals', target_record_id: deal.id.record_id }],
					product: [{ target_object: 'products', target_record_id: products.get(line.product) }],
					quantity: line.quantity,
				});
			return { recordId: deal.id.record_id, accountId: company.id.record_id };
		},
		state: (recordId) => ({
			customerId: first(recordId, 'replicated_customer_id'),
			licenseState: first(recordId, 'replicated_license_state'),
			fulfilled: Boolean(first(recordId, 'replicated_fulfilled_at')),
			error: first(recordId, 'replicated_fulfillment_error'),
		}),
		files: (recordId) =>
			attio.files
				.filter((f) => f.object === 'deals' && f.recordId === recordId)
				.map((f) => ({ name: f.name, bytes: f.bytes })),
		activateAgain: (recordId) => {
			const deal = attio.records.deals.get(recordId)!;
			deal.values.stage = [{ status: { title: 'In Progress' } }];
			deal.values.stage = [{ status: { title: fulfilledStage } }];
		},
		upload: { method: 'POST', path: /^\/v2\/files\/upload$/ },
	};
}

import { SUGGESTION_SOURCE } from '../../../scripts/templates/crm/adapter';
import { hubspotCrm } from '../../../scripts/templates/crm/hubspot';
import type { FakeHubSpot } from '../../fakes/hubspot';
import {
	type CrmView,
	type FulfillmentView,
	ORDER_START,
	productFields,
	SNAKE_REVENUE,
	type SeenRevenueDates,
	setDates,
} from './index';

/** HubSpot rich text (HTML, escaped by the templates) as the text a rep reads. */
const richText = (html: string) =>
	html
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');

export function hubspotView(hubspot: FakeHubSpot): CrmView {
	const deal = (dealId: string) => hubspot.deals.get(Number(dealId))!;
	/** The task engagements associated with the company. */
	const tasksOn = (accountId: string) =>
		hubspot.engagements
			.filter((e) => (e.engagement as { type: string }).type === 'TASK')
			.filter((e) =>
				((e.associations as { companyIds?: unknown[] }).companyIds ?? [])
					.map(String)
					.includes(accountId),
			);
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
			tasksOn(accountId)
				.filter((e) => (e.metadata as { status: string }).status === 'COMPLETED')
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
			tasksOn(accountId).map((e) => {
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

export function hubspotFulfillment(hubspot: FakeHubSpot, fulfilledStage: string): FulfillmentView {
	const products = new Map<string, number>();
	return {
		host: hubspot.host,
		product: (p) => {
			products.set(
				p.name,
				hubspot.addObject('products', {
					name: p.name,
					...(productFields(p, hubspotCrm.products, true) as Record<string, string>),
				}).id,
			);
		},
		order: ({ account, contact, lines, contractEnd }) => {
			const company = hubspot.add('company', { name: account });
			const deal = hubspot.add(
				'deal',
				{
					dealname: `${account} platform`,
					dealstage: fulfilledStage,
					closedate: `${ORDER_START}T00:00:00.000Z`,
					license_end_date: contractEnd,
				},
				[company.id],
			);
			if (contact) {
				const person = hubspot.add('contact', {
					email: contact.email,
					firstname: contact.firstName,
				});
				hubspot.associate('deal', deal.id, 'contacts', person.id);
			}
			for (const line of lines) {
				const item = hubspot.addObject('line_items', {
					name: line.product,
					quantity: String(line.quantity),
					hs_product_id: String(products.get(line.product)),
				});
				hubspot.associate('deal', deal.id, 'line_items', item.id);
			}
			return { recordId: String(deal.id), accountId: String(company.id) };
		},
		state: (recordId) => {
			const p = hubspot.deals.get(Number(recordId))!.properties;
			return {
				customerId: p.replicated_customer_id ?? '',
				licenseState: p.replicated_license_state ?? '',
				fulfilled: Boolean(p.replicated_fulfilled_at),
				error: p.replicated_fulfillment_error ?? '',
			};
		},
		files: (recordId) =>
			hubspot
				.notesOf(Number(recordId))
				.flatMap((note) => String(note.properties.hs_attachment_ids ?? '').split(';'))
				.filter(Boolean)
				.map((id) => hubspot.files.get(Number(id))!)
				.map((f) => ({ name: f.name, bytes: f.bytes })),
		activateAgain: (recordId) => {
			const deal = hubspot.deals.get(Number(recordId))!;
			deal.properties.dealstage = 'contractsent';
			deal.properties.dealstage = fulfilledStage;
		},
		upload: { method: 'POST', path: /^\/files\/v3\/files$/ },
	};
}

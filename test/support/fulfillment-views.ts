import {
	ENTITLEMENTS_FIELD,
	INSTALL_OPTION_FIELDS,
	PRODUCT_FIELDS,
} from '../../scripts/templates/crm/product-fields';
import type { FakeAttio } from '../fakes/attio';
import type { FakeHubSpot } from '../fakes/hubspot';
import type { FakeSalesforce } from '../fakes/salesforce';

/** A product of the vendor's catalogue with its Replicated fields, in any CRM. */
export interface SeedProduct {
	name: string;
	isAddOn: boolean;
	app?: string;
	channel?: string;
	licenseType?: string;
	termMonths?: number;
	quantityEntitlement?: string;
	entitlements?: Record<string, string | number | boolean>;
	/** Replicated's install option fields (`is_airgap_enabled` …) this product turns on or off. */
	installOptions?: Record<string, boolean>;
}

/** An order ready to fulfil: Activated (Salesforce) or at the fulfilled stage (HubSpot, Attio). */
export interface SeedOrder {
	account: string;
	/** The contact the license goes to; null for an order without one. */
	contact: { email: string; firstName: string } | null;
	lines: Array<{ product: string; quantity: number }>;
	/** YYYY-MM-DD: the license expiry. */
	contractEnd: string;
}

/** What the flow wrote back on the order; '' where it wrote nothing. */
export interface SeenFulfillment {
	customerId: string;
	licenseState: string;
	fulfilled: boolean;
	error: string;
}

/**
 * One CRM fake seen in the fulfillment's terms, so that its scenario is written once: products and
 * orders made in the CRM's own objects, and the outcome and files read back from them.
 */
export interface FulfillmentView {
	host: string;
	product(product: SeedProduct): void;
	order(order: SeedOrder): { recordId: string; accountId: string };
	state(recordId: string): SeenFulfillment;
	/** The files attached to the record: name and bytes. */
	files(recordId: string): Array<{ name: string; bytes: Buffer }>;
	/** The order is taken back and made ready again (Draft → Activated, or out of the stage and back). */
	activateAgain(recordId: string): void;
	/** The request that uploads a file, to make it fail. */
	upload: { method: string; path: RegExp };
}

/** A product's fields named as the CRM names them; `text` turns values into the CRM's strings. */
function productFields(
	p: SeedProduct,
	naming: 'salesforce' | 'property',
	text = false,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const put = (name: string, value: unknown) => {
		if (value !== undefined) out[name] = text ? String(value) : value;
	};
	for (const f of PRODUCT_FIELDS) put(f[naming], p[f.line]);
	if (p.entitlements) put(ENTITLEMENTS_FIELD[naming], JSON.stringify(p.entitlements));
	for (const f of INSTALL_OPTION_FIELDS) put(f[naming], p.installOptions?.[f.option]);
	return out;
}

const ORDER_START = '2026-12-01';

export function salesforceFulfillment(salesforce: FakeSalesforce): FulfillmentView {
	const products = new Map<string, string>();
	const order = (id: string) => salesforce.records.get('Order')!.get(id)!;
	const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
	return {
		host: salesforce.host,
		product: (p) => {
			products.set(
				p.name,
				salesforce.insert('Product2', { Name: p.name, ...productFields(p, 'salesforce') }).Id,
			);
		},
		order: ({ account, contact, lines, contractEnd }) => {
			const accountId = salesforce.insert('Account', { Name: account }).Id;
			const contactId = contact
				? salesforce.insert('Contact', {
						FirstName: contact.firstName,
						LastName: account,
						Email: contact.email,
						AccountId: accountId,
					}).Id
				: undefined;
			const recordId = salesforce.insert('Order', {
				AccountId: accountId,
				Status: 'Activated',
				OrderNumber: String(100 + (salesforce.records.get('Order')?.size ?? 0)).padStart(8, '0'),
				EffectiveDate: ORDER_START,
				EndDate: contractEnd,
				...(contactId ? { ShipToContactId: contactId } : {}),
			}).Id;
			for (const line of lines)
				salesforce.insert('OrderItem', {
					OrderId: recordId,
					Product2Id: products.get(line.product),
					Quantity: line.quantity,
				});
			return { recordId, accountId };
		},
		state: (recordId) => {
			const o = order(recordId);
			return {
				customerId: text(o.Replicated_Customer_Id__c),
				licenseState: text(o.Replicated_License_State__c),
				fulfilled: Boolean(o.Replicated_Fulfilled_At__c),
				error: text(o.Replicated_Fulfillment_Error__c),
			};
		},
		files: (recordId) =>
			salesforce.files
				.filter((f) => f.FirstPublishLocationId === recordId)
				.map((f) => ({ name: String(f.PathOnClient), bytes: f.VersionData })),
		activateAgain: (recordId) => {
			salesforce.update('Order', recordId, { Status: 'Draft' });
			salesforce.update('Order', recordId, { Status: 'Activated' });
		},
		upload: { method: 'POST', path: /\/sobjects\/ContentVersion$/i },
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
					...(productFields(p, 'property', true) as Record<string, string>),
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
				attio.add('products', { name: p.name, ...productFields(p, 'property') }).id.record_id,
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

import type { CrmAdapter } from './crm/adapter';
import { INSTALL_OPTIONS, PRODUCT_FIELDS } from './crm/product-fields';
import { groupedBy, listed, wrapped } from './prose';

/** The catalogue's paragraphs are wrapped at this width (the README's other prose is too). */
const WIDTH = 96;

/** How the CRMs' orders are ready: "an activated Salesforce Order, a HubSpot or Attio Deal at …". */
const readyOrders = (crms: CrmAdapter[]) =>
	groupedBy(crms, (crm) => crm.fulfillment.catalogue.ready)
		.map((group) =>
			group[0].fulfillment.catalogue.ready.replace(
				'{crm}',
				listed(
					group.map((crm) => crm.tag),
					'or',
				),
			),
		)
		.join(', ');

const intro = (crms: CrmAdapter[]) =>
	wrapped(
		[
			"The *fulfill-license* templates read the license terms from the CRM's products, as Replicated's",
			'reference Salesforce fulfillment (`crdant/replicated-salesforce-fulfillment`) does. Each order',
			`(${readyOrders(crms)}) has exactly one **base** product, which names the app, channel, license`,
			'type and term; the other lines are **add-ons**, whose license field values count per unit and',
			"are added to the base product's (base `seats: 100`, 2 × a User Pack of `seats: 25`: 150 seats),",
			"and whose install options turn the option on. The order's end date is the license expiry;",
			`without one, the term counts from ${listed(
				crms.map((crm) => `${crm.fulfillment.catalogue.termStart} (${crm.tag})`),
				'or',
			)}.`,
			'The full rules: [docs/product-mapping.md](../docs/product-mapping.md).',
		].join(' '),
		WIDTH,
	);

/** The product fields table: one column per naming, shared by the CRMs that name them alike. */
function mappingTable(crms: CrmAdapter[]): string[] {
	const namings = groupedBy(crms, (crm) => crm.products);
	const cells = (cell: (crm: CrmAdapter) => string) =>
		namings.map((group) => cell(group[0])).join(' | ');
	const typed = (crm: CrmAdapter, type: string) =>
		crm.products.typedInCatalogue ? ` (${type})` : '';
	return [
		`| Field | ${namings
			.map((group) =>
				listed(
					group.map((crm) => crm.fulfillment.catalogue.productsHome),
					'and',
				),
			)
			.join(' | ')} | Meaning |`,
		`|---|${namings.map(() => '---|').join('')}---|`,
		...PRODUCT_FIELDS.map(
			(f) =>
				`| ${f.line} | ${cells((crm) => `\`${crm.products.name(f.line)}\`${typed(crm, f.type)}`)} | ${f.what} |`,
		),
		`| entitlements | ${cells((crm) => `\`${crm.products.name('entitlements')}\` (${crm.products.entitlementsType})`)} | license field values per unit, as JSON: \`{"seats": 25, "tier": "premium"}\` |`,
		...INSTALL_OPTIONS.map(
			(option) =>
				`| install option \`${option}\` | ${cells((crm) => `\`${crm.products.name(option)}\`${typed(crm, 'Checkbox')}`)} | true turns it on |`,
		),
	];
}

/** The catalogue's Fulfillment section: the product fields each CRM's template reads, from their names. */
export const fulfillmentMapping = (crms: CrmAdapter[]): string[] => [
	'## Fulfillment: products → license',
	'',
	...intro(crms),
	'',
	...mappingTable(crms),
	'',
	'What each order is made of, and where the outcome goes:',
	'',
	'| CRM | Line items | Contact emailed | Files attached to | Written back |',
	'|---|---|---|---|---|',
	...crms.map((crm) => `| ${crm.tag} | ${crm.fulfillment.catalogue.row.join(' | ')} |`),
	'',
	'A record with a fulfillment error is left alone until the field is cleared; one marked fulfilled',
	'is never sent anything again.',
	'',
];

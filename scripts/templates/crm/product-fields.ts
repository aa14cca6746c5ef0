import { codeFile } from '../code/inline';
import { PRODUCT_PROPERTIES } from './product-properties';
import type { ProductNaming } from './product-naming';
import { SALESFORCE_PRODUCTS } from './salesforce-products';

/**
 * The Replicated fields a product carries in a CRM, named once by what they mean; each CRM adapter
 * names them in its own words with a `ProductNaming` (Salesforce's Product2 custom fields in
 * crm/salesforce-products.ts, HubSpot's product properties and Attio's product attributes in
 * crm/product-properties.ts). docs/product-mapping.md lists them for users.
 */
export interface ProductField {
	/** The line item field of License → Map Products it becomes. */
	line: 'app' | 'channel' | 'isAddOn' | 'licenseType' | 'termMonths' | 'quantityEntitlement';
	/** The type to create it with, in the catalogue's words. */
	type: string;
	what: string;
}

export const PRODUCT_FIELDS: ProductField[] = [
	{ line: 'app', type: 'Text', what: 'the Replicated app slug or ID (base products)' },
	{
		line: 'channel',
		type: 'Text',
		what: "the release channel's name, slug or ID; empty for the app's default (base products)",
	},
	{
		line: 'isAddOn',
		type: 'Checkbox',
		what: 'true for add-ons, false for the one base product of an order',
	},
	{ line: 'licenseType', type: 'Text', what: 'paid (default), trial, dev or community' },
	{ line: 'termMonths', type: 'Number', what: 'the term, used when the order gives no end date' },
	{
		line: 'quantityEntitlement',
		type: 'Text',
		what: 'the license field that takes the quantity, for products sold by the unit (e.g. `seats`)',
	},
];

/** Install options a product turns on, by Replicated's field. */
export const INSTALL_OPTIONS = [
	'is_helm_install_enabled',
	'is_kots_install_enabled',
	'is_embedded_cluster_download_enabled',
	'is_airgap_enabled',
	'is_snapshot_supported',
	'is_support_bundle_upload_enabled',
] as const;

/**
 * A product field by what it is: a line item field, `entitlements` (license field values per unit,
 * as a JSON object `{"seats": 25}` in one text field) or an install option.
 */
export type ProductFieldKey =
	| ProductField['line']
	| 'entitlements'
	| (typeof INSTALL_OPTIONS)[number];

/** Every product field, in the order queries and prerequisites list them. */
export const PRODUCT_FIELD_KEYS: ProductFieldKey[] = [
	...PRODUCT_FIELDS.map((f) => f.line),
	'entitlements',
	...INSTALL_OPTIONS,
];

/** The namings by the names the tests give them. */
const NAMED = { salesforce: SALESFORCE_PRODUCTS, property: PRODUCT_PROPERTIES };

/** Every product field name in a CRM's naming, for a query's field list or the prerequisites. */
export const productFieldNames = (naming: ProductNaming | keyof typeof NAMED): string[] =>
	PRODUCT_FIELD_KEYS.map((typeof naming === 'string' ? NAMED[naming] : naming).name);

/**
 * Code-node JavaScript defining `lineOf(product, quantity, p)` (code/line-of.js): one line item in
 * Map Products' shape from the product record `p`, whose field `name` the CRM's `read(name)`
 * expression gives (over `p`).
 */
export function lineOfCode(naming: ProductNaming, read: (name: string) => string): string {
	return codeFile(
		'line-of',
		Object.fromEntries(
			PRODUCT_FIELD_KEYS.map((key) => [placeholderOf(key), read(naming.name(key))]),
		),
	);
}

/** A field's placeholder in code/line-of.js: `isAddOn` → `__IS_ADD_ON__`. */
const placeholderOf = (key: ProductFieldKey): string =>
	`__${key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}__`;

/** The prerequisites line listing the product fields to create, in the CRM's words. */
export function productPrerequisite(
	naming: ProductNaming,
	where: string,
	checkbox: string,
): string {
	const typed = [
		...PRODUCT_FIELDS.map(
			(f) => `\`${naming.name(f.line)}\` (${f.type === 'Checkbox' ? checkbox : f.type})`,
		),
		`\`${naming.name('entitlements')}\` (${naming.entitlementsType}, JSON)`,
		...INSTALL_OPTIONS.map((option) => `\`${naming.name(option)}\` (${checkbox})`),
	];
	return `${where}: ${typed.join(', ')}`;
}

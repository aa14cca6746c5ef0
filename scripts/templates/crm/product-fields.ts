/**
 * The Replicated fields a product carries in the CRM, named once for every CRM: Salesforce's
 * Product2 custom fields (the reference implementation's names where it has them,
 * `crdant/replicated-salesforce-fulfillment`), HubSpot's product properties and Attio's product
 * attributes (one snake_case name for both). docs/product-mapping.md lists them for users.
 */
export interface ProductField {
	/** The line item field of License → Map Products it becomes. */
	line: 'app' | 'channel' | 'isAddOn' | 'licenseType' | 'termMonths' | 'quantityEntitlement';
	salesforce: string;
	property: string;
	/** The type to create it with, per CRM's words. */
	type: string;
	what: string;
}

export const PRODUCT_FIELDS: ProductField[] = [
	{
		line: 'app',
		salesforce: 'Application__c',
		property: 'replicated_app',
		type: 'Text',
		what: 'the Replicated app slug or ID (base products)',
	},
	{
		line: 'channel',
		salesforce: 'ReleaseChannel__c',
		property: 'replicated_channel',
		type: 'Text',
		what: "the release channel's name, slug or ID; empty for the app's default (base products)",
	},
	{
		line: 'isAddOn',
		salesforce: 'IsAddOn__c',
		property: 'is_add_on',
		type: 'Checkbox',
		what: 'true for add-ons, false for the one base product of an order',
	},
	{
		line: 'licenseType',
		salesforce: 'License_Type__c',
		property: 'license_type',
		type: 'Text',
		what: 'paid (default), trial, dev or community',
	},
	{
		line: 'termMonths',
		salesforce: 'Term_Months__c',
		property: 'term_months',
		type: 'Number',
		what: 'the term, used when the order gives no end date',
	},
	{
		line: 'quantityEntitlement',
		salesforce: 'Quantity_Entitlement__c',
		property: 'quantity_entitlement',
		type: 'Text',
		what: 'the license field that takes the quantity, for products sold by the unit (e.g. `seats`)',
	},
];

/** License field values per unit, as a JSON object (`{"seats": 25}`): one text field. */
export const ENTITLEMENTS_FIELD = {
	salesforce: 'Replicated_Entitlements__c',
	property: 'replicated_entitlements',
};

/** Install options a product turns on: Replicated's field, then the CRM's checkbox names. */
export const INSTALL_OPTION_FIELDS: Array<{
	option: string;
	salesforce: string;
	property: string;
}> = [
	{
		option: 'is_helm_install_enabled',
		salesforce: 'IsHelmInstallEnabled__c',
		property: 'is_helm_install_enabled',
	},
	// The reference implementation's "Admin Console" is KOTS.
	{
		option: 'is_kots_install_enabled',
		salesforce: 'IsAdminConsoleEnabled__c',
		property: 'is_admin_console_enabled',
	},
	{
		option: 'is_embedded_cluster_download_enabled',
		salesforce: 'IsEmbeddedClusterEnabled__c',
		property: 'is_embedded_cluster_enabled',
	},
	{ option: 'is_airgap_enabled', salesforce: 'IsAirgapEnabled__c', property: 'is_airgap_enabled' },
	{
		option: 'is_snapshot_supported',
		salesforce: 'IsSnapshotSupported__c',
		property: 'is_snapshot_supported',
	},
	{
		option: 'is_support_bundle_upload_enabled',
		salesforce: 'IsSupportBundleUploadEnabled__c',
		property: 'is_support_bundle_upload_enabled',
	},
];

type Naming = 'salesforce' | 'property';

/** Every product field name in a CRM's naming, for a query's field list or the prerequisites. */
export const productFieldNames = (naming: Naming): string[] => [
	...PRODUCT_FIELDS.map((f) => f[naming]),
	ENTITLEMENTS_FIELD[naming],
	...INSTALL_OPTION_FIELDS.map((f) => f[naming]),
];

/**
 * Code-node JavaScript defining `lineOf(product, quantity, p)`: one line item in Map Products'
 * shape from the product record `p`, whose field `name` the CRM's `read(name)` expression gives
 * (over `p`). An entitlements text that is not JSON is passed on as it is, for Map Products to name.
 */
export function lineOfCode(naming: Naming, read: (name: string) => string): string[] {
	return [
		"// The product's Replicated fields (docs/product-mapping.md); Map Products checks them.",
		'const entitlementsOf = (text) => {',
		"  if (text === undefined || text === null || String(text).trim() === '') return {};",
		'  try { return JSON.parse(text); } catch { return String(text); }',
		'};',
		'const lineOf = (product, quantity, p) => ({',
		'  product,',
		'  quantity,',
		...PRODUCT_FIELDS.map((f) => `  ${f.line}: ${read(f[naming])},`),
		`  entitlements: entitlementsOf(${read(ENTITLEMENTS_FIELD[naming])}),`,
		'  installOptions: {',
		...INSTALL_OPTION_FIELDS.map((f) => `    ${f.option}: ${read(f[naming])},`),
		'  },',
		'});',
	];
}

/** The prerequisites line listing the product fields to create, in the CRM's words. */
export function productPrerequisite(naming: Naming, where: string, checkbox: string): string {
	const typed = [
		...PRODUCT_FIELDS.map((f) => `\`${f[naming]}\` (${f.type === 'Checkbox' ? checkbox : f.type})`),
		`\`${ENTITLEMENTS_FIELD[naming]}\` (${naming === 'salesforce' ? 'Long Text Area' : 'Text'}, JSON)`,
		...INSTALL_OPTION_FIELDS.map((f) => `\`${f[naming]}\` (${checkbox})`),
	];
	return `${where}: ${typed.join(', ')}`;
}

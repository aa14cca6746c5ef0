import { escaped } from '../escape';
import { CONFIG } from '../health/kit';
import { at, code, httpRequest, multipartUpload, type TemplateNode } from '../kit';
import {
	chain,
	FULFILLED,
	FULFILLED_LICENSE,
	type FulfillmentSteps,
	ORDER,
	ORDER_NODE,
} from './adapter';
import { HUBSPOT, hubspot } from './hubspot-nodes';
import { lineOfCode, productFieldNames, productPrerequisite } from './product-fields';
import { PRODUCT_PROPERTIES } from './product-properties';
import { codeFile } from '../code/inline';

const API = 'https://api.hubapi.com';

const DEAL_PROPERTIES = {
	customerId: 'replicated_customer_id',
	licenseState: 'replicated_license_state',
	fulfilledAt: 'replicated_fulfilled_at',
	error: 'replicated_fulfillment_error',
	contractEnd: 'license_end_date',
};

/** HubSpot's CRM v3 API through HTTP Request with the service key (the node has no line items). */
function hubspotApi(
	name: string,
	position: [number, number],
	method: string,
	url: string,
	parameters: Record<string, unknown> = {},
): TemplateNode {
	return httpRequest(
		name,
		position,
		{
			method,
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'hubspotAppToken',
			...parameters,
		},
		HUBSPOT,
	);
}

/**
 * A batch read of the records the deals are associated with, once for all deals. An empty batch
 * (no deal has one) is not an error worth stopping for: HubSpot's answer is kept, and Order to
 * Fulfil reads it only when it asked for something.
 */
function batchRead(
	name: string,
	position: [number, number],
	objects: string,
	properties: string[],
	ids: string,
): TemplateNode {
	return {
		...hubspotApi(name, position, 'POST', `${API}/crm/v3/objects/${objects}/batch/read`, {
			jsonBody: `={{ JSON.stringify({ properties: ${JSON.stringify(properties)}, inputs: [...new Set(${ids})].map((id) => ({ id })) }) }}`,
			options: { response: { response: { neverError: true } } },
		}),
		executeOnce: true,
	};
}

const DEALS = "$('Get Deal Associations').all().map((d) => d.json)";

/**
 * HubSpot: fulfillment when a Deal reaches the stage the user names (Closed Won, or a later one),
 * read by a search every few minutes (no developer app needed). Products are HubSpot products with
 * Replicated properties; a Deal's line items name them; the files go on the Deal as a note.
 */
export const hubspotFulfillment: FulfillmentSteps = {
	summary:
		'Deal at the fulfilled stage → license from its line items (product properties) → Replicated customer created or updated (Custom ID = Company ID) → license file and install instructions attached to the Deal (note with files) and emailed to its contact → Deal marked fulfilled',
	prerequisites: [
		productPrerequisite(PRODUCT_PROPERTIES, 'Product properties', 'single checkbox'),
		`Deal properties \`${DEAL_PROPERTIES.customerId}\`, \`${DEAL_PROPERTIES.licenseState}\`, \`${DEAL_PROPERTIES.error}\` (single-line text), \`${DEAL_PROPERTIES.fulfilledAt}\` (date and time), \`${DEAL_PROPERTIES.contractEnd}\` (date, optional)`,
		'a service key with the scopes `crm.objects.deals.read/write`, `crm.objects.line_items.read`, `crm.objects.contacts.read/write`, `crm.objects.companies.read`, `e-commerce` (products) and `files`',
	],
	workflowName: 'HubSpot → Replicated: deal fulfilled to license',
	recordNoun: 'the Deal',
	accountHint: 'associate it with a Company',
	contactHint: 'associate it with a Contact that has an email address',
	catalogue: {
		ready: 'a {crm} Deal at the stage set in **Config**',
		termStart: 'the close date',
		productsHome: 'HubSpot (product property)',
		row: [
			"the Deal's line items (product, quantity)",
			"the Deal's first contact with an email",
			'the Deal (a note with both files, uploaded as private files)',
			'Deal `replicated_customer_id`, `replicated_license_state`, `replicated_fulfilled_at`, or `replicated_fulfillment_error`',
		],
	},
	config: [
		[
			'fulfilledStage',
			'closedwon',
			"the internal ID of the deal stage that means fulfil (the default pipeline's Closed Won is closedwon)",
		],
	],
	about: [
		'## Deal fulfilled → license, files and email',
		"Every 5 minutes this searches for Deals at the **fulfilled stage** not yet fulfilled. Each Deal's line items decide the license (**License → Map Products**): the one base product names the app, channel and term, add-ons add entitlements per unit and turn on install options. The Company's Replicated customer is created, or updated when it exists (Custom ID = Company ID; a trial becomes paid). The **license file** and **install instructions** are uploaded to HubSpot's files and attached to the Deal in a note, then emailed to the Deal's first contact with an email; the Deal is marked fulfilled.",
		'',
		'### Configure',
		'1. Credentials: **Replicated account**, **HubSpot service key** (scopes in the template catalogue), **SMTP account**.',
		"2. **Config**: the fulfilled stage's internal ID (Settings → Objects → Deals → Pipelines) and the address licenses are sent from.",
		`3. Product properties (one base product per Deal, the others add-ons): ${productFieldNames(
			PRODUCT_PROPERTIES,
		)
			.map((f) => `\`${f}\``)
			.join(', ')}. See docs/product-mapping.md.`,
		`4. Deal properties \`${DEAL_PROPERTIES.customerId}\`, \`${DEAL_PROPERTIES.licenseState}\`, \`${DEAL_PROPERTIES.fulfilledAt}\`, \`${DEAL_PROPERTIES.error}\`; \`${DEAL_PROPERTIES.contractEnd}\` is the license expiry (otherwise the close date plus the base product's term).`,
		'',
		'With the *deal won → license* template active on the same stage, this one completes what it started: the customer it made is found and given the products’ terms.',
	],
	ready: (column, row) =>
		chain(
			[
				hubspot(
					'Deals Ready to Fulfil',
					at(column, row),
					{
						resource: 'deal',
						operation: 'search',
						returnAll: false,
						limit: 50,
						filterGroupsUi: {
							filterGroupsValues: [
								{
									filtersUi: {
										filterValues: [
											{
												propertyName: 'dealstage',
												operator: 'EQ',
												value: `={{ ${CONFIG}.fulfilledStage }}`,
											},
											{ propertyName: DEAL_PROPERTIES.fulfilledAt, operator: 'NOT_HAS_PROPERTY' },
											{ propertyName: DEAL_PROPERTIES.error, operator: 'NOT_HAS_PROPERTY' },
										],
									},
								},
							],
						},
						additionalFields: { properties: ['dealname'] },
					},
					false,
				),
			],
			[column + 1, row],
		),
	order: (column, row) =>
		chain(
			[
				hubspotApi(
					'Get Deal Associations',
					at(column, row),
					'GET',
					`=${API}/crm/v3/objects/deals/{{ $json.id }}?associations=line_items,contacts,companies&properties=dealname,closedate,${DEAL_PROPERTIES.contractEnd}`,
				),
				batchRead(
					'Read Line Items',
					at(column + 1, row),
					'line_items',
					['name', 'quantity', 'hs_product_id'],
					`${DEALS}.flatMap((deal) => [...((deal.associations || {})['line items'] || { results: [] }).results, ...((deal.associations || {}).line_items || { results: [] }).results]).map((r) => String(r.id))`,
				),
				batchRead(
					'Read Products',
					at(column + 2, row),
					'products',
					['name', ...productFieldNames(PRODUCT_PROPERTIES)],
					"($('Read Line Items').first().json.results || []).map((l) => String(l.properties.hs_product_id || '')).filter(Boolean)",
				),
				batchRead(
					'Read Contacts',
					at(column + 3, row),
					'contacts',
					['email', 'firstname'],
					`${DEALS}.flatMap((deal) => ((deal.associations || {}).contacts || { results: [] }).results).map((r) => String(r.id))`,
				),
				batchRead(
					'Read Companies',
					at(column + 4, row),
					'companies',
					['name'],
					`${DEALS}.flatMap((deal) => ((deal.associations || {}).companies || { results: [] }).results).map((r) => String(r.id))`,
				),
				code(
					ORDER_NODE,
					at(column + 5, row),
					codeFile('hubspot-order-to-fulfil', {
						__LINE_OF__: lineOfCode(PRODUCT_PROPERTIES, (field) => `p.${field}`),
						__DEALS__: DEALS,
						__CONTRACT_END__: DEAL_PROPERTIES.contractEnd,
					}),
					'runOnceForAllItems',
				),
			],
			[column + 6, row],
		),
	attach: (column, row) =>
		chain(
			[
				hubspotApi(
					'Upload File',
					at(column, row),
					'POST',
					`${API}/files/v3/files`,
					multipartUpload('file', [
						['fileName', '={{ $json.fileName }}'],
						['folderPath', '/replicated-licenses'],
						['options', '{"access": "PRIVATE"}'],
					]),
				),
				code(
					'Files per Deal',
					at(column + 1, row),
					codeFile('hubspot-files-per-deal'),
					'runOnceForAllItems',
				),
				hubspotApi(
					'Attach Files to Deal',
					at(column + 2, row),
					'POST',
					`${API}/crm/v3/objects/notes`,
					{
						jsonBody: `={{ JSON.stringify({ properties: { hs_timestamp: $now.toISO(), hs_note_body: ${escaped('escapeHtml', `'Replicated license and installation instructions, emailed to ' + ${ORDER}.contactEmail + ': ' + $json.fileNames.join(', ')`)}, hs_attachment_ids: $json.fileIds.join(';') }, associations: [{ to: { id: $json.recordId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }] }] }) }}`,
					},
				),
			],
			[column + 3, row],
		),
	markFulfilled: (position) =>
		hubspotApi(
			'Mark Deal Fulfilled',
			position,
			'PATCH',
			`=${API}/crm/v3/objects/deals/{{ ${ORDER}.recordId }}`,
			{
				jsonBody: `={{ JSON.stringify({ properties: { ${DEAL_PROPERTIES.customerId}: ${FULFILLED}.id, ${DEAL_PROPERTIES.licenseState}: ${FULFILLED_LICENSE}, ${DEAL_PROPERTIES.fulfilledAt}: $now.toISO() } }) }}`,
			},
		),
	recordError: (position) =>
		hubspotApi(
			'Record Fulfillment Error',
			position,
			'PATCH',
			`=${API}/crm/v3/objects/deals/{{ $json.recordId }}`,
			{
				jsonBody: `={{ JSON.stringify({ properties: { ${DEAL_PROPERTIES.error}: $json.reason.slice(0, 1000) } }) }}`,
			},
		),
};

import { CONFIG } from '../health/kit';
import { at, code, httpRequest, multipartUpload } from '../kit';
import {
	chain,
	FULFILLED,
	FULFILLED_LICENSE,
	type FulfillmentSteps,
	ORDER,
	ORDER_NODE,
} from './adapter';
import { ATTIO, attio } from './attio-nodes';
import { lineOfCode, productFieldNames, productPrerequisite } from './product-fields';
import { PRODUCT_PROPERTIES } from './product-properties';
import { codeFile } from '../code/inline';

const DEAL_ATTRIBUTES = {
	customerId: 'replicated_customer_id',
	licenseState: 'replicated_license_state',
	fulfilledAt: 'replicated_fulfilled_at',
	error: 'replicated_fulfillment_error',
	contractEnd: 'license_end_date',
};

/** Code defining `value(record, slug)`: an attribute's first value, whatever its type. */
const VALUE = codeFile('attio-value');

const READY = "$('Not Yet Fulfilled')";

/**
 * Attio: fulfillment when a Deal reaches the stage the user names, read by a query every few
 * minutes. Attio has no products: the workspace adds a `products` object with the Replicated
 * attributes and a `line_items` object (deal, product, quantity). Files go to the Deal's files
 * (Attio's file upload, in beta).
 */
export const attioFulfillment: FulfillmentSteps = {
	summary:
		'Deal at the fulfilled stage → license from its line items (products object) → Replicated customer created or updated (Custom ID = Company record ID) → license file and install instructions uploaded to the Deal and emailed to its first person → Deal marked fulfilled',
	prerequisites: [
		`a \`products\` object with \`name\` (Text) and ${productPrerequisite(PRODUCT_PROPERTIES, 'attributes', 'Checkbox')}`,
		'a `line_items` object with `deal` (Record reference → Deals), `product` (Record reference → products), `quantity` (Number)',
		`Deal attributes \`${DEAL_ATTRIBUTES.customerId}\`, \`${DEAL_ATTRIBUTES.licenseState}\`, \`${DEAL_ATTRIBUTES.error}\` (Text), \`${DEAL_ATTRIBUTES.fulfilledAt}\` (Timestamp), \`${DEAL_ATTRIBUTES.contractEnd}\` (Date, optional)`,
		'a token with `record_permission:read-write`, `object_configuration:read` and `file:read-write`',
	],
	workflowName: 'Attio → Replicated: deal fulfilled to license',
	recordNoun: 'the Deal',
	accountHint: "set the Deal's associated company",
	contactHint: 'add a person with an email address to its associated people',
	catalogue: {
		ready: 'a {crm} Deal at the stage set in **Config**',
		termStart: 'the day of fulfilment',
		productsHome: 'Attio (`products` attribute)',
		row: [
			'`line_items` records whose `deal` is the Deal (`product`, `quantity`)',
			"the Deal's first associated person with an email",
			"the Deal's files",
			'Deal `replicated_customer_id`, `replicated_license_state`, `replicated_fulfilled_at`, or `replicated_fulfillment_error`',
		],
	},
	config: [
		[
			'fulfilledStage',
			'Won 🎉',
			"the title of the Deal stage that means fulfil (Attio's default won stage is Won 🎉)",
		],
	],
	about: [
		'## Deal fulfilled → license, files and email',
		"Every 5 minutes this queries Deals at the **fulfilled stage** not yet fulfilled. Each Deal's line items decide the license (**License → Map Products**): the one base product names the app, channel and term, add-ons add entitlements per unit and turn on install options. The associated company's Replicated customer is created, or updated when it exists (Custom ID = Company record ID; a trial becomes paid). The **license file** and **install instructions** are uploaded to the Deal's files and emailed to its first associated person with an email; the Deal is marked fulfilled.",
		'',
		'### Configure',
		'1. Credentials: **Replicated account**, **Attio API token** (scopes in the template catalogue), **SMTP account**.',
		"2. **Config**: the fulfilled stage's title and the address licenses are sent from.",
		`3. A \`products\` object with \`name\` and ${productFieldNames(PRODUCT_PROPERTIES)
			.map((f) => `\`${f}\``)
			.join(
				', ',
			)}; a \`line_items\` object with \`deal\`, \`product\` and \`quantity\`. See docs/product-mapping.md.`,
		`4. Deal attributes \`${DEAL_ATTRIBUTES.customerId}\`, \`${DEAL_ATTRIBUTES.licenseState}\`, \`${DEAL_ATTRIBUTES.fulfilledAt}\`, \`${DEAL_ATTRIBUTES.error}\`; \`${DEAL_ATTRIBUTES.contractEnd}\` is the license expiry (otherwise the fulfillment day plus the base product's term).`,
		'',
		"Attio's file upload API is in beta: if your workspace refuses it, **Upload File** fails and nothing is emailed; delete that node to send the email without the upload.",
	],
	ready: (column, row) =>
		chain(
			[
				attio(
					'Deals at Fulfilled Stage',
					at(column, row),
					'POST',
					'/objects/deals/records/query',
					`={{ JSON.stringify({ filter: { stage: ${CONFIG}.fulfilledStage }, limit: 500 }) }}`,
				),
				code(
					'Not Yet Fulfilled',
					at(column + 1, row),
					codeFile('attio-not-yet-fulfilled', {
						__VALUE__: VALUE,
						__FULFILLED_AT__: DEAL_ATTRIBUTES.fulfilledAt,
						__ERROR__: DEAL_ATTRIBUTES.error,
					}),
					'runOnceForAllItems',
				),
			],
			[column + 2, row],
		),
	order: (column, row) => {
		// Read per Deal; a missing company or person answers 404, which Order to Fulfil reports.
		const perDeal = (name: string, position: [number, number], path: string) => {
			const node = attio(name, position, 'GET', path);
			return {
				...node,
				parameters: {
					...node.parameters,
					options: { response: { response: { neverError: true } } },
				},
			};
		};
		return chain(
			[
				attio(
					'Find Line Items',
					at(column, row),
					'POST',
					'/objects/line_items/records/query',
					"={{ JSON.stringify({ filter: { deal: { target_object: 'deals', target_record_id: $json.id.record_id } } }) }}",
				),
				perDeal(
					'Get Company',
					at(column + 1, row),
					`=/objects/companies/records/{{ ((${READY}.item.json.values.associated_company || [])[0] || {}).target_record_id || 'none' }}`,
				),
				perDeal(
					'Get Person',
					at(column + 2, row),
					`=/objects/people/records/{{ ((${READY}.item.json.values.associated_people || [])[0] || {}).target_record_id || 'none' }}`,
				),
				{
					...attio(
						'All Products',
						at(column + 3, row),
						'POST',
						'/objects/products/records/query',
						'={{ JSON.stringify({ limit: 500 }) }}',
					),
					executeOnce: true,
				},
				code(
					ORDER_NODE,
					at(column + 4, row),
					codeFile('attio-order-to-fulfil', {
						__VALUE__: VALUE,
						__LINE_OF__: lineOfCode(PRODUCT_PROPERTIES, (field) => `value(p, '${field}')`),
						__READY__: READY,
						__CONTRACT_END__: DEAL_ATTRIBUTES.contractEnd,
					}),
					'runOnceForAllItems',
				),
			],
			[column + 5, row],
		);
	},
	attach: (column, row) =>
		chain(
			[
				httpRequest(
					'Upload File to Deal',
					at(column, row),
					{
						method: 'POST',
						url: 'https://api.attio.com/v2/files/upload',
						authentication: 'genericCredentialType',
						genericAuthType: 'httpBearerAuth',
						...multipartUpload('file', [
							['object', 'deals'],
							['record_id', '={{ $json.recordId }}'],
						]),
					},
					ATTIO,
				),
			],
			[column + 1, row],
		),
	markFulfilled: (position) =>
		attio(
			'Mark Deal Fulfilled',
			position,
			'PATCH',
			`=/objects/deals/records/{{ ${ORDER}.recordId }}`,
			`={{ JSON.stringify({ data: { values: { ${DEAL_ATTRIBUTES.customerId}: ${FULFILLED}.id, ${DEAL_ATTRIBUTES.licenseState}: ${FULFILLED_LICENSE}, ${DEAL_ATTRIBUTES.fulfilledAt}: $now.toISO() } } }) }}`,
		),
	recordError: (position) =>
		attio(
			'Record Fulfillment Error',
			position,
			'PATCH',
			'=/objects/deals/records/{{ $json.recordId }}',
			`={{ JSON.stringify({ data: { values: { ${DEAL_ATTRIBUTES.error}: $json.reason } } }) }}`,
		),
};

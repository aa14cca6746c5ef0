import { at, code, type TemplateNode } from '../kit';
import {
	chain,
	FULFILLED,
	FULFILLED_LICENSE,
	type FulfillmentSteps,
	ORDER,
	ORDER_NODE,
} from './adapter';
import { lineOfCode, productFieldNames, productPrerequisite } from './product-fields';
import { SALESFORCE_PRODUCTS } from './salesforce-products';
import {
	INSTANCE_URL_PLACEHOLDER,
	INSTANCE_URL_WHAT,
	salesforce,
	salesforceApi,
} from './salesforce-nodes';
import { codeFile } from '../code/inline';

const ORDER_FIELDS = {
	customerId: 'Replicated_Customer_Id__c',
	licenseState: 'Replicated_License_State__c',
	fulfilledAt: 'Replicated_Fulfilled_At__c',
	error: 'Replicated_Fulfillment_Error__c',
};

/** A SOQL query through the Salesforce node (one call, whatever the number of input items). */
function query(name: string, position: [number, number], soql: string): TemplateNode {
	return {
		...salesforce(name, position, { resource: 'search', operation: 'query', query: soql }, false),
		executeOnce: true,
	};
}

const LINE_FIELDS = [
	'OrderId',
	'Quantity',
	'Product2.Name',
	...productFieldNames(SALESFORCE_PRODUCTS).map((f) => `Product2.${f}`),
];

/**
 * Salesforce: fulfillment on Order activation, as in Replicated's reference implementation (an
 * Order's Status becoming Activated; its products are the OrderItems; the files go on the Order;
 * the email to its Ship To contact). Polled, so an Order activated while n8n was down is not missed.
 */
export const salesforceFulfillment: FulfillmentSteps = {
	summary:
		'Order activated → license from its products (Product2 fields) → Replicated customer created or updated (Custom ID = Account ID) → license file and install instructions attached to the Order and emailed to its Ship To contact → Order marked fulfilled',
	prerequisites: [
		productPrerequisite(SALESFORCE_PRODUCTS, 'Product2 fields', 'Checkbox'),
		`Order fields \`${ORDER_FIELDS.customerId}\`, \`${ORDER_FIELDS.licenseState}\` (Text), \`${ORDER_FIELDS.fulfilledAt}\` (Date/Time), \`${ORDER_FIELDS.error}\` (Text, 255)`,
	],
	workflowName: 'Salesforce → Replicated: order activated to license fulfilled',
	recordNoun: 'the Order',
	accountHint: 'give it an Account',
	contactHint: "set the Order's Ship To contact, with an email address",
	catalogue: {
		ready: 'an activated {crm} Order',
		termStart: 'the order start',
		productsHome: 'Salesforce (Product2)',
		row: [
			"the Order's products (OrderItem: Product2, Quantity)",
			"the Order's Ship To contact",
			'the Order (Files)',
			'Order `Replicated_Customer_Id__c`, `Replicated_License_State__c`, `Replicated_Fulfilled_At__c`, or `Replicated_Fulfillment_Error__c`',
		],
	},
	config: [['salesforceInstanceUrl', INSTANCE_URL_PLACEHOLDER, INSTANCE_URL_WHAT]],
	about: [
		'## Order activated → license fulfilled',
		"Every 5 minutes this looks for **Activated** Orders not yet fulfilled. Each Order's products decide the license (**License → Map Products**): the one base product names the app, channel and term, add-ons add entitlements per unit and turn on install options. The Account's Replicated customer is created, or updated when it exists (Custom ID = Account ID; a trial becomes paid). The **license file** and **install instructions** are attached to the Order (Files) and emailed to its **Ship To contact**; the Order is marked fulfilled.",
		'',
		'### Configure',
		'1. Credentials: **Replicated account**, **Salesforce account**, **SMTP account**.',
		"2. **Config**: your org's URL (`https://<my-domain>.my.salesforce.com`) and the address licenses are sent from.",
		`3. Product2 fields (one base product per Order, the others add-ons): ${productFieldNames(
			SALESFORCE_PRODUCTS,
		)
			.map((f) => `\`${f}\``)
			.join(', ')}. See docs/product-mapping.md.`,
		`4. Order fields \`${ORDER_FIELDS.customerId}\`, \`${ORDER_FIELDS.licenseState}\`, \`${ORDER_FIELDS.fulfilledAt}\`, \`${ORDER_FIELDS.error}\`.`,
		"5. The Order's **End Date** is the license expiry; without it, its Start Date plus the base product's term.",
	],
	ready: (column, row) =>
		chain(
			[
				salesforce(
					'Activated Orders',
					at(column, row),
					{
						resource: 'search',
						operation: 'query',
						query: `SELECT Id, OrderNumber, AccountId, Account.Name, EffectiveDate, EndDate, ShipToContact.Email, ShipToContact.FirstName FROM Order WHERE Status = 'Activated' AND ${ORDER_FIELDS.fulfilledAt} = null AND ${ORDER_FIELDS.error} = null LIMIT 50`,
					},
					false,
				),
			],
			[column + 1, row],
		),
	order: (column, row) =>
		chain(
			[
				{
					...query(
						'Order Products',
						at(column, row),
						`={{ "SELECT ${LINE_FIELDS.join(', ')} FROM OrderItem WHERE OrderId IN (" + $('Activated Orders').all().map((o) => "'" + o.json.Id + "'").join(', ') + ")" }}`,
					),
					// An Order without products still reaches the next step, which says so.
					alwaysOutputData: true,
				},
				code(
					ORDER_NODE,
					at(column + 1, row),
					codeFile('salesforce-order-to-fulfil', {
						__LINE_OF__: lineOfCode(SALESFORCE_PRODUCTS, (field) => `p.${field}`),
					}),
					'runOnceForAllItems',
				),
			],
			[column + 2, row],
		),
	attach: (column, row) =>
		chain(
			[
				salesforce('Attach Files to Order', at(column, row), {
					resource: 'document',
					operation: 'upload',
					title: '={{ $json.title }}',
					binaryPropertyName: 'file',
					additionalFields: { linkToObjectId: '={{ $json.recordId }}' },
				}),
			],
			[column + 1, row],
		),
	markFulfilled: (position) =>
		salesforceApi(
			'Mark Order Fulfilled',
			position,
			'PATCH',
			`sobjects/Order/{{ ${ORDER}.recordId }}`,
			`={{ JSON.stringify({ ${ORDER_FIELDS.customerId}: ${FULFILLED}.id, ${ORDER_FIELDS.licenseState}: ${FULFILLED_LICENSE}, ${ORDER_FIELDS.fulfilledAt}: $now.toISO() }) }}`,
		),
	recordError: (position) =>
		salesforceApi(
			'Record Fulfillment Error',
			position,
			'PATCH',
			'sobjects/Order/{{ $json.recordId }}',
			`={{ JSON.stringify({ ${ORDER_FIELDS.error}: $json.reason.slice(0, 255) }) }}`,
		),
};

// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Order to Fulfil (attio/fulfill-license, Run Once for All Items): one item per Deal, with its
 * line items and their products, its company and first person.
 *
 * @param {never} __VALUE__ lines defining `value`
 * @param {never} __LINE_OF__ lines defining `lineOf` (crm/product-fields.ts lineOfCode)
 * @param {N8nNodeOutput} __READY__ the Deals not yet fulfilled
 * @param {(record: any, slug: string) => any} value defined by __VALUE__
 * @param {(product: string, quantity: number, p: any) => object} lineOf defined by __LINE_OF__
 */
function attioOrderToFulfil(__VALUE__, __LINE_OF__, __READY__, value, lineOf) {
	__VALUE__
	__LINE_OF__

	// One item per Deal, with its line items and their products, its company and first person.
	const products = new Map(/** @type {any[]} */ ($('All Products').first().json.data || []).map((p) => [p.id.record_id, p]));
	const lineItems = $('Find Line Items').all();
	const companies = $('Get Company').all();
	const people = $('Get Person').all();
	return __READY__.all().map(({ json: deal }, i) => {
	  const company = companies[i].json.data;
	  const person = people[i].json.data;
	  return {
	    json: {
	      recordId: deal.id.record_id,
	      recordName: value(deal, 'name') || 'Deal',
	      accountId: company ? company.id.record_id : '',
	      accountName: company ? value(company, 'name') || '' : '',
	      contactEmail: person ? value(person, 'email_addresses') || '' : '',
	      contactName: person && person.values.name && person.values.name[0] ? person.values.name[0].first_name || '' : '',
	      // The term, when the deal gives no end, counts from the day it is fulfilled.
	      contractStart: new Date().toISOString().slice(0, 10),
	      contractEnd: String(value(deal, '__CONTRACT_END__') || '').slice(0, 10),
	      lines: /** @type {any[]} */ (lineItems[i].json.data || []).map((line) => {
	        const p = products.get(value(line, 'product')) || { values: {} };
	        return lineOf(value(p, 'name') || '', value(line, 'quantity'), p);
	      }),
	    },
	  };
	});
}

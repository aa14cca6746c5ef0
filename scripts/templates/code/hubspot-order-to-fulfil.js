// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Order to Fulfil (hubspot/fulfill-license, Run Once for All Items): one item per Deal, with its
 * line items, their products, its Company and first contact with an email. `ids(deal, key)` are the
 * IDs a deal's associations list, by object (`line items` is HubSpot's key, with a space).
 *
 * @param {never} __LINE_OF__ lines defining `lineOf` (crm/product-fields.ts lineOfCode)
 * @param {any[]} __DEALS__ the Deals with their associations
 * @param {(product: string, quantity: number, p: any) => object} lineOf defined by __LINE_OF__
 */
function hubspotOrderToFulfil(__LINE_OF__, __DEALS__, lineOf) {
	__LINE_OF__

	// One item per Deal, with its line items, their products, its Company and first contact with an email.
	/** @type {(deal: any, key: string) => string[]} */ // check-only: the IDs, typed for the check
	const ids = (deal, key) => ((deal.associations || {})[key] || { results: [] }).results.map((/** @type {any} */ r) => String(r.id));
	const lineIds = (/** @type {any} */ deal) => [...ids(deal, 'line items'), ...ids(deal, 'line_items')];
	const deals = __DEALS__;
	const byId = (/** @type {string} */ node, /** @type {string[]} */ asked) => {
	  if (!asked.length) return new Map();
	  const body = $(node).first().json;
	  if (!Array.isArray(body.results)) throw new Error(node + ': HubSpot answered ' + (body.message || JSON.stringify(body)));
	  return new Map(body.results.map((/** @type {any} */ r) => [String(r.id), r.properties || {}]));
	};
	const lineItems = byId('Read Line Items', deals.flatMap(lineIds));
	const products = byId('Read Products', [...lineItems.values()].map((l) => String(l.hs_product_id || '')).filter(Boolean));
	const contacts = byId('Read Contacts', deals.flatMap((d) => ids(d, 'contacts')));
	const companies = byId('Read Companies', deals.flatMap((d) => ids(d, 'companies')));
	return deals.map((deal) => {
	  const contact = ids(deal, 'contacts').map((id) => contacts.get(id)).find((c) => c && c.email) || {};
	  const companyId = ids(deal, 'companies')[0] || '';
	  const p = deal.properties || {};
	  return {
	    json: {
	      recordId: String(deal.id),
	      recordName: p.dealname || 'Deal ' + deal.id,
	      accountId: companyId,
	      accountName: (companies.get(companyId) || {}).name || p.dealname || '',
	      contactEmail: contact.email || '',
	      contactName: contact.firstname || '',
	      contractStart: (p.closedate || '').slice(0, 10),
	      contractEnd: (p.__CONTRACT_END__ || '').slice(0, 10),
	      lines: lineIds(deal)
	        .map((id) => lineItems.get(id))
	        .filter(Boolean)
	        .map((l) => { const product = products.get(String(l.hs_product_id || '')) || {}; return lineOf(l.name || product.name || '', l.quantity, product); }),
	    },
	  };
	});
}

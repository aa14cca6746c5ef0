// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Salesforce's readDeal for dates-not-yet-set (crm/adapter.ts revenueDates): the won Opportunity
 * the query found as `id`, `isSet` and `textOf` (no Opportunity found is no item: the flow ends).
 */
function salesforceReadDeal() {
	const id = $json.Id;
	const textOf = (/** @type {string} */ field) => $json[field] ?? '';
	const isSet = (/** @type {string} */ field) => Boolean(textOf(field));
	void [id, isSet]; // check-only: dates-not-yet-set reads them
}

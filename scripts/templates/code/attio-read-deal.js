// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Attio's readDeal for dates-not-yet-set (crm/adapter.ts revenueDates): the won deal the query
 * answered (a list, empty when the company has none) as `id`, `isSet` and `textOf`.
 */
function attioReadDeal() {
	const deal = ($json.data ?? [])[0];
	if (!deal) return { count: 0 };
	const id = deal.id.record_id;
	const isSet = (/** @type {string} */ attribute) => (deal.values[attribute] ?? []).length > 0;
	const textOf = (/** @type {string} */ attribute) => (deal.values[attribute] ?? [])[0]?.value ?? '';
	return void [id, isSet, textOf]; // check-only: dates-not-yet-set reads them, and returns
}

// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * HubSpot's readDeal for dates-not-yet-set (crm/adapter.ts revenueDates): the won deal the search
 * found as `id`, `isSet` and `textOf`.
 */
function hubspotReadDeal() {
	const id = $json.id;
	const current = $json.properties ?? {};
	const textOf = (/** @type {string} */ property) => current[property] ?? '';
	const isSet = (/** @type {string} */ property) => Boolean(textOf(property));
	void [id, isSet]; // check-only: dates-not-yet-set reads them
}

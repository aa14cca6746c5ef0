// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * HubSpot's isOpen for once-while-open: the search asked per candidate found something.
 *
 * @param {N8nItem[]} found the searches' answers, one per candidate (once-while-open defines it)
 */
function hubspotIsOpen(found) {
	const isOpen = (/** @type {any} */ candidate, /** @type {number} */ index) => (found[index]?.json.total ?? 0) > 0;
	void isOpen; // check-only: once-while-open calls it
}

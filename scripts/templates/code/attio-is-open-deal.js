// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Attio's isOpen for once-while-open, open suggested deals: a deal of ours on the Company (asked
 * per candidate) whose stage is not a closed one.
 *
 * @param {N8nItem[]} found the suggested deals, one answer per candidate (once-while-open defines it)
 * @param {string[]} __CLOSED_JSON__ the closed stages as a JavaScript array
 */
function attioIsOpenDeal(found, __CLOSED_JSON__) {
	const closed = __CLOSED_JSON__;
	const isOpen = (/** @type {any} */ candidate, /** @type {number} */ index) => (found[index]?.json.data ?? []).some((/** @type {any} */ d) => !closed.includes(((d.values.stage ?? [])[0]?.status ?? {}).title));
	void isOpen; // check-only: once-while-open calls it
}

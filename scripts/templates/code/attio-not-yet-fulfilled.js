// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Not Yet Fulfilled (attio/fulfill-license, Run Once for All Items): the Deals at the fulfilled
 * stage neither fulfilled nor waiting for their error to be cleared.
 *
 * @param {never} __VALUE__ lines defining `value`
 * @param {(record: any, slug: string) => any} value defined by __VALUE__
 */
function attioNotYetFulfilled(__VALUE__, value) {
	__VALUE__
	// Deals fulfilled, or waiting for their error to be cleared, are left alone.
	return /** @type {any[]} */ ($input.first().json.data || [])
	  .filter((deal) => !value(deal, '__FULFILLED_AT__') && !value(deal, '__ERROR__'))
	  .map((deal) => ({ json: deal }));
}

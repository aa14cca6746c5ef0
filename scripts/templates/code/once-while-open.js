// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * The candidates whose account has no open record of ours yet (flows/once-while-open.ts, Run Once
 * for All Items): `found` is what the CRM lookup answered.
 *
 * @param {never} __IS_OPEN__ lines defining `isOpen` from `found` (the adapter's OpenLookup)
 * @param {(candidate: any, index: number) => boolean} isOpen defined by __IS_OPEN__
 */
function onceWhileOpen(__IS_OPEN__, isOpen) {
	// The candidates whose account has no open record of ours yet.
	const found = $input.all();
	void found; // check-only: the __IS_OPEN__ lines read it
	__IS_OPEN__
	return $('__CANDIDATES__').all().filter((c, index) => !isOpen(c.json, index)).map((c) => ({ json: c.json }));
}

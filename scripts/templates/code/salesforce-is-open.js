// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Salesforce's isOpen for once-while-open: one query lists our open records, each with its
 * Account in `__ACCOUNT_FIELD__`; a candidate is open when its account is among them.
 *
 * @param {N8nItem[]} found the open records (once-while-open defines it)
 */
function salesforceIsOpen(found) {
	const open = new Set(found.map((i) => i.json.__ACCOUNT_FIELD__).filter(Boolean));
	const isOpen = (/** @type {any} */ candidate) => open.has(candidate.accountId);
	void isOpen; // check-only: once-while-open calls it
}

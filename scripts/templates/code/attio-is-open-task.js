// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Attio's isOpen for once-while-open, open tasks: tasks have no subject, ours are the open tasks on
 * the Company (asked per candidate) whose text starts with it.
 *
 * @param {N8nItem[]} found the open tasks, one answer per candidate (once-while-open defines it)
 * @param {string} __SUBJECT_JSON__ the task subject as a JavaScript string
 */
function attioIsOpenTask(found, __SUBJECT_JSON__) {
	const isOpen = (/** @type {any} */ candidate, /** @type {number} */ index) => (found[index]?.json.data ?? []).some((/** @type {any} */ t) => (t.content_plaintext ?? '').startsWith(__SUBJECT_JSON__));
	void isOpen; // check-only: once-while-open calls it
}

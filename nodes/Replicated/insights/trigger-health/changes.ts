/**
 * "Only changes since the last check": each trigger's status is compared with the one the previous
 * check saw (kept by the operation in its node's static data). A trigger first seen counts as
 * healthy before, so a first check reports what is wrong and not what is fine.
 */
export interface Checked {
	key: string;
	status: string;
}

/** What a check keeps for the next one: the status of each trigger it saw, nothing more. */
export type LastStatuses = Record<string, string>;

export function previousStatus(last: LastStatuses, key: string): string {
	return Object.prototype.hasOwnProperty.call(last, key) ? last[key] : 'healthy';
}

/** The checked ones whose status differs from the last check's. */
export function changedSince<T extends Checked>(last: LastStatuses, checked: T[]): T[] {
	return checked.filter((c) => previousStatus(last, c.key) !== c.status);
}

export function statusesOf(checked: Checked[]): LastStatuses {
	return Object.fromEntries(checked.map((c) => [c.key, c.status]));
}

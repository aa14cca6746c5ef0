import { createHash } from 'crypto';

/**
 * Remembers which deliveries started an execution, keyed by the SHA-256 of the raw body: Replicated
 * retries a delivery it considers failed (slow answer, 5xx), and a retry carries the same body
 * (INFERRED: no delivery ID is documented). The record lives in the workflow's static data, which
 * n8n loads from and saves to its database around every production webhook call, so separate
 * webhook processes in queue mode share it.
 */
export interface SeenDeliveries {
	[bodyHash: string]: number;
}

/**
 * Sized for a busy trigger: Replicated's retries come up to about 4¼ hours after the event, and a
 * full-size flood (10,000 deliveries, 5% sent again across all of them) found 5,000 too few: the
 * oldest were forgotten and ~250 retries ran again. Keys are shortened to keep the static data,
 * which n8n writes whole after each delivery, about the size 5,000 full hashes took.
 */
export const MAX_REMEMBERED = 20_000;
/** 64 bits of the SHA-256: a false match among 20,000 records has odds of about 1 in 10^10. */
export const KEY_CHARS = 16;

/** The record's key for a delivery ID (also for full-length keys stored by earlier versions). */
export const recordKey = (hash: string) => hash.slice(0, KEY_CHARS);

export function bodyHash(rawBody: Buffer | string): string {
	return createHash('sha256').update(rawBody).digest('hex');
}

/** Drops entries older than `windowMs` (replay protection refuses such old bodies anyway). */
function prune(seen: SeenDeliveries, windowMs: number, now: number): void {
	for (const [key, at] of Object.entries(seen)) if (now - at > windowMs) delete seen[key];
}

/** Over the limit, drops the oldest tenth at once, so that a full record is not sorted per delivery. */
function cap(seen: SeenDeliveries): void {
	const keys = Object.keys(seen);
	if (keys.length <= MAX_REMEMBERED) return;
	keys.sort((a, b) => seen[a] - seen[b]);
	for (const key of keys.slice(0, keys.length - Math.floor(MAX_REMEMBERED * 0.9))) delete seen[key];
}

/**
 * What this process accepted lately, per trigger. n8n saves a workflow's static data whole, last
 * writer wins, so two deliveries handled at once would each drop the other's record; and it saves
 * only after the request. Merging this process's recent acceptances into every write restores what
 * a concurrent write dropped (exact with one webhook process, as in queue mode's usual setup), and
 * checking them first catches a copy that arrives before the original's record is stored. Only the
 * newest are kept: the very next write puts back whatever was dropped.
 */
interface Recent {
	keys: Map<string, number>;
	prunedAt: number;
	sincePrune: number;
}
const recent = new Map<string, Recent>();
const MAX_TRIGGERS = 1000;
const MAX_RECENT = 1000;
/** The stored record is pruned and capped this often, not on every delivery (it is O(records)). */
const PRUNE_EVERY_MS = 60_000;
const PRUNE_EVERY_DELIVERIES = 500;

/**
 * Decides whether a delivery is new for the trigger `scope` (workflow + node) and returns the
 * record to store: the stored one (updated in place), with this process's recent acceptances and,
 * when new, the delivery itself. O(recent) per delivery, so a full record costs no more.
 */
export function acceptOnce(
	scope: string,
	stored: SeenDeliveries | undefined,
	hash: string,
	windowMs: number,
	now = Date.now(),
): { duplicate: boolean; record: SeenDeliveries } {
	let mine = recent.get(scope);
	if (!mine) {
		if (recent.size >= MAX_TRIGGERS) recent.delete(recent.keys().next().value as string);
		mine = { keys: new Map(), prunedAt: 0, sincePrune: 0 };
		recent.set(scope, mine);
	}
	const record: SeenDeliveries = stored ?? {};
	for (const [key, at] of mine.keys) if (!(key in record)) record[key] = at;
	const key = recordKey(hash);
	// A full-length key is how earlier releases stored a delivery.
	const known = record[key] ?? record[hash];
	if (known !== undefined && now - known <= windowMs) return { duplicate: true, record };
	record[key] = now;
	mine.keys.set(key, now);
	if (mine.keys.size > MAX_RECENT)
		for (const old of [...mine.keys.keys()].slice(0, MAX_RECENT / 2)) mine.keys.delete(old);
	if (now - mine.prunedAt >= PRUNE_EVERY_MS || ++mine.sincePrune >= PRUNE_EVERY_DELIVERIES) {
		prune(record, windowMs, now);
		cap(record);
		mine.prunedAt = now;
		mine.sincePrune = 0;
	}
	return { duplicate: false, record };
}

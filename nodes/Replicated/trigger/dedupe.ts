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

export const MAX_REMEMBERED = 5000;

export function bodyHash(rawBody: Buffer | string): string {
	return createHash('sha256').update(rawBody).digest('hex');
}

/**
 * Records `hash` and reports whether it was seen before. Entries older than `windowMs` are dropped
 * (replay protection refuses such old bodies anyway), and at most MAX_REMEMBERED are kept.
 */
export function seenBefore(
	seen: SeenDeliveries,
	hash: string,
	windowMs: number,
	now = Date.now(),
): boolean {
	prune(seen, windowMs, now);
	if (hash in seen) return true;
	seen[hash] = now;
	cap(seen);
	return false;
}

function prune(seen: SeenDeliveries, windowMs: number, now: number): void {
	for (const [key, at] of Object.entries(seen)) if (now - at > windowMs) delete seen[key];
}

function cap(seen: SeenDeliveries): void {
	const keys = Object.keys(seen);
	if (keys.length <= MAX_REMEMBERED) return;
	keys.sort((a, b) => seen[a] - seen[b]);
	for (const key of keys.slice(0, keys.length - MAX_REMEMBERED)) delete seen[key];
}

/**
 * What this process accepted, per trigger. n8n saves a workflow's static data whole, last writer
 * wins, so two deliveries handled at once would each drop the other's record; and it saves only
 * after the request. Merging this process's own record into every write keeps the stored one whole
 * (exact with one webhook process, as in queue mode's usual setup), and checking it first catches a
 * copy that arrives before the original's record is stored. The stored record stays the one shared
 * across processes and restarts; this is never the only copy.
 */
const accepted = new Map<string, SeenDeliveries>();
const MAX_TRIGGERS = 1000;

/**
 * Decides whether a delivery is new for the trigger `scope` (workflow + node) and returns the
 * record to store: the stored one, this process's and, when new, the delivery itself.
 */
export function acceptOnce(
	scope: string,
	stored: SeenDeliveries | undefined,
	hash: string,
	windowMs: number,
	now = Date.now(),
): { duplicate: boolean; record: SeenDeliveries } {
	let local = accepted.get(scope);
	if (!local) {
		if (accepted.size >= MAX_TRIGGERS) accepted.delete(accepted.keys().next().value as string);
		local = {};
		accepted.set(scope, local);
	}
	const record: SeenDeliveries = { ...stored, ...local };
	if (seenBefore(record, hash, windowMs, now)) return { duplicate: true, record };
	local[hash] = now;
	prune(local, windowMs, now);
	cap(local);
	return { duplicate: false, record };
}

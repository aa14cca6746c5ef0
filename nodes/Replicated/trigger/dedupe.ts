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
	for (const [key, at] of Object.entries(seen)) if (now - at > windowMs) delete seen[key];
	if (hash in seen) return true;
	seen[hash] = now;
	const keys = Object.keys(seen);
	if (keys.length > MAX_REMEMBERED) {
		keys.sort((a, b) => seen[a] - seen[b]);
		for (const key of keys.slice(0, keys.length - MAX_REMEMBERED)) delete seen[key];
	}
	return false;
}

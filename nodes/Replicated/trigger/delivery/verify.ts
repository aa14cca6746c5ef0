import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Replicated signs the raw body: `X-Replicated-Signature: sha256=<hex HMAC-SHA256>` (API.md §2.4).
 * Constant-time comparison of equal-length digests; any other header value fails the same way.
 */
export function verifySignature(
	rawBody: Buffer | string,
	header: unknown,
	secret: string,
): { ok: true } | { ok: false; reason: string } {
	if (typeof header !== 'string' || header === '')
		return { ok: false, reason: 'missing X-Replicated-Signature header' };
	const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
	if (!match) return { ok: false, reason: 'malformed X-Replicated-Signature header' };
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	const given = Buffer.from(match[1], 'hex');
	return timingSafeEqual(expected, given)
		? { ok: true }
		: { ok: false, reason: 'invalid signature' };
}

/** Constant-time comparison of a custom header token (Replicated allows up to 5 custom headers). */
export function tokenMatches(given: unknown, expected: string): boolean {
	if (typeof given !== 'string') return false;
	const a = createHmac('sha256', 'token').update(given).digest();
	const b = createHmac('sha256', 'token').update(expected).digest();
	return timingSafeEqual(a, b);
}

/**
 * Replicated retries a failed delivery up to 8 times, about 1, 2, 4 … 128 minutes apart: the last
 * retry arrives about 4 h 15 min after the event. The default tolerance of 6 hours accepts all of
 * them; anything older is treated as a replay. Timestamps too far in the future are refused too.
 */
export const DEFAULT_REPLAY_TOLERANCE_MINUTES = 360;
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function checkFreshness(
	timestamp: string,
	toleranceMinutes: number,
	now = Date.now(),
): { ok: true } | { ok: false; reason: string } {
	const at = Date.parse(timestamp);
	if (Number.isNaN(at)) return { ok: false, reason: 'timestamp is not a date' };
	if (at - now > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'timestamp is in the future' };
	if (toleranceMinutes > 0 && now - at > toleranceMinutes * 60_000) {
		return { ok: false, reason: `delivery is older than ${toleranceMinutes} minutes (replay)` };
	}
	return { ok: true };
}

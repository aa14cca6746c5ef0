/** When and how long to wait before retrying a Replicated request. Pure, so it is unit-tested directly. */
export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** First backoff step; doubles with every retry. */
	baseDelayMs: number;
	/** Cap for one computed backoff step. */
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error is surfaced instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 120_000,
};

/** 429 and gateway errors are transient (API.md §1.3: INFERRED, no limits are documented). */
export const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Network failures worth another attempt: the request may not have reached Replicated at all. */
export const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/**
 * Parses Retry-After: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns milliseconds, or
 * undefined when absent or unparseable.
 */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with jitter in [50%, 100%] of the step, so parallel clients spread out. */
export function backoffDelay(retry: number, policy: RetryPolicy, random = Math.random): number {
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
	return Math.round(step * (0.5 + random() * 0.5));
}

/**
 * The wait before retry number `retry` (0-based), honouring Retry-After when the server sent one.
 * Returns undefined when the request must not be retried again.
 */
export function nextDelay(
	retry: number,
	retryAfterHeader: unknown,
	policy: RetryPolicy,
	random = Math.random,
	now = Date.now(),
): number | undefined {
	if (retry >= policy.maxRetries) return undefined;
	const retryAfter = parseRetryAfter(retryAfterHeader, now);
	if (retryAfter !== undefined)
		return retryAfter <= policy.maxRetryAfterMs ? retryAfter : undefined;
	return backoffDelay(retry, policy, random);
}

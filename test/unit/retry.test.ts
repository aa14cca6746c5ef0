import {
	backoffDelay,
	DEFAULT_RETRY_POLICY,
	nextDelay,
	parseRetryAfter,
} from '../../nodes/Replicated/transport/retry';

describe('Retry-After parsing', () => {
	it('reads delta-seconds', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(['2'])).toBe(2000);
		expect(parseRetryAfter('0.5')).toBe(500);
	});

	it('reads an HTTP date relative to now', () => {
		const now = Date.parse('2026-11-23T10:00:00Z');
		expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('Mon, 23 Nov 2026 09:59:00 GMT', now)).toBe(0);
	});

	it('ignores absent or garbage values', () => {
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});

describe('backoff', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

	it('doubles per retry, jittered between half and all of the step', () => {
		expect(backoffDelay(0, policy, () => 0)).toBe(50);
		expect(backoffDelay(0, policy, () => 0.999)).toBe(100);
		expect(backoffDelay(3, policy, () => 0.999)).toBe(800);
	});

	it('is capped', () => {
		expect(backoffDelay(10, policy, () => 0.999)).toBe(1000);
	});

	it('prefers Retry-After over the computed backoff', () => {
		expect(nextDelay(0, '4', policy, () => 0)).toBe(4000);
	});

	it('gives up after maxRetries, or when Retry-After is too long to wait', () => {
		expect(nextDelay(policy.maxRetries, undefined, policy)).toBeUndefined();
		expect(nextDelay(0, String(policy.maxRetryAfterMs / 1000 + 1), policy)).toBeUndefined();
	});
});

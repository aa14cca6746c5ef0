import { createHmac } from 'node:crypto';

import fc from 'fast-check';

import {
	checkFreshness,
	tokenMatches,
	verifySignature,
} from '../../nodes/Replicated/trigger/delivery/verify';
import { signBody } from '../emulator/sender';

describe('signature verification', () => {
	it('accepts exactly the signature Replicated computes, for any body and secret', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 2048 }),
				fc.string({ minLength: 1 }),
				(bytes, secret) => {
					const body = Buffer.from(bytes);
					expect(verifySignature(body, signBody(body, secret), secret)).toEqual({ ok: true });
				},
			),
			{ numRuns: 500 },
		);
	});

	it('rejects any other secret, any changed body and any changed signature', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ minLength: 1, maxLength: 512 }),
				fc.string({ minLength: 1 }),
				fc.string({ minLength: 1 }),
				fc.nat(),
				(bytes, secret, other, flip) => {
					const body = Buffer.from(bytes);
					const signature = signBody(body, secret);
					if (other !== secret)
						expect(verifySignature(body, signBody(body, other), secret).ok).toBe(false);
					const tampered = Buffer.from(body);
					tampered[flip % tampered.length] ^= 0x01;
					expect(verifySignature(tampered, signature, secret).ok).toBe(false);
					const hex = signature.slice(7).split('');
					const i = flip % hex.length;
					hex[i] = hex[i] === '0' ? '1' : '0';
					expect(verifySignature(body, `sha256=${hex.join('')}`, secret).ok).toBe(false);
				},
			),
			{ numRuns: 500 },
		);
	});

	it.each([
		[undefined, 'missing X-Replicated-Signature header'],
		['', 'missing X-Replicated-Signature header'],
		['sha1=abc', 'malformed X-Replicated-Signature header'],
		['sha256=zz', 'malformed X-Replicated-Signature header'],
		[['sha256=' + 'a'.repeat(64)], 'missing X-Replicated-Signature header'],
	])('names the problem with header %p', (header, reason) => {
		expect(verifySignature('{}', header, 's')).toEqual({ ok: false, reason });
	});

	it('uses a constant-time comparison', () => {
		const crypto = jest.requireActual('crypto') as typeof import('crypto');
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		verifySignature('{}', `sha256=${createHmac('sha256', 'k').update('x').digest('hex')}`, 'k');
		expect(spy).toHaveBeenCalledTimes(1);
		spy.mockRestore();
	});

	it('checks a custom header token', () => {
		expect(tokenMatches('abc', 'abc')).toBe(true);
		expect(tokenMatches('abd', 'abc')).toBe(false);
		expect(tokenMatches(undefined, 'abc')).toBe(false);
	});
});

describe('replay window', () => {
	const now = Date.parse('2026-11-23T12:00:00Z');
	it("accepts Replicated's last retry, about 4 h 15 min after the event, with the default", () => {
		expect(checkFreshness('2026-11-23T07:45:00Z', 360, now)).toEqual({ ok: true });
	});
	it('refuses older deliveries as replays, and far-future ones', () => {
		expect(checkFreshness('2026-11-23T05:59:00Z', 360, now)).toEqual({
			ok: false,
			reason: 'delivery is older than 360 minutes (replay)',
		});
		expect(checkFreshness('2026-11-23T12:06:00Z', 360, now)).toEqual({
			ok: false,
			reason: 'timestamp is in the future',
		});
	});
	it('can be turned off', () => {
		expect(checkFreshness('2020-01-01T00:00:00Z', 0, now)).toEqual({ ok: true });
	});
});

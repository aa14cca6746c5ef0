import { createHmac, randomBytes } from 'node:crypto';

import { sampleDelivery } from '../emulator/samples';
import { signBody } from '../emulator/sender';

export interface HostileRequest {
	kind: string;
	headers: Record<string, string>;
	body: string | Buffer;
}

const json = 'application/json';
const stale = () => new Date(Date.now() - 7 * 3600_000);

/**
 * Requests no Replicated delivery looks like, each of which must be answered 4xx and start nothing:
 * forged or missing signatures, the wrong secret, bodies cut short, too large, nested to bombs or not
 * JSON, stale timestamps, odd unicode, header tricks. `i` varies the content so no two are alike.
 */
export function hostileRequest(i: number, secret: string): HostileRequest {
	const body = JSON.stringify(sampleDelivery('instance.ready', { instanceId: `hostile-${i}` }));
	const kinds: Array<() => HostileRequest> = [
		() => ({
			kind: 'forged signature',
			headers: {
				'content-type': json,
				'x-replicated-signature': `sha256=${randomBytes(32).toString('hex')}`,
			},
			body,
		}),
		() => ({
			kind: 'wrong secret',
			headers: { 'content-type': json, 'x-replicated-signature': signBody(body, `${secret}-not`) },
			body,
		}),
		() => ({ kind: 'no signature', headers: { 'content-type': json }, body }),
		() => ({
			kind: 'truncated body',
			headers: { 'content-type': json, 'x-replicated-signature': signBody(body, secret) },
			body: body.slice(0, Math.max(1, (i * 7919) % body.length)),
		}),
		() => {
			const huge = JSON.stringify({
				...JSON.parse(body),
				padding: 'x'.repeat(300_000 + (i % 1000)),
			});
			return {
				kind: 'huge body',
				headers: { 'content-type': json, 'x-replicated-signature': signBody(huge, secret) },
				body: huge,
			};
		},
		() => ({
			kind: 'wrong content type',
			headers: {
				'content-type': 'text/plain',
				'x-replicated-signature': `sha256=${'0'.repeat(64)}`,
			},
			body,
		}),
		() => {
			const old = JSON.stringify(
				sampleDelivery('instance.ready', { instanceId: `old-${i}` }, { timestamp: stale() }),
			);
			return {
				kind: 'replayed old timestamp',
				headers: { 'content-type': json, 'x-replicated-signature': signBody(old, secret) },
				body: old,
			};
		},
		() => {
			const depth = 5000 + (i % 100);
			const bomb = '['.repeat(depth) + ']'.repeat(depth);
			return {
				kind: 'JSON bomb (nesting)',
				headers: { 'content-type': json, 'x-replicated-signature': signBody(bomb, secret) },
				body: bomb,
			};
		},
		() => {
			const keys = Object.fromEntries(Array.from({ length: 20_000 }, (_, k) => [`k${k}`, k]));
			const wide = JSON.stringify({ event: 'instance.ready', data: keys });
			return {
				kind: 'JSON bomb (width)',
				headers: { 'content-type': json, 'x-replicated-signature': `sha256=${'f'.repeat(64)}` },
				body: wide,
			};
		},
		() => {
			const odd = body.replace('instance.ready', `instance.ready\u0000\u202e\ud800${i}`);
			return {
				kind: 'unicode edge cases',
				headers: {
					'content-type': json,
					'x-replicated-signature': `sha256=${createHmac('sha256', 'x').update(odd).digest('hex')}`,
				},
				body: odd,
			};
		},
		() => ({
			kind: 'header tricks',
			headers: {
				'content-type': json,
				'x-replicated-signature': `sha256=${'a'.repeat(64)}, sha256=${signBody(body, secret).slice(7)}x ${'b'.repeat(4000)}`,
				'x-forwarded-for': '127.0.0.1, 10.0.0.1',
			},
			body,
		}),
		() => ({
			kind: 'signed, not an event',
			headers: {
				'content-type': json,
				'x-replicated-signature': signBody(`{"hello":${i}}`, secret),
			},
			body: `{"hello":${i}}`,
		}),
	];
	return kinds[i % kinds.length]();
}

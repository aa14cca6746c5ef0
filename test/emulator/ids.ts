import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A 27-character base62 id shaped like Replicated's KSUIDs (e.g. `2JBxR7eNpTA5vl2rkkmUbVozdLd`). */
export function ksuidFrom(seed: string): string {
	const digest = createHash('sha256').update(seed).digest();
	let out = '2';
	for (let i = 0; out.length < 27; i++) out += ALPHABET[digest[i % digest.length] % 62];
	return out;
}

/** Deterministic ids for seeded fixtures, random ones for objects created at run time. */
export class IdSource {
	private counter = 0;
	constructor(private readonly seed = randomBytes(8).toString('hex')) {}
	next(kind: string): string {
		this.counter += 1;
		return ksuidFrom(`${this.seed}:${kind}:${this.counter}`);
	}
}

/** mulberry32: a tiny seeded PRNG, so generated export rows are identical on every run. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

import { createHmac } from 'crypto';
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { deliveryProblem, deliverySchema } from '../../nodes/Replicated/schemas/event';
import { eventItemSchema } from '../../nodes/Replicated/schemas/event-item';
import { EVENT_TYPES } from '../../nodes/Replicated/trigger/panel/events';
import { eventItem } from '../../nodes/Replicated/trigger/delivery/normalize';
import {
	acceptRedelivery,
	REDELIVERY_MEMORY_MS,
	type RedeliveryMemory,
} from '../../nodes/Replicated/trigger/delivery/redelivery-memory';
import {
	checkFreshness,
	tokenMatches,
	verifySignature,
} from '../../nodes/Replicated/trigger/delivery/verify';
import { sampleDelivery } from '../emulator/samples';
import { fakeTrigger } from '../support/fake-webhook';

const sign = (body: Buffer | string, secret: string) =>
	`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Header values a hostile sender could put on the wire, and values no HTTP stack would produce. */
const headerValue = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.constantFrom('sha256=', 'sha256= ', 'SHA256=' + 'a'.repeat(64), 'sha1=' + 'a'.repeat(40)),
	fc.stringMatching(/^sha256=[0-9a-fA-F]{0,130}$/),
	fc.array(fc.string(), { maxLength: 3 }),
	fc.anything(),
);

describe('fuzzing the signature check', () => {
	it('never throws, and accepts nothing but the exact signature of the exact body', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 2048 }),
				fc.string({ minLength: 1 }),
				headerValue,
				(bytes, secret, header) => {
					const body = Buffer.from(bytes);
					const verdict = verifySignature(body, header, secret);
					// Exact: the prefix as Replicated writes it, then the digest in either case of hex.
					const exact =
						typeof header === 'string' &&
						header.trim().startsWith('sha256=') &&
						header.trim().slice(7).toLowerCase() === sign(body, secret).slice(7);
					expect(verdict.ok).toBe(exact);
					if (!verdict.ok) expect(verdict.reason).toMatch(/signature/i);
				},
			),
			{ numRuns: 2000 },
		);
	});

	it('refuses every single-bit change of a signed body', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.nat(), (bytes, at) => {
				const body = Buffer.from(bytes);
				const header = sign(body, 'whsec_fuzz_0123456789');
				const changed = Buffer.from(body);
				changed[at % changed.length] ^= 1 << at % 8;
				expect(verifySignature(changed, header, 'whsec_fuzz_0123456789').ok).toBe(false);
			}),
			{ numRuns: 1000 },
		);
	});

	it('compares custom header tokens without throwing on any value', () => {
		fc.assert(
			fc.property(fc.anything(), fc.string(), (given, expected) => {
				expect(tokenMatches(given, expected)).toBe(given === expected);
			}),
			{ numRuns: 1000 },
		);
	});

	it('reads any timestamp text without throwing', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
				),
				(ts) => {
					const verdict = checkFreshness(ts, 360);
					expect(typeof verdict.ok).toBe('boolean');
				},
			),
			{ numRuns: 1000 },
		);
	});
});

describe('fuzzing the delivery schema and the item built from it', () => {
	/** Mostly real envelopes with fields replaced by arbitrary JSON, some arbitrary JSON outright. */
	const envelope = fc.oneof(
		fc.jsonValue(),
		fc
			.record({
				event: fc.oneof(fc.constantFrom(...EVENT_TYPES.map((e) => e.key)), fc.jsonValue()),
				timestamp: fc.oneof(
					fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
					fc.jsonValue(),
				),
				data: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
				text: fc.oneof(fc.string(), fc.constant(null), fc.jsonValue()),
				test: fc.oneof(fc.boolean(), fc.jsonValue()),
			})
			.map((r) => JSON.parse(JSON.stringify(r)) as unknown),
	);

	it('either names the wrong field or yields an item that meets the published output contract', () => {
		let accepted = 0;
		fc.assert(
			fc.property(envelope, (value) => {
				const result = deliverySchema.safeParse(value);
				if (!result.success) {
					expect(deliveryProblem(result.error)).toMatch(/^[\w.]+: .+/);
					return;
				}
				accepted += 1;
				const item = eventItem(result.data, { deliveryId: 'f'.repeat(64) });
				expect(eventItemSchema.safeParse(item).success).toBe(true);
			}),
			{ numRuns: 3000 },
		);
		// The generator must reach the accepting branch, or the property says nothing about items. About
		// 3.5% of runs are accepted (about 105 of 3,000, seen from 98 up): a bound at 100 failed at random.
		expect(accepted).toBeGreaterThan(40);
	});

	it('types every sample event with arbitrary extra and replaced data fields', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...EVENT_TYPES.map((e) => e.key)),
				fc.dictionary(fc.string(), fc.jsonValue()),
				(event, extra) => {
					const delivery = sampleDelivery(event);
					const parsed = deliverySchema.parse(
						JSON.parse(JSON.stringify({ ...delivery, data: { ...delivery.data, ...extra } })),
					);
					expect(eventItemSchema.safeParse(eventItem(parsed)).success).toBe(true);
				},
			),
			{ numRuns: 1000 },
		);
	});
});

describe('fuzzing replays of captured deliveries that Replicated logs as undelivered', () => {
	const HOUR = 3600_000;
	const DAY = 24 * HOUR;
	const SECRET = 'whsec_fuzz_replay';
	const start = Date.parse('2026-06-01T12:00:00Z');
	let clock = start;
	let trigger = 0;
	beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => clock));
	afterEach(() => jest.restoreAllMocks());

	/**
	 * Invariant: a delivery older than the replay window runs at most once, whatever the order and
	 * spacing of its copies over 40 days, in either acknowledge mode; Replicated's log says all of
	 * them are undelivered (a failed delivery whose capture someone replays).
	 */
	it.each(['onReceipt', 'afterRun'])(
		'never runs a stale delivery twice (acknowledge %s)',
		async (acknowledge) => {
			await fc.assert(
				fc.asyncProperty(
					// When each captured event happened: from a minute to 20 days before the first copy.
					fc.array(fc.integer({ min: 60_000, max: 20 * DAY }), { minLength: 1, maxLength: 4 }),
					fc.array(fc.record({ which: fc.nat(), wait: fc.oneof(fc.nat(HOUR), fc.nat(7 * DAY)) }), {
						minLength: 2,
						maxLength: 25,
					}),
					async (ages, copies) => {
						clock = start;
						const pool = ages.map((age, i) =>
							JSON.stringify(
								sampleDelivery(
									'customer.created',
									{ customerId: `cus-${i}` },
									{ timestamp: new Date(start - age) },
								),
							),
						);
						const fake = fakeTrigger({
							options: { acknowledge, enrichCustomer: false, catchUp: false },
							logged: () =>
								pool.map((body, i) => ({
									id: `evt-${i}`,
									status: 'failed',
									payload: JSON.parse(body) as IDataObject,
									attempts: [],
								})),
							secret: SECRET,
							workflowId: `wf-replay-${trigger++}`,
						});
						const staleRuns = pool.map(() => 0);
						for (const { which, wait } of copies) {
							clock += wait;
							const i = which % pool.length;
							const stale = clock - Date.parse(JSON.parse(pool[i]).timestamp) > 6 * HOUR;
							const answer = await fake.deliver(pool[i]);
							if (answer.ran && stale) staleRuns[i] += 1;
						}
						expect(Math.max(...staleRuns)).toBeLessThanOrEqual(1);
					},
				),
				{ numRuns: 300 },
			);
		},
	);

	/**
	 * Invariants of the memory itself, under a small bound: never more records than the bound, and
	 * no key accepted twice, even once its record was dropped to stay within the bound.
	 */
	it('stays within its bound and accepts no key twice', () => {
		let scope = 0;
		fc.assert(
			fc.property(
				// When each event happened (a key is a digest of the event, its time and its data).
				fc.array(fc.nat(35 * DAY), { minLength: 12, maxLength: 40 }),
				fc.array(
					fc.record({
						which: fc.nat(),
						wait: fc.oneof(fc.nat(6 * HOUR), fc.nat(3 * DAY)),
						// Handled by the webhook process that accepted the others, or by another one.
						elsewhere: fc.boolean(),
					}),
					{ minLength: 30, maxLength: 200 },
				),
				(ages, steps) => {
					const trigger = `bound-${scope++}`;
					let now = start;
					let memory: RedeliveryMemory | undefined;
					const accepted = new Set<number>();
					for (const { which, wait, elsewhere } of steps) {
						now += wait;
						const i = which % ages.length;
						const at = start - ages[i];
						const process = elsewhere ? `${trigger}-${scope++}` : trigger;
						const result = acceptRedelivery(process, memory, `k${i}`, at, now, 10);
						memory = result.memory;
						if (result.recall.verdict === 'new') {
							expect(accepted.has(i)).toBe(false);
							expect(now - at).toBeLessThanOrEqual(REDELIVERY_MEMORY_MS);
							accepted.add(i);
						}
						expect(Object.keys(memory.runs).length).toBeLessThanOrEqual(10);
					}
				},
			),
			{ numRuns: 500 },
		);
	});
});

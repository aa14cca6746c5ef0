import {
	acceptOnce,
	bodyHash,
	MAX_REMEMBERED,
	recordKey,
} from '../../nodes/Replicated/trigger/delivery/dedupe';
import { EVENT_TYPES } from '../../nodes/Replicated/trigger/panel/events';
import { eventItem } from '../../nodes/Replicated/trigger/delivery/normalize';
import { deliverySchema } from '../../nodes/Replicated/schemas/event';
import { sampleDelivery } from '../emulator/samples';

describe('event catalogue and samples', () => {
	it('covers every documented event key once, with a realistic sample that passes the schema', () => {
		const keys = EVENT_TYPES.map((e) => e.key);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys).toHaveLength(28);
		for (const key of keys) {
			const parsed = deliverySchema.safeParse(JSON.parse(JSON.stringify(sampleDelivery(key))));
			expect(parsed.success).toBe(true);
		}
	});
});

describe('normalised event item', () => {
	it('lifts app, customer (paid/prod as paid) and instance, and keeps data as sent', () => {
		const delivery = sampleDelivery(
			'instance.ready',
			{ licenseType: 'prod' },
			{ test: true, timestamp: new Date('2026-11-23T10:00:00Z') },
		);
		const item = eventItem(delivery);
		expect(item).toEqual({
			customId: null,
			event: 'instance.ready',
			category: 'instance',
			occurredAt: '2026-11-23T10:00:00Z',
			isTest: true,
			deliveryId: null,
			text: delivery.text,
			app: { id: '2C0OQyxiiA4pc3blK0cKs5VQS3N', name: 'Acme Platform', slug: 'acme-platform' },
			customer: {
				id: '2JBxR7eNpTA5vl2rkkmUbVozdLd',
				name: 'The Airplane Company',
				customId: null,
				licenseType: 'paid',
			},
			instance: { id: '2LhYgNgyP6gwPbq2ZgV3FCXbVqJ', status: 'ready', appVersion: '2.4.0' },
			filters: {},
			data: delivery.data,
		});
	});

	it('has no customer or instance for events about releases', () => {
		const item = eventItem(sampleDelivery('release.promoted'));
		expect(item.customer).toBeNull();
		expect(item.instance).toBeNull();
		expect(item.category).toBe('release');
	});
});

describe('duplicate deliveries', () => {
	it('recognises a body seen within the window and forgets it after', () => {
		const seen = {};
		expect(acceptOnce('window:node', seen, 'h1', 1000, 0).duplicate).toBe(false);
		expect(acceptOnce('window:node', seen, 'h1', 1000, 500).duplicate).toBe(true);
		expect(acceptOnce('window:node', seen, 'h1', 1000, 2000).duplicate).toBe(false);
	});

	const id = (i: number) => bodyHash(`delivery ${i}`);

	it('remembers every delivery of a 10,000-delivery flood, so that a retry of any of them is refused', () => {
		const t = Date.UTC(2026, 10, 30);
		let record: Record<string, number> = {};
		for (let i = 0; i < 10_000; i++)
			record = acceptOnce('flood:node', record, id(i), 6 * 3_600_000, t + i * 100).record;
		const retried = [0, 1, 4_999, 5_000, 9_999].map(
			(i) =>
				acceptOnce('other-process:node', record, id(i), 6 * 3_600_000, t + 3_600_000).duplicate,
		);
		expect(retried).toEqual([true, true, true, true, true]);
		// 16 hex characters per key: the stored record stays small enough to be written per delivery.
		expect(JSON.stringify(record).length).toBeLessThan(10_000 * 34);
	});

	it('keeps at most MAX_REMEMBERED records, dropping the oldest', () => {
		const t = Date.UTC(2026, 10, 30);
		const seen: Record<string, number> = {};
		for (let i = 0; i < MAX_REMEMBERED + 99; i++) seen[recordKey(id(i))] = t + i;
		const next = (i: number, scope: string) =>
			acceptOnce(scope, seen, id(i), 1e12, t + MAX_REMEMBERED + 100).duplicate;
		expect(next(MAX_REMEMBERED + 99, 'cap:node')).toBe(false);
		expect(Object.keys(seen).length).toBeLessThanOrEqual(MAX_REMEMBERED);
		expect(next(0, 'cap-other-process:node')).toBe(false);
		expect(recordKey(id(MAX_REMEMBERED + 99)) in seen).toBe(true);
	});

	it('recognises records stored with full-length keys by earlier versions', () => {
		const stored = { [id(1)]: 10 };
		expect(acceptOnce('upgraded:node', stored, id(1), 60_000, 20).duplicate).toBe(true);
	});

	it('keeps the stored record whole when deliveries are handled at once (last writer wins in n8n)', () => {
		// Both requests loaded the same stored record before either was saved.
		const stored = { old: 1 };
		const a = acceptOnce('wf1:node', stored, 'ha', 60_000, 10);
		const b = acceptOnce('wf1:node', stored, 'hb', 60_000, 11);
		expect([a.duplicate, b.duplicate]).toEqual([false, false]);
		// n8n stores b's record last: it still holds a's delivery.
		expect(Object.keys(b.record).sort()).toEqual(['ha', 'hb', 'old']);
		// A retry of a's body, checked against that stored record, starts nothing.
		expect(acceptOnce('wf1:node', b.record, 'ha', 60_000, 5_000).duplicate).toBe(true);
	});

	it('refuses a copy that arrives before the original was stored, and only for the same trigger', () => {
		expect(acceptOnce('wf2:node', {}, 'hc', 60_000, 10).duplicate).toBe(false);
		expect(acceptOnce('wf2:node', {}, 'hc', 60_000, 20).duplicate).toBe(true);
		expect(acceptOnce('wf3:node', {}, 'hc', 60_000, 20).duplicate).toBe(false);
		// Outside the window the body is new again (replay protection refuses such old bodies).
		expect(acceptOnce('wf2:node', {}, 'hc', 60_000, 120_000).duplicate).toBe(false);
	});
});

import fc from 'fast-check';

import { csvObjects, csvRecords } from '../../nodes/Replicated/export/csv-records';
import { instanceRowItem } from '../../nodes/Replicated/export/instance-row';
import { jsonArrayItems } from '../../nodes/Replicated/export/json-array-items';
import { typedRows } from '../../nodes/Replicated/export/typed-rows';
import { csvLine, encodeExport, syntheticRow } from '../emulator/export-rows';
import { chunked } from '../support/chunked';

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

const field = fc.oneof(
	fc.string(),
	fc.constantFrom('', '"', '""', ',', '\n', '\r\n', 'a,b', 'say "hi"', 'ünïcödé 🚀'),
);

describe('streaming CSV parser', () => {
	it('reads back any records written with RFC 4180 quoting, however the bytes are split', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 20 }),
				fc.array(fc.nat(), { maxLength: 12 }),
				fc.boolean(),
				fc.boolean(),
				async (records, cuts, crlf, asBuffers) => {
					// A record of one empty field is a blank line, which CSV cannot tell apart; use 2 columns.
					const text = records.map((r) => csvLine(r).replace(/\n$/, crlf ? '\r\n' : '\n')).join('');
					expect(await all(csvRecords(chunked(text, cuts, asBuffers)))).toEqual(records);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('keys records by the header row', async () => {
		const rows = await all(csvObjects(chunked('\uFEFFa,b\n1,"x,y"\n2,\n', [3, 7], false)));
		expect(rows).toEqual([
			{ a: '1', b: 'x,y' },
			{ a: '2', b: '' },
		]);
	});
});

describe('streaming JSON array reader', () => {
	const json = fc.dictionary(
		fc.string(),
		fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())),
	);

	it('yields every element of an array of objects, however the bytes are split', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(json, { maxLength: 15 }),
				fc.array(fc.nat(), { maxLength: 12 }),
				fc.boolean(),
				async (items, cuts, pretty) => {
					const text = JSON.stringify(items, null, pretty ? 2 : undefined);
					expect(await all(jsonArrayItems(chunked(text, cuts, true)))).toEqual(items);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('yields the first list of objects inside an object, whatever comes around it', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(json, { minLength: 1, maxLength: 10 }),
				fc.array(fc.nat(), { maxLength: 12 }),
				fc.string().filter((k) => !['later', 'totalCount'].includes(k)),
				async (items, cuts, key) => {
					const text = JSON.stringify({
						note: 'a [ and a { in a string',
						empty: [],
						scalars: [1, 'two'],
						[key || 'rows']: items,
						later: [{ not: 'rows' }],
						totalCount: items.length,
					});
					expect(await all(jsonArrayItems(chunked(text, cuts, true)))).toEqual(items);
				},
			),
			{ numRuns: 200 },
		);
	});

	it.each([
		['{"a":1}', 'the export is an object with "a" and no list of rows'],
		['{}', 'the export is an object with nothing in it and no list of rows'],
		['"text"', 'the export is a string, not a list of rows'],
		['', 'the export is empty: no JSON at all'],
		['[{"a":1},', 'the export ended before its JSON was complete'],
		['["x"]', "the export's list holds a string where a row (an object) belongs"],
		['{"customers":[{"a":1},7]}', 'the export\'s "customers" list holds a number where a row'],
		['[{"a":1}] [', 'the export has more after its JSON value'],
	])('rejects %j, saying what it is', async (text, message) => {
		await expect(all(jsonArrayItems(chunked(text, [], false)))).rejects.toThrow(message);
	});

	it('an empty list is an export without rows, not an error', async () => {
		expect(
			await all(jsonArrayItems(chunked('{"customers":[],"totalCount":0}', [], false))),
		).toEqual([]);
		expect(await all(jsonArrayItems(chunked('[]', [], false)))).toEqual([]);
	});
});

describe('instance row typing', () => {
	it('collects entitlements, custom metrics and tags and types the documented columns', () => {
		const item = instanceRowItem({
			customer_id: 'c1',
			customer_name: 'Acme',
			customer_type: 'prod',
			instance_id: 'i1',
			instance_is_active: 'true',
			instance_is_airgap: 'false',
			instance_kurl_node_count_total: '3',
			instance_last_reported_at: '2026-11-01T00:00:00Z',
			instance_cloud_provider_region: '',
			customer_entitlement__seats: '250',
			customer_entitlement__sso_enabled: 'true',
			custom_metric__active_users: '42',
			custom_metric__plan: 'gold',
			instance_tag__env: 'prod',
		});
		expect(item).toEqual({
			customId: null,
			customerId: 'c1',
			customerName: 'Acme',
			licenseType: 'paid',
			instanceId: 'i1',
			customer_id: 'c1',
			customer_name: 'Acme',
			customer_type: 'prod',
			instance_id: 'i1',
			instance_is_active: true,
			instance_is_airgap: false,
			instance_kurl_node_count_total: 3,
			instance_last_reported_at: '2026-11-01T00:00:00Z',
			instance_cloud_provider_region: null,
			entitlements: { seats: 250, sso_enabled: true },
			customMetrics: { active_users: 42, plan: 'gold' },
			tags: { env: 'prod' },
		});
	});
});

describe('the export read as CSV or as JSON', () => {
	it('gives the same typed rows either way, whatever the rows hold', async () => {
		const channel = { id: 'ch1', name: 'Stable' } as Parameters<typeof syntheticRow>[1];
		const rows = Array.from({ length: 200 }, (_, i) => syntheticRow('app1', channel, i));
		// Cells a CSV writer must quote, and an entitlement that reads as a number.
		rows[3].customer_name = 'Acme, "West" \r\nDivision';
		rows[7].customer_entitlement__seats = '0250';
		const read = async (format: 'csv' | 'json') => {
			const text = (await all(encodeExport(rows, format))).join('');
			return await all(typedRows(chunked(text, [5, 4096, 70_001], true), format));
		};
		const [csv, json] = [await read('csv'), await read('json')];
		expect(csv).toHaveLength(200);
		expect(csv[3].customerName).toBe('Acme, "West" \r\nDivision');
		// CSV has only text; the typing reads numbers, flags and empty cells back as JSON has them.
		expect(csv).toEqual(json);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test: measures the heap the readers use */
import fc from 'fast-check';

import { csvRecords } from '../../nodes/Replicated/export/csv-records';
import { ExportFormatError, MAX_ROW_CHARS } from '../../nodes/Replicated/export/format-error';
import { jsonArrayItems } from '../../nodes/Replicated/export/json-array-items';
import { typedRows } from '../../nodes/Replicated/export/typed-rows';
import { csvLine } from '../emulator/export-rows';
import { chunked } from '../support/chunked';

/**
 * Issue 33 item 6: the export readers fed generated hostile input. Invariants, each in a test's
 * name: the same rows whatever the chunking; nothing thrown but an ExportFormatError (which
 * Instance → Export turns into a node error naming the row); time and memory bounded by the row
 * cap (MAX_ROW_CHARS) however long the input runs on.
 */

/** What reading gives: the items, or the error's class and message. */
async function outcome<T>(items: AsyncIterable<T>): Promise<{ items: T[] } | { error: string }> {
	const out: T[] = [];
	try {
		for await (const item of items) out.push(item);
		return { items: out };
	} catch (error) {
		return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
	}
}

const onlyFormatErrors = (result: { items: unknown[] } | { error: string }) => {
	if ('error' in result) expect(result.error).toMatch(/^(ExportFormatError|JsonShapeError): /);
};

/** Text with what breaks CSV and JSON readers: quotes, separators, line ends, BOMs, surrogates. */
const hostileText = fc.array(
	fc.oneof(
		fc.string({ unit: 'grapheme' }),
		fc.string({ unit: 'binary' }),
		fc.constantFrom('"', '""', ',', '\n', '\r', '\r\n', '\uFEFF', '{', '}', '[', ']', ':', '\\'),
	),
	{ maxLength: 40 },
);

/**
 * Reading any text at all gives the same outcome in one piece or cut anywhere, and throws nothing
 * but an ExportFormatError.
 */
function sameOutcomeOnAnyText(
	read: (chunks: AsyncIterable<Buffer | string>) => AsyncIterable<unknown>,
) {
	return fc.assert(
		fc.asyncProperty(hostileText, cutsArb, fc.boolean(), async (parts, cuts, asBuffers) => {
			const text = parts.join('');
			const whole = await outcome(read(chunked(text, [], asBuffers)));
			onlyFormatErrors(whole);
			expect(await outcome(read(chunked(text, cuts, asBuffers)))).toEqual(whole);
		}),
		{ numRuns: 500 },
	);
}

const field = fc.oneof(
	fc.string({ unit: 'grapheme' }),
	fc.constantFrom('', '"', '""', ',', '\n', '\r', '\r\n', 'say "hi"', '\uFEFF', 'ünïcödé 🚀'),
);

const cutsArb = fc.array(fc.nat(), { maxLength: 16 });

describe('fuzzing the CSV reader', () => {
	it('any text at all: the same outcome in one piece or cut anywhere, and no throw but an ExportFormatError', async () => {
		await sameOutcomeOnAnyText(csvRecords);
	});

	it('same records whatever the chunking: any RFC 4180 file, with or without a BOM, LF, CRLF or CR line ends', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 15 }),
				fc.constantFrom('\n', '\r\n', '\r'),
				fc.boolean(),
				cutsArb,
				fc.boolean(),
				async (records, eol, bom, cuts, asBuffers) => {
					const text =
						(bom ? '\uFEFF' : '') +
						records.map((r) => csvLine(r).replace(/\n$/, '')).join(eol) +
						eol;
					// A BOM starts the file, bytes or text: never part of the first field. (So a file whose
					// first field starts with U+FEFF needs the BOM before it: TextDecoder agrees.)
					fc.pre(bom || !records[0][0].startsWith('\uFEFF'));
					const expected = records;
					expect(await outcome(csvRecords(chunked(text, cuts, asBuffers)))).toEqual({
						items: expected,
					});
				},
			),
			{ numRuns: 400 },
		);
	});

	it('an unterminated quote, an endless line or an endless field of any length: refused at the row cap, memory bounded, time linear', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('"', '', 'a,"b', '"x""'),
				fc.constantFrom('x', 'a,', '""', '\u00e9', '🚀'),
				fc.integer({ min: 8 * 1024, max: 96 * 1024 }),
				fc.integer({ min: 1, max: 3 }),
				async (opening, unit, chunkChars, capsWorth) => {
					const chunk = unit.repeat(Math.ceil(chunkChars / unit.length));
					const chunks = Math.ceil((capsWorth * MAX_ROW_CHARS) / chunk.length) + 2;
					async function* endless() {
						yield Buffer.from(`h1,h2\n1,2\n${opening}`);
						for (let i = 0; i < chunks; i++) yield Buffer.from(chunk);
					}
					const heapBefore = process.memoryUsage().heapUsed;
					const started = performance.now();
					const result = await outcome(csvRecords(endless()));
					const ms = performance.now() - started;
					// `a,` repeated is an endless line of empty fields; the others, one field or one quote.
					expect(result).toEqual({
						error: `ExportFormatError: the export's CSV row 3 (the header is row 1) is longer than 4,194,304 characters: a quote that is never closed, or not a CSV export`,
					});
					// The cap is 4 Mi characters (8 MB as UTF-16 at most) plus a chunk: far under 200 MB.
					expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
					// Linear: about 20 ms a cap's worth here; quadratic took seconds.
					expect(ms).toBeLessThan(5000);
				},
			),
			{ numRuns: 12 },
		);
	}, 120_000);
});

/** A key a row may carry: documented columns, families, and names that are dangerous as keys. */
const hostileKey = fc.oneof(
	fc.constantFrom(
		'__proto__',
		'constructor',
		'prototype',
		'hasOwnProperty',
		'toString',
		'instance_id',
		'customer_id',
		'custom_metric__constructor',
		'custom_metric____proto__',
		'customer_entitlement__prototype',
		'instance_tag__',
		'instance_is_active',
		'instance_version_age',
		'',
		'\uFEFF',
	),
	fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const hostileValue = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.constantFrom('true', 'false', '12', '-0', 'NaN', '1e309', '', '__proto__'),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.jsonValue({ maxDepth: 3 }),
);
const hostileRow = fc
	.dictionary(hostileKey, hostileValue, { maxKeys: 12 })
	.map((row) => ({ instance_id: 'i-1', ...row }));

describe('fuzzing the JSON reader', () => {
	it('any text at all: the same outcome in one piece or cut anywhere, and no throw but an ExportFormatError', async () => {
		await sameOutcomeOnAnyText(jsonArrayItems);
	});

	it('same rows whatever the chunking: a list or a list in an object, hostile keys, BOM, any whitespace', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(hostileRow, { maxLength: 12 }),
				fc.constantFrom('bare', 'enveloped'),
				fc.constantFrom('', ' ', '\n', '\r\n\t'),
				fc.boolean(),
				cutsArb,
				fc.boolean(),
				async (rows, shape, space, bom, cuts, asBuffers) => {
					// JSON.stringify of a parsed `__proto__` key keeps it as an own property, as Replicated's JSON would.
					const list = `[${space}${rows.map((r) => JSON.stringify(r)).join(`,${space}`)}${space}]`;
					const body =
						shape === 'bare' ? list : `{"totalCount":${rows.length},"customers":${list}}`;
					const text = (bom ? '\uFEFF' : '') + space + body + space;
					const expected = rows.map((r) => JSON.parse(JSON.stringify(r)) as unknown);
					expect(await outcome(jsonArrayItems(chunked(text, cuts, asBuffers)))).toEqual({
						items: expected,
					});
				},
			),
			{ numRuns: 400 },
		);
	});

	it('rows with hostile keys and values, typed: no throw but an ExportFormatError, and no prototype polluted', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(hostileRow, { maxLength: 8 }), cutsArb, async (rows, cuts) => {
				const text = `[${rows.map((r) => JSON.stringify(r)).join(',')}]`;
				onlyFormatErrors(await outcome(typedRows(chunked(text, cuts, true), 'json')));
				expect(({} as Record<string, unknown>).polluted).toBeUndefined();
				expect(Object.getPrototypeOf({})).toBe(Object.prototype);
			}),
			{ numRuns: 300 },
		);
	});

	it('a row that never ends, of any length: refused at the row cap, memory bounded', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('{"a":"', '{"a":[', '{"a":{"b":', '[{"x":1},{"y":"'),
				fc.constantFrom('x', '[', '{"k":', '\\"'),
				fc.integer({ min: 1, max: 2 }),
				async (opening, unit, capsWorth) => {
					const chunk = unit.repeat(Math.ceil((32 * 1024) / unit.length));
					const chunks = Math.ceil((capsWorth * MAX_ROW_CHARS) / chunk.length) + 2;
					const head = opening.startsWith('[') ? opening : `[${opening}`;
					async function* endless() {
						yield Buffer.from(head);
						for (let i = 0; i < chunks; i++) yield Buffer.from(chunk);
					}
					const heapBefore = process.memoryUsage().heapUsed;
					const result = await outcome(jsonArrayItems(endless()));
					expect(result).toEqual({
						error: `JsonShapeError: the export's row ${head.startsWith('[{"x":1}') ? 2 : 1} is longer than 4,194,304 characters: a row that never ends, or not an export`,
					});
					expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
				},
			),
			{ numRuns: 8 },
		);
	}, 120_000);

	it('the errors it throws are ExportFormatErrors (the node turns them into a node error)', async () => {
		const result = await outcome(jsonArrayItems(chunked('[{"a":1},{"a":}]', [], true)));
		expect(result).toEqual({ error: "JsonShapeError: the export's row 2 is not valid JSON" });
		await expect(jsonArrayItems(chunked('7', [], true)).next()).rejects.toBeInstanceOf(
			ExportFormatError,
		);
	});
});

/**
 * Streaming reader for the objects of a JSON list: a top-level array (`[{…},{…}]`), or the first
 * list of objects inside a top-level object (`{"customers": [{…}], "totalCount": 2}`). Yields each
 * element parsed, keeping only the current element's text in memory. Replicated documents the JSON
 * export only as "the list of customers" (SPEC getCustomerInstances), so both are read (INFERRED);
 * any other shape is an error that names it.
 */

import { count, ExportFormatError, MAX_ROW_CHARS } from './format-error';

/** The JSON is not a list of objects (or a row is past the cap): the message says what instead. */
export class JsonShapeError extends ExportFormatError {}

const WHITESPACE = new Set([' ', '\n', '\r', '\t']);

/** What a value that starts with `c` is, in words. */
function kindOf(c: string): string {
	if (c === '"') return 'a string';
	if (c === '[') return 'a list';
	if (c === '{') return 'an object';
	if (c === 't' || c === 'f') return 'a boolean';
	if (c === 'n') return 'null';
	if (c === '-' || (c >= '0' && c <= '9')) return 'a number';
	return `an unexpected ${JSON.stringify(c)}`;
}

/**
 * A row's text parsed; a row that is not JSON is named by its number. The parser's own message is
 * left out: it quotes the row, and a row may hold a license ID.
 */
function parseRow(text: string, row: number): unknown {
	let value: unknown;
	let valid = true;
	try {
		value = JSON.parse(text);
	} catch {
		valid = false;
	}
	if (!valid) throw new JsonShapeError(`the export's row ${count(row)} is not valid JSON`);
	return value;
}

export async function* jsonArrayItems(
	chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<unknown> {
	// The BOM is kept here and dropped by the reader, once, whether the input came as bytes or text.
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	let top: '[' | '{' | null = null;
	/** Depth of the list whose elements are yielded: 1 (top-level array) or 2 (in an object). */
	let listDepth = 1;
	let depth = 0;
	let inString = false;
	let escaped = false;
	let element = '';
	let started = false;
	// In a top-level object: keys at depth 1, and which list (if any) holds the rows.
	let expectKey = false;
	let key = '';
	let lastKey = '';
	const keys: string[] = [];
	let list: 'none' | 'candidate' | 'rows' | 'skipped' = 'none';
	let listKey: string | null = null;
	let rowsDone = false;
	let sawEmptyList = false;
	let rows = 0;
	let seenBom = false;

	const fail = (what: string): never => {
		throw new JsonShapeError(what);
	};
	// A row is held whole to be parsed: one that never ends would take all memory, so it is capped.
	const checkSize = (chars: number) => {
		if (chars > MAX_ROW_CHARS)
			fail(
				`the export's row ${count(rows + 1)} is longer than ${count(MAX_ROW_CHARS)} characters: a row that never ends, or not an export`,
			);
	};

	for await (const chunk of chunks) {
		const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		let elementStart = started ? 0 : -1;
		for (let i = 0; i < text.length; i++) {
			const c = text[i];
			if (inString) {
				if (escaped) escaped = false;
				else if (c === '\\') escaped = true;
				else if (c === '"') {
					inString = false;
					if (top === '{' && depth === 1 && expectKey) {
						lastKey = key;
						if (keys.length < 20) keys.push(key.slice(0, 40));
						expectKey = false;
					}
				} else if (top === '{' && depth === 1 && expectKey && key.length < 200) key += c;
				continue;
			}
			if (WHITESPACE.has(c)) continue;
			// A byte-order mark before the value (bytes lose it in the decoder; text may keep it).
			if (top === null && c === '\uFEFF' && !seenBom) {
				seenBom = true;
				continue;
			}
			if (top === null) {
				if (c !== '[' && c !== '{') fail(`the export is ${kindOf(c)}, not a list of rows`);
				top = c as '[' | '{';
				listDepth = c === '[' ? 1 : 2;
				depth = 1;
				expectKey = c === '{';
				continue;
			}
			if (depth === 0) fail('the export has more after its JSON value');
			// An element of the list being read starts here (the list's first element decides for
			// an object's list whether it holds rows).
			if (depth === listDepth && (top === '[' || list === 'candidate' || list === 'rows')) {
				if (c === ']' || c === ',') {
					// Handled below with the other brackets and separators.
				} else if (c === '{') {
					if (top === '{' && list === 'candidate') {
						list = 'rows';
						listKey = lastKey;
					}
					elementStart = i;
					started = true;
				} else if (top === '[' || list === 'rows') {
					fail(
						`the export's ${top === '[' ? 'list' : `"${listKey}" list`} holds ${kindOf(c)} where a row (an object) belongs`,
					);
				} else {
					list = 'skipped';
				}
			}
			if (c === '"') {
				inString = true;
				if (top === '{' && depth === 1 && expectKey) key = '';
			} else if (c === '{' || c === '[') {
				if (top === '{' && depth === 1 && c === '[' && list === 'none' && !rowsDone) {
					list = 'candidate';
				}
				depth++;
			} else if (c === '}' || c === ']') {
				depth--;
				if (depth === listDepth && started) {
					checkSize(element.length + i + 1 - elementStart);
					element += text.slice(elementStart, i + 1);
					rows += 1;
					yield parseRow(element, rows);
					element = '';
					started = false;
					elementStart = -1;
				} else if (top === '{' && depth === 1 && c === ']' && list !== 'none') {
					if (list === 'candidate') sawEmptyList = true;
					if (list === 'rows') rowsDone = true;
					list = 'none';
				}
			} else if (c === ',' && top === '{' && depth === 1) {
				expectKey = true;
			}
		}
		if (started && elementStart >= 0) {
			checkSize(element.length + text.length - elementStart);
			element += text.slice(elementStart);
		}
	}
	if (top === null) fail('the export is empty: no JSON at all');
	if (depth !== 0 || inString) fail('the export ended before its JSON was complete');
	if (top === '{' && !rowsDone && !sawEmptyList)
		fail(
			`the export is an object ${keys.length ? `with ${keys.map((k) => JSON.stringify(k)).join(', ')}` : 'with nothing in it'} and no list of rows`,
		);
}

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

const fail = (what: string): never => {
	throw new JsonShapeError(what);
};

/**
 * Where a scan of the JSON text is, carried from chunk to chunk: the depth, whether in a string,
 * the current element's text so far and, in a top-level object, its keys and which list holds
 * the rows.
 */
class ListScanner {
	top: '[' | '{' | null = null;
	/** Depth of the list whose elements are yielded: 1 (top-level array) or 2 (in an object). */
	listDepth = 1;
	depth = 0;
	inString = false;
	escaped = false;
	element = '';
	started = false;
	/** Where the current element starts in the current chunk: 0 if in an earlier one, -1 if none. */
	elementStart = -1;
	// In a top-level object: keys at depth 1, and which list (if any) holds the rows.
	expectKey = false;
	key = '';
	lastKey = '';
	keys: string[] = [];
	list: 'none' | 'candidate' | 'rows' | 'skipped' = 'none';
	listKey: string | null = null;
	rowsDone = false;
	sawEmptyList = false;
	rows = 0;
	seenBom = false;

	/** Reads `text[i]`; true when it closes a row, which `row(text, i)` then takes. */
	read(text: string, i: number): boolean {
		const c = text[i];
		if (this.inString) {
			this.stringChar(c);
			return false;
		}
		if (WHITESPACE.has(c)) return false;
		if (this.top === null) {
			this.open(c);
			return false;
		}
		if (this.depth === 0) fail('the export has more after its JSON value');
		// An element of the list being read starts here (the list's first element decides for
		// an object's list whether it holds rows).
		if (
			this.depth === this.listDepth &&
			(this.top === '[' || this.list === 'candidate' || this.list === 'rows')
		)
			this.elementChar(c, i);
		return this.structure(c);
	}

	/** A character in a string: kept only as a key of the top-level object (its first 200). */
	private stringChar(c: string): void {
		if (this.escaped) this.escaped = false;
		else if (c === '\\') this.escaped = true;
		else if (c === '"') {
			this.inString = false;
			if (this.top === '{' && this.depth === 1 && this.expectKey) {
				this.lastKey = this.key;
				if (this.keys.length < 20) this.keys.push(this.key.slice(0, 40));
				this.expectKey = false;
			}
		} else if (this.top === '{' && this.depth === 1 && this.expectKey && this.key.length < 200)
			this.key += c;
	}

	/** The JSON value's first character: a list, or an object that may hold one. */
	private open(c: string): void {
		// A byte-order mark before the value (bytes lose it in the decoder; text may keep it).
		if (c === '\uFEFF' && !this.seenBom) {
			this.seenBom = true;
			return;
		}
		if (c !== '[' && c !== '{') fail(`the export is ${kindOf(c)}, not a list of rows`);
		this.top = c as '[' | '{';
		this.listDepth = c === '[' ? 1 : 2;
		this.depth = 1;
		this.expectKey = c === '{';
	}

	/** A character where an element of the list begins: a row (an object), or not. */
	private elementChar(c: string, i: number): void {
		// `]` and `,` are handled in `structure` with the other brackets and separators.
		if (c === ']' || c === ',') return;
		if (c === '{') {
			if (this.top === '{' && this.list === 'candidate') {
				this.list = 'rows';
				this.listKey = this.lastKey;
			}
			this.elementStart = i;
			this.started = true;
		} else if (this.top === '[' || this.list === 'rows') {
			fail(
				`the export's ${this.top === '[' ? 'list' : `"${this.listKey}" list`} holds ${kindOf(c)} where a row (an object) belongs`,
			);
		} else {
			this.list = 'skipped';
		}
	}

	/** Strings, brackets and separators; true when a bracket closes a row. */
	private structure(c: string): boolean {
		if (c === '"') {
			this.inString = true;
			if (this.top === '{' && this.depth === 1 && this.expectKey) this.key = '';
		} else if (c === '{' || c === '[') {
			if (
				this.top === '{' &&
				this.depth === 1 &&
				c === '[' &&
				this.list === 'none' &&
				!this.rowsDone
			)
				this.list = 'candidate';
			this.depth++;
		} else if (c === '}' || c === ']') {
			this.depth--;
			if (this.depth === this.listDepth && this.started) return true;
			if (this.top === '{' && this.depth === 1 && c === ']' && this.list !== 'none') {
				if (this.list === 'candidate') this.sawEmptyList = true;
				if (this.list === 'rows') this.rowsDone = true;
				this.list = 'none';
			}
		} else if (c === ',' && this.top === '{' && this.depth === 1) {
			this.expectKey = true;
		}
		return false;
	}

	/** A row is held whole to be parsed: one that never ends would take all memory, so it is capped. */
	private checkSize(chars: number): void {
		if (chars > MAX_ROW_CHARS)
			fail(
				`the export's row ${count(this.rows + 1)} is longer than ${count(MAX_ROW_CHARS)} characters: a row that never ends, or not an export`,
			);
	}

	/** A new chunk: an element begun in an earlier one goes on from the chunk's start. */
	next(): void {
		this.elementStart = this.started ? 0 : -1;
	}

	/** The row that `text[i]` closed, whole (counted; the scan moves past it). */
	row(text: string, i: number): string {
		this.checkSize(this.element.length + i + 1 - this.elementStart);
		const row = this.element + text.slice(this.elementStart, i + 1);
		this.rows += 1;
		this.element = '';
		this.started = false;
		this.elementStart = -1;
		return row;
	}

	/** The end of a chunk: the part of an unfinished row in it is kept. */
	keep(text: string): void {
		if (this.started && this.elementStart >= 0) {
			this.checkSize(this.element.length + text.length - this.elementStart);
			this.element += text.slice(this.elementStart);
		}
	}

	/** The end of the input: an error unless the JSON was whole and held a list of rows. */
	end(): void {
		if (this.top === null) fail('the export is empty: no JSON at all');
		if (this.depth !== 0 || this.inString) fail('the export ended before its JSON was complete');
		if (this.top === '{' && !this.rowsDone && !this.sawEmptyList)
			fail(
				`the export is an object ${this.keys.length ? `with ${this.keys.map((k) => JSON.stringify(k)).join(', ')}` : 'with nothing in it'} and no list of rows`,
			);
	}
}

export async function* jsonArrayItems(
	chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<unknown> {
	// The BOM is kept here and dropped by the reader, once, whether the input came as bytes or text.
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	const scan = new ListScanner();
	for await (const chunk of chunks) {
		const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		scan.next();
		for (let i = 0; i < text.length; i++)
			if (scan.read(text, i)) yield parseRow(scan.row(text, i), scan.rows);
		scan.keep(text);
	}
	scan.end();
}

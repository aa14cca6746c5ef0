import { dict } from '../schemas/keyed';
import { count, ExportFormatError, MAX_ROW_CHARS } from './format-error';

/**
 * Streaming CSV (RFC 4180) parser: yields the complete records of each chunk together, so an export
 * of any size is never held in memory as a whole. Handles quoted fields with commas, doubled quotes
 * and line breaks, and CRLF, LF or CR line ends. Lines without a quote (nearly all of an export)
 * take a fast path through the engine's native split.
 *
 * Linear on any input: every character is looked at a bounded number of times, however the bytes
 * are split. A record still open at the end of a chunk is carried as parser state (or, for a plain
 * line, as pieces), never parsed again from its start: an unterminated quote once made each chunk
 * re-read everything since the quote (32 MB: 30 s and 260 MB). A record longer than MAX_ROW_CHARS
 * is refused with an ExportFormatError naming its row.
 */
export async function* csvRecordBatches(
	chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<string[][]> {
	// The BOM is kept here and dropped by the reader, once, whether the input came as bytes or text.
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	const reader = new CsvReader();
	for await (const chunk of chunks) {
		const records: string[][] = [];
		reader.push(
			typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }),
			records,
		);
		if (records.length) yield records;
	}
	const records: string[][] = [];
	reader.push(decoder.decode(), records);
	reader.end(records);
	if (records.length) yield records;
}

/** Records one at a time. */
export async function* csvRecords(
	chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<string[]> {
	for await (const batch of csvRecordBatches(chunks)) yield* batch;
}

/** Records as objects keyed by the header row. */
export async function* csvObjects(
	chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<Record<string, string>> {
	let header: string[] | null = null;
	for await (const batch of csvRecordBatches(chunks)) {
		for (const record of batch) {
			if (!header) {
				header = csvHeader(record);
				continue;
			}
			// A dict: a column named `__proto__` is a column (keyed.ts).
			const row = dict<string>();
			for (let i = 0; i < header.length; i++) row[header[i]] = record[i] ?? '';
			yield row;
		}
	}
}

/** Column names of a header record: without a byte-order mark or padding. */
export function csvHeader(record: string[]): string[] {
	return record.map((h) => h.replace(/^\uFEFF/, '').trim());
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Whether the text from `from` on has a quote, CR or LF (the characters that end the fast path). */
function hasSpecial(text: string, from: number): boolean {
	// LF first: nearly every chunk has one early, and the other two are then not looked for.
	return (
		text.indexOf('\n', from) !== -1 ||
		text.indexOf('"', from) !== -1 ||
		text.indexOf('\r', from) !== -1
	);
}

/** A record being read character by character (it has a quote or a bare CR), across chunks. */
interface OpenRecord {
	fields: string[];
	field: string;
	/** start: before a field; quoted: inside quotes; quote: just after a quote inside quotes. */
	mode: 'start' | 'quoted' | 'quote' | 'plain';
	quoted: boolean;
	chars: number;
}

class CsvReader {
	/** A plain line not ended yet (no quote, CR or LF in it), kept as the pieces it came in. */
	private carry: string[] = [];
	private carried = 0;
	private open: OpenRecord | null = null;
	/** The last record ended with CR at the end of a chunk: an LF starting the next is its pair. */
	private afterCr = false;
	/** Records read so far (the header is the first). */
	private rows = 0;
	private started = false;

	push(text: string, out: string[][]): void {
		let p = 0;
		// A byte-order mark starts the file, not its first field (bytes lose it in the decoder).
		if (!this.started && text.length) {
			this.started = true;
			if (text.charCodeAt(0) === 0xfeff) p = 1;
		}
		if (this.afterCr) {
			if (!text.length) return;
			if (text.charCodeAt(0) === LF) p = 1;
			this.afterCr = false;
		}
		if (this.open) {
			p = this.readOpen(text, p, out);
			if (this.open) return;
		}
		// Positions below `clean` are known to hold no quote, CR or LF (they were carried).
		let clean = p;
		if (this.carry.length) {
			if (!hasSpecial(text, p)) return this.hold(text);
			clean = this.carried;
			text = this.carry.join('') + text;
			this.carry = [];
			this.carried = 0;
		}
		// The next quote and CR at or after p, searched again only once p has passed them.
		let quote = -2;
		let cr = -2;
		while (p < text.length) {
			const from = Math.max(p, clean);
			const nl = text.indexOf('\n', from);
			const lineEnd = nl === -1 ? text.length : nl;
			if (quote !== -1 && quote < p) quote = text.indexOf('"', from);
			if (cr !== -1 && cr < p) cr = text.indexOf('\r', from);
			const crEndsLine = nl !== -1 && cr !== -1 && cr === lineEnd - 1;
			if ((quote === -1 || quote > lineEnd) && (cr === -1 || cr > lineEnd || crEndsLine)) {
				if (nl === -1) return this.hold(text.slice(p));
				if (lineEnd - p > MAX_ROW_CHARS) this.tooLong();
				const line = text.slice(p, crEndsLine ? cr : lineEnd);
				if (line) {
					out.push(line.split(','));
					this.rows += 1;
				}
				p = lineEnd + 1;
				continue;
			}
			this.open = { fields: [], field: '', mode: 'start', quoted: false, chars: 0 };
			p = this.readOpen(text, p, out);
			if (this.open) return;
		}
	}

	/** The end of the input: what is still open is the last record (an unclosed quote takes the rest). */
	end(out: string[][]): void {
		if (this.open) this.close(out);
		if (this.carry.length) {
			out.push(this.carry.join('').split(','));
			this.rows += 1;
		}
		this.carry = [];
	}

	private hold(piece: string): void {
		this.carry.push(piece);
		this.carried += piece.length;
		if (this.carried > MAX_ROW_CHARS) this.tooLong();
	}

	private take(record: OpenRecord, piece: string): void {
		record.field += piece;
		this.consumed(record, piece.length);
	}

	/** Counts the record's characters as read (quotes and commas too) against the cap. */
	private consumed(record: OpenRecord, chars: number): void {
		record.chars += chars;
		if (record.chars > MAX_ROW_CHARS) this.tooLong();
	}

	private close(out: string[][]): void {
		const record = this.open!;
		this.open = null;
		record.fields.push(record.field);
		// A line with nothing on it holds no record.
		if (record.fields.length === 1 && !record.field && !record.quoted) return;
		out.push(record.fields);
		this.rows += 1;
	}

	/** Reads the open record from `i`; returns where the text after it starts (all of it consumed if still open). */
	private readOpen(text: string, i: number, out: string[][]): number {
		const record = this.open!;
		while (i < text.length) {
			if (record.mode === 'start') {
				if (text.charCodeAt(i) === QUOTE) {
					record.mode = 'quoted';
					record.quoted = true;
					this.consumed(record, 1);
					i += 1;
				} else record.mode = 'plain';
			} else if (record.mode === 'quoted') {
				const q = text.indexOf('"', i);
				this.take(record, text.slice(i, q === -1 ? text.length : q));
				if (q === -1) return text.length;
				record.mode = 'quote';
				this.consumed(record, 1);
				i = q + 1;
			} else if (record.mode === 'quote') {
				// A doubled quote is a quote; anything else follows the closing quote (taken literally).
				if (text.charCodeAt(i) === QUOTE) {
					this.take(record, '"');
					record.mode = 'quoted';
					i += 1;
				} else record.mode = 'plain';
			} else {
				let j = i;
				let c = 0;
				while (j < text.length) {
					c = text.charCodeAt(j);
					if (c === COMMA || c === LF || c === CR) break;
					j++;
				}
				this.take(record, text.slice(i, j));
				if (j === text.length) return j;
				i = j + 1;
				if (c === COMMA) {
					this.consumed(record, 1);
					record.fields.push(record.field);
					record.field = '';
					record.mode = 'start';
					continue;
				}
				this.close(out);
				if (c === CR) {
					if (i === text.length) this.afterCr = true;
					else if (text.charCodeAt(i) === LF) i += 1;
				}
				return i;
			}
		}
		return i;
	}

	private tooLong(): never {
		throw new ExportFormatError(
			`the export's CSV row ${count(this.rows + 1)} (the header is row 1) is longer than ${count(MAX_ROW_CHARS)} characters: a quote that is never closed, or not a CSV export`,
		);
	}
}

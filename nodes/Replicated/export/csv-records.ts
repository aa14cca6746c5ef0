import { dict } from '../schemas/keyed';

/**
 * Streaming CSV (RFC 4180) parser: yields the complete records of each chunk together, so an export
 * of any size is never held in memory as a whole. Handles quoted fields with commas, doubled quotes
 * and line breaks, and CRLF, LF or CR line ends. Lines without a quote (nearly all of an export)
 * take a fast path through the engine's native split.
 */
export async function* csvRecordBatches(
	chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<string[][]> {
	const decoder = new TextDecoder('utf-8');
	let carry = '';
	for await (const chunk of chunks) {
		const text =
			carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
		const records: string[][] = [];
		carry = text.slice(completeRecords(text, false, records));
		if (records.length) yield records;
	}
	const records: string[][] = [];
	completeRecords(carry + decoder.decode(), true, records);
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

/**
 * Appends the records that end within `text` (all of them when `final`) and returns where the
 * unfinished rest starts. Blank lines hold no record.
 */
function completeRecords(text: string, final: boolean, out: string[][]): number {
	let p = 0;
	// The next quote and CR at or after p, searched again only once p has passed them.
	let quote = -2;
	let cr = -2;
	while (p < text.length) {
		const nl = text.indexOf('\n', p);
		if (nl === -1 && !final) return p;
		const lineEnd = nl === -1 ? text.length : nl;
		if (quote !== -1 && quote < p) quote = text.indexOf('"', p);
		if (cr !== -1 && cr < p) cr = text.indexOf('\r', p);
		const crEndsLine = cr !== -1 && cr === lineEnd - 1;
		if ((quote === -1 || quote > lineEnd) && (cr === -1 || cr > lineEnd || crEndsLine)) {
			const line = text.slice(p, crEndsLine ? cr : lineEnd);
			if (line) out.push(line.split(','));
			p = lineEnd + 1;
			continue;
		}
		const end = quotedRecord(text, p, final, out);
		if (end === -1) return p;
		p = end;
	}
	return text.length;
}

/**
 * Reads one record starting at `p` character by character; returns where the next record starts,
 * or -1 when the record does not end within `text` and more may come.
 */
function quotedRecord(text: string, p: number, final: boolean, out: string[][]): number {
	const record: string[] = [];
	let i = p;
	for (;;) {
		let field = '';
		if (text.charCodeAt(i) === 34) {
			i++;
			for (;;) {
				const q = text.indexOf('"', i);
				if (q === -1) {
					if (!final) return -1;
					record.push(field + text.slice(i)); // an unclosed quote takes the rest
					out.push(record);
					return text.length;
				}
				field += text.slice(i, q);
				if (q + 1 === text.length && !final) return -1; // "" or a closing quote: not known yet
				if (text.charCodeAt(q + 1) === 34) {
					field += '"';
					i = q + 2;
				} else {
					i = q + 1;
					break;
				}
			}
		}
		// Unquoted text, or what follows a closing quote, up to the field's end (quotes are literal).
		let j = i;
		let c = 0;
		while (j < text.length) {
			c = text.charCodeAt(j);
			if (c === 44 || c === 10 || c === 13) break;
			j++;
		}
		field += text.slice(i, j);
		if (j === text.length) {
			if (!final) return -1;
			record.push(field);
			out.push(record);
			return j;
		}
		record.push(field);
		if (c === 44) {
			i = j + 1;
			continue;
		}
		out.push(record);
		return c === 13 && text.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
	}
}

/**
 * Streaming CSV (RFC 4180) parser: yields one record (array of fields) at a time from text chunks,
 * so an export of any size is never held in memory as a whole. Handles quoted fields with commas,
 * doubled quotes and line breaks, and CRLF or LF line ends.
 */
export async function* csvRecords(
	chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<string[]> {
	const decoder = new TextDecoder('utf-8');
	let field = '';
	let record: string[] = [];
	let inQuotes = false;
	let quotePending = false; // saw a quote inside a quoted field: end of field, or the first of "".
	let fieldStarted = false;

	const endField = () => {
		record.push(field);
		field = '';
		fieldStarted = false;
	};

	for await (const chunk of chunks) {
		const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		let start = 0; // start of the run of plain characters not yet copied into `field`
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (inQuotes) {
				if (quotePending) {
					quotePending = false;
					if (c === 34) {
						field += '"';
						start = i + 1;
						continue;
					}
					inQuotes = false; // the quote closed the field; handle c below as unquoted
				} else if (c === 34) {
					field += text.slice(start, i);
					quotePending = true;
					start = i + 1;
					continue;
				} else continue;
			}
			if (c === 44) {
				field += text.slice(start, i);
				endField();
				start = i + 1;
			} else if (c === 10 || c === 13) {
				field += text.slice(start, i);
				if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
				if (fieldStarted || field || record.length) {
					endField();
					yield record;
					record = [];
				}
				start = i + 1;
			} else if (c === 34 && !fieldStarted && field === '' && i === start) {
				inQuotes = true;
				fieldStarted = true;
				start = i + 1;
			} else {
				fieldStarted = true;
			}
		}
		if (inQuotes && !quotePending) field += text.slice(start);
		else if (!inQuotes) field += text.slice(start);
	}
	if (fieldStarted || field || record.length) {
		endField();
		yield record;
	}
}

/** Records as objects keyed by the header row. */
export async function* csvObjects(
	chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<Record<string, string>> {
	let header: string[] | null = null;
	for await (const record of csvRecords(chunks)) {
		if (!header) {
			header = record.map((h) => h.replace(/^\uFEFF/, '').trim());
			continue;
		}
		const row: Record<string, string> = {};
		for (let i = 0; i < header.length; i++) row[header[i]] = record[i] ?? '';
		yield row;
	}
}

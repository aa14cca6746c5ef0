/**
 * Streaming reader for a JSON array of objects (`[{…},{…}]`): yields each element parsed, keeping
 * only the current element's text in memory.
 */
export async function* jsonArrayItems(
	chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<unknown> {
	const decoder = new TextDecoder('utf-8');
	let depth = 0; // 1 = inside the top-level array
	let inString = false;
	let escaped = false;
	let element = '';
	let started = false;
	let sawArray = false;

	for await (const chunk of chunks) {
		const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		let elementStart = depth >= 2 ? 0 : -1;
		for (let i = 0; i < text.length; i++) {
			const c = text[i];
			if (inString) {
				if (escaped) escaped = false;
				else if (c === '\\') escaped = true;
				else if (c === '"') inString = false;
				continue;
			}
			if (c === '"') {
				inString = true;
				if (depth === 1) throw new Error('expected an object in the export array, found a string');
			} else if (c === '{' || c === '[') {
				if (depth === 0) {
					if (c !== '[') throw new Error('the export is not a JSON array');
					sawArray = true;
				} else if (depth === 1) {
					elementStart = i;
					started = true;
				}
				depth++;
			} else if (c === '}' || c === ']') {
				depth--;
				if (depth === 1 && started) {
					element += text.slice(elementStart, i + 1);
					yield JSON.parse(element);
					element = '';
					started = false;
					elementStart = -1;
				}
			} else if (depth === 1 && c !== ',' && c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') {
				throw new Error(`unexpected "${c}" between elements of the export array`);
			}
		}
		if (started && elementStart >= 0) element += text.slice(elementStart);
	}
	if (!sawArray || depth !== 0)
		throw new Error('the export ended before its JSON array was complete');
}

/** Words joined as a sentence lists them: "A", "A and B", "A, B and C". */
export function listed(words: string[], conjunction: 'and' | 'or'): string {
	if (words.length < 2) return words.join('');
	return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** A paragraph's words in lines of at most `width` characters (a longer word keeps its own line). */
export function wrapped(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

/** Items grouped by a key, groups in the order their first item comes. */
export function groupedBy<T, K>(items: T[], key: (item: T) => K): T[][] {
	const groups = new Map<K, T[]>();
	for (const item of items) {
		const group = groups.get(key(item));
		if (group) group.push(item);
		else groups.set(key(item), [item]);
	}
	return [...groups.values()];
}

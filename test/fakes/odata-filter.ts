/**
 * The part of OData v4's `$filter` grammar the Dataverse Web API documents and the templates use
 * (learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows): comparisons
 * `eq ne gt ge lt le`, `and`, `or`, `not`, parentheses, and the functions `contains`,
 * `startswith`, `endswith`. Literals: 'strings' ('' escapes a quote), numbers, true/false/null and
 * bare GUIDs. Anything else is a syntax error, as Dataverse's OData parser answers it (INFERRED:
 * the wording of ODataLib's "Syntax error at position N in '…'." and "There is an unterminated
 * literal at position N in '…'." messages, which Dataverse passes on with code 0x80060888).
 */

export type Literal = string | number | boolean | null;

export type Filter =
	| { kind: 'compare'; field: string; op: string; value: Literal }
	| { kind: 'function'; name: string; field: string; value: string }
	| { kind: 'and'; left: Filter; right: Filter }
	| { kind: 'or'; left: Filter; right: Filter }
	| { kind: 'not'; inner: Filter };

export class FilterSyntaxError extends Error {}

const TOKEN =
	/\s*(?:('(?:[^']|'')*')|([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([(),]))/y;

interface Token {
	text: string;
	kind: 'string' | 'guid' | 'number' | 'name' | 'punct';
	at: number;
}

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < source.length) {
		const rest = source.slice(TOKEN.lastIndex);
		if (/^\s*$/.test(rest)) break;
		const at = TOKEN.lastIndex + (rest.length - rest.trimStart().length);
		const m = TOKEN.exec(source);
		if (!m && source[at] === "'")
			throw new FilterSyntaxError(
				`There is an unterminated literal at position ${at} in '${source}'.`,
			);
		if (!m) throw new FilterSyntaxError(`Syntax error at position ${at} in '${source}'.`);
		const [, str, guid, num, name, punct] = m;
		if (str !== undefined) tokens.push({ text: str, kind: 'string', at });
		else if (guid !== undefined) tokens.push({ text: guid, kind: 'guid', at });
		else if (num !== undefined) tokens.push({ text: num, kind: 'number', at });
		else if (name !== undefined) tokens.push({ text: name, kind: 'name', at });
		else tokens.push({ text: punct, kind: 'punct', at });
	}
	return tokens;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);

/** Parses a `$filter` value; the fields it names are checked by the caller. */
export function parseFilter(source: string): Filter {
	const tokens = tokenize(source);
	let i = 0;
	const fail = (): never => {
		const at = tokens[i]?.at ?? source.length;
		throw new FilterSyntaxError(`Syntax error at position ${at} in '${source}'.`);
	};
	const peek = () => tokens[i];
	const take = (text?: string) => {
		const t = tokens[i];
		if (!t || (text !== undefined && t.text !== text)) return fail();
		i++;
		return t;
	};
	const literal = (): Literal => {
		const t = take();
		if (t.kind === 'string') return t.text.slice(1, -1).replace(/''/g, "'");
		if (t.kind === 'guid') return t.text.toLowerCase();
		if (t.kind === 'number') return Number(t.text);
		if (t.text === 'true') return true;
		if (t.text === 'false') return false;
		if (t.text === 'null') return null;
		return fail();
	};
	const primary = (): Filter => {
		const t = peek();
		if (!t) return fail();
		if (t.text === '(') {
			take('(');
			const inner = or();
			take(')');
			return inner;
		}
		if (t.kind !== 'name') return fail();
		if (t.text === 'not') {
			take();
			return { kind: 'not', inner: primary() };
		}
		if (FUNCTIONS.has(t.text) && tokens[i + 1]?.text === '(') {
			take();
			take('(');
			const field = take();
			if (field.kind !== 'name') return fail();
			take(',');
			const value = take();
			if (value.kind !== 'string') return fail();
			take(')');
			return {
				kind: 'function',
				name: t.text,
				field: field.text,
				value: value.text.slice(1, -1).replace(/''/g, "'"),
			};
		}
		take();
		const op = take();
		if (!COMPARISONS.has(op.text)) {
			i--;
			return fail();
		}
		return { kind: 'compare', field: t.text, op: op.text, value: literal() };
	};
	const and = (): Filter => {
		let left = primary();
		while (peek()?.text === 'and') {
			take();
			left = { kind: 'and', left, right: primary() };
		}
		return left;
	};
	const or = (): Filter => {
		let left = and();
		while (peek()?.text === 'or') {
			take();
			left = { kind: 'or', left, right: and() };
		}
		return left;
	};
	const filter = or();
	if (i < tokens.length) fail();
	return filter;
}

/** The fields a filter reads, to refuse unknown ones before evaluating. */
export function filterFields(filter: Filter): string[] {
	if (filter.kind === 'and' || filter.kind === 'or')
		return [...filterFields(filter.left), ...filterFields(filter.right)];
	if (filter.kind === 'not') return filterFields(filter.inner);
	return [filter.field];
}

const comparable = (v: unknown) =>
	(typeof v === 'string' ? v.toLowerCase() : v) as string | number | boolean | null;

/**
 * Whether a record matches. String comparisons ignore case, as Dataverse's default (SQL)
 * collation does (INFERRED from the filter-rows page's case-insensitive examples).
 */
export function matches(filter: Filter, record: Record<string, unknown>): boolean {
	switch (filter.kind) {
		case 'and':
			return matches(filter.left, record) && matches(filter.right, record);
		case 'or':
			return matches(filter.left, record) || matches(filter.right, record);
		case 'not':
			return !matches(filter.inner, record);
		case 'function': {
			const v = record[filter.field];
			if (typeof v !== 'string') return false;
			const [hay, needle] = [v.toLowerCase(), filter.value.toLowerCase()];
			if (filter.name === 'contains') return hay.includes(needle);
			if (filter.name === 'startswith') return hay.startsWith(needle);
			return hay.endsWith(needle);
		}
		case 'compare': {
			const a = comparable(record[filter.field] ?? null);
			const b = comparable(filter.value);
			if (filter.op === 'eq') return a === b;
			if (filter.op === 'ne') return a !== b;
			if (a === null || b === null) return false;
			if (filter.op === 'gt') return a > b;
			if (filter.op === 'ge') return a >= b;
			if (filter.op === 'lt') return a < b;
			return a <= b;
		}
	}
}

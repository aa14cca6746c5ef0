/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- build tooling: reads the Code nodes' sources beside n8n, never inside it */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A Code node's JavaScript, kept in a real file beside this one (`code/<name>.js`) so that it is
 * type-checked (`// @ts-check`, JSDoc; tsconfig.test.json) instead of living in string arrays.
 *
 * The file holds one function whose body, one tab in, is the Code node's text; the function only
 * gives the text a scope that allows its top-level `return`. Placeholders are names like
 * `__ORDER_NODE__` (capitals between double underscores), in code, strings or comments, each
 * replaced by the text the template gives for it; those used as code are the function's parameters,
 * typed in its JSDoc. A placeholder alone on its line stands for lines another part of the template
 * writes (`__LINE_OF__`); the names those lines define (`lineOf`) are parameters too, for the check. Inline type annotations for the check (a
 * one-line JSDoc `@type` comment and its space, before a parameter or a parenthesised expression)
 * are left out, and so are lines ending in a `// check-only: …` comment (what the placeholders'
 * lines do, told to the check: `void m; // check-only: the __PAID__ lines read it`). The rest is
 * inlined byte for byte: prettier leaves these files alone (.prettierignore), for a reflowed line
 * would change the templates.
 */
const PLACEHOLDER = /__[A-Z][A-Z0-9_]*__/g;
const ANNOTATION = /\/\*\* @type .*? \*\/ /g;

const CHECK_ONLY = /^.*\/\/ check-only: .*$/;

/** `text` without its inline type annotations and check-only lines. */
export const unannotated = (text: string): string =>
	text
		.split('\n')
		.filter((line) => !CHECK_ONLY.test(line))
		.join('\n')
		.replace(ANNOTATION, '');

/** The body of the one function in `source`, each line one tab less. */
export function functionBody(source: string, file = 'the source'): string {
	const lines = source.split('\n');
	const start = lines.findIndex((line) => /^function \w+\(.*\) \{$/.test(line));
	const end = lines.lastIndexOf('}');
	if (start < 0 || end <= start) throw new Error(`${file}: no top-level function to inline`);
	return lines
		.slice(start + 1, end)
		.map((line) => {
			if (line === '') return line;
			if (!line.startsWith('\t')) throw new Error(`${file}: a body line not one tab in: ${line}`);
			return line.slice(1);
		})
		.join('\n');
}

/** `text` with each placeholder replaced by its value; every placeholder and every value used once or more. */
export function filled(text: string, values: Record<string, string>, file = 'the code'): string {
	const named = new Set(text.match(PLACEHOLDER) ?? []);
	const missing = [...named].filter((name) => !(name in values));
	const unused = Object.keys(values).filter((name) => !named.has(name));
	if (missing.length || unused.length)
		throw new Error(
			`${file}: placeholders without a value: ${missing.join(', ') || 'none'}; values without a placeholder: ${unused.join(', ') || 'none'}`,
		);
	return text.replace(PLACEHOLDER, (name) => values[name]);
}

const bodies = new Map<string, string>();

/** The Code node text of `code/<name>.js`, its placeholders filled from `values`. */
export function codeFile(name: string, values: Record<string, string> = {}): string {
	let body = bodies.get(name);
	if (body === undefined) {
		const file = path.join(__dirname, `${name}.js`);
		body = unannotated(functionBody(readFileSync(file, 'utf8'), `code/${name}.js`));
		bodies.set(name, body);
	}
	return filled(body, values, `code/${name}.js`);
}

/** `codeFile` as lines, for Code another part of a template splices into its own. */
export const codeLines = (name: string, values: Record<string, string> = {}): string[] =>
	codeFile(name, values).split('\n');

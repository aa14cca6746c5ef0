/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- build tooling: reads the helpers' sources beside n8n, never inside it */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * A self-contained function (no imports, no outer names) as JavaScript a template carries: a Code
 * node or an expression cannot import the package. The text is the function's file compiled by
 * TypeScript here, not `fn.toString()`, whose text depends on the runner that builds the templates
 * (tsx prints functions minified, ts-jest does not), so the generated JSON is the same either way.
 */
const sources = new Map<string, string>();

/** `function name(…) { … }` from the repository file `file` (which exports it). */
export function functionSource(file: string, name: string): string {
	const key = `${file}#${name}`;
	let source = sources.get(key);
	if (source === undefined) {
		const js = ts.transpileModule(readFileSync(path.join(__dirname, '..', '..', file), 'utf8'), {
			compilerOptions: { target: ts.ScriptTarget.ES2022, removeComments: true },
		}).outputText;
		const start = js.indexOf(`export function ${name}(`);
		const end = js.indexOf('\n}\n', start);
		if (start < 0 || end < 0) throw new Error(`${file} does not export function ${name}`);
		source = js.slice(start + 'export '.length, end + 2);
		sources.set(key, source);
	}
	return source;
}

/** An expression (JavaScript inside `{{ }}`) calling the carried function on `value`. */
export const calling = (file: string, name: string, value: string): string =>
	`(${functionSource(file, name).replace(/\n\s*/g, ' ')})(${value})`;

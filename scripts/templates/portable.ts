import { transformSync } from 'esbuild';

/**
 * A self-contained function's source, as a template's expression or Code node carries it. Minified
 * by esbuild (tsx's own compiler) so the text is the same whether the template is built by
 * `npm run templates` (tsx, which minifies) or checked by Jest (ts-jest, which keeps the layout and
 * comments): the committed JSON must not depend on which one printed it.
 */
export function portableSource(fn: (...args: never[]) => unknown): string {
	// Assigned, so that minifying does not drop it as an expression without effect.
	const { code } = transformSync(`f=(${fn.toString()})`, {
		loader: 'js',
		minify: true,
		target: 'es2022',
	});
	return code.trim().replace(/^f=/, '').replace(/;$/, '');
}

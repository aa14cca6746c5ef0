/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test: reads the repository tree */
/**
 * The layout a newcomer reads: CONTRIBUTING.md's map names every folder, and no function in the
 * nodes grows past what one screen shows (issue 34: "no function in nodes/ over 80 lines").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');
const MAX_FUNCTION_LINES = 80;

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return filesUnder(path, keep);
		return keep(entry.name) ? [path] : [];
	});
}

function foldersUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
		.flatMap((entry) => {
			const path = join(dir, entry.name);
			return [path, ...foldersUnder(path)];
		});
}

/** Each function with a body, as "file:line name" and its length in lines. */
function functionLengths(file: string): Array<{ where: string; lines: number }> {
	const source = ts.createSourceFile(
		file,
		readFileSync(file, 'utf8'),
		ts.ScriptTarget.Latest,
		true,
	);
	const found: Array<{ where: string; lines: number }> = [];
	const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line;
	const visit = (node: ts.Node) => {
		if (ts.isFunctionLike(node) && 'body' in node && node.body) {
			const first = lineOf(node.getStart(source));
			const name = node.name ? node.name.getText(source) : '(anonymous)';
			found.push({
				where: `${relative(root, file)}:${first + 1} ${name}`,
				lines: lineOf(node.end) - first + 1,
			});
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe('the layout', () => {
	it(`has no function in nodes/ longer than ${MAX_FUNCTION_LINES} lines`, () => {
		const long = filesUnder(join(root, 'nodes'), (name) => name.endsWith('.ts'))
			.flatMap(functionLengths)
			.filter((fn) => fn.lines > MAX_FUNCTION_LINES)
			.map((fn) => `${fn.where}: ${fn.lines} lines`);
		expect(long).toEqual([]);
	});

	it("names every folder under nodes/, scripts/ and test/ in CONTRIBUTING.md's Layout", () => {
		const contributing = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
		const layout = contributing.slice(contributing.indexOf('## Layout'));
		// Paths as written from the repository root, ending in "/"; `<resource>/` stands for any one.
		const named = (layout.match(/[\w.<>-]+(?:\/[\w.<>-]+)*\//g) ?? []).map(
			(path) => new RegExp(`^${path.replace(/\./g, '\\.').replace(/<[^>]+>/g, '[^/]+')}$`),
		);
		const unnamed = ['nodes', 'scripts', 'test']
			.flatMap((top) => foldersUnder(join(root, top)))
			.map((folder) => `${relative(root, folder).split('\\').join('/')}/`)
			.filter((folder) => !named.some((path) => path.test(folder)));
		expect(unnamed).toEqual([]);
	});
});

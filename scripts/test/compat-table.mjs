// Writes the README's compatibility table from the last `npm run test:compat` (.tmp/compat.json),
// between its markers, and prints it. Exits 1 when a version failed, so the run fails too.
import { readFileSync, writeFileSync } from 'node:fs';

const rows = JSON.parse(readFileSync('.tmp/compat.json', 'utf8'));
const day = new Date().toISOString().slice(0, 10);
const table = [
	'| n8n | Node.js | Foundation, trigger and action-node end-to-end tests |',
	'| --- | --- | --- |',
	...rows.map(
		(r) =>
			`| ${r.n8n} | ${r.node} | ${r.passed ? '' : '**failed**: '}${r.summary || 'no tests ran'} (${day}) |`,
	),
].join('\n');
const start = '<!-- compat:start (npm run test:compat) -->';
const end = '<!-- compat:end -->';
const readme = readFileSync('README.md', 'utf8');
const [before, rest] = readme.split(start);
if (rest === undefined || !rest.includes(end))
	throw new Error(`README.md has no ${start} … ${end}`);
writeFileSync('README.md', `${before}${start}\n${table}\n${end}${rest.split(end)[1]}`);
console.log(table);
process.exit(rows.every((r) => r.passed) ? 0 : 1);

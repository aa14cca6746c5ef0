/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- benchmark: runs beside n8n, never inside it */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Row } from './row';
import { dashboardRows } from './sections/dashboard';
import { exportRows } from './sections/export';
import { exportInN8nRows } from './sections/export-in-n8n';
import { getManyRows } from './sections/get-many';
import { loadRows } from './sections/load';
import { scoreRows } from './sections/score';
import { triggerRows } from './sections/trigger';
import { verifyRows } from './sections/verify';

/**
 * `npm run bench`: every figure is a ratio against a baseline measured in the same run (these
 * machines are noisy). Prints the table and writes bench/results.json as rows
 * {name, ours, baseline, unit, ratio, target, met}. Sections run one after the other, each with the
 * machine to itself; `npm run bench -- verify load` runs only the sections named.
 */
const SECTIONS: Record<string, () => Row[] | Promise<Row[]>> = {
	verify: verifyRows,
	trigger: triggerRows,
	load: loadRows,
	score: scoreRows,
	getMany: getManyRows,
	export: exportRows,
	exportInN8n: exportInN8nRows,
	dashboard: dashboardRows,
};

async function main(): Promise<void> {
	const only = process.argv.slice(2);
	const rows: Array<Row & { section: string }> = [];
	for (const [name, section] of Object.entries(SECTIONS)) {
		if (only.length && !only.includes(name)) continue;
		const t0 = performance.now();
		rows.push(...(await section()).map((row) => ({ ...row, section: name })));
		console.error(`[bench] ${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
	}
	console.table(rows.map((r) => ({ ...r, met: r.met ? 'met' : 'MISSED' })));
	const file = path.join(__dirname, 'results.json');
	// A run of some sections replaces only their rows (older rows, without a section, by name prefix).
	const kept =
		only.length && existsSync(file)
			? (JSON.parse(readFileSync(file, 'utf8')) as Array<Row & { section?: string }>).filter(
					(old) =>
						!(old.section
							? only.includes(old.section)
							: rows.some((r) => r.name.split(':')[0] === old.name.split(':')[0])),
				)
			: [];
	writeFileSync(file, JSON.stringify([...kept, ...rows], null, 2) + '\n');
}

void main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test: writes the run's figures */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FULL = process.env.RELIABILITY_SCALE === 'full';
/** The full-size run's figures are kept with the benchmarks; a reduced run's stay in .tmp. */
const FILE = path.join(
	__dirname,
	'../..',
	FULL ? 'bench/reliability.json' : '.tmp/reliability.json',
);

/** Merges one section's figures into the run's report, replacing that section's earlier ones. */
export function report(section: string, figures: Record<string, unknown>): void {
	mkdirSync(path.dirname(FILE), { recursive: true });
	const all = existsSync(FILE)
		? (JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>)
		: {};
	all[section] = {
		scale: FULL ? 'full' : 'reduced',
		at: new Date().toISOString(),
		machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
		n8n: readPinnedN8n(),
		...figures,
	};
	writeFileSync(FILE, JSON.stringify(all, null, 2) + '\n');
}

function readPinnedN8n(): string {
	const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
		config?: { n8nVersion?: string };
	};
	return pkg.config?.n8nVersion ?? 'unknown';
}

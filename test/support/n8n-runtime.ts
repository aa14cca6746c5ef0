/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test infrastructure: runs beside n8n, never inside it */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Where scripts/n8n/ensure-n8n.sh keeps n8n and Node 24 (installs them on first use). */
export function n8nInstall(): { n8nDir: string; node24Bin: string } {
	if (process.env.N8N_DIR && process.env.NODE24_BIN) {
		return { n8nDir: process.env.N8N_DIR, node24Bin: process.env.NODE24_BIN };
	}
	const out = execFileSync('bash', [path.join(ROOT, 'scripts', 'n8n', 'ensure-n8n.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const vars = Object.fromEntries(
		[...out.matchAll(/^(\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]),
	);
	process.env.N8N_DIR = vars.N8N_DIR;
	process.env.NODE24_BIN = vars.NODE24_BIN;
	return { n8nDir: vars.N8N_DIR, node24Bin: vars.NODE24_BIN };
}

/** `require` resolving from inside the installed n8n, to use n8n's own modules in tests. */
export function requireFromN8n(): NodeRequire {
	return createRequire(path.join(n8nInstall().n8nDir, 'node_modules', 'n8n', 'package.json'));
}

/** The version of the n8n the tests run (the pinned one, or N8N_VERSION's). */
export function n8nVersion(): string {
	return (requireFromN8n()('n8n/package.json') as { version: string }).version;
}

/** Whether dotted version `a` is at least `b` (numeric parts, e.g. '2.41.1' >= '2.9.0'). */
export function versionAtLeast(a: string, b: string): boolean {
	const [x, y] = [a, b].map((v) => v.split('.').map(Number));
	for (let i = 0; i < Math.max(x.length, y.length); i++) {
		if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
	}
	return true;
}

export const repoRoot = ROOT;

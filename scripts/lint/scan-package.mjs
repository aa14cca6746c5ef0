// n8n's community-package scanner (@n8n/scan-community-package), as n8n runs it before verifying a
// package: its ESLint rules over the node and credential sources, and over the packed tarball's
// compiled `**/*.js` and package.json (vendored code included). Its provenance step needs a package
// published from GitHub Actions, so it runs on the registry only (`npx @n8n/scan-community-package
// n8n-nodes-replicated` after a release). A canary with a console call must fail, or the scan
// proves nothing. Usage: node scripts/lint/scan-package.mjs [package.tgz] (packs one when omitted).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const work = mkdtempSync(path.join(tmpdir(), 'scan-'));

function report(label, result) {
	process.stdout.write(`${result.passed ? 'passed' : 'FAILED'}: ${label}\n`);
	if (!result.passed) process.stdout.write(`${result.message ?? ''}\n${result.details ?? ''}\n`);
	return result.passed;
}

try {
	const canary = path.join(work, 'canary');
	mkdirSync(path.join(canary, 'dist'), { recursive: true });
	writeFileSync(
		path.join(canary, 'package.json'),
		JSON.stringify({ name: 'n8n-nodes-canary', version: '0.0.0' }),
	);
	writeFileSync(path.join(canary, 'dist', 'leak.js'), 'console.warn("leak");\n');
	const canaryResult = await analyzePackage(canary, TARBALL_PATTERNS);
	if (canaryResult.passed)
		throw new Error('the scanner passed a console call: the scan is not running its rules');

	const tarball =
		process.argv[2] ??
		execFileSync('bash', [path.join(root, 'scripts/build/pack.sh')], { encoding: 'utf8' }).trim();
	const unpacked = path.join(work, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

	const ok = [
		report(
			`sources (${SOURCE_FILE_PATTERNS.join(', ')})`,
			await analyzePackage(root, SOURCE_FILE_PATTERNS),
		),
		report(
			`${path.basename(tarball)} (${TARBALL_PATTERNS.join(', ')})`,
			await analyzePackage(unpacked, TARBALL_PATTERNS),
		),
	].every(Boolean);
	process.stdout.write(
		'provenance: not checked here (only a package published from GitHub Actions has it)\n',
	);
	process.exitCode = ok ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}

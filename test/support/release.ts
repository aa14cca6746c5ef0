/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test infrastructure: runs beside n8n, never inside it */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The packed tarball as release `version` of the same tree: unpacked, its package.json's version
 * set, packed again by npm (no scripts run), as `npm version` + `npm pack` would make it.
 */
export function releaseAs(tarball: string, version: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), `release-${version}-`));
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	const manifest = path.join(dir, 'package', 'package.json');
	const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
	pkg.version = version;
	writeFileSync(manifest, `${JSON.stringify(pkg, null, '\t')}\n`);
	const name = execFileSync(
		'npm',
		['pack', path.join(dir, 'package'), '--ignore-scripts', '--pack-destination', dir],
		{ cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	)
		.trim()
		.split('\n')
		.pop()!;
	return path.join(dir, name);
}

/**
 * The checksum n8n compares for a package version (`N8N_COMMUNITY_PACKAGES`' `checksum`, the
 * vetted list's `checksum`): the registry's `dist.integrity` for it, i.e. `sha512-` and the base64
 * SHA-512 of the tarball's bytes (n8n's npm-utils verifyIntegrity; `npm view <pkg>@<v> dist.integrity`).
 */
export function integrity(tarball: string): string {
	return `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
}

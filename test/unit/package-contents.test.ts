/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test: packs the package and reads the tarball */
/**
 * What n8n downloads (issue 35, item 5): every process that installs the package fetches and unpacks
 * this tarball, so it holds what n8n loads and nothing else. The template pictures stay in the
 * repository; the README links them absolutely, so npm's page still shows them.
 *
 * The tarball is PACKAGE_TGZ when set (`.ci/run` and `npm test` pass the one the lint packed from
 * this checkout); otherwise the test builds and packs one itself (scripts/build/pack.sh, ~25 s), so
 * it never reads a stale dist/ or an old tarball.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import type { Icon } from 'n8n-workflow';

import { ReplicatedApi } from '../../credentials/ReplicatedApi.credentials';
import { ReplicatedWebhookApi } from '../../credentials/ReplicatedWebhookApi.credentials';
import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';

const ROOT = path.join(__dirname, '../..');
const RAW = 'https://raw.githubusercontent.com/n8n-nodes-replicated/n8n-nodes-replicated/main/';
const MAX_PACKED_BYTES = 1.5 * 1024 * 1024;

interface Manifest {
	main: string;
	types: string;
	repository: { url: string };
	n8n: { nodes: string[]; credentials: string[] };
}

let tarball: string;
let files: string[];

beforeAll(() => {
	// An empty PACKAGE_TGZ (`PACKAGE_TGZ= npx jest`) is unset, not a path.
	tarball =
		process.env.PACKAGE_TGZ ||
		execFileSync('bash', [path.join(ROOT, 'scripts/build/pack.sh')], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
	files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
		.split('\n')
		.filter((line) => line && !line.endsWith('/'))
		.map((line) => line.replace(/^package\//, ''));
}, 180_000);

const manifest = () =>
	JSON.parse(
		execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
	) as Manifest;

/** The kind of a file as the packing rules name it: its extension, `.d.ts` and `.node.json` whole. */
const kind = (file: string) => /(\.d\.ts|\.node\.json|\.[^./]+)$/.exec(file)?.[1] ?? file;

/** The files an icon setting points n8n at (n8n-core DirectoryLoader.getIconPath: beside the file). */
function iconFiles(declaredIn: string, icon: Icon | undefined): string[] {
	const values = typeof icon === 'string' ? [icon] : icon ? [icon.light, icon.dark] : [];
	return values.map((v) =>
		path.posix.join(path.posix.dirname(declaredIn), v.replace(/^file:/, '')),
	);
}

describe('The packed package (what n8n downloads)', () => {
	it(`is at most ${MAX_PACKED_BYTES} bytes packed`, () => {
		expect(statSync(tarball).size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
	});

	it('holds package.json, README.md, LICENSE and dist/ only', () => {
		expect([...new Set(files.map((f) => f.split('/')[0]))].sort()).toEqual([
			'LICENSE',
			'README.md',
			'dist',
			'package.json',
		]);
	});

	it('ships compiled JavaScript, its type declarations, the icons and the codex files: no picture, source map or build cache', () => {
		const kinds = [...new Set(files.filter((f) => f.startsWith('dist/')).map(kind))].sort();
		expect(kinds).toEqual(['.d.ts', '.js', '.node.json', '.svg']);
		expect(files.filter((f) => /\.(svg|json)$/.test(f)).sort()).toEqual([
			'dist/nodes/Replicated/Replicated.node.json',
			'dist/nodes/Replicated/ReplicatedTrigger.node.json',
			'dist/nodes/Replicated/replicated.dark.svg',
			'dist/nodes/Replicated/replicated.svg',
			'package.json',
		]);
		expect(files.filter((f) => f.startsWith('dist/workflows-templates/'))).toEqual([]);
	});

	it('has every file n8n loads: nodes with their codex and icons, credentials with theirs, main and types', () => {
		const pkg = manifest();
		const [action, trigger] = pkg.n8n.nodes;
		const [api, webhook] = pkg.n8n.credentials;
		const loaded = [
			pkg.main,
			pkg.types,
			// n8n-core DirectoryLoader.getCodex: the codex is the node file with `.json` for `.js`.
			...pkg.n8n.nodes.flatMap((node) => [node, `${node}on`]),
			...pkg.n8n.credentials,
			...iconFiles(action, new Replicated().description.icon),
			...iconFiles(trigger, new ReplicatedTrigger().description.icon),
			...iconFiles(api, new ReplicatedApi().icon),
			...iconFiles(webhook, new ReplicatedWebhookApi().icon),
		];
		expect(loaded.filter((file) => !files.includes(file))).toEqual([]);
		expect(loaded).toContain('dist/nodes/Replicated/replicated.svg');
	});

	it("shows the README's pictures on npm's page from the repository, by absolute links to files that exist", () => {
		const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
		expect(pictures.map((url) => url.slice(RAW.length))).toEqual([
			'workflows-templates/salesforce/signup-to-lead.png',
			'docs/pictures/community-nodes-panel.png',
			'workflows-templates/health/customer-health-dashboard.page.png',
			'docs/pictures/sandbox-dashboard.png',
		]);
		expect(pictures.filter((url) => !url.startsWith(RAW))).toEqual([]);
		expect(pictures.filter((url) => !existsSync(path.join(ROOT, url.slice(RAW.length))))).toEqual(
			[],
		);
		expect(manifest().repository.url).toBe(
			'git+https://github.com/n8n-nodes-replicated/n8n-nodes-replicated.git',
		);
	});
});

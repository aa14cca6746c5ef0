// node install-package.mjs <package.tgz> <n8n nodes folder>
// Installs a packed community package the way n8n 2.x's Community Nodes panel does
// (CommunityPackagesService.downloadPackage in n8n's dist): unpack into node_modules/<name>, drop
// peer, dev and optional dependencies from its package.json, `npm install` what remains with n8n's
// flags, and record the version in the folder's package.json. npm therefore never resolves the
// n8n-workflow peer, which made a plain `npm install <tgz>` ask the registry for n8n-workflow's
// whole dependency tree on every fresh user folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [tgz, nodesDir] = process.argv.slice(2);
if (!tgz || !nodesDir) {
	console.error('usage: node install-package.mjs <package.tgz> <n8n nodes folder>');
	process.exit(2);
}

const manifest = JSON.parse(
	execFileSync('tar', ['-xzOf', tgz, 'package/package.json'], { encoding: 'utf8' }),
);
const target = path.join(nodesDir, 'node_modules', manifest.name);
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
execFileSync('tar', ['-xzf', path.resolve(tgz), '-C', target, '--strip-components=1']);

const { devDependencies, peerDependencies, optionalDependencies, ...kept } = manifest;
writeFileSync(path.join(target, 'package.json'), JSON.stringify(kept, null, 2));
if (Object.keys(kept.dependencies ?? {}).length > 0) {
	// A proxy meant for n8n's node traffic (the tests fake CRM hosts that way) is not npm's.
	const env = { ...process.env };
	for (const k of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy']) delete env[k];
	execFileSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: target, env, stdio: ['ignore', 'inherit', 'inherit'] },
	);
}

const folderManifest = path.join(nodesDir, 'package.json');
const folder = existsSync(folderManifest)
	? JSON.parse(readFileSync(folderManifest, 'utf8'))
	: { name: 'installed-nodes', private: true };
folder.dependencies = { ...folder.dependencies, [manifest.name]: manifest.version };
writeFileSync(folderManifest, JSON.stringify(folder, null, 2));
console.log(`installed ${manifest.name}@${manifest.version} (${Object.keys(kept.dependencies ?? {}).length} dependencies)`);

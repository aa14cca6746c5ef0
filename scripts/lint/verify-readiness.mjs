// `npm run verify:readiness`: every check of n8n's community node verification guidelines that can run
// offline, one PASS/FAIL line each, over the sources and the packed tarball (what n8n downloads).
// Guidelines: docs.n8n.io/integrations/creating-nodes/build/reference/verification-guidelines/
// (n8n-docs: docs/integrations/creating-nodes/build/reference/verification-guidelines.md) and the
// standards of docs.n8n.io/integrations/creating-nodes/deploy/submit-community-nodes/ (name, keyword,
// the `n8n` attribute). The two home-made detectors (environment/file system, English) first check a
// canary they must flag, so a broken pattern cannot pass everything.
// Usage: node scripts/lint/verify-readiness.mjs [package.tgz] (or PACKAGE_TGZ; packs one when neither).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
// An empty argument or PACKAGE_TGZ is unset, not a path.
const tarball =
	process.argv[2] ||
	process.env.PACKAGE_TGZ ||
	execFileSync('bash', [path.join(root, 'scripts/build/pack.sh')], { encoding: 'utf8' }).trim();
const work = mkdtempSync(path.join(tmpdir(), 'readiness-'));
execFileSync('tar', ['-xzf', tarball, '-C', work]);
const unpacked = path.join(work, 'package');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const source = readJson(path.join(root, 'package.json'));
const packed = readJson(path.join(unpacked, 'package.json'));

function filesUnder(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(full) : [full];
	});
}
const shipped = filesUnder(unpacked).map((f) =>
	path.relative(unpacked, f).split(path.sep).join('/'),
);
const shippedJs = shipped.filter((f) => f.endsWith('.js'));
const read = (file) => readFileSync(path.join(unpacked, file), 'utf8');

let failures = 0;
function check(name, ok, found) {
	if (!ok) failures += 1;
	process.stdout.write(`${ok ? 'PASS' : 'FAIL'} ${name}: ${found}\n`);
}

// Environment and file system (guideline "No access to environment variables or file system"): the
// strict lint rules cover the sources; this reads the JavaScript that ships, the bundled zod included.
const ENV_OR_FS = [
	/\bprocess\s*(\.|\[)\s*['"`]?env\b/,
	/\bprocess\.(cwd|chdir|binding|dlopen)\b/,
	/(require\(|from\s*|import\()\s*['"`](node:)?(fs|fs\/promises|child_process|worker_threads|os|vm|module)['"`]/,
];
const envOrFsHits = (text) => ENV_OR_FS.filter((p) => p.test(text)).map(String);
// Modules shipped code may load: n8n's own peer and the Node built-ins a signature check needs.
const ALLOWED_MODULES = ['n8n-workflow', 'crypto', 'node:crypto'];
const requiredModules = (text) =>
	[...text.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)]
		.map((m) => m[1])
		.filter((m) => !m.startsWith('.'));

// English only (guideline "Use English language only"): a proxy that can run offline: no letter
// outside A–Z in anything shipped (node and credential texts, error messages, codex, README), so
// no accented or other-script word; punctuation such as → or … is fine.
const foreignLetters = (text) => [...new Set(text.match(/[^\P{L}A-Za-z]/gu) ?? [])];

try {
	if (!envOrFsHits('const t = process.env.TOKEN; require("node:fs");').length)
		throw new Error('the environment/file-system patterns missed their canary');
	if (!foreignLetters('Kundennummer ändern').length)
		throw new Error('the English check missed its canary');

	const scan = spawnSync('node', [path.join(root, 'scripts/lint/scan-package.mjs'), tarball], {
		encoding: 'utf8',
	});
	const scanned = scan.stdout.split('\n').filter((l) => /^(passed|FAILED): /.test(l));
	for (const line of scanned) {
		const [verdict, what] = line.split(/: (.*)/s);
		check(`n8n's scanner (@n8n/scan-community-package)`, verdict === 'passed', what);
	}
	const scanFailed = scanned.some((l) => l.startsWith('FAILED'));
	if (scan.status !== 0 && !scanFailed)
		check(`n8n's scanner`, false, `exited ${scan.status} without a verdict`);
	// The scanner's own findings, indented under its lines, when it failed.
	if (scan.status !== 0) {
		const details = `${scan.stdout}${scan.stderr}`
			.split('\n')
			.filter((l) => l && !scanned.includes(l));
		process.stdout.write(details.map((l) => `    ${l}\n`).join(''));
	}

	const license = existsSync(path.join(unpacked, 'LICENSE')) ? read('LICENSE') : '';
	check(
		'MIT license',
		packed.license === 'MIT' &&
			license.startsWith('MIT License') &&
			license.includes('Permission is hereby granted, free of charge') &&
			readFileSync(path.join(root, 'LICENSE'), 'utf8') === license,
		`package.json "license": ${JSON.stringify(packed.license)}; LICENSE in the tarball: ${license.split('\n')[0] || 'missing'}`,
	);

	const runtime = [
		'dependencies',
		'optionalDependencies',
		'bundleDependencies',
		'bundledDependencies',
	].flatMap((field) => Object.keys(packed[field] ?? {}).map((name) => `${field}.${name}`));
	const modules = [...new Set(shippedJs.flatMap((f) => requiredModules(read(f))))].sort();
	const unexpected = modules.filter((m) => !ALLOWED_MODULES.includes(m));
	check(
		'no runtime dependencies',
		runtime.length === 0 && unexpected.length === 0,
		`${runtime.length ? runtime.join(', ') : 'no dependencies'}; peer ${Object.keys(packed.peerDependencies ?? {}).join(', ')}; shipped JS requires ${modules.join(', ')}${unexpected.length ? ` (not allowed: ${unexpected.join(', ')})` : ''}`,
	);

	const envOrFs = shippedJs.flatMap((f) => envOrFsHits(read(f)).map((p) => `${f} ${p}`));
	check(
		'no environment or file-system access in shipped code',
		envOrFs.length === 0,
		envOrFs.length
			? envOrFs.join('; ')
			: `${shippedJs.length} JS files free of process.env, process.cwd and fs/child_process/os/vm imports`,
	);

	const workflows = path.join(root, '.github/workflows');
	const publishers = (existsSync(workflows) ? readdirSync(workflows) : [])
		.filter((f) => /\.ya?ml$/.test(f))
		.filter((f) => {
			const yml = readFileSync(path.join(workflows, f), 'utf8');
			return (
				/^\s*id-token:\s*write\b/m.test(yml) &&
				/\bnpm (publish|run release)\b/.test(yml) &&
				/^\s*tags:/m.test(yml)
			);
		});
	check(
		'provenance configuration',
		packed.publishConfig?.provenance === true && publishers.length > 0,
		`publishConfig.provenance ${JSON.stringify(packed.publishConfig?.provenance)}; publishing workflow with id-token: write on tags: ${publishers.map((f) => `.github/workflows/${f}`).join(', ') || 'none'}`,
	);

	const repository = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\.git$/.exec(
		packed.repository?.url ?? '',
	);
	check(
		'package source',
		Boolean(repository) &&
			(packed.homepage ?? '').startsWith(`https://github.com/${repository?.[1]}`),
		`repository ${packed.repository?.url}; homepage ${packed.homepage}`,
	);

	check(
		'package name',
		/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-/.test(packed.name),
		`${packed.name} (n8n-nodes- or @scope/n8n-nodes-)`,
	);
	check(
		'keyword',
		(packed.keywords ?? []).includes('n8n-community-node-package'),
		`keywords ${(packed.keywords ?? []).join(', ')}`,
	);
	check(
		'n8n API version and strict mode',
		packed.n8n?.n8nNodesApiVersion === 1 && packed.n8n?.strict === true,
		`n8n.n8nNodesApiVersion ${packed.n8n?.n8nNodesApiVersion}, n8n.strict ${packed.n8n?.strict}`,
	);
	const listed = [...(packed.n8n?.nodes ?? []), ...(packed.n8n?.credentials ?? [])];
	const missing = listed.filter((f) => !shipped.includes(f));
	check(
		'nodes and credentials in the n8n attribute',
		packed.n8n?.nodes?.length > 0 && missing.length === 0,
		`${packed.n8n?.nodes?.length ?? 0} nodes, ${packed.n8n?.credentials?.length ?? 0} credentials, ${missing.length ? `missing from the tarball: ${missing.join(', ')}` : 'all in the tarball'}`,
	);
	check(
		'built and linted with the n8n-node tool',
		Boolean(source.devDependencies?.['@n8n/node-cli']) &&
			/^n8n-node build\b/.test(source.scripts?.build ?? '') &&
			/^n8n-node lint\b/.test(source.scripts?.lint ?? ''),
		`@n8n/node-cli ${source.devDependencies?.['@n8n/node-cli']}; build "${source.scripts?.build?.split(' && ')[0]}"; lint "${source.scripts?.lint?.split(' && ')[0]}"`,
	);

	const readme = existsSync(path.join(unpacked, 'README.md')) ? read('README.md') : '';
	const sections = [
		'Installation',
		'Operations',
		'Credentials',
		'Compatibility',
		'Usage',
		'Resources',
	];
	const absent = sections.filter((s) => !new RegExp(`^## ${s}$`, 'm').test(readme));
	check(
		'documentation',
		readme.length > 0 && absent.length === 0,
		absent.length
			? `README sections missing: ${absent.join(', ')}`
			: `README.md in the tarball with ${sections.join(', ')}`,
	);

	const textFiles = shipped.filter((f) => /\.(js|json|md|ts)$/.test(f) || f === 'LICENSE');
	const foreign = textFiles.flatMap((f) => {
		const letters = foreignLetters(read(f));
		return letters.length ? [`${f}: ${letters.join('')}`] : [];
	});
	check(
		'English only',
		foreign.length === 0,
		foreign.length
			? `letters outside A–Z in ${foreign.join('; ')}`
			: `${textFiles.length} shipped files (node and credential texts, messages, codex, README) use A–Z letters only`,
	);

	process.stdout.write(
		'not checked offline: the provenance statement of a published version (after a release: npx @n8n/scan-community-package n8n-nodes-replicated), npm author = repository maintainer, public repository, not an existing n8n node\n',
	);
	process.stdout.write(
		failures ? `verify:readiness: ${failures} FAILED\n` : 'verify:readiness: all passed\n',
	);
	process.exitCode = failures ? 1 : 0;
} finally {
	rmSync(work, { recursive: true, force: true });
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- scripts and tests: run beside n8n, never inside it */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { freePort } from './free-port';

export interface NpmRegistry {
	/** Where it listens on loopback, e.g. http://127.0.0.1:40123. */
	origin: string;
	/**
	 * Publishes a packed tarball as `npm publish` does for a release (a user's token, no scripts).
	 * Asynchronous: a caller serving n8n's requests meanwhile (the intercepting proxy) keeps serving.
	 */
	publish(tarball: string): Promise<void>;
	/** What it printed so far. */
	log(): string;
	stop(): Promise<void>;
}

/** The one package served from local storage only; the rest passes through to npm's registry. */
const OWN_PACKAGE = 'n8n-nodes-replicated';
/** The address users' n8n installs from (n8n's CommunityPackagesConfig.registry default). */
export const PUBLIC_REGISTRY = 'https://registry.npmjs.org';

const ROOT = path.resolve(__dirname, '../..');

/** verdaccio's config: our package never proxied (npm's copy, if any, must not mix in), the rest is. */
function config(storage: string, port: number): string {
	return [
		`storage: ${storage}/storage`,
		'auth:',
		'  htpasswd:',
		`    file: ${storage}/htpasswd`,
		'    max_users: 10',
		'uplinks:',
		`  npmjs: { url: ${PUBLIC_REGISTRY}/ }`,
		'packages:',
		`  '${OWN_PACKAGE}': { access: $all, publish: $authenticated }`,
		"  '**': { access: $all, publish: $authenticated, proxy: npmjs }",
		`listen: 127.0.0.1:${port}`,
		'log: { type: stdout, format: pretty, level: warn }',
		'',
	].join('\n');
}

/**
 * A real npm registry on loopback (verdaccio, scripts/services/ensure-verdaccio.sh), throwaway. Its
 * public URL is npm's own (VERDACCIO_PUBLIC_URL): the tarball addresses in its metadata read
 * `https://registry.npmjs.org/…`, as a release's do, so a client reaching it through the
 * intercepting proxy (test/fakes/npm-registry.ts) sees what it would see from npm.
 */
export async function startNpmRegistry(node24Bin: string): Promise<NpmRegistry> {
	const launcher = /VERDACCIO_BIN='([^']+)'/.exec(
		execFileSync('bash', [path.join(ROOT, 'scripts/services/ensure-verdaccio.sh')], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	)![1];
	const dir = mkdtempSync(path.join(tmpdir(), 'npm-registry-'));
	const port = await freePort();
	writeFileSync(path.join(dir, 'config.yaml'), config(dir, port));
	let output = '';
	const proc: ChildProcess = spawn(
		path.join(node24Bin, 'node'),
		[launcher, '--config', path.join(dir, 'config.yaml')],
		{
			env: { ...process.env, VERDACCIO_PUBLIC_URL: PUBLIC_REGISTRY },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
	proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
	const origin = `http://127.0.0.1:${port}`;
	await waitUntilServing(origin, proc, () => output);
	const token = await addUser(origin);
	return {
		origin,
		log: () => output,
		publish: async (tarball) => {
			await promisify(execFile)(
				'npm',
				[
					'publish',
					tarball,
					`--registry=${origin}/`,
					`--//127.0.0.1:${port}/:_authToken=${token}`,
					// Provenance needs a CI's identity token; a release made by CI has it.
					'--provenance=false',
					'--ignore-scripts',
				],
				{ cwd: dir },
			);
		},
		stop: async () => {
			if (proc.exitCode === null) {
				const exited = new Promise((r) => proc.once('exit', r));
				proc.kill('SIGTERM');
				await exited;
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

async function waitUntilServing(
	origin: string,
	proc: ChildProcess,
	output: () => string,
): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (proc.exitCode !== null) throw new Error(`verdaccio exited: ${output()}`);
		const up = await fetch(`${origin}/-/ping`).then(
			(r) => r.ok,
			() => false,
		);
		if (up) return;
		if (Date.now() > deadline) throw new Error(`verdaccio not serving after 60 s: ${output()}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** A publisher account (npm adduser's request), its token returned. */
async function addUser(origin: string): Promise<string> {
	const res = await fetch(`${origin}/-/user/org.couchdb.user:release`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'release', password: 'release-password' }),
	});
	const body = (await res.json()) as { token?: string };
	if (!res.ok || !body.token) throw new Error(`verdaccio adduser answered ${res.status}`);
	return body.token;
}

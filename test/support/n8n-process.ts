/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-dangerous-functions -- test infrastructure: runs beside n8n, never inside it */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { request } from 'undici';

import { freePort } from '../../scripts/services/free-port';
import { repoRoot } from './n8n-runtime';

/**
 * Calls to n8n's APIs open a connection each: a test that blocks its event loop (a psql call, a
 * large parse) can outlive n8n's 5 s keep-alive, and a request sent on the socket n8n just closed
 * fails with ECONNRESET (seen in CI under load). Loopback connections cost nothing.
 */
const FRESH_CONNECTION = { reset: true } as const;

export interface N8nOptions {
	credentials?: object[];
	workflows?: object[];
	env?: Record<string, string>;
	/** Wait until the active workflows' production webhooks answer here (default true). */
	waitForWebhooks?: boolean;
	/**
	 * false: nothing in the user folder's nodes/ (the test installs the package as a user does, from
	 * a registry); default: the packed tarball (PACKAGE_TGZ) copied in as the panel would.
	 */
	installPackage?: boolean;
}

export interface N8nInstance {
	origin: string;
	/** The n8n process (n8n-up.sh execs it), e.g. to read its memory from /proc. */
	pid: number;
	/** Its user folder (N8N_HOME) and environment: queue mode's other processes share them. */
	home: string;
	env: Record<string, string>;
	/** Public API key (workflow/execution read scopes). */
	apiKey: string;
	/** Owner session cookie for the internal REST API the editor uses. */
	cookie: string;
	/** Everything n8n and the setup script printed so far. */
	log(): string;
	/** Calls n8n's public API (`/api/v1/...`); GET unless a method is given. */
	api<T = unknown>(pathAndQuery: string, method?: string, body?: unknown): Promise<T>;
	/** Calls n8n's internal REST API (`/rest/...`) as the owner. */
	rest<T = unknown>(
		method: string,
		pathAndQuery: string,
		body?: unknown,
	): Promise<{ status: number; body: T }>;
	stop(): Promise<void>;
	/**
	 * Starts the stopped n8n again on the same user folder and database, as a restart does (n8n
	 * activates the published workflows again); resolved once the editor is up and the owner is
	 * logged in. The log keeps what earlier runs printed. `changed` overrides settings from then on
	 * (a redeploy with a new environment).
	 */
	startAgain(changed?: Record<string, string>): Promise<void>;
}

/**
 * This process's environment as a user's shell has it: Jest sets NODE_ENV=test, which makes n8n
 * behave as in its own test suite, not as users run it.
 */
export function userEnvironment(): Record<string, string> {
	return Object.fromEntries(
		Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('JEST_')),
	) as Record<string, string>;
}

/** The owner's session again, for an n8n started anew on a user folder that has the owner. */
async function login(origin: string): Promise<string> {
	const res = await request(`${origin}/rest/login`, {
		...FRESH_CONNECTION,
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	await res.body.text();
	if (res.statusCode !== 200) throw new Error(`login answered ${res.statusCode}`);
	const setCookie = res.headers['set-cookie'];
	return (Array.isArray(setCookie) ? setCookie : [setCookie ?? ''])
		.map((c) => c.split(';')[0])
		.join('; ');
}

const OWNER = { email: 'owner@example.com', password: 'Passw0rd!e2e' };

export { freePort };

/** Runs scripts/n8n/n8n-up.sh (n8n in the foreground) in its own process group, its output kept. */
export function spawnN8nUp(env: Record<string, string>): ReturnType<typeof spawnScript> {
	return spawnScript('n8n/n8n-up.sh', env);
}

/** Runs one of scripts/ in its own process group, its output kept; `stop` ends the whole group. */
export function spawnScript(
	script: string,
	env: Record<string, string>,
	args: string[] = [],
): {
	proc: ChildProcess;
	log: () => string;
	stop: (signal?: NodeJS.Signals) => Promise<void>;
} {
	let output = '';
	const proc = spawn('bash', [path.join(repoRoot, 'scripts', script), ...args], {
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	proc.stdout!.on('data', (d) => (output += d.toString()));
	proc.stderr!.on('data', (d) => (output += d.toString()));
	const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
		if (proc.exitCode !== null || proc.signalCode !== null) return;
		const exited = new Promise((r) => proc.once('exit', r));
		process.kill(-proc.pid!, signal);
		const timer = setTimeout(
			() => proc.exitCode === null && process.kill(-proc.pid!, 'SIGKILL'),
			15_000,
		);
		await exited;
		clearTimeout(timer);
	};
	return { proc, log: () => output, stop };
}

export async function waitFor(
	proc: ChildProcess,
	log: () => string,
	marker: string,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!log().includes(marker)) {
		if (proc.exitCode !== null)
			throw new Error(`n8n exited with ${proc.exitCode}:\n${log().slice(-4000)}`);
		if (Date.now() > deadline)
			throw new Error(`n8n not ready after ${timeoutMs} ms:\n${log().slice(-4000)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

interface WorkflowLike {
	active?: boolean;
	nodes?: Array<{ type?: string; webhookId?: string; parameters?: Record<string, unknown> }>;
}

/** Production webhook paths of the active workflows: n8n's Webhook node uses its path as is. */
export function webhookPaths(workflows: object[]): string[] {
	return (workflows as WorkflowLike[])
		.filter((w) => w.active)
		.flatMap((w) => w.nodes ?? [])
		.filter((n) => n.webhookId)
		.map((n) =>
			n.type === 'n8n-nodes-base.webhook' ? String(n.parameters?.path) : `${n.webhookId}/webhook`,
		);
}

/**
 * n8n 2.x activates published workflows in the background, after the editor is up. A production
 * webhook is registered once a request with a method it does not take is told which method it
 * takes ("Did you mean …"), instead of "not registered"; that probe starts no execution.
 */
export async function waitForWebhooks(
	origin: string,
	paths: string[],
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (const path of paths) {
		for (;;) {
			const res = await request(`${origin}/webhook/${path}`, { method: 'DELETE' });
			const text = await res.body.text();
			if (text.includes('Did you mean')) break;
			if (Date.now() > deadline)
				throw new Error(`webhook ${path} not registered after ${timeoutMs} ms: ${text}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	}
}

/** Creates n8n's owner account (a new n8n has none) and returns its session for `/rest/...`. */
export async function ownerSession(
	origin: string,
): Promise<{ cookie: string; rest: N8nInstance['rest'] }> {
	const owner = await request(`${origin}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...OWNER, firstName: 'E2E', lastName: 'Owner' }),
	});
	const setCookie = owner.headers['set-cookie'];
	const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie ?? ''])
		.map((c) => c.split(';')[0])
		.join('; ');
	await owner.body.text();
	if (owner.statusCode !== 200) throw new Error(`owner setup answered ${owner.statusCode}`);
	return { cookie, rest: restAs(origin, () => cookie) };
}

function restAs(origin: string, cookie: () => string): N8nInstance['rest'] {
	return async (method, pathAndQuery, body) => {
		const res = await request(`${origin}/rest${pathAndQuery}`, {
			...FRESH_CONNECTION,
			method: method as 'GET',
			headers: { cookie: cookie(), 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.body.text();
		return { status: res.statusCode, body: (text ? JSON.parse(text) : undefined) as never };
	};
}

/**
 * Starts a real n8n through scripts/n8n/n8n-up.sh (the same path `npm start` takes) with our packed
 * package installed, the given credentials and workflows imported, and an owner + API key created.
 */
export async function startN8n(options: N8nOptions = {}): Promise<N8nInstance> {
	// An empty PACKAGE_TGZ is unset: n8n-up.sh would start n8n without the package.
	const packageTgz =
		options.installPackage === false ? '' : process.env.PACKAGE_TGZ || undefined;
	if (packageTgz === undefined)
		throw new Error(
			'PACKAGE_TGZ is not set: run the e2e tests through `npm test` / `npm run test:e2e`',
		);
	const work = mkdtempSync(path.join(tmpdir(), 'n8n-e2e-'));
	const port = options.env?.N8N_PORT ? Number(options.env.N8N_PORT) : await freePort();
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	const inherited = userEnvironment();
	const env: Record<string, string> = {
		...inherited,
		N8N_HOME: path.join(work, 'home'),
		PACKAGE_TGZ: packageTgz,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		FRESH: '1',
		...options.env,
	};
	if (options.credentials?.length) {
		env.IMPORT_CREDENTIALS = path.join(work, 'credentials.json');
		writeFileSync(env.IMPORT_CREDENTIALS, JSON.stringify(options.credentials));
	}
	if (options.workflows?.length) {
		env.IMPORT_WORKFLOWS = options.workflows
			.map((wf, i) => {
				const file = path.join(work, `workflow-${i}.json`);
				writeFileSync(file, JSON.stringify([wf]));
				return file;
			})
			.join(' ');
	}
	let { proc, log, stop } = spawnN8nUp(env);
	let earlier = '';
	const origin = `http://127.0.0.1:${port}`;
	try {
		// Printed after the active workflows' webhooks are registered (the recipe's readiness signal).
		await waitFor(proc, log, 'Editor is now accessible via', 240_000);
		if (options.waitForWebhooks !== false)
			await waitForWebhooks(origin, webhookPaths(options.workflows ?? []), 60_000);
		const { cookie, rest } = await ownerSession(origin);
		const key = await rest<{ data: { rawApiKey: string } }>('POST', '/api-keys', {
			label: 'e2e',
			expiresAt: null,
			scopes: [
				'workflow:create',
				'workflow:read',
				'workflow:list',
				'workflow:update',
				'workflow:activate',
				'workflow:deactivate',
				'execution:read',
				'execution:list',
				'execution:retry',
			],
		});
		const apiKey = key.body.data.rawApiKey;
		const instance: N8nInstance = {
			origin,
			pid: proc.pid!,
			home: env.N8N_HOME,
			env,
			apiKey,
			cookie,
			log: () => earlier + log(),
			rest: restAs(origin, () => instance.cookie),
			stop: async () => {
				await stop();
				keepLog(instance.log());
			},
			startAgain: async (changed = {}) => {
				earlier += log();
				Object.assign(env, changed);
				const again: Record<string, string> = { ...env, FRESH: '0' };
				delete again.IMPORT_CREDENTIALS;
				delete again.IMPORT_WORKFLOWS;
				({ proc, log, stop } = spawnN8nUp(again));
				instance.pid = proc.pid!;
				await waitFor(proc, log, 'Editor is now accessible via', 240_000);
				instance.cookie = await login(origin);
			},
			api: async (pathAndQuery, method = 'GET', body?: unknown) => {
				const res = await request(`${origin}/api/v1${pathAndQuery}`, {
					...FRESH_CONNECTION,
					method: method as 'GET',
					headers: { 'x-n8n-api-key': apiKey, 'content-type': 'application/json' },
					body: body === undefined ? undefined : JSON.stringify(body),
				});
				return (await res.body.json()) as never;
			},
		};
		return instance;
	} catch (error) {
		await stop();
		keepLog(earlier + log());
		throw error;
	}

	/** With E2E_LOG_DIR set, n8n's whole output is kept there once it stopped, to read a failure. */
	function keepLog(text: string): void {
		if (process.env.E2E_LOG_DIR)
			writeFileSync(path.join(process.env.E2E_LOG_DIR, `n8n-${port}.log`), text);
	}
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, no-console -- test infrastructure: runs beside n8n, never inside it */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { request } from 'undici';

import { eventsLog } from '../../scripts/local/events-log';
import { PUBLISHED } from '../../scripts/local/published';
import { TEMPLATES as ALL_TEMPLATES, templatePath } from '../../scripts/templates/all';
import { DASHBOARD_PATH } from '../../scripts/templates/health/dashboard';
import { launchChromium } from '../support/editor';
import { eventually } from '../support/eventually';
import {
	freePort,
	ownerSession,
	spawnScript,
	userEnvironment,
	waitFor,
} from '../support/n8n-process';
import { repoRoot } from '../support/n8n-runtime';

/** The workflows `npm start` imports: the templates, and the sandbox's events log. */
const IMPORTED = [...ALL_TEMPLATES.map((t) => t.workflow.name), eventsLog.name].sort();
/** The budget issue 36 sets: `npm start` on a warm cache to the dashboard showing the fleet. */
const BUDGET_MS = 60_000;
/** `UPDATE_PICTURES=1` writes the picture into docs/; otherwise it is only taken. */
const PICTURES = path.resolve(__dirname, '../../docs/pictures');

const REPLICATED_NODES = [
	'n8n-nodes-replicated.replicated',
	'n8n-nodes-replicated.replicatedTrigger',
];

/** The Replicated nodes of the templates that have an App picker. */
const APP_PICKERS = ALL_TEMPLATES.flatMap((t) => t.workflow.nodes).filter(
	(n) => REPLICATED_NODES.includes(n.type) && 'appId' in n.parameters,
).length;

interface StoredWorkflow {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		typeVersion: number;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string | null; name: string }>;
	}>;
}

const EVENTS = ['instance.ready', 'instance.inactive', 'instance.state.duration'];
const SANDBOX_CREDENTIALS = [
	'Dashboard login',
	'Replicated account',
	'SMTP account',
	'Slack account',
];

type Rest = Awaited<ReturnType<typeof ownerSession>>['rest'];

const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const escapeHtml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Dashboard {
	/** From the spawn of `npm start` to the page answering with at-risk customers. */
	ms: number;
	customers: number;
	atRisk: number;
	watch: number;
	summary: string;
}

/**
 * Opens the dashboard as a browser would (GET with the login from the state folder) from the spawn
 * of `npm start` on, until it answers with at-risk customers: zero clicks in between.
 */
async function dashboardAnswers(origin: string, state: string, since: number): Promise<Dashboard> {
	const passwordFile = path.join(state, 'dashboard-password');
	let last = '';
	while (Date.now() - since < 180_000) {
		if (existsSync(passwordFile)) {
			const password = readFileSync(passwordFile, 'utf8').trim();
			try {
				const res = await request(`${origin}/webhook/${DASHBOARD_PATH}`, {
					headers: { authorization: basic('sandbox', password) },
				});
				const html = await res.body.text();
				last = `${res.statusCode} ${html.slice(0, 200)}`;
				const atRisk = Number(/>At risk \((\d+)\)</.exec(html)?.[1] ?? 0);
				if (res.statusCode === 200 && atRisk > 0) {
					const meta = /<p class="meta">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
					return {
						ms: Date.now() - since,
						customers: Number(/^(\d+) customers/.exec(meta)?.[1] ?? 0),
						atRisk,
						watch: Number(/>Watch \((\d+)\)</.exec(html)?.[1] ?? 0),
						summary: `${meta.replace(/ · scored.*/, '')}, ${atRisk} at risk`,
					};
				}
			} catch (error) {
				last = (error as Error).message; // n8n not listening yet
			}
		}
		await sleep(250);
	}
	throw new Error(`the dashboard did not show at-risk customers within 180 s: ${last}`);
}

/** `npm run send-event -- <event> --emulator <origin>`, as the Ready banner says; its output. */
async function sendEvent(emulator: string, event: string): Promise<string> {
	const { stdout } = await promisify(execFile)(
		path.join(repoRoot, 'node_modules/.bin/tsx'),
		['test/emulator/send-event-cli.ts', event, '--emulator', emulator],
		{ cwd: repoRoot },
	);
	return stdout;
}

async function activeWorkflows(rest: Rest): Promise<string[]> {
	const listed = await rest<{ data: Array<{ name: string; active: boolean }> }>(
		'GET',
		'/workflows',
	);
	return listed.body.data
		.filter((w) => w.active)
		.map((w) => w.name)
		.sort();
}

async function credentialNames(rest: Rest): Promise<string[]> {
	const listed = await rest<{ data: Array<{ name: string }> }>('GET', '/credentials');
	return listed.body.data.map((c) => c.name);
}

/**
 * The executions of the events log once there are `count` successful ones, oldest first, each as
 * the event keys among its data's values (n8n keeps execution data flattened: one JSON array).
 */
async function eventsLogged(rest: Rest, count: number, known: string[]): Promise<string[][]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: eventsLog.id }));
	for (let i = 0; i < 100; i++) {
		const listed = await rest<{ data: { results: Array<{ id: string; status: string }> } }>(
			'GET',
			`/executions?filter=${filter}`,
		);
		const done = listed.body.data.results.filter((e) => e.status === 'success');
		if (done.length >= count) {
			const events: string[][] = [];
			for (const { id } of done.reverse()) {
				const one = await rest<{ data: { data: string } }>('GET', `/executions/${id}`);
				const values = JSON.parse(one.body.data.data) as unknown[];
				events.push(known.filter((event) => values.includes(event)));
			}
			return events;
		}
		await sleep(200);
	}
	throw new Error(`the events log has fewer than ${count} successful executions`);
}

interface Inbox {
	mails: Array<{ from: string; to: string[]; subject: string; text: string }>;
	slack: Array<{ channel: string; text: string }>;
}

/** The inbox page's data once it holds `mails` mails and `posts` Slack posts. */
async function inboxWith(origin: string, mails: number, posts: number): Promise<Inbox> {
	let inbox: Inbox = { mails: [], slack: [] };
	for (let i = 0; i < 150; i++) {
		const res = await request(`${origin}/inbox.json`);
		inbox = (await res.body.json()) as Inbox;
		if (inbox.mails.length >= mails && inbox.slack.length >= posts) return inbox;
		await sleep(200);
	}
	throw new Error(`the inbox holds ${JSON.stringify(inbox)}`);
}

/** The dashboard in Chromium with its login, for the README (written with UPDATE_PICTURES=1). */
async function pictureDashboard(url: string, password: string): Promise<void> {
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({
			httpCredentials: { username: 'sandbox', password },
			viewport: { width: 1280, height: 860 },
			deviceScaleFactor: 1,
		});
		const page = await context.newPage();
		await page.goto(url, { waitUntil: 'load' });
		const png = await page.screenshot({ fullPage: false });
		expect(png.length).toBeGreaterThan(0);
		if (process.env.UPDATE_PICTURES !== '1') return;
		mkdirSync(PICTURES, { recursive: true });
		writeFileSync(path.join(PICTURES, 'sandbox-dashboard.png'), png);
	} finally {
		await browser.close();
	}
}

/**
 * `npm start` as a newcomer runs it (scripts/local/start.sh: emulator, n8n, the credential, the
 * templates), in a state folder of its own, then the editor's view of every template through n8n's
 * REST API: each Replicated node has the local credential and its App picker loads.
 */
describe('npm start: every imported template opens with its Replicated nodes ready', () => {
	const inherited = userEnvironment();
	const states: string[] = [];
	afterAll(() => {
		for (const dir of states) rmSync(dir, { recursive: true, force: true });
	});

	interface Ports {
		n8n: number;
		emulator: number;
		inbox: number;
		smtp: number;
		proxy: number;
	}
	const newPorts = async (): Promise<Ports> => ({
		n8n: await freePort(),
		emulator: await freePort(),
		inbox: await freePort(),
		smtp: await freePort(),
		proxy: await freePort(),
	});

	/** `npm start` until its Ready banner; `whileStarting` runs from the spawn on, beside it. */
	async function npmStart(
		state: string,
		ports?: Ports,
		whileStarting?: (origin: string) => Promise<unknown>,
	) {
		const { n8n: n8nPort, emulator, inbox, smtp, proxy } = ports ?? (await newPorts());
		const env = {
			...inherited,
			START_STATE: state,
			N8N_PORT: String(n8nPort),
			EMULATOR_PORT: String(emulator),
			INBOX_PORT: String(inbox),
			SMTP_PORT: String(smtp),
			PROXY_PORT: String(proxy),
			PACKAGE_TGZ: process.env.PACKAGE_TGZ!,
		};
		const started = spawnScript('local/start.sh', env);
		const beside = whileStarting?.(`http://127.0.0.1:${n8nPort}`);
		try {
			await waitFor(started.proc, started.log, 'Press Ctrl-C to stop everything.', 300_000);
			await beside;
		} catch (error) {
			// start.sh prints its steps; what hung inside a step is in the state folder's logs.
			const logs = ['n8n.log', 'emulator.log', 'fakes.log'].map((name) => {
				const file = path.join(state, name);
				return `--- ${name} ---\n${existsSync(file) ? readFileSync(file, 'utf8').slice(-3000) : '(none)'}`;
			});
			await started.stop();
			throw new Error(`${(error as Error).message}\n${logs.join('\n')}`);
		}
		return {
			...started,
			origin: `http://127.0.0.1:${n8nPort}`,
			emulator: `http://127.0.0.1:${emulator}`,
			inbox: `http://127.0.0.1:${inbox}`,
			beside: await beside,
		};
	}

	/** What the editor shows of each template's Replicated nodes: their credential, the App picker. */
	async function checkTemplates(rest: Rest, names: string[], appFilled = false) {
		type Listed = Awaited<ReturnType<typeof rest<{ data?: Array<{ id: string; name: string }> }>>>;
		let listed: Listed | undefined;
		// n8n may still be publishing what the start asked for: the list answers once it is ready.
		await eventually(
			'the editor lists the workflows',
			async () => {
				listed = await rest<{ data?: Array<{ id: string; name: string }> }>('GET', '/workflows');
				return listed.status === 200 && Array.isArray(listed.body.data);
			},
			30_000,
			500,
		).catch((error: Error) => {
			throw new Error(
				`${error.message}: ${listed?.status} ${JSON.stringify(listed?.body).slice(0, 500)}`,
			);
		});
		const workflows = listed!.body.data!;
		expect(workflows.map((w) => w.name).sort()).toEqual(names);
		const problems: string[] = [];
		let pickers = 0;
		for (const { id } of workflows) {
			const { body } = await rest<{ data: StoredWorkflow }>('GET', `/workflows/${id}`);
			for (const node of body.data.nodes.filter((n) => REPLICATED_NODES.includes(n.type))) {
				const where = `${body.data.name} → ${node.name}`;
				const credential = node.credentials?.replicatedApi;
				if (credential?.id !== 'replicatedLocalEmu' || credential.name !== 'Replicated account')
					problems.push(`${where}: credential ${JSON.stringify(credential)}`);
				if (!('appId' in node.parameters)) continue;
				const app = (node.parameters.appId as { value: string; cachedResultName?: string }) ?? {};
				if (appFilled && app.cachedResultName !== 'Acme Platform')
					problems.push(`${where}: App ${JSON.stringify(app)}`);
				const apps = await rest<{ data?: { results: Array<{ name: string }> }; message?: string }>(
					'POST',
					'/dynamic-node-parameters/resource-locator-results',
					{
						nodeTypeAndVersion: { name: node.type, version: node.typeVersion },
						path: 'appId',
						methodName: 'searchApps',
						credentials: node.credentials,
						currentNodeParameters: node.parameters,
					},
				);
				pickers++;
				if (apps.body.data?.results.map((a) => a.name).join() !== 'Acme Platform')
					problems.push(`${where}: App picker ${apps.status} ${JSON.stringify(apps.body)}`);
			}
		}
		expect(problems).toEqual([]);
		return pickers;
	}

	it('in a new checkout: alive on start, no click; a second start keeps it, nothing doubled', async () => {
		const state = mkdtempSync(path.join(tmpdir(), 'npm-start-'));
		states.push(state);
		const ports = await newPorts();
		const spawned = Date.now();
		const start = await npmStart(state, ports, (origin) =>
			dashboardAnswers(origin, state, spawned),
		);
		const password = readFileSync(path.join(state, 'dashboard-password'), 'utf8').trim();
		let rest: Rest;
		try {
			const dashboard = start.beside as Dashboard;
			// The measurement issue 36 asks for, printed for the record.
			console.log(
				`npm start → the dashboard answering with the demo fleet: ${(dashboard.ms / 1000).toFixed(1)} s (budget ${BUDGET_MS / 1000} s); ${dashboard.summary}`,
			);
			// The demo fleet (test/emulator/demo-fleet.ts) as Score Customers rates it: its paid customers.
			expect([dashboard.customers, dashboard.atRisk, dashboard.watch]).toEqual([181, 20, 27]);
			expect(dashboard.ms).toBeLessThanOrEqual(BUDGET_MS);

			const log = start.log();
			expect(log).toContain(
				`templates            ${ALL_TEMPLATES.length} imported from workflows-templates/ (this start: a new n8n)`,
			);
			expect(log).toContain(
				`dashboard            ${start.origin}/webhook/${DASHBOARD_PATH}   login: sandbox / ${password}`,
			);
			expect(log).toContain(`inbox                ${start.inbox}   what the workflows mailed`);
			expect(log).toContain('send an event        npm run send-event -- instance.ready --emulator');

			({ rest } = await ownerSession(start.origin));
			expect(await checkTemplates(rest, IMPORTED, true)).toBe(APP_PICKERS);
			expect(await activeWorkflows(rest)).toEqual(
				[
					...ALL_TEMPLATES.filter((t) => PUBLISHED.includes(t.slug)).map((t) => t.workflow.name),
					eventsLog.name,
				].sort(),
			);
			expect((await credentialNames(rest)).sort()).toEqual(SANDBOX_CREDENTIALS);

			// The Ready banner's command reaches the events log at once.
			expect(await sendEvent(start.emulator, 'instance.ready')).toMatch(/→ HTTP 200/);
			expect(await eventsLogged(rest, 1, EVENTS)).toEqual([['instance.ready']]);

			// The health alerts deliver to the stand-ins: a mail in the sink, a post in the Slack fake.
			await sendEvent(start.emulator, 'instance.inactive');
			await sendEvent(start.emulator, 'instance.state.duration');
			const inbox = await inboxWith(start.inbox, 1, 1);
			expect(inbox.mails.map((m) => [m.to, m.subject.replace(/^.*: /, '')])).toEqual([
				[['cs-team@example.com'], expect.stringMatching(/ stopped checking in$/)],
			]);
			expect(inbox.slack.map((m) => m.channel)).toEqual(['#support-alerts']);
			const page = await request(start.inbox);
			expect(await page.body.text()).toContain(escapeHtml(inbox.mails[0].subject));

			await pictureDashboard(`${start.origin}/webhook/${DASHBOARD_PATH}`, password);
		} finally {
			await start.stop();
		}

		// The second start: the same n8n, its credentials updated in place, the triggers registered
		// again with the (new, in-memory) emulator.
		const again = await npmStart(state, ports);
		try {
			expect(again.log()).toContain('templates            kept as they are in the editor');
			expect((await credentialNames(rest)).sort()).toEqual(SANDBOX_CREDENTIALS);
			const listed = await rest<{ data: Array<{ name: string }> }>('GET', '/workflows');
			expect(listed.body.data.map((w) => w.name).sort()).toEqual(IMPORTED);
			expect(await sendEvent(again.emulator, 'instance.ready')).toMatch(/→ HTTP 200/);
			// Four now: the first start's three (the alerts' events too: the log listens to all), and this.
			expect(await eventsLogged(rest, 4, EVENTS)).toEqual([
				['instance.ready'],
				['instance.inactive'],
				['instance.state.duration'],
				['instance.ready'],
			]);
			const dashboard = await request(`${again.origin}/webhook/${DASHBOARD_PATH}`, {
				headers: { authorization: basic('sandbox', password) },
			});
			expect(dashboard.statusCode).toBe(200);
			await dashboard.body.text();
		} finally {
			await again.stop();
		}
	}, 600_000);

	it('in a checkout whose n8n got the templates before the credential had their name: linked once', async () => {
		const state = mkdtempSync(path.join(tmpdir(), 'npm-start-'));
		states.push(state);
		const home = path.join(state, 'n8n-home');
		// What an earlier `npm start` left: its credential named otherwise, the templates imported.
		const old = path.join(state, 'old-credentials.json');
		writeFileSync(
			old,
			JSON.stringify([
				{
					id: 'replicatedLocalEmu',
					name: 'Replicated (local emulator)',
					type: 'replicatedApi',
					data: { apiToken: 'emu_rw_old', baseUrl: 'http://127.0.0.1:9/vendor' },
				},
			]),
		);
		const files = ALL_TEMPLATES.map((t) => path.join(repoRoot, templatePath(t)));
		for (const file of files) expect(JSON.parse(readFileSync(file, 'utf8')).id).toBeTruthy();
		const before = spawnScript('n8n/n8n-up.sh', {
			...inherited,
			N8N_HOME: home,
			PACKAGE_TGZ: process.env.PACKAGE_TGZ!,
			N8N_COMMAND: 'none',
			IMPORT_CREDENTIALS: old,
			IMPORT_WORKFLOWS: files.join(' '),
		});
		await new Promise((resolve) => before.proc.once('exit', resolve));
		expect(before.proc.exitCode).toBe(0);
		writeFileSync(path.join(home, '.templates-imported'), '');

		const start = await npmStart(state);
		try {
			expect(start.log()).toContain('templates            kept as they are in the editor');
			expect(readFileSync(path.join(state, 'n8n.log'), 'utf8')).toContain(
				`linked the imported credentials into ${ALL_TEMPLATES.length} workflow(s) imported before`,
			);
			// Imported before the sandbox had its events log: kept as it was, the credentials linked.
			const { rest } = await ownerSession(start.origin);
			const templates = ALL_TEMPLATES.map((t) => t.workflow.name).sort();
			expect(await checkTemplates(rest, templates)).toBe(APP_PICKERS);
		} finally {
			await start.stop();
		}
	}, 420_000);
});

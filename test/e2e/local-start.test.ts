/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test infrastructure: runs beside n8n, never inside it */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { TEMPLATES as ALL_TEMPLATES, templatePath } from '../../scripts/templates/all';
import {
	freePort,
	ownerSession,
	spawnScript,
	userEnvironment,
	waitFor,
} from '../support/n8n-process';
import { repoRoot } from '../support/n8n-runtime';

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

	async function npmStart(state: string) {
		const n8nPort = await freePort();
		const env = {
			...inherited,
			START_STATE: state,
			N8N_PORT: String(n8nPort),
			EMULATOR_PORT: String(await freePort()),
			PACKAGE_TGZ: process.env.PACKAGE_TGZ!,
		};
		const started = spawnScript('local/start.sh', env);
		try {
			await waitFor(started.proc, started.log, 'Press Ctrl-C to stop everything.', 300_000);
		} catch (error) {
			// start.sh prints its steps; what hung inside a step is in the state folder's logs.
			const logs = ['n8n.log', 'emulator.log'].map((name) => {
				const file = path.join(state, name);
				return `--- ${name} ---\n${existsSync(file) ? readFileSync(file, 'utf8').slice(-3000) : '(none)'}`;
			});
			await started.stop();
			throw new Error(`${(error as Error).message}\n${logs.join('\n')}`);
		}
		return { ...started, origin: `http://127.0.0.1:${n8nPort}` };
	}

	/** What the editor shows of each template's Replicated nodes: their credential, the App picker. */
	async function checkTemplates(origin: string) {
		const { rest } = await ownerSession(origin);
		const listed = await rest<{ data: Array<{ id: string; name: string }> }>('GET', '/workflows');
		expect(listed.body.data.map((w) => w.name).sort()).toEqual(
			ALL_TEMPLATES.map((t) => t.workflow.name).sort(),
		);
		const problems: string[] = [];
		let pickers = 0;
		for (const { id } of listed.body.data) {
			const { body } = await rest<{ data: StoredWorkflow }>('GET', `/workflows/${id}`);
			for (const node of body.data.nodes.filter((n) => REPLICATED_NODES.includes(n.type))) {
				const where = `${body.data.name} → ${node.name}`;
				const credential = node.credentials?.replicatedApi;
				if (credential?.id !== 'replicatedLocalEmu' || credential.name !== 'Replicated account')
					problems.push(`${where}: credential ${JSON.stringify(credential)}`);
				if (!('appId' in node.parameters)) continue;
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

	it('in a new checkout: the templates resolve to the credential npm start creates', async () => {
		const state = mkdtempSync(path.join(tmpdir(), 'npm-start-'));
		states.push(state);
		const start = await npmStart(state);
		try {
			expect(start.log()).toContain(
				`templates            ${ALL_TEMPLATES.length} imported from workflows-templates/ (this start: a new n8n)`,
			);
			expect(start.log()).toContain(
				'credential           "Replicated account", pointed at the emulator',
			);
			expect(await checkTemplates(start.origin)).toBe(APP_PICKERS);
		} finally {
			await start.stop();
		}
	}, 420_000);

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
			expect(await checkTemplates(start.origin)).toBe(APP_PICKERS);
		} finally {
			await start.stop();
		}
	}, 420_000);
});

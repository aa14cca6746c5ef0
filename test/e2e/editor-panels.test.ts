/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { TEMPLATES, templatePath } from '../../scripts/templates/all';
import type { Template } from '../../scripts/templates/kit';
import { type Emulator, startEmulator } from '../emulator/server';
import { openEditor, openWorkflow, type PanelProblems, readPanel } from '../support/editor';
import { type N8nInstance, startN8n } from '../support/n8n-process';
import { triggerNode } from '../support/trigger-node';
import { emulatorCredential } from '../support/replicated-credential';

/** The issue n8n shows for a parameter a template leaves for the user (listed in its userSets). */
const USER_SETS = /^Parameter "[^"]+" is required\.?$/;
const LOG_DIR = process.env.E2E_LOG_DIR ?? path.resolve(__dirname, '../../.tmp');

/** Two first mistakes: a manual trigger published without its secret, and a wrong API token. */
const MISTAKES = [
	{
		id: 'mistakeNoSecret1',
		name: 'Mistake: manual registration without a secret',
		active: false,
		nodes: [
			triggerNode({
				id: 'mistake-trigger',
				webhookId: '7a1e0000-0000-4000-8000-00000000c0de',
				registration: 'manual',
				events: ['customer.created'],
				credentials: { replicatedApi: { id: 'panelReplicated1', name: 'Replicated account' } },
			}),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	},
	{
		id: 'mistakeBadToken1',
		name: 'Mistake: a wrong API token',
		active: false,
		nodes: [
			{
				id: 'mistake-start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'mistake-get',
				name: 'Get Customer',
				type: 'n8n-nodes-replicated.replicated',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'customer',
					operation: 'get',
					customer: { __rl: true, mode: 'id', value: 'abc' },
				},
				credentials: {
					replicatedApi: { id: 'panelWrongToken1', name: 'Replicated (wrong token)' },
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Get Customer', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	},
];

/**
 * Every template as a user first sees it: imported into the real editor with the credential the
 * local sandbox provides, each Replicated node's panel opened untouched in headless Chromium.
 * No dropdown may fail to load and no value may be flagged as unsupported: a user would read
 * either as a broken node.
 */
describe('the templates in the real editor: every Replicated node opens without errors', () => {
	let emulator: Emulator;
	let n8n: N8nInstance;
	let editor: Awaited<ReturnType<typeof openEditor>>;
	let page: Page;

	beforeAll(async () => {
		emulator = await startEmulator();
		n8n = await startN8n({
			credentials: [
				emulatorCredential('panelReplicated1', emulator),
				{
					id: 'panelWrongToken1',
					name: 'Replicated (wrong token)',
					type: 'replicatedApi',
					data: { apiToken: 'emu_rw_wrong', baseUrl: emulator.baseUrl },
				},
			],
			workflows: [...TEMPLATES.map((t) => t.workflow), ...MISTAKES],
			waitForWebhooks: false,
		});
		editor = await openEditor(n8n, { width: 1600, height: 1200 });
		page = editor.page;
	}, 300_000);
	afterAll(async () => {
		await editor?.close();
		await n8n?.stop();
		await emulator?.close();
	}, 60_000);

	// A panel shows what its node's parameters and credential make it show: templates whose
	// Replicated nodes are the same (a flow's Salesforce, HubSpot and Attio versions) are opened once.
	const byNodes = new Map<string, Template[]>();
	for (const t of TEMPLATES) {
		const ours = t.workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-replicated.'));
		if (!ours.length) continue;
		const key = JSON.stringify(
			ours.map((n) => [n.type, n.typeVersion, n.parameters, n.credentials]).sort(),
		);
		byNodes.set(key, [...(byNodes.get(key) ?? []), t]);
	}

	it.each(
		[...byNodes.values()].map((group) => [group.map(templatePath).join(', '), group[0]] as const),
	)(
		'%s',
		async (_paths, template) => {
			await openWorkflow(page, n8n.origin, template.workflow);
			const panels: Array<[string, PanelProblems]> = [];
			for (const node of template.workflow.nodes.filter((n) =>
				n.type.startsWith('n8n-nodes-replicated.'),
			))
				panels.push([node.name, await readPanel(page, node.name)]);
			const problems = panels.flatMap(([node, panel]) => [
				...panel.failedDropdowns.map((d) => `${node}: dropdown "${d}"`),
				// What the user is asked to fill in (the app to pick) is expected; anything else is not.
				...panel.issues
					.filter((issue) => !USER_SETS.test(issue))
					.map((issue) => `${node}: ${issue}`),
				// The credential the sandbox provides, resolved by the name the template carries.
				...(panel.text.includes('Replicated account') ? [] : [`${node}: no credential`]),
			]);
			writeFileSync(
				path.join(LOG_DIR, `panels-${template.crm}-${template.slug}.txt`),
				panels
					.map(([node, p]) => `## ${node}\nissues: ${JSON.stringify(p.issues)}\n${p.text}\n`)
					.join('\n'),
			);
			expect(problems).toEqual([]);
		},
		120_000,
	);

	it('shows the Create panel of a deal-won template ready to run (screenshot)', async () => {
		const template = TEMPLATES.find(
			(t) => t.crm === 'salesforce' && t.slug === 'deal-won-to-license',
		)!;
		const create = template.workflow.nodes.find(
			(n) => n.type === 'n8n-nodes-replicated.replicated' && n.parameters.operation === 'create',
		)!;
		await openWorkflow(page, n8n.origin, template.workflow);
		const panel = await readPanel(
			page,
			create.name,
			path.join(LOG_DIR, 'panel-deal-won-create.png'),
		);
		// n8n shows the credentials below the parameter their display depends on (the Resource: the
		// Trigger Health API credential is shown for Notification → Check Trigger Health only).
		expect(panel.text).toContain(
			'[values] Create or Find Customer | Customer | Replicated account | Create |',
		);
		// Only what the template leaves for the user to pick (its userSets): the app.
		expect(panel).toMatchObject({
			failedDropdowns: [],
			issues: ['Parameter "App" is required.'],
		});
		expect(template.userSets).toContainEqual(
			expect.objectContaining({ node: create.name, parameter: 'appId' }),
		);
	}, 120_000);

	/** The editor's toasts: n8n shows an error's message there, never its description. */
	async function toast(pattern: RegExp): Promise<string> {
		for (let i = 0; i < 40; i++) {
			const texts = await page
				.locator('.el-notification')
				.evaluateAll((els) => els.map((e) => (e as unknown as { innerText: string }).innerText));
			const found = texts.find((t) => pattern.test(t));
			if (found) return found.replace(/\s+/g, ' ').trim();
			await page.waitForTimeout(500);
		}
		throw new Error(`no toast matching ${pattern}`);
	}

	it('publishing a manual trigger without its secret: the toast says what to do', async () => {
		await openWorkflow(page, n8n.origin, MISTAKES[0]);
		await page.getByRole('button', { name: 'Publish' }).first().click();
		const confirm = page.locator('[role="dialog"]').getByRole('button', { name: /Publish/ });
		if (await confirm.count()) await confirm.last().click();
		expect(await toast(/could not be published/)).toBe(
			'Workflow could not be published No webhook signing secret. Add a "Replicated Webhook API" credential with the secret set in the Vendor Portal, or turn on Options → Allow Unsigned Deliveries (not recommended).',
		);
		await page.screenshot({ path: path.join(LOG_DIR, 'toast-publish-without-secret.png') });
	}, 120_000);

	it('running with a wrong API token: the toast says what to do', async () => {
		await openWorkflow(page, n8n.origin, MISTAKES[1]);
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		expect(await toast(/Problem in node/)).toBe(
			'Problem in node ‘Get Customer‘ Replicated: Unauthorized: invalid or missing API token. Check the API token in the Replicated credential.',
		);
	}, 120_000);
});

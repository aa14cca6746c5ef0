/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test: drives n8n's editor from outside */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { openEditor } from '../support/editor';
import { type N8nInstance, startN8n } from '../support/n8n-process';
import { type InstallRig, PACKAGE, startInstallRig } from './rig';

/*
 * The Community Nodes panel as an owner clicks through it in n8n's editor (headless Chromium):
 * Settings → Community nodes → Install, the package name, the risk acknowledged, Install; then the
 * nodes in a new workflow's node creator. panel.test.ts sends the same REST call without the clicks.
 */

/** `UPDATE_PICTURES=1` writes the pictures into docs/; otherwise they are only taken (CI keeps the tree clean). */
const PICTURES = path.resolve(__dirname, '../../docs/pictures');

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
}

interface NodeTypeDescription {
	name: string;
	properties: Array<{ name: string; options?: Array<{ action?: string }> }>;
}

describe('installed by clicking through the Community Nodes panel in the editor', () => {
	let rig: InstallRig;
	let n8n: N8nInstance;
	let editor: Awaited<ReturnType<typeof openEditor>>;
	let page: Page;

	/**
	 * Takes a picture of the smallest area holding every element, padded; writes it into docs/ only
	 * with UPDATE_PICTURES=1. Taken in every run, so a picture that could not be taken fails the test.
	 */
	const picture = async (file: string, elements: Locator[], padding = 0) => {
		const boxes = await Promise.all(elements.map(async (e) => await e.boundingBox()));
		if (boxes.some((b) => !b)) throw new Error(`${file}: an element to picture is not visible`);
		const shown = boxes as Array<{ x: number; y: number; width: number; height: number }>;
		const left = Math.max(0, Math.min(...shown.map((b) => b.x)) - padding);
		const top = Math.max(0, Math.min(...shown.map((b) => b.y)) - padding);
		const right = Math.max(...shown.map((b) => b.x + b.width)) + padding;
		const bottom = Math.max(...shown.map((b) => b.y + b.height)) + padding;
		const png = await page.screenshot({
			clip: { x: left, y: top, width: right - left, height: bottom - top },
		});
		expect(png.length).toBeGreaterThan(0);
		if (process.env.UPDATE_PICTURES !== '1') return;
		mkdirSync(PICTURES, { recursive: true });
		writeFileSync(path.join(PICTURES, file), png);
	};
	const lines = async (element: Locator) =>
		(await element.innerText())
			.split('\n')
			.map((line) => line.replace(/\s+/g, ' ').trim())
			.filter(Boolean);

	beforeAll(async () => {
		rig = await startInstallRig();
		n8n = await startN8n({ installPackage: false, credentials: rig.credentials(), env: rig.env() });
		editor = await openEditor(n8n, { width: 1280, height: 800 });
		page = editor.page;
	}, 300_000);

	afterAll(async () => {
		await editor?.close();
		await n8n?.stop();
		await rig?.stop();
	});

	it('installs n8n-nodes-replicated from Settings → Community nodes: the modal, then the list at 0.1.0', async () => {
		await page.goto(`${n8n.origin}/settings/community-nodes`);
		const installFirst = page.getByRole('button', { name: 'Install a community node' });
		await installFirst.waitFor();
		await page.getByText('Supercharge your workflows with community nodes').waitFor();
		expect(await page.locator('[data-test-id="community-package-card"]').count()).toBe(0);

		await installFirst.click();
		const dialog = page.getByRole('dialog');
		const input = dialog.locator('input[data-test-id="package-name-input"]');
		await input.waitFor();
		// n8n 2.41.1 offers no verified path here: any package name, and an acknowledgement of the risk.
		expect(await lines(dialog)).toEqual([
			'Install community nodes',
			'Find community nodes to add on the npm public registry. More info',
			'Browse',
			'npm Package Name',
			'I understand the risks of installing unverified code from a public source.',
			'More info',
			'Install',
		]);
		expect(await input.getAttribute('placeholder')).toBe('e.g. n8n-nodes-chatwork');
		const install = dialog.locator('[data-test-id="install-community-package-button"]');
		await input.fill(PACKAGE);
		expect(await install.isDisabled()).toBe(true);
		await dialog.locator('[data-test-id="user-agreement-checkbox"]').click();
		expect(await install.isDisabled()).toBe(false);
		await picture('community-nodes-install-modal.png', [page.locator('.el-dialog')]);

		await install.click();
		await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
		await page.getByText('Package installed', { exact: true }).waitFor();
		const card = page.locator('[data-test-id="community-package-card"]');
		expect(await lines(card)).toEqual([
			PACKAGE,
			'2 nodes: Replicated,Replicated Trigger',
			'v0.1.0',
		]);
		// The page's title and its Install button above the card; the toast (bottom right) left out.
		const installMore = page.getByRole('button', { name: 'Install', exact: true });
		await picture('community-nodes-panel.png', [installMore, card], 48);

		const listed = await n8n.rest<{ data: InstalledPackage[] }>('GET', '/community-packages');
		expect(listed.body.data.map((p) => [p.packageName, p.installedVersion])).toEqual([
			[PACKAGE, '0.1.0'],
		]);
		expect(rig.registryCalls()).toContain(`GET /${PACKAGE}/-/${PACKAGE}-0.1.0.tgz`);
	});

	it('offers both nodes under one “Replicated” entry of a new workflow’s node creator', async () => {
		const described = await fetch(`${n8n.origin}/types/nodes.json`, {
			headers: { cookie: n8n.cookie },
		});
		const types = ((await described.json()) as NodeTypeDescription[]).filter((t) =>
			t.name.startsWith(PACKAGE),
		);
		const options = (type: string, property: string) =>
			types
				.filter((t) => t.name === `${PACKAGE}.${type}`)
				.flatMap((t) => t.properties.filter((p) => p.name === property))
				.flatMap((p) => p.options ?? []);
		// The creator lists a trigger's events, and the operations that name an action.
		const triggers = options('replicatedTrigger', 'events').length;
		const actions = options('replicated', 'operation').filter((o) => o.action).length;

		await page.goto(`${n8n.origin}/workflow/new`);
		await page.locator('[data-test-id="canvas-plus-button"]').first().click();
		const creator = page.locator('[data-test-id="node-creator"]');
		const search = creator.locator('input[data-test-id="node-creator-search-bar"]');
		const items = creator.locator('[data-test-id="node-creator-item-name"]');
		const entry = items.filter({ hasText: 'Replicated' });
		await search.fill('Replicated');
		await entry.first().waitFor();
		// n8n merges "Replicated" and "Replicated Trigger" into one entry.
		expect(await items.allInnerTexts()).toEqual(['Replicated']);
		await entry.click();
		await creator.getByText('Package version 0.1.0 (Latest)').waitFor();
		const details = await lines(creator);
		expect(details.slice(0, 7)).toEqual([
			'Node details',
			'Docs',
			'Replicated',
			'Installed',
			'Starts the workflow on verified Replicated event notifications (customers, Enterprise Portal, instances, releases)',
			'Via npm',
			`Triggers (${triggers})`,
		]);
		expect(details.slice(7, 10)).toEqual([
			'On all events',
			'On customer self serve signup pending',
			'On customer created',
		]);
		expect(details.slice(7 + triggers)).toEqual([
			`Actions (${actions})`,
			'Package version 0.1.0 (Latest)',
			'Manage',
			'|',
			'Report issue',
		]);
		await picture('community-nodes-node-creator.png', [creator]);

		// An event adds the trigger, named as its node type is.
		await creator.getByText('On customer created', { exact: true }).click();
		const nodes = page.locator('[data-test-id="canvas-node"]');
		await nodes.filter({ hasText: 'Replicated Trigger' }).waitFor();
		await page.keyboard.press('Escape');
		await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
		// After a trigger the same entry opens on the action node's actions.
		await page.locator('[data-test-id="node-creator-plus-button"]').click();
		await search.fill('Replicated');
		await entry.click();
		await creator.getByText(`Actions (${actions})`).waitFor();
		await creator.getByText('Create a customer', { exact: true }).click();
		await nodes.nth(1).waitFor();
		await page.keyboard.press('Escape');
		await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
		expect(
			await nodes.evaluateAll((els) =>
				els.map((el) => (el as unknown as { innerText: string }).innerText.split('\n')[0]),
			),
		).toEqual(['Replicated Trigger', 'Create a customer']);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- build tooling: runs beside n8n, never inside it */
import path from 'node:path';

import { startEmulator } from '../../test/emulator/server';
import { openEditor } from '../../test/support/editor';
import { startN8n } from '../../test/support/n8n-process';
import { TEMPLATES, templateJson, templatePath } from './all';

/**
 * Opens every template in the real n8n editor and saves a picture of its canvas, so the pictures
 * in the catalogue show exactly what a user sees after importing (with `npm start`'s credential,
 * pointed at the emulator, which is what the templates' Replicated nodes resolve to). Arguments narrow it to the
 * templates whose path contains one of them (`npm run templates:pictures -- health/`).
 */
async function main(): Promise<void> {
	const root = path.resolve(__dirname, '..', '..');
	const only = process.argv.slice(2);
	const chosen = only.length
		? TEMPLATES.filter((t) => only.some((o) => templatePath(t).includes(o)))
		: TEMPLATES;
	if (!chosen.length) throw new Error(`no template path contains ${only.join(' or ')}`);
	const emulator = await startEmulator();
	const n8n = await startN8n({
		workflows: chosen.map((t) => t.workflow),
		credentials: [
			{
				id: 'picturesReplicated',
				name: 'Replicated account',
				type: 'replicatedApi',
				data: { apiToken: emulator.token, baseUrl: emulator.baseUrl },
			},
		],
		waitForWebhooks: false,
	});
	const editor = await openEditor(n8n);
	try {
		const { page } = editor;
		for (const t of chosen) {
			await page.goto(`${n8n.origin}/workflow/${t.workflow.id}`, { waitUntil: 'networkidle' });
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			// Fit the whole workflow into view (the editor's "1" shortcut), then let it settle.
			await page
				.locator('body')
				.click({ position: { x: 5, y: 450 } })
				.catch(() => undefined);
			await page.keyboard.press('1');
			await page.waitForTimeout(800);
			const file = path.join(root, templatePath(t).replace(/\.json$/, '.png'));
			await page.screenshot({ path: file });
			console.log(`rendered ${path.relative(root, file)}`);
		}
		// The other way users import: paste the JSON into an empty workflow in the editor.
		const failures: string[] = [];
		for (const t of chosen) {
			await page.goto(`${n8n.origin}/workflow/new`, { waitUntil: 'networkidle' });
			await page
				.waitForSelector(
					'[data-test-id="canvas-add-button"], [data-test-id="canvas-plus-button"]',
					{ timeout: 60_000 },
				)
				.catch(() => undefined);
			await page.waitForTimeout(1500);
			await page.evaluate((text) => navigator.clipboard.writeText(text), templateJson(t));
			await page
				.locator('body')
				.click({ position: { x: 700, y: 400 } })
				.catch(() => undefined);
			await page.keyboard.press('Control+V');
			const expected = t.workflow.nodes.filter(
				(n) => n.type !== 'n8n-nodes-base.stickyNote',
			).length;
			let pasted = 0;
			for (let i = 0; i < 20 && pasted < expected; i++) {
				await page.waitForTimeout(250);
				pasted = await page.locator('[data-test-id="canvas-node"]').count();
			}
			console.log(`pasted ${templatePath(t)}: ${pasted} of ${expected} nodes on the canvas`);
			if (pasted !== expected) failures.push(templatePath(t));
		}
		if (failures.length)
			throw new Error(`pasting into the editor failed for ${failures.join(', ')}`);
	} finally {
		await editor.close();
		await n8n.stop();
		await emulator.close();
	}
}

void main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});

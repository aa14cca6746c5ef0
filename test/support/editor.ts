/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test infrastructure: runs beside n8n, never inside it */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';

import type { N8nInstance } from './n8n-process';
import { repoRoot } from './n8n-runtime';

/** Headless Chromium (Debian's, installed on first use), its background traffic off. */
export async function launchChromium(): Promise<Browser> {
	const executablePath =
		process.env.CHROMIUM ??
		execFileSync('bash', [path.join(repoRoot, 'scripts/services/ensure-chromium.sh')], {
			encoding: 'utf8',
		}).trim();
	return await chromium.launch({
		executablePath,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** The real n8n editor in headless Chromium, as the owner. */
export async function openEditor(
	n8n: Pick<N8nInstance, 'origin' | 'cookie'>,
	viewport = { width: 1600, height: 900 },
): Promise<{ page: Page; browser: Browser; close: () => Promise<void> }> {
	const browser = await launchChromium();
	const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
	const [name, value] = n8n.cookie.split(';')[0].split('=');
	await context.addCookies([{ name, value, url: n8n.origin }]);
	const page = await context.newPage();
	return { page, browser, close: async () => await browser.close() };
}

/** What openWorkflow needs to know that the canvas shows this workflow. */
export interface ShownWorkflow {
	id: string;
	name: string;
	nodes: Array<{ type: string }>;
}

/** The little of the browser's document these page functions use (the tests compile without DOM types). */
interface PageDocument {
	title: string;
	querySelector(selector: string): unknown;
	querySelectorAll(selector: string): { length: number };
}

/**
 * Opens a saved workflow on the canvas and waits for its nodes. The first one loads the editor;
 * later ones navigate inside it as a click in the workflow list does (the editor's router), ~1 s
 * instead of ~10 s of reloading and parsing every node type again. Should the router not leave
 * the page (a prompt about unsaved changes), the page is loaded afresh.
 */
export async function openWorkflow(
	page: Page,
	origin: string,
	workflow: ShownWorkflow,
): Promise<void> {
	const target = `/workflow/${workflow.id}`;
	const shown = async (timeout: number) => {
		await page.waitForFunction(
			// The editor titles the page "<name> - n8n" once the workflow is loaded.
			({ name, count }) => {
				const doc = (globalThis as unknown as { document: PageDocument }).document;
				return (
					doc.title.includes(`${name} - n8n`) &&
					doc.querySelectorAll('[data-test-id="canvas-node"]').length === count
				);
			},
			{
				name: workflow.name,
				count: workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length,
			},
			{ timeout },
		);
	};
	const routed =
		page.url().startsWith(origin) &&
		(await page.evaluate((path) => {
			const router = (
				(globalThis as unknown as { document: PageDocument }).document.querySelector('#app') as {
					__vue_app__?: {
						config: { globalProperties: { $router?: { push(p: string): unknown } } };
					};
				} | null
			)?.__vue_app__?.config.globalProperties.$router;
			if (!router) return false;
			void router.push(path);
			return true;
		}, target));
	if (routed) {
		try {
			await shown(15_000);
			return;
		} catch {
			// Fall through to a fresh load.
		}
	}
	await page.goto(`${origin}${target}`, { waitUntil: 'networkidle' });
	await shown(60_000);
}

/**
 * Resolves once the dropdowns the panel loads (n8n's /rest/dynamic-node-parameters requests) have
 * all answered and none followed for 400 ms; the editor renders their errors right after.
 */
function optionsSettled(page: Page): () => Promise<void> {
	let inFlight = 0;
	let lastChange = Date.now();
	const isOptions = (url: string) => url.includes('/rest/dynamic-node-parameters/');
	const track = (delta: number) => (r: { url(): string }) => {
		if (!isOptions(r.url())) return;
		inFlight += delta;
		lastChange = Date.now();
	};
	const start = track(1);
	const end = track(-1);
	page.on('request', start);
	page.on('requestfinished', end);
	page.on('requestfailed', end);
	return async () => {
		const deadline = Date.now() + 20_000;
		// At least 600 ms for the panel to ask, then quiet for 400 ms.
		await page.waitForTimeout(600);
		while ((inFlight > 0 || Date.now() - lastChange < 400) && Date.now() < deadline)
			await page.waitForTimeout(100);
		page.off('request', start);
		page.off('requestfinished', end);
		page.off('requestfailed', end);
		await page.waitForTimeout(200);
	};
}

/** What a user sees wrong in a node's panel, untouched: dropdowns that failed, values flagged. */
export interface PanelProblems {
	/** Dropdowns whose options did not load ("Error fetching options from Replicated"). */
	failedDropdowns: string[];
	/** The parameter issues the panel flags, as their tooltips read. */
	issues: string[];
	/** Everything the panel shows, for the test's message. */
	text: string;
}

/**
 * Opens the node's panel by double-clicking it on the canvas, reads it (and saves a picture of it
 * when given a file), and closes it again.
 */
export async function readPanel(
	page: Page,
	nodeName: string,
	screenshot?: string,
): Promise<PanelProblems> {
	const node = page
		.locator('[data-test-id="canvas-node"]')
		.filter({ has: page.getByText(nodeName, { exact: true }) })
		.first();
	const settled = optionsSettled(page);
	await node.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ timeout: 30_000 });
	await settled();
	if (screenshot) await page.screenshot({ path: screenshot });
	const failedDropdowns = await ndv
		.locator('input')
		.evaluateAll((inputs) =>
			(inputs as unknown as Array<{ placeholder?: string; value: string }>)
				.map((input) => input.placeholder ?? '')
				.filter((placeholder) => /error fetching options/i.test(placeholder)),
		);
	const issues: string[] = [];
	const icons = ndv.locator('[data-test-id="parameter-issues"]');
	for (let i = 0; i < (await icons.count()); i++) {
		await icons.nth(i).locator('svg').hover();
		// The tooltip ("Issues: …") opens after a delay, at the end of the body.
		let tip = '';
		for (let wait = 0; wait < 15 && !tip; wait++) {
			await page.waitForTimeout(200);
			const tips = await page
				.locator('.n8n-tooltip')
				.evaluateAll((els) =>
					els
						.filter(
							(el) =>
								(el as unknown as { offsetParent: unknown; innerText: string }).offsetParent !==
								null,
						)
						.map((el) =>
							(el as unknown as { offsetParent: unknown; innerText: string }).innerText.trim(),
						),
				);
			tip = tips.filter(Boolean).at(-1) ?? '';
		}
		issues.push(tip ? tip.replace(/^Issues:\s*/, '') : '(an issue whose tooltip did not open)');
		await page.mouse.move(0, 0);
		await page.waitForTimeout(300);
	}
	// Selected values live in inputs, not in the panel's text.
	const values = await ndv
		.locator('input')
		.evaluateAll((inputs) =>
			(inputs as unknown as Array<{ placeholder?: string; value: string }>)
				.map((input) => input.value)
				.filter(Boolean),
		);
	const text = `${await ndv.innerText()}\n[values] ${values.join(' | ')}`;
	await page.keyboard.press('Escape');
	await ndv.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
	return { failedDropdowns, issues, text };
}

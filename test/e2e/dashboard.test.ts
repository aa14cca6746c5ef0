/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { request } from 'undici';

import {
	customerHealthDashboard,
	DASHBOARD_PATH,
	DASHBOARD_SLUG,
} from '../../scripts/templates/health/dashboard';
import { launchChromium } from '../support/editor';
import { repoRoot } from '../support/n8n-runtime';
import { type Execution, startTemplateRig, type TemplateRig } from '../support/template-rig';

const LOGIN = { username: 'cs-lead', password: 'e2e-dashboard-password' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

interface Scored {
	customerId: string;
	customerName: string;
	channel: string | null;
	riskLevel: 'healthy' | 'watch' | 'at risk';
	reasons: string[];
}

/**
 * The dashboard template as a CS lead meets it: a browser (Debian's Chromium) opens the published
 * workflow's URL with the login, over a staged fleet in the emulator; the page must show exactly
 * what Score Customers scored in that same execution.
 */
describe('Customer health dashboard, answered by a real n8n and read in Chromium', () => {
	let rig: TemplateRig;
	let browser: Browser;
	let page: Page;
	const url = () => `${rig.n8n.origin}/webhook/${DASHBOARD_PATH}`;
	const appId = () => [...rig.emulator.state.apps.keys()][0];
	let hooliId = '';

	beforeAll(async () => {
		rig = await startTemplateRig({
			logName: 'dashboard',
			templates: [customerHealthDashboard],
			fakes: [],
			credentials: [
				{
					id: 'tplDashboardLogin',
					name: 'Dashboard login',
					type: 'httpBasicAuth',
					data: { user: LOGIN.username, password: LOGIN.password },
				},
			],
			// The user's configuration: their app, and their CRM's record page.
			configure: (wf, emulator) => {
				for (const node of wf.nodes) {
					if (node.name === 'Score Customers')
						(node.parameters.appId as { value: string }).value = [...emulator.state.apps.keys()][0];
					if (node.name === 'Health Dashboard')
						node.parameters.crmUrl = 'https://acme.my.salesforce.com/{customId}';
				}
				return wf;
			},
		});
		// A fleet to score: the synthetic one (4 instances per customer), and named customers on
		// Beta whose risk a CSM would recognise.
		const state = rig.emulator.state;
		const app = state.apps.get(appId())!;
		app.syntheticInstances = 2000;
		app.syntheticEpoch = Date.now();
		const beta = state.appChannels(appId())[1];
		const hooli = state.addCustomer({
			appId: appId(),
			name: 'Hooli <b>&</b> Sons',
			customId: '001HOOLI',
			type: 'prod',
			channelIds: [beta.id],
		});
		hooliId = hooli.id;
		const silent = state.addInstance(hooli.id, {
			createdAt: ago(200 * DAY),
			lastActive: ago(4 * DAY),
			active: false,
		});
		// Its users dwindled before it went silent: 120 a day a month ago, 60 at its last report.
		for (let day = 28; day >= 5; day--)
			state.events.push({
				appId: appId(),
				customerId: hooli.id,
				instanceId: silent.instanceId,
				fieldName: 'active_users',
				isCustom: true,
				newValue: String(60 + Math.round(((day - 5) / 23) * 60)),
				previousValue: '',
				reportedAt: ago(day * DAY),
			});
		const piper = state.addCustomer({
			appId: appId(),
			name: 'Pied Piper',
			customId: '001PIPER',
			type: 'prod',
			channelIds: [beta.id],
			expiresAt: new Date(Date.now() + 60 * DAY).toISOString(),
		});
		state.addInstance(piper.id, { createdAt: ago(200 * DAY), lastActive: ago(2 * HOUR) });
		browser = await launchChromium();
		const context = await browser.newContext({
			httpCredentials: LOGIN,
			viewport: { width: 1440, height: 900 },
		});
		page = await context.newPage();
	}, 300_000);
	afterAll(async () => {
		await browser?.close();
		await rig?.stop();
	}, 60_000);

	const latestRun = async (count: number): Promise<Execution> =>
		(await rig.settled(DASHBOARD_SLUG, count, 120_000))[0];
	const scoredIn = (run: Execution) => rig.output(run, 'Score Customers') as unknown as Scored[];

	/** The DOM of a table row, as much of it as the checks read. */
	type Row = {
		getAttribute(name: string): string | null;
		querySelector(selector: string): { textContent: string | null } | null;
		querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
	};
	const rows = async (section: string) =>
		await page.locator(`#${section} tbody tr`).evaluateAll((trs) =>
			(trs as unknown as Row[]).map((tr) => ({
				id: tr.getAttribute('data-customer-id'),
				name: tr.querySelector('td')?.textContent ?? null,
				reasons: Array.from(tr.querySelectorAll('ul.reasons li')).map((li) => li.textContent),
			})),
		);
	const count = async (level: string) =>
		Number(await page.locator(`[data-risk-count="${level}"] b`).textContent());

	/** What the page shows: the counts per level, and each listed row with its reasons. */
	const shown = async () => ({
		counts: {
			healthy: await count('healthy'),
			watch: await count('watch'),
			atRisk: await count('at risk'),
		},
		atRisk: await rows('at-risk'),
		watch: await rows('watch'),
		expiring: (await rows('expiring')).map((r) => r.id),
		scripts: await page.locator('script').count(),
	});

	it('refuses a visit without the login (401) and starts no execution', async () => {
		const before = (await rig.executions(DASHBOARD_SLUG)).length;
		const res = await request(url());
		await res.body.text();
		expect(res.statusCode).toBe(401);
		await new Promise((r) => setTimeout(r, 1000));
		expect((await rig.executions(DASHBOARD_SLUG)).length).toBe(before);
	});

	it('shows what Score Customers scored: the counts per risk level, one row per at-risk and watch customer with its reasons', async () => {
		const requests: string[] = [];
		page.on('request', (r) => requests.push(r.url()));
		const before = (await rig.executions(DASHBOARD_SLUG)).length;
		const response = await page.goto(url(), { waitUntil: 'load' });
		expect(response?.status()).toBe(200);
		expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
		// n8n serves webhook HTML in its sandbox (an opaque origin), whatever the page says.
		expect(response?.headers()['content-security-policy']).toMatch(/^sandbox /);
		// Self-contained: the page is the only thing the browser fetched.
		expect(requests).toEqual([url()]);

		const scored = scoredIn(await latestRun(before + 1));
		const level = (l: Scored['riskLevel']) => scored.filter((c) => c.riskLevel === l);
		expect(scored.length).toBeGreaterThan(200);
		const page1 = await shown();
		expect(page1.counts).toEqual({
			healthy: level('healthy').length,
			watch: level('watch').length,
			atRisk: level('at risk').length,
		});
		expect(page1.atRisk.length).toBeGreaterThan(0);
		expect(page1.atRisk).toEqual(
			level('at risk').map((c) => ({
				id: c.customerId,
				name: expect.stringContaining(c.customerName),
				reasons: c.reasons,
			})),
		);
		expect(page1.watch.map((r) => r.id)).toEqual(level('watch').map((c) => c.customerId));
		expect(page1.scripts).toBe(0);
		// A customer's name is text, never markup.
		expect(page1.atRisk.find((r) => r.name?.startsWith('Hooli'))?.name).toBe('Hooli <b>&</b> Sons');
		// Its users' trend as a sparkline.
		expect(
			await page
				.locator(`#at-risk tr[data-customer-id="${hooliId}"] svg.spark`)
				.getAttribute('aria-label'),
		).toBe('active_users: 120 → 60 (-50%)');

		const shot = path.join(repoRoot, '.tmp', 'customer-health-dashboard.page.png');
		mkdirSync(path.dirname(shot), { recursive: true });
		await page.screenshot({ path: shot, fullPage: false });
		if (process.env.PICTURES === '1')
			copyFileSync(
				shot,
				path.join(repoRoot, 'workflows-templates/health/customer-health-dashboard.page.png'),
			);
	}, 180_000);

	it('filters by risk level and by channel through its links, each a new visit', async () => {
		await page.goto(url(), { waitUntil: 'load' });
		const before = (await rig.executions(DASHBOARD_SLUG)).length;
		await page.click('nav.filters a:has-text("Watch")');
		await page.waitForURL(/\?risk=watch$/);
		const watchOnly = await shown();
		const scored = scoredIn(await latestRun(before + 1));
		expect(watchOnly.atRisk).toEqual([]);
		expect(watchOnly.watch.map((r) => r.id)).toEqual(
			scored.filter((c) => c.riskLevel === 'watch').map((c) => c.customerId),
		);

		await page.click('nav.filters a:has-text("Beta")');
		await page.waitForURL(/\?risk=watch&channel=Beta$/);
		await page.click('nav.filters a:has-text("All (")');
		await page.waitForURL(/\?channel=Beta$/);
		const beta = await shown();
		expect(beta.counts).toEqual({ healthy: 1, watch: 0, atRisk: 1 });
		expect(beta.atRisk.map((r) => r.name)).toEqual(['Hooli <b>&</b> Sons']);
		expect(beta.atRisk[0].reasons).toEqual([
			expect.stringMatching(/^No check-in from its online instance for 4 days/),
			'active_users down 50% in 30 days (120 → 60)',
		]);
		expect(beta.expiring).toHaveLength(1);
	}, 180_000);

	it('prints without its filter bar, every section kept', async () => {
		await page.goto(url(), { waitUntil: 'load' });
		await page.emulateMedia({ media: 'print' });
		const printed = {
			filters: await page.locator('nav.filters').isVisible(),
			sections: await page
				.locator('section')
				.evaluateAll((els) => (els as unknown as Array<{ id: string }>).map((e) => e.id)),
		};
		await page.emulateMedia({ media: 'screen' });
		expect(printed).toEqual({
			filters: false,
			sections: ['distribution', 'versions-behind', 'check-ins', 'at-risk', 'watch', 'expiring'],
		});
	}, 120_000);
});

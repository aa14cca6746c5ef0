import { summaryEmailHtml } from '../../nodes/Replicated/insights/dashboard/email';
import { renderDashboard } from '../../nodes/Replicated/insights/dashboard/page';
import { riskLevelOf, summarize } from '../../nodes/Replicated/insights/dashboard/summary';
import {
	type CustomerHealth,
	customerHealthSchema,
	type RiskLevel,
} from '../../nodes/Replicated/schemas/health';
import { useEmulator } from '../support/emulator-fixture';

/** A customer as Score Customers emits it, with what a test says about it. */
function scored(
	name: string,
	riskLevel: RiskLevel,
	more: Partial<CustomerHealth> = {},
): CustomerHealth {
	return customerHealthSchema.parse({
		customId: `CRM-${name.toUpperCase().replace(/\W+/g, '')}`,
		customerId: `cust-${name.toLowerCase().replace(/\W+/g, '')}`,
		customerName: name,
		licenseType: 'paid',
		channel: 'Stable',
		riskLevel,
		reasons: [],
		findings: [],
		expansionSignals: [],
		expansion: [],
		instanceCount: 1,
		activeInstances: 1,
		inactiveInstances: 0,
		newInstancesInWindow: 0,
		airgapped: false,
		versionsBehind: 0,
		daysSinceLastCheckIn: 0.2,
		daysSinceLastAirgapReport: null,
		licenseExpiresAt: null,
		daysToLicenseExpiry: null,
		upgradeVelocityDays: null,
		upgradesMeasured: 0,
		metrics: {},
		instances: [
			{
				instanceId: `inst-${name.toLowerCase().replace(/\W+/g, '')}`,
				active: true,
				airgapped: false,
				appVersion: '2.4.0',
				versionsBehind: 0,
				latestVersion: '2.4.0',
				lastCheckInAt: '2026-12-04T10:00:00Z',
				daysSinceCheckIn: 0.2,
				appStatus: 'ready',
				appStatusSince: null,
				hoursInAppStatus: null,
				firstReportedAt: '2026-01-01T00:00:00Z',
			},
		],
		scoredAt: '2026-12-04T12:00:00Z',
		...more,
	});
}

const FLEET = [
	scored('Hooli', 'at risk', {
		reasons: ['No check-in from its online instance for 3 days', '6 versions behind'],
		versionsBehind: 6,
		daysSinceLastCheckIn: 3.2,
		metrics: {
			active_users: {
				start: 100,
				latest: 60,
				changePct: -40,
				slopePerDay: -1.3,
				points: 30,
				series: [100, 90, 80, 60],
			},
		},
	}),
	scored('<script>alert(1)</script> Corp', 'at risk', { reasons: ['License expired'] }),
	scored('Pied Piper', 'watch', {
		reasons: ['3 versions behind'],
		channel: 'Beta',
		licenseExpiresAt: '2027-01-20T00:00:00Z',
		daysToLicenseExpiry: 47,
	}),
	scored('Initech', 'healthy', {
		licenseExpiresAt: '2026-12-20T00:00:00Z',
		daysToLicenseExpiry: 16,
	}),
	scored('Massive Dynamic', 'healthy', {
		customId: null,
		licenseExpiresAt: '2027-09-01T00:00:00Z',
		daysToLicenseExpiry: 271,
	}),
];

const page = (filters: Partial<{ riskLevel: RiskLevel | null; channel: string | null }> = {}) =>
	renderDashboard({
		customers: FLEET,
		filters: { riskLevel: null, channel: null, ...filters },
		title: 'Customer health',
		crmUrl: 'https://acme.my.salesforce.com/{customId}',
		expiryDays: 90,
	}).html;

/** The rows of a section's table, by the customer IDs they carry. */
const rowsOf = (html: string, section: string) => {
	const part = html.split(`<section id="${section}">`)[1]?.split('</section>')[0] ?? '';
	return [...part.matchAll(/<tr data-customer-id="([^"]+)"/g)].map((m) => m[1]);
};

describe('the health dashboard page', () => {
	it('counts the fleet per risk level and lists each at-risk and watch customer once, with its reasons', () => {
		const html = page();
		expect(html).toMatch(
			/data-risk-count="at risk">.*At risk <b>2<\/b> <span class="meta">40%<\/span>/,
		);
		expect(html).toMatch(/data-risk-count="watch">.*Watch <b>1<\/b>/);
		expect(html).toMatch(/data-risk-count="healthy">.*Healthy <b>2<\/b>/);
		expect(rowsOf(html, 'at-risk')).toEqual(['cust-hooli', 'cust-scriptalert1scriptcorp']);
		expect(rowsOf(html, 'watch')).toEqual(['cust-piedpiper']);
		expect(rowsOf(html, 'healthy')).toEqual([]);
		expect(html).toContain(
			'<li>No check-in from its online instance for 3 days</li><li>6 versions behind</li>',
		);
	});

	it('links customers to their CRM record, and says when one has no CRM ID', () => {
		const html = page({ riskLevel: 'healthy' });
		expect(html).toContain('<a href="https://acme.my.salesforce.com/CRM-INITECH">Initech</a>');
		expect(html).toContain('Massive Dynamic <span class="meta">(no CRM ID)</span>');
		expect(rowsOf(html, 'healthy')).toEqual(['cust-initech', 'cust-massivedynamic']);
		expect(rowsOf(html, 'at-risk')).toEqual([]);
	});

	it('is self-contained: no script, no external asset, every customer value escaped', () => {
		const html = page();
		expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Corp');
		const external = [...html.matchAll(/(?:href|src)="(https?:[^"]+)"/g)].map((m) => m[1]);
		expect(external.every((u) => u.startsWith('https://acme.my.salesforce.com/'))).toBe(true);
	});

	it('draws each metric trend as an inline SVG sparkline, red when it fell', () => {
		const html = page();
		expect(html).toContain(
			'<svg class="spark" width="96" height="24" viewBox="0 0 96 24" role="img" aria-label="active_users: 100 → 60 (-40%)">',
		);
		expect(html).toContain('points="1.0,1.0 32.3,6.5 63.7,12.0 95.0,23.0"');
		expect(html).toContain('stroke="#c62828"');
	});

	it('filters by channel everywhere, and keeps the other filter in its links', () => {
		const html = page({ channel: 'Beta' });
		expect(html).toMatch(/data-risk-count="watch">.*Watch <b>1<\/b>/);
		expect(html).toMatch(/data-risk-count="at risk">.*At risk <b>0<\/b>/);
		expect(rowsOf(html, 'watch')).toEqual(['cust-piedpiper']);
		expect(html).toContain('<a href="?risk=at-risk&amp;channel=Beta">At risk (0)</a>');
		expect(html).toContain('<a href="?channel=Beta" aria-current="page">Beta (1)</a>');
		expect(html).toContain('<a href="?">All (5)</a>');
	});

	it('lists the licenses expiring within the window, soonest first', () => {
		expect(rowsOf(page(), 'expiring')).toEqual(['cust-initech', 'cust-piedpiper']);
		expect(page()).toContain('<td class="num">16 days</td>');
	});

	it('counts instances by versions behind and by last check-in, air-gapped ones apart', () => {
		const summary = summarize(FLEET, FLEET, 90);
		expect(summary.versionsBehind.map((b) => [b.label, b.count])).toEqual([
			['Current', 5],
			['1 behind', 0],
			['2 behind', 0],
			['3–5 behind', 0],
			['6 or more', 0],
			['Unknown', 0],
		]);
		expect(summary.checkIns.find((b) => b.label === 'Within a day')!.count).toBe(5);
		expect(summary.channels).toEqual([
			{ label: 'Stable', count: 4 },
			{ label: 'Beta', count: 1 },
		]);
	});

	it('reads a risk level as URLs and people write it', () => {
		expect(
			['at-risk', 'At Risk', 'at_risk', 'watch', 'HEALTHY', '', 'all', 'bogus'].map(riskLevelOf),
		).toEqual(['at risk', 'at risk', 'at risk', 'watch', 'healthy', null, null, null]);
	});
});

describe("the dashboard's email summary", () => {
	it('draws the distribution as table bars and lists at risk and watch with their reasons', () => {
		const summary = summarize(FLEET, FLEET, 90);
		const html = summaryEmailHtml(summary, FLEET, '');
		expect(html).not.toMatch(/<svg|<style|class="/);
		expect(html).toContain('<td width="240" height="14" style="background:#c62828;');
		expect(html).toContain('<b>2</b> (40%)');
		expect(html).toContain('At risk (2)');
		expect(html).toContain('<li style="margin:0 0 6px">Hooli<ul');
		expect(html).toContain('<li>6 versions behind</li>');
		expect(html).toContain('Watch (1)');
		expect(html).not.toContain('Initech');
	});
});

describe('Insight → Health Dashboard, on n8n’s engine', () => {
	const { run } = useEmulator();
	const parameters = {
		resource: 'insight',
		operation: 'healthDashboard',
		riskLevel: '={{ $json.query }}',
		channel: '',
		crmUrl: 'https://acme.my.salesforce.com/{customId}',
	};

	it('answers one item for all the scored customers: the page, the counts and the email summary', async () => {
		const { output, error } = await run({
			parameters: { ...parameters, riskLevel: 'at-risk' },
			items: FLEET.map((c) => ({ json: c as never })),
		});
		expect(error).toBeUndefined();
		expect(output[0]).toHaveLength(1);
		const [item] = output[0];
		expect(item.json).toMatchObject({
			filters: { riskLevel: 'at risk', channel: null },
			counts: { total: 5, 'at risk': 2, watch: 1, healthy: 2 },
			instances: 5,
			atRisk: ['cust-hooli', 'cust-scriptalert1scriptcorp'],
			expiring: ['cust-initech', 'cust-piedpiper'],
		});
		expect(rowsOf(String(item.json.html), 'at-risk')).toHaveLength(2);
		expect(rowsOf(String(item.json.html), 'watch')).toEqual([]);
		expect(String(item.json.summaryHtml)).toContain('At risk (2)');
	});

	it('leaves out an item that is not a scored customer, names it in a warning and counts it', async () => {
		const {
			output,
			error,
			run: whole,
		} = await run({
			parameters,
			items: [
				{ json: FLEET[0] as never },
				{
					json: {
						customerId: 'cust-odd',
						customerName: 'Odd <b>Co</b>',
						licenseId: 'secret-license-id',
						riskLevel: 'sunny',
					},
				},
			],
		});
		expect(error).toBeUndefined();
		const [item] = output[0];
		expect(item.json).toMatchObject({ counts: { total: 1, 'at risk': 1 }, skipped: 1 });
		const hints = whole.data.resultData.runData.Replicated[0].hints ?? [];
		expect(hints).toEqual([
			{
				message:
					'Input items left out (1), not in the shape this node reads: input item 2 (customer "cust-odd", named "Odd <b>Co</b>"): "customId" Invalid input: expected string, received undefined',
				type: 'warning',
				location: 'outputPane',
			},
		]);
		expect(JSON.stringify(hints)).not.toContain('secret-license-id');
	});

	it('says which input item is not a scored customer, and which field, when none is', async () => {
		const { error } = await run({
			parameters,
			items: [{ json: {} }, { json: { customerId: 'x', riskLevel: 'sunny' } }],
		});
		expect(error?.message).toBe(
			'Input item 2 is not a scored customer: "customId" Invalid input: expected string, received undefined',
		);
		expect(error?.description).toBe(
			'Connect this node right after Insight → Score Customers (or pass its items through unchanged).',
		);
	});
});

/**
 * The renderers (dashboard page, digest email summary, renewal brief Markdown, install instructions
 * as Markdown and HTML) fed hostile values: names that are links, scripts, Slack mentions, code
 * fences, headings after a line break; keys named like Object members; long values. The invariants
 * are in the test names.
 */
import fc from 'fast-check';

import { REPLICATED_HOSTS } from '../../nodes/Replicated/fulfillment/install-hosts';
import {
	type InstallFacts,
	installInstructions,
} from '../../nodes/Replicated/fulfillment/install-instructions';
import { instructionsHtml, instructionsMarkdown } from '../../nodes/Replicated/fulfillment/render';
import { summaryEmailHtml } from '../../nodes/Replicated/insights/dashboard/email';
import { renderDashboard } from '../../nodes/Replicated/insights/dashboard/page';
import { EventDigest } from '../../nodes/Replicated/insights/health/event-digest';
import { renewalBrief } from '../../nodes/Replicated/insights/health/renewal';
import {
	type CustomerHealth,
	customerHealthSchema,
	type MetricTrend,
	RISK_LEVELS,
} from '../../nodes/Replicated/schemas/health';
import { dict } from '../../nodes/Replicated/schemas/keyed';
import { useEmulator } from '../support/emulator-fixture';

/** What a hostile name holds: markup of every target, line breaks, Object member names. */
const TOKENS = [
	'[x](https://evil.example)',
	'![i](https://evil.example/i.png)',
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'<!channel>',
	'<@U0123>',
	'<https://evil.example|click>',
	'`',
	'```',
	'\n# Heading',
	'\r\n- item',
	'\n1. item',
	'| cell |',
	'**',
	'_',
	'"',
	"'",
	'&amp;',
	'&',
	'<',
	'>',
	'\\',
	'javascript:',
	'" onmouseover="alert(1)',
	'\u2028',
	'\u0000',
	'constructor',
	'__proto__',
	'prototype',
	'toString',
	'hasOwnProperty',
];
const hostile = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
	{
		weight: 5,
		arbitrary: fc
			.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 8 })
			.map((parts) => parts.join('')),
	},
	{ weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
	// Sizes: long names, as a hostile server or CRM may send.
	{ weight: 1, arbitrary: fc.string({ minLength: 500, maxLength: 4000 }) },
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const num = fc.double({ min: -1e6, max: 1e6, noNaN: true });

const trend: fc.Arbitrary<MetricTrend> = fc.record({
	start: maybe(num),
	latest: maybe(num),
	changePct: maybe(num),
	slopePerDay: maybe(num),
	points: fc.nat(100),
	series: fc.array(num, { maxLength: 31 }),
});
/** A map keyed by hostile names, `__proto__` and `constructor` included, as a dict holds them. */
const keyedMap = <T>(value: fc.Arbitrary<T>) =>
	fc.array(fc.tuple(hostile, value), { maxLength: 6 }).map((entries) => dict(entries));

const customer: fc.Arbitrary<CustomerHealth> = fc
	.record({
		customId: maybe(hostile),
		customerId: hostile,
		customerName: maybe(hostile),
		licenseType: maybe(hostile),
		channel: maybe(hostile),
		riskLevel: fc.constantFrom(...RISK_LEVELS),
		reasons: fc.array(hostile, { maxLength: 4 }),
		expansionSignals: fc.array(hostile, { maxLength: 3 }),
		versionsBehind: maybe(fc.nat(50)),
		daysSinceLastCheckIn: maybe(fc.double({ min: 0, max: 400, noNaN: true })),
		licenseExpiresAt: maybe(hostile),
		daysToLicenseExpiry: maybe(fc.double({ min: -400, max: 400, noNaN: true })),
		metrics: keyedMap(trend),
		instances: fc.array(
			fc.record({
				instanceId: hostile,
				airgapped: fc.boolean(),
				appVersion: maybe(hostile),
				versionsBehind: maybe(fc.nat(20)),
				daysSinceCheckIn: maybe(fc.double({ min: 0, max: 400, noNaN: true })),
			}),
			{ maxLength: 3 },
		),
	})
	.map((c) => ({
		...c,
		findings: [],
		expansion: [],
		instanceCount: c.instances.length,
		activeInstances: c.instances.length,
		inactiveInstances: 0,
		newInstancesInWindow: 0,
		airgapped: c.instances.some((i) => i.airgapped),
		daysSinceLastAirgapReport: null,
		upgradeVelocityDays: null,
		upgradesMeasured: 0,
		instances: c.instances.map((i) => ({
			...i,
			active: true,
			latestVersion: null,
			lastCheckInAt: null,
			appStatus: null,
			appStatusSince: null,
			hoursInAppStatus: null,
			firstReportedAt: null,
		})),
		scoredAt: '2026-12-04T12:00:00Z',
	}));

/** Every character of text the input holds (what escaping and repetition multiply). */
function inputChars(value: unknown): number {
	if (typeof value === 'string') return value.length;
	if (Array.isArray(value)) return value.reduce((n: number, v) => n + inputChars(v), 0);
	if (value && typeof value === 'object')
		return Object.entries(value).reduce((n, [k, v]) => n + k.length + inputChars(v), 0);
	return 0;
}

/** The elements and attributes the HTML renderers write; anything else came from input. */
const TAGS = new Set(
	'!DOCTYPE html head meta title style body main h1 h2 h3 p nav span a section div table thead tbody tr th td ul li ol b code svg polyline footer'.split(
		' ',
	),
);
const ATTRIBUTES = new Set(
	'lang charset name content class id role style title href scope width height viewBox fill stroke stroke-width points cellpadding cellspacing aria-label aria-current aria-hidden data-chart data-customer-id data-risk-count'.split(
		' ',
	),
);
const TAG = /^<\/?([A-Za-z!][\w-]*)((?:\s+[\w-]+(?:="[^"<>]*")?)*)\s*\/?>/;
const ATTRIBUTE = /\s+([\w-]+)(?:="([^"<>]*)")?/g;

/** The markup of a page that is not the renderer's own: a tag, an attribute or a bare `<`. */
function foreignMarkup(html: string): string[] {
	const foreign: string[] = [];
	const body = html.replace(/<style>[^<]*<\/style>/g, '').replace(/^<!DOCTYPE html>/, '');
	for (let at = body.indexOf('<'); at >= 0; at = body.indexOf('<', at + 1)) {
		const tag = TAG.exec(body.slice(at, at + 4000));
		if (!tag) {
			foreign.push(body.slice(at, at + 40));
			continue;
		}
		if (!TAGS.has(tag[1])) foreign.push(`<${tag[1]}>`);
		for (const [, name, value] of tag[2].matchAll(ATTRIBUTE)) {
			if (!ATTRIBUTES.has(name)) foreign.push(`${tag[1]}[${name}]`);
			if (name === 'href' && !/^(\?|https:\/\/)/.test(value ?? '')) foreign.push(`href=${value}`);
		}
	}
	return foreign;
}

/**
 * What opens markup in a line of Markdown text: an unescaped `[`, `]`, `<`, `>` or backtick (a
 * link, an image, raw HTML or an autolink, code). `allowed` are the renderer's own (an autolink).
 */
function unescapedMarkup(line: string, allowed: string[] = []): string[] {
	let text = line;
	for (const own of allowed) text = text.split(own).join('');
	const found: string[] = [];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if ('[]<>`'.includes(text[i])) found.push(text.slice(i, i + 20));
	}
	return found;
}

describe('hostile strings, one renderer at a time', () => {
	const base = customerHealthSchema.parse({
		customId: 'CRM-1',
		customerId: 'cust-1',
		customerName: 'x',
		licenseType: 'paid',
		channel: 'Stable',
		riskLevel: 'at risk',
		reasons: [],
		findings: [],
		expansionSignals: [],
		expansion: [],
		instanceCount: 0,
		activeInstances: 0,
		inactiveInstances: 0,
		newInstancesInWindow: 0,
		airgapped: false,
		versionsBehind: null,
		daysSinceLastCheckIn: null,
		daysSinceLastAirgapReport: null,
		licenseExpiresAt: '2026-12-20T00:00:00Z',
		daysToLicenseExpiry: 16,
		upgradeVelocityDays: null,
		upgradesMeasured: 0,
		metrics: {},
		instances: [],
		scoredAt: '2026-12-04T12:00:00Z',
	});
	const evil = (name: string): CustomerHealth => ({
		...base,
		customerName: name,
		channel: name,
		reasons: [name],
		metrics: dict([
			[name, { start: 1, latest: 2, changePct: 100, slopePerDay: 1, points: 2, series: [1, 2] }],
		]),
	});

	it.each(TOKENS)('the dashboard page and the email summary escape %j', (token) => {
		const name = `a${token}b`;
		const { html, summary } = renderDashboard({
			customers: [evil(name)],
			filters: { riskLevel: null, channel: null },
			title: name,
			crmUrl: 'https://crm.example/{customId}',
			expiryDays: 90,
		});
		expect(foreignMarkup(html)).toEqual([]);
		expect(foreignMarkup(summaryEmailHtml(summary, [evil(name)], ''))).toEqual([]);
	});

	it('the dashboard writes a hostile name escaped in every cell, never raw', () => {
		const { html } = renderDashboard({
			customers: [evil('[x](evil) <script>alert(1)</script> <!channel>')],
			filters: { riskLevel: 'at risk', channel: null },
			title: 't',
			crmUrl: '',
			expiryDays: 90,
		});
		expect(html).toContain(
			'<tr data-customer-id="cust-1"><td>[x](evil) &lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt;</td><td>[x](evil) &lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt;</td><td><ul class="reasons"><li>[x](evil) &lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt;</li></ul></td>',
		);
		expect(html).not.toContain('<script>');
	});

	it('the renewal brief escapes a name, reasons, versions, metric and entitlement names', () => {
		const name = '[x](evil) <script>`code`\n# Heading | cell';
		const brief = renewalBrief({
			health: {
				...evil(name),
				licenseType: name,
				expansionSignals: [name],
				instances: [
					{
						instanceId: 'i',
						active: true,
						airgapped: false,
						appVersion: name,
						versionsBehind: 1,
						latestVersion: name,
						lastCheckInAt: null,
						daysSinceCheckIn: 0,
						appStatus: null,
						appStatusSince: null,
						hoursInAppStatus: null,
						firstReportedAt: null,
					},
				],
			},
			digest: new EventDigest(0),
			histories: new Map(),
			entitlements: dict([[name, 4]]),
			usageLimits: [{ metric: name, entitlement: name }],
			customerSince: name,
			milestones: {
				invitedAt: name,
				accessGrantedAt: null,
				firstDownloadAt: null,
				confirmedRunningAt: null,
			},
			periodDays: 365,
			now: new Date('2026-12-04T12:00:00Z'),
		});
		const escaped = '\\[x\\](evil) \\<script\\>\\`code\\` # Heading \\| cell';
		expect(brief.markdown.split('\n')).toEqual([
			`## Renewal brief: ${escaped}`,
			'',
			`- **License:** ${escaped} on ${escaped}, expires 2026-12-20 (in 16 days)`,
			// Dates are the value's first 10 characters, escaped.
			'- **Customer since:** \\[x\\](evil) ',
			'- **Health:** at risk',
			`  - ${escaped}`,
			'- **Instances:** 0 (0 active; 0 new in the period)',
			`- **Versions:** latest ${escaped}; ${escaped} (1 behind)`,
			'- **Upgrades in the period:** 0',
			'- **Enterprise Portal:** invited \\[x\\](evil) , first access not yet, first download not yet, running since not yet',
			'',
			'| Metric | Start | Latest | Change |',
			'|---|---|---|---|',
			`| ${escaped} | 1 | 2 | +100% |`,
			'',
			'| Entitlement | Limit | Used | % |',
			'|---|---|---|---|',
			`| ${escaped} | 4 | 2 (${escaped}) | 50% |`,
			'',
			'**Expansion signals**',
			`- ${escaped}`,
		]);
	});
});

describe('fuzzing the renderers with generated hostile input', () => {
	it('the dashboard page and digest email: never throw, no markup but their own, size linear in the input', () => {
		fc.assert(
			fc.property(
				fc.array(customer, { maxLength: 12 }),
				hostile,
				maybe(hostile),
				fc.constantFrom(null, ...RISK_LEVELS),
				(customers, title, channel, riskLevel) => {
					const { html, summary } = renderDashboard({
						customers,
						filters: { riskLevel, channel },
						title,
						crmUrl: 'https://crm.example/{customId}',
						expiryDays: 90,
					});
					const email = summaryEmailHtml(summary, customers, 'https://crm.example/{customId}');
					expect(foreignMarkup(html)).toEqual([]);
					expect(foreignMarkup(email)).toEqual([]);
					const chars = inputChars(customers) + 2 * title.length + 2 * (channel?.length ?? 0);
					// Escaping grows a character at most 6× (`"` → `&quot;`), and a value shows a few times.
					expect(html.length).toBeLessThanOrEqual(12_000 + 4_000 * customers.length + 40 * chars);
					expect(email.length).toBeLessThanOrEqual(3_000 + 1_000 * customers.length + 20 * chars);
				},
			),
			{ numRuns: 150 },
		);
	});

	it('the renewal brief: never throws, nothing unescaped from input, one line per fact, size linear', () => {
		fc.assert(
			fc.property(
				customer,
				keyedMap(fc.oneof(num, hostile)),
				maybe(hostile),
				fc.array(fc.record({ metric: hostile, entitlement: hostile }), { maxLength: 3 }),
				(health, entitlements, since, usageLimits) => {
					const brief = renewalBrief({
						health,
						digest: new EventDigest(0),
						histories: new Map(),
						entitlements,
						usageLimits,
						customerSince: since,
						milestones: {
							invitedAt: since,
							accessGrantedAt: null,
							firstDownloadAt: null,
							confirmedRunningAt: null,
						},
						periodDays: 365,
						now: new Date('2026-12-04T12:00:00Z'),
					});
					const lines = brief.markdown.split(/\r\n|\r|\n/);
					for (const line of lines) expect(unescapedMarkup(line)).toEqual([]);
					// Only the brief's own heading; every table row has exactly its own cells.
					expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(1);
					for (const row of lines.filter((l) => l.startsWith('|')))
						expect(row.match(/(?<!\\)(?:\\\\)*\|/g)).toHaveLength(5);
					const metrics = Object.keys(brief.metrics).length;
					expect(lines).toHaveLength(
						9 +
							health.reasons.length +
							(metrics ? 3 + metrics : 0) +
							(brief.usage.length ? 3 + brief.usage.length : 0) +
							(health.expansionSignals.length ? 2 + health.expansionSignals.length : 0),
					);
					const chars = inputChars([health, entitlements, since, usageLimits]);
					expect(brief.markdown.length).toBeLessThanOrEqual(2_000 + 500 * metrics + 3 * chars);
				},
			),
			{ numRuns: 200 },
		);
	});

	const facts: fc.Arbitrary<InstallFacts> = fc.record({
		appName: hostile,
		appSlug: hostile,
		channelName: hostile,
		channelSlug: hostile,
		customerName: hostile,
		email: maybe(hostile),
		licenseId: hostile,
		hosts: fc.constant(REPLICATED_HOSTS),
		allows: fc.record({
			helm: fc.boolean(),
			helmAirgap: fc.boolean(),
			embeddedCluster: fc.boolean(),
			kots: fc.boolean(),
			airgap: fc.boolean(),
		}),
		helmCharts: fc.array(hostile, { maxLength: 3 }),
		helmProblem: maybe(hostile),
		embeddedClusterVersion: fc.constantFrom(2 as const, 3 as const),
		downloadPortal: fc.record({
			url: fc.constant('https://get.replicated.com/acme/2Customer0001'),
			password: maybe(hostile),
		}),
	});

	/** The Markdown outside fenced code blocks, and the blocks' contents. */
	function markdownParts(markdown: string): { prose: string[]; blocks: string[] } {
		const prose: string[] = [];
		const blocks: string[] = [];
		let fence: string | null = null;
		let block: string[] = [];
		for (const line of markdown.split(/\r\n|\r|\n/)) {
			if (fence === null) {
				const open = /^ {0,3}(`{3,})bash$/.exec(line);
				if (open) [fence, block] = [open[1], []];
				else prose.push(line);
			} else if (new RegExp(`^ {0,3}\`{${fence.length},}\\s*$`).test(line)) {
				blocks.push(block.join('\n'));
				fence = null;
			} else block.push(line.replace(/^ {3}/, ''));
		}
		expect(fence).toBeNull();
		return { prose, blocks };
	}

	/** The password's code span (the only one), as CommonMark reads it back: the value itself. */
	function codeSpanValue(line: string): string | null {
		const span = /(?<!\\)(`+)([^]*?)\1$/.exec(line);
		if (!span) return null;
		const inner = span[2];
		// CommonMark strips one space from each end when both have one and it is not all spaces.
		return /^ [^]* $/.test(inner) && /[^ ]/.test(inner) ? inner.slice(1, -1) : inner;
	}

	it('install instructions: never throw, Markdown blocks hold exactly the commands, nothing unescaped, HTML only its own tags', () => {
		fc.assert(
			fc.property(facts, (f) => {
				const instructions = installInstructions(f);
				const markdown = instructionsMarkdown(f, instructions);
				const html = instructionsHtml(f, instructions);
				const commands = instructions.sections.flatMap((s) =>
					s.steps.flatMap((step) => (step.command === undefined ? [] : [step.command])),
				);
				const { prose, blocks } = markdownParts(markdown);
				// Markdown reads any line ending as `\n`: the blocks hold the commands, line by line.
				expect(blocks).toEqual(commands.map((c) => c.replace(/\r\n|\r/g, '\n')));
				const password = f.downloadPortal.password;
				for (const line of prose) {
					const isPassword = password !== null && line.includes('Log in with this password');
					if (isPassword) expect(codeSpanValue(line)).toBe(password.replace(/\r\n|\r|\n/g, ' '));
					const text = isPassword ? line.slice(0, line.indexOf(':') + 1) : line;
					expect(
						unescapedMarkup(text, ['<https://get.replicated.com/acme/2Customer0001>']),
					).toEqual([]);
				}
				expect(prose.filter((l) => l.startsWith('#'))).toHaveLength(
					1 + instructions.sections.length,
				);
				expect(foreignMarkup(html)).toEqual([]);
				const chars = inputChars(f);
				expect(markdown.length).toBeLessThanOrEqual(6_000 + 12 * chars);
				expect(html.length).toBeLessThanOrEqual(8_000 + 30 * chars);
			}),
			{ numRuns: 300 },
		);
	});

	it('a password with a space at both ends (found by the property above) stays exact in Markdown', () => {
		const f: Parameters<typeof installInstructions>[0] = {
			appName: '[x](https://evil.example)',
			appSlug: '',
			channelName: '',
			channelSlug: '',
			customerName: '',
			email: null,
			licenseId: '',
			hosts: {
				registry: 'registry.replicated.com',
				replicatedApp: 'replicated.app',
				downloadPortal: 'get.replicated.com',
			},
			allows: { helm: false, helmAirgap: false, embeddedCluster: false, kots: true, airgap: true },
			helmCharts: [],
			helmProblem: null,
			embeddedClusterVersion: 2,
			downloadPortal: {
				url: 'https://get.replicated.com/acme/2Customer0001',
				password: '\n1. item ',
			},
		};
		const markdown = instructionsMarkdown(f, installInstructions(f));
		const line = markdown.split('\n').find((l) => l.includes('Log in with this password'));
		expect(line).toBe('2. Log in with this password (it replaces any earlier one): `  1. item  `');
		expect(codeSpanValue(line ?? '')).toBe(' 1. item ');
	});
});

describe('Insight → Health Dashboard, fed hostile items on n8n’s engine', () => {
	const { run } = useEmulator();

	it('never fails but through its own error, and answers with every scored customer it was given', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.oneof(customer, fc.dictionary(hostile, fc.jsonValue(), { maxKeys: 4 })), {
					minLength: 1,
					maxLength: 5,
				}),
				async (items) => {
					const { output, error } = await run({
						parameters: {
							resource: 'insight',
							operation: 'healthDashboard',
							riskLevel: 'all',
							channel: '',
							crmUrl: '',
						},
						items: items.map((json) => ({ json: json as never })),
					});
					const scored = items.filter((i) => customerHealthSchema.safeParse(i).success);
					const empty = items.filter((i) => !Object.keys(i).length).length;
					if (!scored.length && empty < items.length) {
						expect(error?.message).toMatch(/^Input item \d+ is not a scored customer: /);
						return;
					}
					expect(error).toBeUndefined();
					const [item] = output[0];
					expect(item.json.counts).toMatchObject({ total: scored.length });
					expect(item.json.skipped).toBe(items.length - scored.length - empty);
					expect(foreignMarkup(String(item.json.html))).toEqual([]);
				},
			),
			{ numRuns: 25 },
		);
	});
});

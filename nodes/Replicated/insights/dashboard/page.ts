/**
 * The customer-health dashboard as one self-contained HTML page: inline CSS and SVG, no script, no
 * font or image from anywhere, readable on a laptop and printable. Filters are links (`?risk=` and
 * `?channel=`), so they work without script and keep the page's own path. Pure: no n8n, no HTTP.
 */
import { escapeHtml as escape } from '../../escape/html';
import { type CustomerHealth, RISK_LEVELS, type RiskLevel } from '../../schemas/health';
import { bars, crmLink, pct, RISK_COLORS, RISK_TITLES, sparkline } from './html';
import { type DashboardFilters, type DashboardSummary, onChannel, summarize } from './summary';

export interface DashboardInput {
	customers: CustomerHealth[];
	filters: DashboardFilters;
	title: string;
	/** The CRM record of a customer, `{customId}` in it; empty for no links. */
	crmUrl: string;
	expiryDays: number;
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 22px; margin: 0 0 2px; }
h2 { font-size: 16px; margin: 0 0 10px; }
.meta { color: #59636e; margin: 0 0 14px; }
section, .card { background: #fff; border: 1px solid #d1d9e0; border-radius: 8px; padding: 14px 16px; margin: 0 0 16px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; }
.grid > section { margin: 0; }
nav.filters { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: baseline; margin: 0 0 16px; }
nav.filters span.label { color: #59636e; font-weight: 600; }
nav.filters a { color: #0969da; text-decoration: none; padding: 2px 8px; border-radius: 12px; }
nav.filters a[aria-current="page"] { background: #0969da; color: #fff; }
.stack { display: flex; height: 22px; border-radius: 4px; overflow: hidden; margin: 6px 0 10px; }
.stack span { display: block; height: 100%; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 20px; }
.legend b { font-size: 18px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-top: 1px solid #eaeef2; }
thead th { border-top: 0; color: #59636e; font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.bars th { width: 120px; font-weight: 500; white-space: nowrap; }
table.bars td { border: 0; padding: 3px 8px; }
table.bars th { border: 0; padding: 3px 8px; }
.bar { display: inline-block; height: 12px; border-radius: 2px; min-width: 1px; vertical-align: middle; }
ul.reasons { margin: 0; padding-left: 18px; }
.trend { display: flex; align-items: center; gap: 6px; white-space: nowrap; font-size: 12px; color: #59636e; }
.spark { vertical-align: middle; }
.empty { color: #59636e; margin: 0; }
a { color: #0969da; }
footer { color: #59636e; font-size: 12px; }
@media print {
  body { background: #fff; font-size: 11px; }
  main { max-width: none; padding: 0; }
  nav.filters { display: none; }
  section, .card { border: 0; padding: 0; margin: 0 0 14px; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .stack span, .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

const slug = (level: RiskLevel) => level.replace(' ', '-');

function link(filters: DashboardFilters, change: Partial<DashboardFilters>): string {
	const next = { ...filters, ...change };
	const query = [
		next.riskLevel ? `risk=${slug(next.riskLevel)}` : '',
		next.channel ? `channel=${encodeURIComponent(next.channel)}` : '',
	].filter(Boolean);
	return `?${query.join('&')}`;
}

function filterBar(
	input: DashboardInput,
	summary: DashboardSummary,
	all: CustomerHealth[],
): string {
	const { filters } = input;
	const current = (on: boolean) => (on ? ' aria-current="page"' : '');
	const risk = [
		`<a href="${escape(link(filters, { riskLevel: null }))}"${current(!filters.riskLevel)}>All (${summary.counts.total})</a>`,
		...[...RISK_LEVELS]
			.reverse()
			.map(
				(level) =>
					`<a href="${escape(link(filters, { riskLevel: level }))}"${current(filters.riskLevel === level)}>${RISK_TITLES[level]} (${summary.counts[level]})</a>`,
			),
	];
	const channels = [
		`<a href="${escape(link(filters, { channel: null }))}"${current(!filters.channel)}>All (${all.length})</a>`,
		...summary.channels.map(
			(c) =>
				`<a href="${escape(link(filters, { channel: c.label }))}"${current(filters.channel?.toLowerCase() === c.label.toLowerCase())}>${escape(c.label)} (${c.count})</a>`,
		),
	];
	return `<nav class="filters" aria-label="Filters"><span class="label">Risk</span>${risk.join('')}<span class="label">Channel</span>${channels.join('')}</nav>`;
}

function distribution(summary: DashboardSummary): string {
	const { counts } = summary;
	const levels = [...RISK_LEVELS].reverse();
	return [
		'<section id="distribution"><h2>Risk distribution</h2>',
		`<div class="stack" role="img" aria-label="${levels.map((l) => `${RISK_TITLES[l]} ${counts[l]}`).join(', ')}">`,
		...levels
			.filter((l) => counts[l])
			.map(
				(l) =>
					`<span style="width:${pct(counts[l], counts.total)};background:${RISK_COLORS[l]}" title="${RISK_TITLES[l]}: ${counts[l]}"></span>`,
			),
		'</div><div class="legend">',
		...levels.map(
			(l) =>
				`<div data-risk-count="${l}"><span class="swatch" style="background:${RISK_COLORS[l]}"></span>${RISK_TITLES[l]} <b>${counts[l]}</b> <span class="meta">${pct(counts[l], counts.total)}</span></div>`,
		),
		'</div></section>',
	].join('\n');
}

const days = (n: number | null, none: string) =>
	n === null ? none : n < 1 ? 'today' : `${Math.floor(n)} day${Math.floor(n) === 1 ? '' : 's'} ago`;

/** Online instances' latest check-in, and the air-gapped ones' latest report when it has some. */
function lastHeard(c: CustomerHealth): string {
	const online = c.instances.some((i) => !i.airgapped);
	return [
		online || !c.airgapped ? days(c.daysSinceLastCheckIn, 'never') : '',
		c.airgapped ? `air-gapped report ${days(c.daysSinceLastAirgapReport, 'never')}` : '',
	]
		.filter(Boolean)
		.join('; ');
}

function customerRows(customers: CustomerHealth[], crmUrl: string): string {
	return customers
		.map((c) => {
			const href = crmLink(crmUrl, c.customId);
			const name = escape(c.customerName ?? c.customerId);
			const trends = Object.entries(c.metrics)
				.filter(([, t]) => t.series.length > 1)
				.map(
					([metric, t]) =>
						`<div class="trend">${sparkline(metric, t)}<span>${escape(metric)}${t.changePct === null ? '' : ` ${t.changePct > 0 ? '+' : ''}${t.changePct}%`}</span></div>`,
				)
				.join('');
			return [
				`<tr data-customer-id="${escape(c.customerId)}">`,
				`<td>${href ? `<a href="${escape(href)}">${name}</a>` : name}${c.customId ? '' : ' <span class="meta">(no CRM ID)</span>'}</td>`,
				`<td>${escape(c.channel ?? '')}</td>`,
				`<td><ul class="reasons">${c.reasons.map((r) => `<li>${escape(r)}</li>`).join('')}</ul></td>`,
				`<td class="num">${c.versionsBehind ?? '—'}</td>`,
				`<td>${lastHeard(c)}</td>`,
				`<td>${c.licenseExpiresAt ? escape(c.licenseExpiresAt.slice(0, 10)) : 'no expiry'}</td>`,
				`<td>${trends}</td>`,
				'</tr>',
			].join('');
		})
		.join('\n');
}

function list(level: RiskLevel, customers: CustomerHealth[], crmUrl: string): string {
	const rows = customers.filter((c) => c.riskLevel === level);
	const head =
		'<thead><tr><th>Customer</th><th>Channel</th><th>Reasons</th><th class="num">Versions behind</th><th>Last check-in</th><th>License</th><th>Metric trends</th></tr></thead>';
	return [
		`<section id="${slug(level)}"><h2>${RISK_TITLES[level]} (${rows.length})</h2>`,
		rows.length
			? `<table>${head}<tbody>\n${customerRows(rows, crmUrl)}\n</tbody></table>`
			: `<p class="empty">No customer ${level === 'healthy' ? 'is healthy' : `is ${level === 'watch' ? 'on watch' : level}`}.</p>`,
		'</section>',
	].join('\n');
}

function expiries(summary: DashboardSummary, input: DashboardInput): string {
	const rows = summary.expiring;
	return [
		`<section id="expiring"><h2>License expiries in the next ${input.expiryDays} days (${rows.length})</h2>`,
		rows.length
			? [
					'<table><thead><tr><th>Customer</th><th>Channel</th><th>Expires</th><th class="num">In</th><th>Risk</th></tr></thead><tbody>',
					...rows.map((c) => {
						const href = crmLink(input.crmUrl, c.customId);
						const name = escape(c.customerName ?? c.customerId);
						return `<tr data-customer-id="${escape(c.customerId)}"><td>${href ? `<a href="${escape(href)}">${name}</a>` : name}</td><td>${escape(c.channel ?? '')}</td><td>${escape(c.licenseExpiresAt?.slice(0, 10) ?? '—')}</td><td class="num">${c.daysToLicenseExpiry} days</td><td><span class="swatch" style="background:${RISK_COLORS[c.riskLevel]}"></span>${RISK_TITLES[c.riskLevel]}</td></tr>`;
					}),
					'</tbody></table>',
				].join('\n')
			: '<p class="empty">No license expires in that time.</p>',
		'</section>',
	].join('\n');
}

/** The dashboard page for the scored customers, filtered as asked. */
export function renderDashboard(input: DashboardInput): {
	html: string;
	summary: DashboardSummary;
} {
	const all = input.customers;
	const customers = onChannel(all, input.filters.channel);
	const summary = summarize(customers, all, input.expiryDays);
	const scoredAt =
		all
			.map((c) => c.scoredAt)
			.sort()
			.at(-1) ?? '';
	const levels = input.filters.riskLevel
		? [input.filters.riskLevel]
		: (['at risk', 'watch'] as const);
	const scope = [
		input.filters.channel ? `channel ${input.filters.channel}` : 'all channels',
		input.filters.riskLevel ? RISK_TITLES[input.filters.riskLevel].toLowerCase() : '',
	]
		.filter(Boolean)
		.join(', ');
	const html = [
		'<!DOCTYPE html>',
		'<html lang="en">',
		'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escape(input.title)}</title>`,
		`<style>${STYLE}</style></head>`,
		'<body><main>',
		`<h1>${escape(input.title)}</h1>`,
		`<p class="meta">${summary.counts.total} customers, ${summary.instances} instances (${escape(scope)}) · scored ${escape(scoredAt.replace('T', ' ').slice(0, 16))} UTC</p>`,
		filterBar(input, summary, all),
		distribution(summary),
		'<div class="grid">',
		`<section id="versions-behind"><h2>Versions behind (instances)</h2>${bars(summary.versionsBehind)}</section>`,
		`<section id="check-ins"><h2>Last check-in (instances)</h2>${bars(summary.checkIns)}</section>`,
		'</div>',
		...levels.map((level) => list(level, customers, input.crmUrl)),
		expiries(summary, input),
		'<footer>Scored by Replicated → Insight → Score Customers (n8n-nodes-replicated). Reasons and thresholds: the Score Customers node.</footer>',
		'</main></body></html>',
		'',
	].join('\n');
	return { html, summary };
}

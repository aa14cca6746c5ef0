/** The dashboard's HTML pieces: links, sparklines and bars. Pure: no n8n, no HTTP. */
import { escapeHtml as escape } from '../../escape/html';
import type { MetricTrend, RiskLevel } from '../../schemas/health';

export const RISK_COLORS: Record<RiskLevel, string> = {
	'at risk': '#c62828',
	watch: '#b26a00',
	healthy: '#2e7d32',
};

export const RISK_TITLES: Record<RiskLevel, string> = {
	'at risk': 'At risk',
	watch: 'Watch',
	healthy: 'Healthy',
};

/**
 * The customer's CRM record from the template (`{customId}` replaced), when it has a Custom ID
 * and the template is an http(s) URL; anything else gives no link rather than a broken one.
 */
export function crmLink(template: string, customId: string | null): string | null {
	if (!template || !customId || !template.includes('{customId}')) return null;
	const url = template.replace(/\{customId\}/g, encodeURIComponent(customId));
	return /^https?:\/\//i.test(url) ? url : null;
}

const WIDTH = 96;
const HEIGHT = 24;

/**
 * A metric's daily series as an inline SVG line (no script, no external asset): green when it
 * rose over the window, red when it fell, grey when flat; the values in its title for a hover.
 */
export function sparkline(metric: string, trend: MetricTrend): string {
	const series = trend.series;
	if (series.length < 2) return '';
	const min = Math.min(...series);
	const max = Math.max(...series);
	const span = max - min || 1;
	const points = series
		.map((v, i) => {
			const x = (i / (series.length - 1)) * (WIDTH - 2) + 1;
			const y = HEIGHT - 1 - ((v - min) / span) * (HEIGHT - 2);
			return `${x.toFixed(1)},${y.toFixed(1)}`;
		})
		.join(' ');
	const first = series[0];
	const last = series[series.length - 1];
	const color = last > first ? '#2e7d32' : last < first ? '#c62828' : '#757575';
	const change =
		trend.changePct === null ? '' : ` (${trend.changePct > 0 ? '+' : ''}${trend.changePct}%)`;
	return `<svg class="spark" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(`${metric}: ${first} → ${last}${change}`)}"><title>${escape(`${metric}: ${first} → ${last}${change} over ${series.length} days`)}</title><polyline fill="none" stroke="${color}" stroke-width="1.5" points="${points}"/></svg>`;
}

/** Horizontal bars, one row a bucket, widths relative to the largest: plain HTML, print-safe. */
export function bars(rows: Array<{ label: string; count: number; color?: string }>): string {
	const max = Math.max(1, ...rows.map((r) => r.count));
	return [
		'<table class="bars">',
		...rows.map(
			(r) =>
				`<tr><th scope="row">${escape(r.label)}</th><td><span class="bar" style="width:${((r.count / max) * 100).toFixed(1)}%;background:${r.color ?? '#5c6bc0'}"></span></td><td class="num">${r.count}</td></tr>`,
		),
		'</table>',
	].join('\n');
}

export const pct = (part: number, total: number) =>
	total ? `${Math.round((part / total) * 1000) / 10}%` : '0%';

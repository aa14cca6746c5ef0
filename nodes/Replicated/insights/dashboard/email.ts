/**
 * The dashboard's summary for an email's HTML part: the risk distribution as bars and the at-risk
 * and watch lists with their reasons. Tables and inline styles only, which mail clients keep (they
 * drop style sheets and most of them SVG). Pure: no n8n, no HTTP.
 */
import { escapeHtml as escape } from '../../escape/html';
import { type CustomerHealth, RISK_LEVELS } from '../../schemas/health';
import { crmLink, pct, RISK_COLORS, RISK_TITLES } from './html';
import type { DashboardSummary } from './summary';

const CELL = 'padding:4px 8px;font:14px/1.4 Arial,Helvetica,sans-serif;color:#1f2328';

function chart(summary: DashboardSummary): string {
	const { counts } = summary;
	const max = Math.max(1, ...RISK_LEVELS.map((l) => counts[l]));
	const rows = [...RISK_LEVELS].reverse().map((level) => {
		const width = Math.max(1, Math.round((counts[level] / max) * 240));
		return `<tr><td style="${CELL};white-space:nowrap">${RISK_TITLES[level]}</td><td style="${CELL}"><table role="presentation" cellpadding="0" cellspacing="0"><tr><td width="${width}" height="14" style="background:${RISK_COLORS[level]};font-size:0;line-height:0">&nbsp;</td></tr></table></td><td style="${CELL};text-align:right;white-space:nowrap"><b>${counts[level]}</b> (${pct(counts[level], counts.total)})</td></tr>`;
	});
	return `<table role="presentation" cellpadding="0" cellspacing="0" data-chart="risk-distribution">${rows.join('')}</table>`;
}

function section(title: string, customers: CustomerHealth[], crmUrl: string): string {
	const items = customers.map((c) => {
		const href = crmLink(crmUrl, c.customId);
		const name = escape(c.customerName ?? c.customerId);
		return `<li style="margin:0 0 6px">${href ? `<a href="${escape(href)}">${name}</a>` : name}${c.customId ? '' : ' (no CRM ID)'}<ul style="margin:2px 0 0;padding-left:18px">${c.reasons.map((r) => `<li>${escape(r)}</li>`).join('')}</ul></li>`;
	});
	return `<h3 style="font:bold 15px Arial,Helvetica,sans-serif;margin:16px 0 6px">${escape(title)} (${customers.length})</h3>${items.length ? `<ul style="${CELL};margin:0;padding-left:18px">${items.join('')}</ul>` : `<p style="${CELL}">None.</p>`}`;
}

export function summaryEmailHtml(
	summary: DashboardSummary,
	customers: CustomerHealth[],
	crmUrl: string,
): string {
	return [
		`<div style="${CELL}">`,
		`<p style="${CELL};padding:0;margin:0 0 8px">${summary.counts.total} customers, ${summary.instances} instances:</p>`,
		chart(summary),
		section(
			RISK_TITLES['at risk'],
			customers.filter((c) => c.riskLevel === 'at risk'),
			crmUrl,
		),
		section(
			RISK_TITLES.watch,
			customers.filter((c) => c.riskLevel === 'watch'),
			crmUrl,
		),
		'</div>',
	].join('\n');
}

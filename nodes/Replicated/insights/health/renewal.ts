/**
 * A renewal brief for one customer: the usage story for the renewal conversation, as structured
 * data and as Markdown. Built from a health score over the period. Pure: no n8n, no HTTP.
 */
import type { CustomerHealth, RenewalBrief, VersionHistory } from '../../schemas/health';
import { escapeMarkdown as md } from '../../escape/markdown';
import { dict } from '../../schemas/keyed';
import type { EventDigest } from './event-digest';
import { entitlementUsage } from './metrics';

const DAY = 86_400_000;

export interface RenewalInput {
	health: CustomerHealth;
	digest: EventDigest;
	histories: Map<string, VersionHistory[]>;
	entitlements: Record<string, unknown>;
	usageLimits: Array<{ metric: string; entitlement: string }>;
	customerSince: string | null;
	milestones: RenewalBrief['milestones'];
	periodDays: number;
	now: Date;
}

const dateOf = (iso: string | null) => (iso ? iso.slice(0, 10) : 'not yet');

/** Hours in each app status over the period, summed over instances, and the share ready (%). */
function appTime(input: RenewalInput, from: number, to: number) {
	const hoursByStatus = dict<number>();
	for (const i of input.health.instances)
		for (const [status, h] of Object.entries(input.digest.statusHours(i.instanceId, from, to)))
			hoursByStatus[status] = Math.round(((hoursByStatus[status] ?? 0) + h) * 10) / 10;
	const reported = Object.values(hoursByStatus).reduce((a, b) => a + b, 0);
	const readyPct =
		reported > 0
			? Math.round(
					(((hoursByStatus.ready ?? 0) + (hoursByStatus.updating ?? 0)) / reported) * 1000,
				) / 10
			: null;
	return { hoursByStatus, readyPct };
}

/** Each instance's upgrades that began in the period (from its version history), oldest first. */
function upgradesSince(
	input: RenewalInput,
	from: number,
): RenewalBrief['versions']['upgradesInPeriod'] {
	const upgradesInPeriod: RenewalBrief['versions']['upgradesInPeriod'] = [];
	for (const i of input.health.instances) {
		const history = [...(input.histories.get(i.instanceId) ?? [])].sort(
			(a, b) => Date.parse(a.intervalStart ?? '') - Date.parse(b.intervalStart ?? ''),
		);
		history.forEach((h, n) => {
			const start = Date.parse(h.intervalStart ?? '');
			if (n === 0 || Number.isNaN(start) || start < from) return;
			upgradesInPeriod.push({
				instanceId: i.instanceId,
				from: history[n - 1].versionLabel,
				to: h.versionLabel,
				at: h.intervalStart!,
			});
		});
	}
	return upgradesInPeriod.sort((a, b) => a.at.localeCompare(b.at));
}

export function renewalBrief(input: RenewalInput): RenewalBrief {
	const { health, now } = input;
	const to = now.getTime();
	const from = to - input.periodDays * DAY;
	const { hoursByStatus, readyPct } = appTime(input, from, to);

	const since = Date.parse(input.customerSince ?? '');
	const brief: Omit<RenewalBrief, 'markdown'> = {
		customId: health.customId,
		customerId: health.customerId,
		customerName: health.customerName,
		licenseType: health.licenseType,
		channel: health.channel,
		period: {
			days: input.periodDays,
			from: new Date(from).toISOString(),
			to: now.toISOString(),
		},
		customerSince: input.customerSince,
		daysOnPlatform: Number.isNaN(since) ? null : Math.floor((to - since) / DAY),
		license: {
			expiresAt: health.licenseExpiresAt,
			daysToExpiry: health.daysToLicenseExpiry,
			entitlements: input.entitlements,
		},
		health: {
			riskLevel: health.riskLevel,
			reasons: health.reasons,
			expansionSignals: health.expansionSignals,
			readyPct,
			hoursByStatus,
		},
		versions: {
			latestVersion: health.instances.find((i) => i.latestVersion)?.latestVersion ?? null,
			current: health.instances.map((i) => ({
				instanceId: i.instanceId,
				version: i.appVersion,
				versionsBehind: i.versionsBehind,
				active: i.active,
			})),
			upgradesInPeriod: upgradesSince(input, from),
			upgradeVelocityDays: health.upgradeVelocityDays,
		},
		instances: {
			total: health.instanceCount,
			active: health.activeInstances,
			airgapped: health.instances.filter((i) => i.airgapped).length,
			newInPeriod: health.newInstancesInWindow,
		},
		metrics: health.metrics,
		usage: entitlementUsage(health.metrics, input.entitlements, input.usageLimits),
		milestones: input.milestones,
	};
	return { ...brief, markdown: markdown(brief) };
}

/**
 * The brief as Markdown. Every value from Replicated (names, channels, versions, metric and
 * entitlement names, the reasons that quote them) passes `md`, so a name cannot open a link, an
 * image, raw HTML, a heading or a table cell of its own; numbers are the package's own.
 */
function markdown(b: Omit<RenewalBrief, 'markdown'>): string {
	const day = (iso: string | null) => md(dateOf(iso));
	const lines = [
		`## Renewal brief: ${md(b.customerName ?? b.customerId)}`,
		'',
		`- **License:** ${md(b.licenseType ?? 'unknown')} on ${md(b.channel ?? 'unknown channel')}, ${
			b.license.expiresAt
				? `expires ${day(b.license.expiresAt)} (in ${Math.ceil(b.license.daysToExpiry ?? 0)} days)`
				: 'does not expire'
		}`,
		`- **Customer since:** ${day(b.customerSince)}${b.daysOnPlatform !== null ? ` (${b.daysOnPlatform} days)` : ''}`,
		`- **Health:** ${b.health.riskLevel}${b.health.readyPct !== null ? `; app ready ${b.health.readyPct}% of the reported time in the last ${b.period.days} days` : ''}`,
		...b.health.reasons.map((r) => `  - ${md(r)}`),
		`- **Instances:** ${b.instances.total} (${b.instances.active} active${b.instances.airgapped ? `, ${b.instances.airgapped} air-gapped` : ''}; ${b.instances.newInPeriod} new in the period)`,
		`- **Versions:** latest ${md(b.versions.latestVersion ?? 'unknown')}; ${
			b.versions.current
				.map(
					(c) =>
						`${md(c.version ?? '?')}${c.versionsBehind ? ` (${c.versionsBehind} behind)` : ''}`,
				)
				.join(', ') || 'no instance'
		}`,
		`- **Upgrades in the period:** ${b.versions.upgradesInPeriod.length}${
			b.versions.upgradeVelocityDays !== null
				? `; a release reaches them in ${b.versions.upgradeVelocityDays} days (median)`
				: ''
		}`,
		`- **Enterprise Portal:** invited ${day(b.milestones.invitedAt)}, first access ${day(b.milestones.accessGrantedAt)}, first download ${day(b.milestones.firstDownloadAt)}, running since ${day(b.milestones.confirmedRunningAt)}`,
	];
	const metrics = Object.entries(b.metrics);
	if (metrics.length) {
		lines.push('', '| Metric | Start | Latest | Change |', '|---|---|---|---|');
		for (const [name, m] of metrics)
			lines.push(
				`| ${md(name)} | ${m.start ?? '–'} | ${m.latest ?? '–'} | ${m.changePct === null ? '–' : `${m.changePct > 0 ? '+' : ''}${m.changePct}%`} |`,
			);
	}
	if (b.usage.length) {
		lines.push('', '| Entitlement | Limit | Used | % |', '|---|---|---|---|');
		for (const u of b.usage)
			lines.push(`| ${md(u.entitlement)} | ${u.limit} | ${u.used} (${md(u.metric)}) | ${u.pct}% |`);
	}
	if (b.health.expansionSignals.length)
		lines.push('', '**Expansion signals**', ...b.health.expansionSignals.map((s) => `- ${md(s)}`));
	return lines.join('\n');
}

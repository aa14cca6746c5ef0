/**
 * Customer health: per customer, the facts a CSM looks at (version currency, check-ins, app status,
 * air-gap report cadence, license expiry, metric trends, upgrade velocity), a risk level with the
 * reasons in words, and expansion signals. Pure: no n8n, no HTTP; the operation fetches the data.
 */
import type {
	ChannelRelease,
	CustomerHealth,
	Finding,
	HealthRow,
	HealthThresholds,
	InstanceEvent,
	InstanceHealth,
	RiskLevel,
	Signal,
	VersionHistory,
} from '../../schemas/health';
import { appStatusOf, EventDigest } from './event-digest';
import { entitlementUsage, withCurrentValues } from './metrics';
import { currency, liveReleases, median, upgradeDelays } from './versions';

const DAY = 86_400_000;

/** Replicated's app statuses that mean the software is serving its users. */
export const HEALTHY_STATUSES = new Set(['ready', 'updating']);

export interface HealthInput {
	/** Export rows (typed by `instanceRowItem`), any number of customers. */
	rows: HealthRow[];
	/** Each channel's releases, by channel ID. */
	releases: Map<string, ChannelRelease[]>;
	/** The instance event series (app status, custom metrics), folded; or the raw points. */
	events: EventDigest | InstanceEvent[];
	/** Version histories by instance ID, where fetched (for upgrade velocity). */
	histories?: Map<string, VersionHistory[]>;
	/** Custom IDs by customer ID: the export has no custom ID column. */
	customIds?: Map<string, string | null>;
	/** Metric → entitlement pairs that limit usage, beyond the ones matched by name. */
	usageLimits?: Array<{ metric: string; entitlement: string }>;
	thresholds: HealthThresholds;
	now: Date;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const dateOf = (iso: string) => iso.slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const wholeDays = (days: number) => plural(Math.floor(days), 'day');

function groupBy<T>(list: T[], key: (t: T) => string | null): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const t of list) {
		const k = key(t);
		if (k === null) continue;
		const group = groups.get(k);
		if (group) group.push(t);
		else groups.set(k, [t]);
	}
	return groups;
}

function daysSince(iso: string | null, now: number): number | null {
	const at = Date.parse(iso ?? '');
	return Number.isNaN(at) ? null : Math.max(0, now - at) / DAY;
}

export function scoreCustomers(input: HealthInput): CustomerHealth[] {
	const now = input.now.getTime();
	const live = new Map([...input.releases].map(([id, list]) => [id, liveReleases(list)]));
	const digest =
		input.events instanceof EventDigest
			? input.events
			: EventDigest.of(input.events, now - input.thresholds.windowDays * DAY);
	const out: CustomerHealth[] = [];
	for (const [customerId, rows] of groupBy(input.rows, (r) => r.customerId)) {
		out.push(
			scoreCustomer(customerId, rows, {
				...input,
				now,
				live,
				digest,
			}),
		);
	}
	return out;
}

interface Context extends Omit<HealthInput, 'now'> {
	now: number;
	live: Map<string, ChannelRelease[]>;
	digest: EventDigest;
}

function instanceHealth(row: HealthRow, ctx: Context): InstanceHealth {
	const instanceId = row.instanceId!;
	const releases = ctx.live.get(row.customer_channel_id ?? '') ?? [];
	const { versionsBehind, latestVersion } = currency(row.instance_app_version, releases);
	const appStatus = appStatusOf(row.instance_last_app_status);
	const since = ctx.digest.statusSince(instanceId, appStatus);
	return {
		instanceId,
		active: row.instance_is_active,
		airgapped: row.instance_is_airgap === true,
		appVersion: row.instance_app_version,
		versionsBehind,
		latestVersion,
		lastCheckInAt: row.instance_last_reported_at,
		daysSinceCheckIn: daysSince(row.instance_last_reported_at, ctx.now),
		appStatus,
		appStatusSince: since,
		hoursInAppStatus: since === null ? null : (ctx.now - Date.parse(since)) / 3_600_000,
		firstReportedAt: row.instance_first_reported_at,
	};
}

function scoreCustomer(customerId: string, rows: HealthRow[], ctx: Context): CustomerHealth {
	const t = ctx.thresholds;
	const first = rows[0];
	const windowStart = ctx.now - t.windowDays * DAY;
	const instances = rows.filter((r) => r.instanceId).map((r) => instanceHealth(r, ctx));
	const findings: Finding[] = [];
	const expansion: Signal[] = [];
	const find = (code: string, severity: Finding['severity'], message: string, id?: string) =>
		findings.push({ code, severity, message, instanceId: id ?? null });

	if (!instances.length) {
		// A license unused for a whole window is the customer most likely to churn, not one to watch.
		const age = daysSince(first.customer_created_date, ctx.now);
		if (age !== null && age >= t.windowDays)
			find(
				'no_instances',
				'at risk',
				`No instance in the ${wholeDays(age)} since the customer was created (${dateOf(first.customer_created_date!)})`,
			);
		else find('no_instances', 'watch', 'No instance has reported yet');
	}

	// Online instances check in every 4 hours; a silent one is down, offline or uninstalled.
	const online = instances.filter((i) => !i.airgapped);
	const silent = online
		.filter((i) => i.daysSinceCheckIn !== null && i.daysSinceCheckIn >= t.checkInDays)
		.sort((a, b) => b.daysSinceCheckIn! - a.daysSinceCheckIn!);
	if (silent.length && silent.length === online.length) {
		const latest = online.reduce((a, b) => (a.daysSinceCheckIn! <= b.daysSinceCheckIn! ? a : b));
		find(
			'no_check_in',
			'at risk',
			`No check-in from ${online.length === 1 ? 'its online instance' : `any of its ${online.length} online instances`} for ${wholeDays(latest.daysSinceCheckIn!)} (last ${dateOf(latest.lastCheckInAt!)})`,
			latest.instanceId,
		);
	} else if (silent.length) {
		find(
			'instance_silent',
			'watch',
			`${silent.length} of ${online.length} online instances not checking in: ${silent
				.slice(0, 3)
				.map((i) => `${i.instanceId} (${wholeDays(i.daysSinceCheckIn!)})`)
				.join(', ')}${silent.length > 3 ? ', …' : ''}`,
			silent[0].instanceId,
		);
	}

	// INFERRED: an air-gapped instance's last report is its last uploaded bundle or instance report.
	const airgapped = instances.filter((i) => i.airgapped);
	const lapsed = airgapped
		.filter((i) => i.daysSinceCheckIn !== null && i.daysSinceCheckIn >= t.airgapReportDays)
		.sort((a, b) => b.daysSinceCheckIn! - a.daysSinceCheckIn!);
	if (lapsed.length)
		find(
			'airgap_report_lapsed',
			'at risk',
			`No air-gap bundle or report for ${wholeDays(lapsed[0].daysSinceCheckIn!)} from ${lapsed.length === 1 ? `instance ${lapsed[0].instanceId}` : `${lapsed.length} air-gapped instances`} (last ${dateOf(lapsed[0].lastCheckInAt!)})`,
			lapsed[0].instanceId,
		);

	// Currency counts where the software runs now: active instances, else all of them.
	const current = instances.some((i) => i.active) ? instances.filter((i) => i.active) : instances;
	const behind = current
		.filter((i) => i.versionsBehind !== null)
		.sort((a, b) => b.versionsBehind! - a.versionsBehind!)[0];
	if (behind && behind.versionsBehind! >= t.versionsBehind)
		find(
			'versions_behind',
			behind.versionsBehind! >= 2 * t.versionsBehind ? 'at risk' : 'watch',
			`${plural(behind.versionsBehind!, 'version')} behind on instance ${behind.instanceId} (runs ${behind.appVersion}, latest ${behind.latestVersion})`,
			behind.instanceId,
		);

	for (const i of instances.filter((x) => x.active && x.appStatus)) {
		if (HEALTHY_STATUSES.has(i.appStatus!)) continue;
		if (i.hoursInAppStatus === null)
			find(
				'app_unhealthy',
				'watch',
				`App ${i.appStatus} on instance ${i.instanceId} (for how long is not known)`,
				i.instanceId,
			);
		else
			find(
				'app_unhealthy',
				i.hoursInAppStatus >= t.unhealthyHours ? 'at risk' : 'watch',
				`App ${i.appStatus} for ${plural(Math.floor(i.hoursInAppStatus), 'hour')} on instance ${i.instanceId} (since ${i.appStatusSince})`,
				i.instanceId,
			);
	}

	const expiresAt = first.customer_license_expiration_date;
	const expiresIn = Number.isNaN(Date.parse(expiresAt ?? ''))
		? null
		: (Date.parse(expiresAt!) - ctx.now) / DAY;
	if (expiresIn !== null && expiresIn <= 0)
		find(
			'license_expired',
			'at risk',
			`License expired ${wholeDays(-expiresIn)} ago (${dateOf(expiresAt!)})`,
		);
	else if (expiresIn !== null && expiresIn <= t.licenseExpiryDays)
		find(
			'license_expiring',
			'watch',
			// Counted up: a license expiring tomorrow morning expires "in 1 day", not "in 0 days".
			`License expires in ${plural(Math.ceil(expiresIn), 'day')} (${dateOf(expiresAt!)})`,
		);

	const metrics = withCurrentValues(
		ctx.digest.trends(customerId),
		rows.map((r) => r.customMetrics),
	);
	const window = `${plural(t.windowDays, 'day')}`;
	for (const [name, m] of Object.entries(metrics)) {
		if (m.changePct === null) continue;
		if (m.changePct <= -t.metricDeclinePct)
			find(
				'metric_declining',
				'watch',
				`${name} down ${Math.abs(m.changePct)}% in ${window} (${m.start} → ${m.latest})`,
			);
		if (m.changePct >= t.metricGrowthPct)
			expansion.push({
				code: 'metric_growing',
				message: `${name} up ${m.changePct}% in ${window} (${m.start} → ${m.latest})`,
			});
	}

	const newInWindow = instances.filter(
		(i) => Date.parse(i.firstReportedAt ?? '') >= windowStart,
	).length;
	const before = instances.filter((i) => Date.parse(i.firstReportedAt ?? '') < windowStart).length;
	const active = instances.filter((i) => i.active).length;
	if (newInWindow >= t.newInstances && before > 0)
		expansion.push({
			code: 'instances_growing',
			message: `${plural(newInWindow, 'new instance')} in the last ${window} (${instances.length} in all, ${active} active)`,
		});

	for (const u of entitlementUsage(metrics, first.entitlements, ctx.usageLimits ?? []))
		if (u.pct >= t.entitlementUsagePct)
			expansion.push({
				code: 'near_entitlement_limit',
				message: `${u.metric} at ${u.pct}% of the licensed ${u.limit} (${u.entitlement})`,
			});

	findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'at risk' ? -1 : 1));
	const riskLevel: RiskLevel = findings.some((f) => f.severity === 'at risk')
		? 'at risk'
		: findings.length
			? 'watch'
			: 'healthy';
	const histories = instances.map((i) => ctx.histories?.get(i.instanceId) ?? []);
	const delays = upgradeDelays(histories, ctx.releases.get(first.customer_channel_id ?? '') ?? []);
	const velocity = median(delays);
	const checkIns = online.map((i) => i.daysSinceCheckIn).filter((d): d is number => d !== null);
	const reports = airgapped.map((i) => i.daysSinceCheckIn).filter((d): d is number => d !== null);
	return {
		customId: ctx.customIds?.get(customerId) ?? first.customId ?? null,
		customerId,
		customerName: first.customerName,
		licenseType: first.licenseType,
		channel: first.customer_channel_name,
		riskLevel,
		reasons: findings.map((f) => f.message),
		findings,
		expansionSignals: expansion.map((s) => s.message),
		expansion,
		instanceCount: instances.length,
		activeInstances: active,
		inactiveInstances: instances.length - active,
		newInstancesInWindow: newInWindow,
		airgapped: airgapped.length > 0,
		versionsBehind: behind?.versionsBehind ?? null,
		daysSinceLastCheckIn: checkIns.length ? round1(Math.min(...checkIns)) : null,
		daysSinceLastAirgapReport: reports.length ? round1(Math.min(...reports)) : null,
		licenseExpiresAt: expiresAt,
		daysToLicenseExpiry: expiresIn === null ? null : round1(expiresIn),
		upgradeVelocityDays: velocity === null ? null : round1(velocity),
		upgradesMeasured: delays.length,
		metrics,
		// Measured exactly above (thresholds are compared unrounded); shown to a tenth.
		instances: instances.map((i) => ({
			...i,
			daysSinceCheckIn: i.daysSinceCheckIn === null ? null : round1(i.daysSinceCheckIn),
			hoursInAppStatus: i.hoursInAppStatus === null ? null : round1(i.hoursInAppStatus),
		})),
		scoredAt: new Date(ctx.now).toISOString(),
	};
}

/**
 * What the health rules read about one customer, measured once before any rule runs: each
 * instance's health, which of them are online or air-gapped, the one furthest behind, the license's
 * time to expiry, the metric trends and the instance counts. Pure: no n8n, no HTTP.
 */
import type {
	ChannelRelease,
	HealthRow,
	HealthThresholds,
	InstanceHealth,
	MetricTrend,
} from '../../schemas/health';
import { appStatusOf, type EventDigest } from './event-digest';
import { withCurrentValues } from './metrics';
import { currency } from './versions';

export const DAY = 86_400_000;

/** What measuring a customer needs beside its rows. */
export interface Measuring {
	now: number;
	thresholds: HealthThresholds;
	/** Each channel's live releases, by channel ID. */
	live: Map<string, ChannelRelease[]>;
	digest: EventDigest;
	usageLimits?: Array<{ metric: string; entitlement: string }>;
}

export interface CustomerFacts {
	customerId: string;
	/** The customer's first row: its license, channel and entitlements (the same on every row). */
	first: HealthRow;
	now: number;
	/** Where the window of metric trends and new instances begins. */
	windowStart: number;
	/** Measured exactly (thresholds are compared unrounded). */
	instances: InstanceHealth[];
	online: InstanceHealth[];
	airgapped: InstanceHealth[];
	/** The instance furthest behind where the software runs now, if any version is known. */
	behind: InstanceHealth | undefined;
	/** Days to the license's expiry (negative once expired), null when it has no date. */
	expiresIn: number | null;
	metrics: Record<string, MetricTrend>;
	active: number;
	newInWindow: number;
	usageLimits: Array<{ metric: string; entitlement: string }>;
}

export function daysSince(iso: string | null, now: number): number | null {
	const at = Date.parse(iso ?? '');
	return Number.isNaN(at) ? null : Math.max(0, now - at) / DAY;
}

function instanceHealth(row: HealthRow, m: Measuring): InstanceHealth {
	const instanceId = row.instanceId!;
	const releases = m.live.get(row.customer_channel_id ?? '') ?? [];
	const { versionsBehind, latestVersion } = currency(row.instance_app_version, releases);
	const appStatus = appStatusOf(row.instance_last_app_status);
	const since = m.digest.statusSince(instanceId, appStatus);
	return {
		instanceId,
		active: row.instance_is_active,
		airgapped: row.instance_is_airgap === true,
		appVersion: row.instance_app_version,
		versionsBehind,
		latestVersion,
		lastCheckInAt: row.instance_last_reported_at,
		daysSinceCheckIn: daysSince(row.instance_last_reported_at, m.now),
		appStatus,
		appStatusSince: since,
		hoursInAppStatus: since === null ? null : (m.now - Date.parse(since)) / 3_600_000,
		firstReportedAt: row.instance_first_reported_at,
	};
}

/** Currency counts where the software runs now: active instances, else all of them. */
function furthestBehind(instances: InstanceHealth[]): InstanceHealth | undefined {
	const current = instances.some((i) => i.active) ? instances.filter((i) => i.active) : instances;
	return current
		.filter((i) => i.versionsBehind !== null)
		.sort((a, b) => b.versionsBehind! - a.versionsBehind!)[0];
}

export function customerFacts(customerId: string, rows: HealthRow[], m: Measuring): CustomerFacts {
	const first = rows[0];
	const windowStart = m.now - m.thresholds.windowDays * DAY;
	const instances = rows.filter((r) => r.instanceId).map((r) => instanceHealth(r, m));
	const expiresAt = first.customer_license_expiration_date;
	const expiresIn = Number.isNaN(Date.parse(expiresAt ?? ''))
		? null
		: (Date.parse(expiresAt!) - m.now) / DAY;
	return {
		customerId,
		first,
		now: m.now,
		windowStart,
		instances,
		online: instances.filter((i) => !i.airgapped),
		airgapped: instances.filter((i) => i.airgapped),
		behind: furthestBehind(instances),
		expiresIn,
		metrics: withCurrentValues(
			m.digest.trends(customerId),
			rows.map((r) => r.customMetrics),
		),
		active: instances.filter((i) => i.active).length,
		newInWindow: instances.filter((i) => Date.parse(i.firstReportedAt ?? '') >= windowStart).length,
		usageLimits: m.usageLimits ?? [],
	};
}

/**
 * Customer health: per customer, the facts a CSM looks at (version currency, check-ins, app status,
 * air-gap report cadence, license expiry, metric trends, upgrade velocity), a risk level with the
 * reasons in words, and expansion signals. Each reason or signal comes from one rule in `rules/`.
 * Pure: no n8n, no HTTP; the operation fetches the data.
 */
import type {
	ChannelRelease,
	CustomerHealth,
	Finding,
	HealthRow,
	HealthThresholds,
	InstanceEvent,
	RiskLevel,
	Signal,
	VersionHistory,
} from '../../schemas/health';
import { type CustomerFacts, customerFacts, DAY, type Measuring } from './customer-facts';
import { EventDigest } from './event-digest';
import { EXPANSION_RULES, RISK_RULES } from './rules';
import { liveReleases, median, upgradeDelays } from './versions';

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

interface Context extends Omit<HealthInput, 'now'>, Measuring {
	now: number;
}

/** Every rule over the customer's facts: the findings at-risk first, then the health it adds up to. */
function scoreCustomer(customerId: string, rows: HealthRow[], ctx: Context): CustomerHealth {
	const customer = customerFacts(customerId, rows, ctx);
	const findings = RISK_RULES.flatMap((rule) => rule(customer, ctx.thresholds));
	findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'at risk' ? -1 : 1));
	const expansion = EXPANSION_RULES.flatMap((rule) => rule(customer, ctx.thresholds));
	return health(customer, findings, expansion, ctx);
}

/** The output record: the risk level the findings add up to, the figures shown to a tenth. */
function health(
	customer: CustomerFacts,
	findings: Finding[],
	expansion: Signal[],
	ctx: Context,
): CustomerHealth {
	const { customerId, first, instances, online, airgapped, active, expiresIn } = customer;
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
		newInstancesInWindow: customer.newInWindow,
		airgapped: airgapped.length > 0,
		versionsBehind: customer.behind?.versionsBehind ?? null,
		daysSinceLastCheckIn: checkIns.length ? round1(Math.min(...checkIns)) : null,
		daysSinceLastAirgapReport: reports.length ? round1(Math.min(...reports)) : null,
		licenseExpiresAt: first.customer_license_expiration_date,
		daysToLicenseExpiry: expiresIn === null ? null : round1(expiresIn),
		upgradeVelocityDays: velocity === null ? null : round1(velocity),
		upgradesMeasured: delays.length,
		metrics: customer.metrics,
		// Measured exactly above (thresholds are compared unrounded); shown to a tenth.
		instances: instances.map((i) => ({
			...i,
			daysSinceCheckIn: i.daysSinceCheckIn === null ? null : round1(i.daysSinceCheckIn),
			hoursInAppStatus: i.hoursInAppStatus === null ? null : round1(i.hoursInAppStatus),
		})),
		scoredAt: new Date(ctx.now).toISOString(),
	};
}

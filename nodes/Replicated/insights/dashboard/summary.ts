/**
 * What the health dashboard shows, computed from Score Customers' items: counts per risk level,
 * channels, how far behind and how recently instances checked in, and licenses about to expire.
 * Pure: no n8n, no HTTP.
 */
import { type CustomerHealth, RISK_LEVELS, type RiskLevel } from '../../schemas/health';

export interface DashboardFilters {
	riskLevel: RiskLevel | null;
	channel: string | null;
}

export interface Bucket {
	label: string;
	count: number;
}

export interface DashboardSummary {
	counts: Record<RiskLevel, number> & { total: number };
	instances: number;
	/** Every channel of the scored customers, with how many customers are on it. */
	channels: Bucket[];
	/** Instances by versions behind the channel's newest release. */
	versionsBehind: Bucket[];
	/** Instances by days since their last check-in (air-gapped ones apart: they never check in). */
	checkIns: Bucket[];
	/** Customers whose license expires within the window, soonest first. */
	expiring: CustomerHealth[];
}

/** A risk level as a URL or a person writes it: `at-risk`, `At Risk`, `at risk`. */
export function riskLevelOf(value: string | null | undefined): RiskLevel | null {
	const wanted = (value ?? '').trim().toLowerCase().replace(/[-_]+/g, ' ');
	return RISK_LEVELS.find((level) => level === wanted) ?? null;
}

/** The customers on the channel asked for (all when none); the risk filter applies to the lists. */
export function onChannel(customers: CustomerHealth[], channel: string | null): CustomerHealth[] {
	if (!channel) return customers;
	const wanted = channel.toLowerCase();
	return customers.filter((c) => (c.channel ?? '').toLowerCase() === wanted);
}

function count<T>(items: T[], buckets: Array<[string, (item: T) => boolean]>): Bucket[] {
	const counts = buckets.map(([label]) => ({ label, count: 0 }));
	for (const item of items) {
		const i = buckets.findIndex(([, matches]) => matches(item));
		if (i >= 0) counts[i].count++;
	}
	return counts;
}

export function summarize(
	customers: CustomerHealth[],
	channelsOf: CustomerHealth[],
	expiryDays: number,
): DashboardSummary {
	const counts = { healthy: 0, watch: 0, 'at risk': 0, total: customers.length };
	for (const c of customers) counts[c.riskLevel]++;
	const channels = new Map<string, number>();
	for (const c of channelsOf)
		channels.set(c.channel ?? '', (channels.get(c.channel ?? '') ?? 0) + 1);
	const instances = customers.flatMap((c) => c.instances);
	const behind = (test: (n: number) => boolean) => (i: (typeof instances)[number]) =>
		i.versionsBehind !== null && test(i.versionsBehind);
	const online = instances.filter((i) => !i.airgapped);
	const silent = (test: (d: number) => boolean) => (i: (typeof instances)[number]) =>
		i.daysSinceCheckIn !== null && test(i.daysSinceCheckIn);
	return {
		counts,
		instances: instances.length,
		channels: [...channels]
			.filter(([name]) => name)
			.map(([label, n]) => ({ label, count: n }))
			.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
		versionsBehind: count(instances, [
			['Current', behind((n) => n === 0)],
			['1 behind', behind((n) => n === 1)],
			['2 behind', behind((n) => n === 2)],
			['3–5 behind', behind((n) => n >= 3 && n <= 5)],
			['6 or more', behind((n) => n >= 6)],
			['Unknown', (i) => i.versionsBehind === null],
		]),
		checkIns: [
			...count(online, [
				['Within a day', silent((d) => d < 1)],
				['1–3 days', silent((d) => d >= 1 && d < 3)],
				['3–7 days', silent((d) => d >= 3 && d < 7)],
				['7–30 days', silent((d) => d >= 7 && d < 30)],
				['Over 30 days', silent((d) => d >= 30)],
				['Never', (i) => i.daysSinceCheckIn === null],
			]),
			{ label: 'Air-gapped', count: instances.length - online.length },
		],
		expiring: customers
			.filter(
				(c) =>
					c.daysToLicenseExpiry !== null &&
					c.daysToLicenseExpiry >= 0 &&
					c.daysToLicenseExpiry <= expiryDays,
			)
			.sort((a, b) => a.daysToLicenseExpiry! - b.daysToLicenseExpiry!),
	};
}

/**
 * The demo fleet's plan (demo-fleet.ts stages it): which customers tell which story, and what their
 * instances, license and metrics look like for it, in times relative to now. Each story is the data
 * one rule of Insight → Score Customers (nodes/Replicated/insights/health/rules/) reads, sized so the
 * rule fires for that customer only: a healthy customer stays clear of every threshold's default.
 */
import type { LicenseType } from './model';
import { pickOne, type Random } from './demo-names';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export type Story =
	| 'healthy'
	/** no-instance.ts: created within the window (watch), or before it (at risk). */
	| 'no_instance_new'
	| 'no_instance_old'
	/** check-ins.ts: every online instance silent (at risk), or some of them (watch). */
	| 'silent_all'
	| 'silent_some'
	/** airgap-reports.ts: bundles within 45 days (healthy), or none for longer (at risk). */
	| 'airgap'
	| 'airgap_lapsed'
	/** versions-behind.ts: 3 to 5 releases behind Stable (watch), 6 or more (at risk). */
	| 'behind_watch'
	| 'behind_risk'
	/** app-status.ts: unhealthy for a day or more (at risk), for hours, or since when unknown (watch). */
	| 'unhealthy_long'
	| 'unhealthy_short'
	| 'unhealthy_unknown'
	/** license-expiry.ts: expiring within 30 days (watch), expired (at risk). */
	| 'expiring'
	| 'expired'
	/** metric-decline.ts (watch) and metric-growth.ts (an expansion signal). */
	| 'declining'
	| 'growing'
	/** instance-growth.ts and entitlement-limits.ts: expansion signals on a healthy customer. */
	| 'new_instances'
	| 'near_limit';

export type DemoLicenseType = Extract<LicenseType, 'prod' | 'trial' | 'dev' | 'community'>;
export type ChannelName = 'Stable' | 'Beta' | 'Unstable';

/**
 * How many customers of each license type tell each story; the others are healthy (a trial's
 * healthy is an active trial, on watch as it nears its 30-day end). Paid customers tell every
 * story, so the dashboard template (paid customers only) shows each reason.
 */
export const FLEET_MIX: Record<
	DemoLicenseType,
	{ total: number; stories: Partial<Record<Story, number>> }
> = {
	prod: {
		total: 180,
		stories: {
			expiring: 6,
			expired: 3,
			no_instance_new: 3,
			no_instance_old: 4,
			silent_all: 4,
			silent_some: 4,
			airgap: 14,
			airgap_lapsed: 3,
			behind_watch: 5,
			behind_risk: 3,
			unhealthy_long: 3,
			unhealthy_short: 2,
			unhealthy_unknown: 1,
			declining: 5,
			growing: 8,
			new_instances: 6,
			near_limit: 6,
		},
	},
	trial: { total: 45, stories: { no_instance_new: 8, expired: 6, declining: 2, growing: 4 } },
	dev: { total: 36, stories: { silent_all: 5, no_instance_old: 4, behind_watch: 3 } },
	community: {
		total: 39,
		stories: { no_instance_old: 5, no_instance_new: 2, behind_watch: 4, silent_some: 2, airgap: 2 },
	},
};

/** Where each license type's customers are, in shares of 100 (stories about versions use Stable). */
const CHANNEL_SHARES: Record<DemoLicenseType, Array<[ChannelName, number]>> = {
	prod: [
		['Stable', 75],
		['Beta', 18],
		['Unstable', 7],
	],
	trial: [
		['Stable', 80],
		['Beta', 20],
	],
	dev: [
		['Stable', 30],
		['Beta', 30],
		['Unstable', 40],
	],
	community: [
		['Stable', 60],
		['Beta', 40],
	],
};

export interface InstancePlan {
	createdAgo: number;
	lastActiveAgo: number;
	active: boolean;
	airgap: boolean;
	/** The release it runs: its place among the channel's releases, newest first (0 = current). */
	versionIndex: number;
	status: string;
	/** Since when the event series reports its status; null: the series never reported it. */
	statusSinceAgo: number | null;
	/** Each custom metric's value at the window's start (or its first report) and now. */
	metrics: Record<string, { start: number; end: number }>;
}

export interface CustomerPlan {
	type: DemoLicenseType;
	story: Story;
	channel: ChannelName;
	createdAgo: number;
	/** Time to the license's expiry (negative: expired), null for none. */
	expiresIn: number | null;
	instances: InstancePlan[];
	/** Active users at this share of the licensed number (`active_users` entitlement); null: unlimited. */
	usageShare: number | null;
}

const between = (rand: Random, low: number, high: number) => low + rand() * (high - low);
const whole = (rand: Random, low: number, high: number) => Math.floor(between(rand, low, high + 1));

/** A seeded pick among weighted choices. */
export function weighted<T>(choices: Array<[T, number]>, rand: Random): T {
	let at = rand() * choices.reduce((sum, [, w]) => sum + w, 0);
	for (const [value, weight] of choices) if ((at -= weight) < 0) return value;
	return choices[choices.length - 1][0];
}

/** The customers of one license type, each with its story, in a seeded order. */
export function storiesOf(type: DemoLicenseType, rand: Random): Story[] {
	const { total, stories } = FLEET_MIX[type];
	const told = Object.entries(stories).flatMap(([story, n]) =>
		Array<Story>(n).fill(story as Story),
	);
	const list = [...told, ...Array<Story>(total - told.length).fill('healthy')];
	for (let i = list.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[list[i], list[j]] = [list[j], list[i]];
	}
	return list;
}

/** An instance that checked in within the last 4 hours (the reporting interval), ready. */
function onlineInstance(rand: Random, createdAgo: number): InstancePlan {
	return {
		createdAgo,
		lastActiveAgo: whole(rand, 5, 235) * 60_000,
		active: true,
		airgap: false,
		versionIndex: weighted(
			[
				[0, 55],
				[1, 30],
				[2, 15],
			],
			rand,
		),
		status: rand() < 0.08 ? 'updating' : 'ready',
		statusSinceAgo: null,
		metrics: {},
	};
}

/** How many instances a healthy customer of this license type runs. */
function instanceCount(type: DemoLicenseType, rand: Random): number {
	if (type !== 'prod') return type === 'dev' ? whole(rand, 1, 2) : 1;
	return weighted(
		[
			[1, 50],
			[2, 30],
			[3, 13],
			[4, 7],
		],
		rand,
	);
}

/** The customer's age: a trial is days old, others months or years. */
function ageOf(type: DemoLicenseType, story: Story, rand: Random): number {
	if (story === 'no_instance_new') return whole(rand, 2, 20) * DAY;
	if (type === 'trial')
		return (story === 'expired' ? whole(rand, 32, 44) : whole(rand, 2, 28)) * DAY;
	if (story === 'no_instance_old') return whole(rand, 40, 160) * DAY;
	return whole(rand, 75, 1100) * DAY;
}

/** Time to expiry: trials run 30 days; paid licenses renew yearly; dev and community never end. */
function expiryOf(type: DemoLicenseType, story: Story, age: number, rand: Random): number | null {
	if (type === 'trial') return 30 * DAY - age;
	if (type !== 'prod') return null;
	if (story === 'expiring') return between(rand, 3, 28) * DAY;
	if (story === 'expired') return -between(rand, 2, 20) * DAY;
	return rand() < 0.1 ? null : between(rand, 31, 365) * DAY;
}

/** Steady metrics move less than 10% over the window; the trend stories move 30 to 80%. */
function metricsOf(story: Story, rand: Random): InstancePlan['metrics'] {
	const users = whole(rand, 60, 800);
	const projects = whole(rand, 4, 120);
	const steady = () => between(rand, 0.93, 1.08);
	const userChange =
		story === 'declining'
			? between(rand, 0.45, 0.7)
			: story === 'growing'
				? between(rand, 1.3, 1.8)
				: steady();
	return {
		active_users: { start: users, end: Math.round(users * userChange) },
		num_projects: { start: projects, end: Math.round(projects * steady()) },
	};
}

const UNHEALTHY = ['degraded', 'unavailable', 'missing'];

/** Turns a healthy set of instances into the story's. */
function tell(story: Story, instances: InstancePlan[], age: number, rand: Random) {
	const first = instances[0];
	switch (story) {
		case 'silent_all':
			for (const i of instances)
				Object.assign(i, { lastActiveAgo: between(rand, 2, 14) * DAY, active: false });
			break;
		case 'silent_some':
			Object.assign(instances[instances.length - 1], {
				lastActiveAgo: between(rand, 2, 20) * DAY,
				active: false,
			});
			break;
		case 'airgap':
		case 'airgap_lapsed':
			// INFERRED: an air-gapped instance counts as active while its last bundle is recent.
			for (const i of instances)
				Object.assign(i, { airgap: true, lastActiveAgo: between(rand, 3, 40) * DAY });
			if (story === 'airgap_lapsed')
				Object.assign(first, { lastActiveAgo: between(rand, 50, 120) * DAY, active: false });
			break;
		case 'behind_watch':
			first.versionIndex = whole(rand, 3, 5);
			break;
		case 'behind_risk':
			first.versionIndex = whole(rand, 6, 9);
			break;
		case 'unhealthy_long':
		case 'unhealthy_short':
		case 'unhealthy_unknown':
			first.status = pickOne(UNHEALTHY, rand);
			first.statusSinceAgo =
				story === 'unhealthy_long'
					? between(rand, 26, 90) * HOUR
					: story === 'unhealthy_short'
						? between(rand, 2, 12) * HOUR
						: null;
			break;
		case 'new_instances':
			for (let n = whole(rand, 1, 2); n > 0; n--)
				instances.push(onlineInstance(rand, Math.min(age, between(rand, 3, 25) * DAY)));
			break;
	}
}

/** One customer's plan: its license, channel, instances and metrics for its story. */
export function planCustomer(type: DemoLicenseType, story: Story, rand: Random): CustomerPlan {
	const aboutVersions = story === 'behind_watch' || story === 'behind_risk';
	const channel = aboutVersions ? 'Stable' : weighted(CHANNEL_SHARES[type], rand);
	const createdAgo = ageOf(type, story, rand);
	const noInstance = story === 'no_instance_new' || story === 'no_instance_old';
	// Installed within two months of the license, before the window unless the customer is new.
	const installedAgo = () =>
		createdAgo > 32 * DAY
			? createdAgo - between(rand, 1, Math.min(60, createdAgo / DAY - 32)) * DAY
			: createdAgo * between(rand, 0.5, 0.95);
	let count = noInstance ? 0 : instanceCount(type, rand);
	if (story === 'silent_some') count = Math.max(count, 2);
	const instances = Array.from({ length: count }, () => onlineInstance(rand, installedAgo()));
	tell(story, instances, createdAgo, rand);
	// An instance reports after it started, and the customer came first.
	for (const i of instances)
		if (i.createdAgo < i.lastActiveAgo + HOUR)
			i.createdAgo = i.lastActiveAgo + between(rand, 5, 60) * DAY;
	const oldest = Math.max(0, ...instances.map((i) => i.createdAgo));
	const age = oldest < createdAgo ? createdAgo : oldest + between(rand, 1, 10) * DAY;
	const reports =
		story === 'declining' ||
		story === 'growing' ||
		story === 'near_limit' ||
		rand() < { prod: 0.8, trial: 0.6, dev: 0.3, community: 0.4 }[type];
	if (reports) for (const i of instances) i.metrics = metricsOf(story, rand);
	const capped =
		reports && instances.length > 0 && type === 'prod' && (story === 'near_limit' || rand() < 0.4);
	return {
		type,
		story,
		channel,
		createdAgo: age,
		expiresIn: expiryOf(type, story, age, rand),
		instances,
		usageShare: !capped
			? null
			: story === 'near_limit'
				? between(rand, 0.85, 0.96)
				: between(rand, 0.3, 0.7),
	};
}

/**
 * The sandbox's demo fleet: 300 customers of the emulator's first app across license types,
 * channels and air gap, telling every story Insight → Score Customers knows (demo-stories.ts), with
 * custom-metric series, licenses expiring, Enterprise Portal milestones and CRM IDs for most. Staged
 * through EmulatorState's own methods, deterministic (one seeded PRNG) and relative to `now`, so its
 * dates mean the same on every start. `EMULATOR_SEED=demo` (main.ts) and `POST /_emulator/seed/demo`.
 */
import { companies, type Company, contactEmail, crmId, person, type Random } from './demo-names';
import {
	type ChannelName,
	type CustomerPlan,
	DAY,
	type DemoLicenseType,
	FLEET_MIX,
	HOUR,
	type InstancePlan,
	planCustomer,
	storiesOf,
	weighted,
} from './demo-stories';
import { seededRandom } from './ids';
import type { ChannelRelease, Customer, Instance, InstallOptionField } from './model';
import type { EmulatorState } from './state';

/** Releases promoted since the seeded history (state.ts SEED_VERSIONS): version, days ago. */
const DEMO_RELEASES: Record<ChannelName, Array<[string, number]>> = {
	Stable: [
		['2.5.0', 60],
		['2.5.1', 41],
		['2.6.0', 20],
		['2.6.1', 6],
	],
	Beta: [
		['2.6.0-beta.1', 50],
		['2.6.0-beta.2', 38],
		['2.6.1-beta.1', 24],
		['2.7.0-beta.1', 12],
		['2.7.0-beta.2', 3],
	],
	Unstable: [
		['2.7.0-alpha.1', 20],
		['2.7.0-alpha.2', 13],
		['2.7.0-alpha.3', 7],
		['2.7.0-alpha.4', 1],
	],
};

/** The license field the demo's usage is measured against (0: not limited). */
const ACTIVE_USERS_FIELD = {
	name: 'active_users',
	title: 'Active users',
	type: 'Integer',
	default: '0',
};

export interface DemoCounts {
	appId: string;
	customers: number;
	licenseTypes: Record<DemoLicenseType, number>;
	channels: Record<ChannelName, number>;
	instances: number;
	airgappedInstances: number;
	withCustomId: number;
	enterprisePortal: number;
	events: number;
	/** How long seeding took, in milliseconds. */
	ms: number;
}

/** The demo fleet in one line, e.g. for the sandbox's log. */
export function describeFleet(c: DemoCounts): string {
	const types = Object.entries(c.licenseTypes).map(
		([type, n]) => `${n} ${type === 'prod' ? 'paid' : type}`,
	);
	return `${c.customers} customers (${types.join(', ')}), ${c.instances} instances (${c.airgappedInstances} air-gapped), ${c.events} events, in ${c.ms} ms`;
}

/** The customers each state's last demo seed made: seeding again replaces them. */
const seededCustomers = new WeakMap<EmulatorState, string[]>();

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const between = (rand: Random, low: number, high: number) => low + rand() * (high - low);

interface Seeding {
	state: EmulatorState;
	appId: string;
	now: number;
	rand: Random;
	/** Each channel's ID and live releases, oldest first. */
	channels: Record<ChannelName, { id: string; releases: ChannelRelease[] }>;
	counts: DemoCounts;
}

/** Seeds the demo fleet into the app (default: the first), replacing an earlier demo seed. */
export function seedDemoFleet(
	state: EmulatorState,
	options: { appId?: string; now?: number } = {},
): DemoCounts {
	const started = Date.now();
	const appId = options.appId ?? [...state.apps.keys()][0];
	if (!state.apps.has(appId)) throw new Error(`unknown app ${appId}`);
	state.removeCustomers(seededCustomers.get(state) ?? []);
	const now = options.now ?? Date.now();
	const seeding: Seeding = {
		state,
		appId,
		now,
		rand: seededRandom(36),
		channels: promoteReleases(state, appId, now),
		counts: {
			appId,
			customers: 0,
			licenseTypes: { prod: 0, trial: 0, dev: 0, community: 0 },
			channels: { Stable: 0, Beta: 0, Unstable: 0 },
			instances: 0,
			airgappedInstances: 0,
			withCustomId: 0,
			enterprisePortal: 0,
			events: 0,
			ms: 0,
		},
	};
	state.addLicenseField(appId, ACTIVE_USERS_FIELD);
	const types = Object.keys(FLEET_MIX) as DemoLicenseType[];
	const names = companies(
		types.reduce((sum, type) => sum + FLEET_MIX[type].total, 0),
		seeding.rand,
	);
	const ids: string[] = [];
	for (const type of types)
		for (const story of storiesOf(type, seeding.rand)) {
			// Each customer draws from its own sequence: changing one leaves the others as they were.
			const rand = seededRandom(10_000 + ids.length);
			const plan = planCustomer(type, story, rand);
			ids.push(stageCustomer({ ...seeding, rand }, plan, names[ids.length]));
		}
	seededCustomers.set(state, ids);
	seeding.counts.ms = Math.round(Date.now() - started);
	return seeding.counts;
}

/** The demo's releases on each channel (once), and each channel's releases oldest first. */
function promoteReleases(state: EmulatorState, appId: string, now: number): Seeding['channels'] {
	const out = {} as Seeding['channels'];
	for (const name of Object.keys(DEMO_RELEASES) as ChannelName[]) {
		const channel = state.appChannels(appId).find((c) => c.name === name);
		if (!channel) throw new Error(`the app has no ${name} channel`);
		const had = state.releases.get(channel.id) ?? [];
		const have = new Set(had.map((r) => r.semver));
		// After the channel's last release, whatever the date today: the history reads in order.
		let last = had.length ? Date.parse(had[had.length - 1].releasedAt) : 0;
		DEMO_RELEASES[name].forEach(([semver, daysAgo], n, all) => {
			if (have.has(semver)) return;
			const at = Math.max(now - daysAgo * DAY, last + (now - last) / (all.length - n + 1));
			state.addRelease(channel.id, { semver, releasedAt: iso(at) });
			last = at;
		});
		const releases = (state.releases.get(channel.id) ?? []).filter((r) => !r.isDemoted);
		// The channel's current release holds the app's chart at its version.
		for (const chart of channel.chartReleases) chart.version = releases[releases.length - 1].semver;
		out[name] = { id: channel.id, releases };
	}
	return out;
}

/** Share of each license type's customers given a CRM ID: paying ones nearly all, others fewer. */
const CRM_LINKED: Record<DemoLicenseType, number> = {
	prod: 0.95,
	trial: 0.6,
	dev: 0.2,
	community: 0.1,
};

function stageCustomer(s: Seeding, plan: CustomerPlan, company: Company): string {
	const { state, rand, now } = s;
	const paid = plan.type === 'prod';
	const tier = paid
		? rand() < 0.5
			? 'standard'
			: rand() < 0.7
				? 'premium'
				: 'enterprise'
		: 'standard';
	const linked = rand() < CRM_LINKED[plan.type];
	const airgap = plan.story === 'airgap' || plan.story === 'airgap_lapsed';
	const portal = rand() < (paid ? 0.55 : plan.type === 'trial' ? 0.4 : 0);
	const activeUsers = plan.instances.reduce(
		(sum, i) => sum + (i.metrics.active_users?.end ?? 0),
		0,
	);
	const flags: Partial<Record<InstallOptionField, boolean>> = {
		airgap,
		isHelmAirgapEnabled: airgap,
		isKotsInstallEnabled: true,
		isHelmInstallEnabled: rand() < 0.7,
		isEmbeddedClusterDownloadEnabled: rand() < 0.4,
		isSnapshotSupported: paid && rand() < 0.5,
		isSupportBundleUploadEnabled: paid,
		isEnterprisePortalEnabled: portal,
	};
	const customer = state.addCustomer({
		appId: s.appId,
		name: plan.type === 'dev' ? `${company.name} Staging` : company.name,
		email: contactEmail(company, rand),
		customId: linked ? crmId(plan.type === 'trial' ? '00Q' : '001', rand) : undefined,
		type: plan.type,
		createdAt: iso(now - plan.createdAgo),
		expiresAt: plan.expiresIn === null ? null : iso(now + plan.expiresIn),
		channelIds: [s.channels[plan.channel].id],
		entitlements: [
			{ name: 'seats', value: String(paid ? 25 + Math.floor(rand() * 196) * 5 : 10) },
			{ name: 'tier', value: tier },
			{ name: 'sso_enabled', value: String(tier === 'enterprise') },
			...(plan.usageShare === null
				? []
				: [{ name: 'active_users', value: String(Math.ceil(activeUsers / plan.usageShare)) }]),
		],
		flags,
	});
	for (const instance of plan.instances) stageInstance(s, customer, plan, instance);
	if (portal) stagePortal(s, customer, plan, company);
	const c = s.counts;
	c.customers++;
	c.licenseTypes[plan.type]++;
	c.channels[plan.channel]++;
	if (linked) c.withCustomId++;
	if (portal) c.enterprisePortal++;
	return customer.id;
}

const CLOUDS: Array<[string, number]> = [
	['aws', 45],
	['gcp', 20],
	['azure', 20],
	['private', 15],
];
const K8S_VERSIONS = ['v1.29.9', 'v1.30.6', 'v1.31.2', 'v1.32.1'];

function stageInstance(s: Seeding, customer: Customer, plan: CustomerPlan, i: InstancePlan): void {
	const { state, rand, now } = s;
	const releases = s.channels[plan.channel].releases;
	const current = Math.max(0, releases.length - 1 - i.versionIndex);
	const embedded = rand() < 0.35;
	const instanceId = state.newId('instance');
	const createdAt = now - i.createdAgo;
	const lastActive = now - i.lastActiveAgo;
	const cloud = i.airgap ? 'private' : weighted(CLOUDS, rand);
	const instance = state.addInstance(customer.id, {
		instanceId,
		createdAt: iso(createdAt),
		lastActive: iso(lastActive),
		active: i.active,
		appStatus: i.status,
		cloud,
		isAirgap: i.airgap,
		isEmbeddedCluster: embedded,
		k8sVersion: K8S_VERSIONS[Math.floor(rand() * K8S_VERSIONS.length)],
		kotsVersion: embedded || rand() < 0.3 ? '1.124.3' : '',
		replicatedSdkVersion: rand() < 0.7 ? '1.5.0' : '1.4.2',
		versionLabel: releases[current].semver,
		tags: [{ key: 'env', value: rand() < 0.8 ? 'production' : 'staging' }],
		customMetrics: Object.fromEntries(Object.entries(i.metrics).map(([k, m]) => [k, m.end])),
		versionHistory: versionHistory(instanceId, releases, current, createdAt, lastActive, rand),
	});
	s.counts.instances++;
	if (instance.isAirgap) s.counts.airgappedInstances++;
	stageSeries(s, instance, i);
}

/**
 * The releases the instance ran: the channel's release of its install day, then each newer one a
 * few days after it came out, up to the one it runs.
 */
function versionHistory(
	instanceId: string,
	releases: ChannelRelease[],
	current: number,
	createdAt: number,
	lastActive: number,
	rand: Random,
): Instance['versionHistory'] {
	let from = 0;
	releases.forEach((r, n) => {
		if (n <= current && Date.parse(r.releasedAt) <= createdAt) from = n;
	});
	const starts: number[] = [];
	for (let n = from; n <= current; n++) {
		const released = Date.parse(releases[n].releasedAt) + between(rand, 1, 15) * DAY;
		const start = n === from ? createdAt : Math.max(starts[starts.length - 1] + HOUR, released);
		starts.push(Math.min(start, lastActive - (current - n) * HOUR));
	}
	return starts.map((start, k) => ({
		instanceId,
		versionLabel: releases[from + k].semver,
		downstreamReleaseSequence: from + k,
		intervalStart: iso(start),
		intervalLast: iso(k + 1 < starts.length ? starts[k + 1] : lastActive),
	}));
}

/**
 * The instance's event series in the window (SPEC listAppInstanceEvents): its app status as it
 * began in the window (and when an unhealthy one began), and each custom metric every two days,
 * from its value at the window's start to its current one.
 */
function stageSeries(s: Seeding, instance: Instance, i: InstancePlan): void {
	const { state, rand, now } = s;
	const from = Math.max(now - i.createdAgo, now - 28 * DAY);
	const to = now - i.lastActiveAgo;
	if (from > to) return;
	const point = (fieldName: string, value: string | number, at: number, isCustom: boolean) => {
		state.events.push({
			appId: instance.appId,
			customerId: instance.customerId,
			instanceId: instance.instanceId,
			fieldName,
			isCustom,
			newValue: String(value),
			previousValue: '',
			reportedAt: iso(at),
		});
		s.counts.events++;
	};
	point('appStatus', 'ready', from, false);
	if (i.statusSinceAgo !== null) point('appStatus', i.status, now - i.statusSinceAgo, false);
	const steps = Math.max(1, Math.round((to - from) / (2 * DAY)));
	for (const [metric, { start, end }] of Object.entries(i.metrics))
		for (let n = 0; n <= steps; n++) {
			const share = n / steps;
			// The ends exact (the rules read them); a little noise between them.
			const noise = n === 0 || n === steps ? 1 : between(rand, 0.96, 1.04);
			point(
				metric,
				Math.round((start + (end - start) * share) * noise),
				from + (to - from) * share,
				true,
			);
		}
}

/**
 * The customer's Enterprise Portal milestones (SPEC EnterprisePortalInfo): invited a day or so after
 * the license, most signed in, and those with instances pulled the software; one to four users.
 */
function stagePortal(s: Seeding, customer: Customer, plan: CustomerPlan, company: Company): void {
	const { state, rand, now } = s;
	const latest = now - 10 * 60_000;
	const at = (ms: number) => iso(Math.min(ms, latest));
	const invited = now - plan.createdAgo + between(rand, 0.1, 3) * DAY;
	const accessed = rand() < 0.85 ? invited + between(rand, 0.05, 5) * DAY : null;
	const pulled =
		accessed !== null && plan.instances.length ? accessed + between(rand, 0.05, 6) * DAY : null;
	const asset = plan.instances.some((i) => i.airgap) ? 'embedded_cluster_bundle' : 'helm_chart';
	const releases = s.channels[plan.channel].releases;
	const version = releases[releases.length - 1].semver;
	const admin = person(company, rand);
	Object.assign(customer.enterprise_portal, {
		enabled: true,
		first_invite_sent_at: at(invited),
		total_active_users: accessed === null ? 0 : 1 + Math.floor(rand() * 12),
		...(accessed === null
			? {}
			: {
					access_granted_at: at(accessed),
					access_granted_by: admin.email,
					access_method: 'invite',
					access_milestones: {
						[plan.type]: { access_granted_at: at(accessed), access_method: 'invite' },
					},
				}),
		...(pulled === null
			? {}
			: {
					first_software_pulled_at: at(pulled),
					first_software_pulled_asset_type: asset,
					first_software_pulled_asset_version: version,
					last_software_pulled_at: at(Math.max(pulled, now - between(rand, 1, 20) * DAY)),
					last_software_pulled_asset_type: asset,
					last_software_pulled_asset_version: version,
					software_pull_milestones: {
						[plan.type]: { first_pulled_at: at(pulled), asset_type: asset, asset_version: version },
					},
				}),
	});
	const users = accessed === null ? 1 : 1 + Math.floor(rand() * 4);
	for (let n = 0; n < users; n++) {
		const user = n === 0 ? admin : person(company, rand);
		state.addCustomerUser(customer.id, {
			emailAddress: user.email,
			role: n === 0 ? 'admin' : 'member',
			invitedAt: at(invited),
			pendingInvite: accessed === null,
			firstAccessedAt: accessed === null ? null : at(accessed + n * DAY),
			lastAccessedAt:
				accessed === null
					? null
					: at(Math.max(accessed + n * DAY, now - between(rand, 0.1, 30) * DAY)),
			viewCount: accessed === null ? 0 : 1 + Math.floor(rand() * 60),
		});
	}
}

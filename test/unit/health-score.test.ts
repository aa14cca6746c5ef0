import type { INodeExecutionData } from 'n8n-workflow';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { description as scoreFields } from '../../nodes/Replicated/actions/insight/scoreCustomers.operation';
import {
	customerHealthSchema,
	healthThresholdsSchema,
} from '../../nodes/Replicated/schemas/health';
import type { Instance } from '../emulator/model';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();

/** One instance of the staged customer, described by what matters for its health. */
interface StagedInstance {
	version?: string;
	checkedIn?: number;
	firstReported?: number;
	airgap?: boolean;
	active?: boolean;
	status?: string;
	/** App-status reports in the event series, oldest first: [status, how long ago]. */
	statusReports?: Array<[string, number]>;
	/** Custom-metric points in the event series: [metric, value, how long ago]. */
	metricPoints?: Array<[string, number, number]>;
	customMetrics?: Record<string, number>;
	versionHistory?: Array<[string, string]>;
}

interface Stage {
	expiresIn?: number;
	seats?: string;
	instances: StagedInstance[];
}

describe('Insight → Score Customers, over customers staged in the emulator', () => {
	const { emulator, context, appId } = useEmulator();

	/** Stages one paid customer on Stable (releases 1.9.9 … 2.4.0) with the given instances. */
	function stage(s: Stage) {
		const state = emulator().state;
		const customer = state.addCustomer({
			appId: appId(),
			name: 'Staged Co',
			customId: 'CRM-STAGED-1',
			type: 'prod',
			expiresAt: s.expiresIn === undefined ? null : ahead(s.expiresIn),
			entitlements: s.seats ? [{ name: 'seats', value: s.seats }] : [],
		});
		const instances = s.instances.map((i) => {
			const overrides: Partial<Instance> = {
				versionLabel: i.version ?? '2.4.0',
				lastActive: ago(i.checkedIn ?? HOUR),
				createdAt: ago(i.firstReported ?? 200 * DAY),
				isAirgap: i.airgap ?? false,
				active: i.active ?? (i.checkedIn ?? HOUR) < DAY,
				appStatus: i.status ?? 'ready',
				customMetrics: i.customMetrics ?? {},
			};
			if (i.versionHistory)
				overrides.versionHistory = i.versionHistory.map(([versionLabel, from], n) => ({
					instanceId: 'set below',
					versionLabel,
					downstreamReleaseSequence: n,
					intervalStart: from,
					intervalLast: from,
				}));
			const instance = state.addInstance(customer.id, overrides);
			for (const h of instance.versionHistory) h.instanceId = instance.instanceId;
			const point = (fieldName: string, value: unknown, at: number, isCustom: boolean) =>
				state.events.push({
					appId: appId(),
					customerId: customer.id,
					instanceId: instance.instanceId,
					fieldName,
					isCustom,
					newValue: String(value),
					previousValue: '',
					reportedAt: ago(at),
				});
			for (const [status, at] of i.statusReports ?? []) point('appStatus', status, at, false);
			for (const [metric, value, at] of i.metricPoints ?? []) point(metric, value, at, true);
			return instance;
		});
		return { customer, instances };
	}

	async function score(
		customerId: string,
		parameters: Record<string, unknown> = {},
	): Promise<INodeExecutionData[]> {
		const [items] = await node.execute.call(
			context({
				parameters: {
					resource: 'insight',
					operation: 'scoreCustomers',
					appId: { __rl: true, mode: 'id', value: appId() },
					source: 'export',
					filters: { customerIds: customerId },
					thresholds: {},
					options: {},
					...parameters,
				},
			}),
		);
		return items;
	}

	type Expected = { code: string; severity: 'watch' | 'at risk'; message?: RegExp } | null;
	const cases: Array<[string, Stage, Record<string, number>, Expected]> = [
		['a current, ready, checking-in instance is healthy', { instances: [{}] }, {}, null],
		// Version currency (Stable: 1.9.9, 2.1.5, 2.2.0, 2.3.1, 2.3.2, 2.4.0).
		[
			'2 versions behind stays under the default of 3',
			{ instances: [{ version: '2.3.1' }] },
			{},
			null,
		],
		[
			'3 versions behind puts the customer on watch',
			{ instances: [{ version: '2.2.0' }] },
			{},
			{
				code: 'versions_behind',
				severity: 'watch',
				message: /^3 versions behind on instance \S+ \(runs 2\.2\.0, latest 2\.4\.0\)$/,
			},
		],
		[
			'twice the threshold behind is at risk',
			{ instances: [{ version: '2.1.5' }] },
			{ versionsBehind: 2 },
			{ code: 'versions_behind', severity: 'at risk' },
		],
		[
			'a version not on the channel is not counted as behind',
			{ instances: [{ version: '0.0.1-custom' }] },
			{},
			null,
		],
		// Check-ins of online instances (4-hourly; the default threshold is 1 day).
		['last check-in 23 hours ago is fine', { instances: [{ checkedIn: 23 * HOUR }] }, {}, null],
		[
			'no check-in for 25 hours from the only online instance is at risk',
			{ instances: [{ checkedIn: 25 * HOUR }] },
			{},
			{
				code: 'no_check_in',
				severity: 'at risk',
				message: /^No check-in from its online instance for 1 day \(last \d{4}-\d\d-\d\d\)$/,
			},
		],
		[
			'one silent instance out of two is a watch',
			{ instances: [{}, { checkedIn: 3 * DAY }] },
			{},
			{
				code: 'instance_silent',
				severity: 'watch',
				message: /^1 of 2 online instances not checking in: \S+ \(3 days\)$/,
			},
		],
		[
			'the check-in threshold is a parameter',
			{ instances: [{ checkedIn: 25 * HOUR }] },
			{ checkInDays: 2 },
			null,
		],
		// Air-gapped instances report by bundle; the default allows 45 days.
		[
			'an air-gapped instance 44 days after its last report is fine (and not "silent")',
			{ instances: [{ airgap: true, checkedIn: 44 * DAY }] },
			{},
			null,
		],
		[
			'an air-gapped instance 46 days after its last report is at risk',
			{ instances: [{ airgap: true, checkedIn: 46 * DAY }] },
			{},
			{
				code: 'airgap_report_lapsed',
				severity: 'at risk',
				message: /^No air-gap bundle or report for 46 days from instance \S+ \(last /,
			},
		],
		// App status: how long, from the event series.
		[
			'degraded for 30 hours is at risk',
			{
				instances: [
					{
						status: 'degraded',
						statusReports: [
							['ready', 3 * DAY],
							['degraded', 30 * HOUR],
						],
					},
				],
			},
			{},
			{
				code: 'app_unhealthy',
				severity: 'at risk',
				message: /^App degraded for 30 hours on instance /,
			},
		],
		[
			'unavailable for 2 hours is a watch',
			{
				instances: [
					{
						status: 'unavailable',
						statusReports: [
							['ready', 3 * DAY],
							['unavailable', 2 * HOUR],
						],
					},
				],
			},
			{},
			{ code: 'app_unhealthy', severity: 'watch', message: /^App unavailable for 2 hours/ },
		],
		// The app status's case is not documented (the filters doc writes `ready`, the Vendor Portal
		// shows "Ready"): compared without case, reported lowercase.
		['"Ready" is as healthy as "ready"', { instances: [{ status: 'Ready' }] }, {}, null],
		[
			'"Degraded" for 30 hours, reported as "DEGRADED", is at risk since it began',
			{
				instances: [
					{
						status: 'Degraded',
						statusReports: [
							['Ready', 3 * DAY],
							['DEGRADED', 30 * HOUR],
						],
					},
				],
			},
			{},
			{
				code: 'app_unhealthy',
				severity: 'at risk',
				message: /^App degraded for 30 hours on instance /,
			},
		],
		[
			'degraded with no status reports is a watch that says the duration is unknown',
			{ instances: [{ status: 'degraded' }] },
			{},
			{
				code: 'app_unhealthy',
				severity: 'watch',
				message: /^App degraded on instance \S+ \(for how long is not known\)$/,
			},
		],
		[
			'unhealthy for 23 hours is still a watch (default 24)',
			{
				instances: [
					{
						status: 'missing',
						statusReports: [
							['ready', 3 * DAY],
							['missing', 23 * HOUR],
						],
					},
				],
			},
			{},
			{ code: 'app_unhealthy', severity: 'watch' },
		],
		[
			'unhealthy for 25 hours is at risk',
			{
				instances: [
					{
						status: 'missing',
						statusReports: [
							['ready', 3 * DAY],
							['missing', 25 * HOUR],
						],
					},
				],
			},
			{},
			{ code: 'app_unhealthy', severity: 'at risk' },
		],
		[
			'the last status of an inactive instance is not held against the customer',
			{ instances: [{ status: 'degraded', active: false }, {}] },
			{},
			null,
		],
		['updating counts as healthy', { instances: [{ status: 'updating' }] }, {}, null],
		// License expiry (30 days by default).
		[
			'a license expiring in 30 days and an hour is fine',
			{ expiresIn: 30 * DAY + HOUR, instances: [{}] },
			{},
			null,
		],
		[
			'a license expiring in 29 days and 23 hours is a watch',
			{ expiresIn: 30 * DAY - HOUR, instances: [{}] },
			{},
			{ code: 'license_expiring', severity: 'watch', message: /^License expires in 30 days/ },
		],
		[
			'a license expiring in 10 days is a watch',
			{ expiresIn: 10 * DAY - HOUR, instances: [{}] },
			{},
			{ code: 'license_expiring', severity: 'watch', message: /^License expires in 10 days \(/ },
		],
		[
			'an expired license is at risk',
			{ expiresIn: -2 * DAY - HOUR, instances: [{}] },
			{},
			{ code: 'license_expired', severity: 'at risk', message: /^License expired 2 days ago \(/ },
		],
		// Custom-metric trends over the window (30 days; decline 20%).
		[
			'a metric down 15% is fine',
			{
				instances: [
					{
						metricPoints: [
							['active_users', 100, 20 * DAY],
							['active_users', 85, DAY],
						],
					},
				],
			},
			{},
			null,
		],
		[
			'a metric down 30% is a watch',
			{
				instances: [
					{
						metricPoints: [
							['active_users', 100, 20 * DAY],
							['active_users', 70, DAY],
						],
					},
				],
			},
			{},
			{
				code: 'metric_declining',
				severity: 'watch',
				message: /^active_users down 30% in 30 days \(100 → 70\)$/,
			},
		],
		[
			'points older than the window do not count',
			{
				instances: [
					{
						metricPoints: [
							['active_users', 100, 40 * DAY],
							['active_users', 70, DAY],
						],
					},
				],
			},
			{},
			null,
		],
	];

	it.each(cases)('%s', async (_name, staged, thresholds, expected) => {
		const { customer } = stage(staged);
		const [item] = await score(customer.id, { thresholds });
		const health = customerHealthSchema.parse(item.json);
		// The published output contract: every declared field, nothing undeclared.
		expect(health).toEqual(item.json);
		expect(health.customerId).toBe(customer.id);
		if (!expected) {
			expect(health.findings).toEqual([]);
			expect(health.riskLevel).toBe('healthy');
			return;
		}
		expect(health.findings).toHaveLength(1);
		expect(health.findings[0]).toMatchObject({ code: expected.code, severity: expected.severity });
		if (expected.message) expect(health.findings[0].message).toMatch(expected.message);
		expect(health.reasons).toEqual([health.findings[0].message]);
		expect(health.riskLevel).toBe(expected.severity);
	});

	const signals: Array<[string, Stage, Record<string, unknown>, RegExp | null]> = [
		[
			'a metric up 30% over the window',
			{
				instances: [
					{
						metricPoints: [
							['active_users', 100, 20 * DAY],
							['active_users', 130, DAY],
						],
					},
				],
			},
			{},
			/^active_users up 30% in 30 days \(100 → 130\)$/,
		],
		[
			'a new instance beside an older one',
			{ instances: [{}, { firstReported: 5 * DAY }] },
			{},
			/^1 new instance in the last 30 days \(2 in all, 2 active\)$/,
		],
		['a first instance is not growth', { instances: [{ firstReported: 5 * DAY }] }, {}, null],
		[
			'usage at 84% of the entitlement named for it (ignoring case and punctuation)',
			{ seats: '250', instances: [{ metricPoints: [['Seats', 210, DAY]] }] },
			{},
			/^Seats at 84% of the licensed 250 \(seats\)$/,
		],
		[
			'usage against an entitlement the user paired with the metric',
			{ seats: '250', instances: [{ customMetrics: { active_users: 240 } }] },
			{ usageLimits: { limit: [{ metric: 'active_users', entitlement: 'seats' }] } },
			/^active_users at 96% of the licensed 250 \(seats\)$/,
		],
		[
			'usage under 80% of the limit',
			{ seats: '250', instances: [{ customMetrics: { active_users: 150 } }] },
			{ usageLimits: { limit: [{ metric: 'active_users', entitlement: 'seats' }] } },
			null,
		],
	];

	it.each(signals)('expansion signal: %s', async (_name, staged, options, expected) => {
		const { customer } = stage(staged);
		const [item] = await score(customer.id, { options });
		const health = customerHealthSchema.parse(item.json);
		expect(health.riskLevel).toBe('healthy');
		if (!expected) return expect(health.expansionSignals).toEqual([]);
		expect(health.expansionSignals).toHaveLength(1);
		expect(health.expansionSignals[0]).toMatch(expected);
	});

	it('lists every reason of a customer in trouble, the at-risk ones first, with the CRM join key', async () => {
		const { customer } = stage({
			expiresIn: 5 * DAY,
			instances: [
				{ version: '2.2.0' },
				{ checkedIn: 4 * DAY },
				{ airgap: true, checkedIn: 60 * DAY },
			],
		});
		const [item] = await score(customer.id);
		const health = customerHealthSchema.parse(item.json);
		expect(Object.keys(item.json)[0]).toBe('customId');
		expect(health).toMatchObject({
			customId: 'CRM-STAGED-1',
			customerName: 'Staged Co',
			licenseType: 'paid',
			channel: 'Stable',
			riskLevel: 'at risk',
			instanceCount: 3,
			activeInstances: 1,
			inactiveInstances: 2,
			airgapped: true,
			versionsBehind: 3,
			daysSinceLastAirgapReport: 60,
		});
		expect(health.findings.map((f) => `${f.severity}: ${f.code}`)).toEqual([
			'at risk: airgap_report_lapsed',
			'watch: instance_silent',
			'watch: versions_behind',
			'watch: license_expiring',
		]);
		expect(health.instances).toHaveLength(3);
	});

	it('measures upgrade velocity from version histories: median days from release to running it', async () => {
		// Stable's seeded releases: 2.3.2 on 2026-09-01, 2.4.0 on 2026-10-01.
		const { customer } = stage({
			instances: [
				{
					versionHistory: [
						['2.3.1', '2026-08-01T00:00:00Z'],
						['2.3.2', '2026-09-05T00:00:00Z'],
						['2.4.0', '2026-10-11T00:00:00Z'],
					],
				},
			],
		});
		const [without] = await score(customer.id);
		expect(without.json).toMatchObject({ upgradeVelocityDays: null, upgradesMeasured: 0 });
		const [item] = await score(customer.id, { options: { upgradeVelocity: true } });
		expect(item.json).toMatchObject({ upgradeVelocityDays: 7, upgradesMeasured: 2 });
	});

	it('scores the items of an Instance → Export node together, each output paired with its customer rows', async () => {
		const a = stage({ instances: [{}, { version: '2.2.0' }] }).customer;
		const b = stage({ instances: [{ checkedIn: 3 * DAY }] }).customer;
		const [exported] = await node.execute.call(
			context({
				parameters: {
					resource: 'instance',
					operation: 'export',
					appId: { __rl: true, mode: 'id', value: appId() },
					format: 'json',
					output: 'items',
					filters: { customerIds: `${a.id},${b.id}` },
				},
			}),
		);
		expect(exported).toHaveLength(3);
		const [items] = await node.execute.call(
			context({
				items: exported.map((e) => ({ json: e.json })),
				parameters: {
					resource: 'insight',
					operation: 'scoreCustomers',
					appId: { __rl: true, mode: 'id', value: appId() },
					source: 'input',
					thresholds: {},
					options: {},
				},
			}),
		);
		expect(items.map((i) => [i.json.customerId, i.json.riskLevel])).toEqual([
			[a.id, 'watch'],
			[b.id, 'at risk'],
		]);
		const rowsOf = (id: string) =>
			exported.flatMap((e, index) => (e.json.customerId === id ? [{ item: index }] : []));
		expect(items[0].pairedItem).toEqual(rowsOf(a.id));
		expect(items[1].pairedItem).toEqual(rowsOf(b.id));
	});

	it('puts a customer without any instance on watch (rows with no instance, as fed from input items)', async () => {
		const [items] = await node.execute.call(
			context({
				items: [
					{
						json: {
							customerId: 'cust-without-instances',
							customerName: 'Quiet Co',
							licenseType: 'paid',
							instanceId: null,
						},
					},
				],
				parameters: {
					resource: 'insight',
					operation: 'scoreCustomers',
					appId: { __rl: true, mode: 'id', value: appId() },
					source: 'input',
					thresholds: {},
					options: { customIds: false },
				},
			}),
		);
		expect(items.map((i) => [i.json.riskLevel, i.json.reasons])).toEqual([
			['watch', ['No instance has reported yet']],
		]);
	});

	describe('customers in scope with no instance (no export row), from the customer list', () => {
		function neverDeployed(
			name: string,
			createdDaysAgo: number,
			extra: Record<string, unknown> = {},
		) {
			const customer = emulator().state.addCustomer({
				appId: appId(),
				name,
				customId: `CRM-${name.toUpperCase().replace(/\W+/g, '-')}`,
				type: 'prod',
				...extra,
			});
			customer.createdAt = ago(createdDaysAgo * DAY);
			return customer;
		}
		const byName = (items: INodeExecutionData[]) =>
			Object.fromEntries(items.map((i) => [i.json.customerName, i.json]));

		it('scores a paid customer who never deployed: watch while new, at risk after a whole window', async () => {
			const fresh = neverDeployed('Fresh Co', 3);
			const stale = neverDeployed('Stale Co', 45);
			const archived = neverDeployed('Gone Co', 90);
			archived.isArchived = true;
			neverDeployed('Trial Co', 90, { type: 'trial' });
			const items = await score('', { filters: { licenseType: 'paid' } });
			const scored = byName(items);
			expect(Object.keys(scored).sort()).toEqual(['Fresh Co', 'Stale Co', 'The Airplane Company']);
			expect(scored['Fresh Co']).toMatchObject({
				customId: 'CRM-FRESH-CO',
				customerId: fresh.id,
				licenseType: 'paid',
				riskLevel: 'watch',
				reasons: ['No instance has reported yet'],
				instanceCount: 0,
				instances: [],
			});
			expect(scored['Stale Co']).toMatchObject({
				customId: 'CRM-STALE-CO',
				customerId: stale.id,
				riskLevel: 'at risk',
				reasons: [
					`No instance in the 45 days since the customer was created (${stale.createdAt.slice(0, 10)})`,
				],
				findings: [expect.objectContaining({ code: 'no_instances', severity: 'at risk' })],
			});
			expect(customerHealthSchema.safeParse(scored['Stale Co']).success).toBe(true);
			expect(items.every((i) => JSON.stringify(i.pairedItem) === '[{"item":0}]')).toBe(true);
		});

		it('holds them to the filters, and leaves them out when the customer list is not read', async () => {
			const fresh = neverDeployed('Fresh Co', 3);
			neverDeployed('Other Co', 3);
			expect(Object.keys(byName(await score(fresh.id)))).toEqual(['Fresh Co']);
			// Globex Trial's channel is Beta; the new customers are on the app's default channel.
			expect(Object.keys(byName(await score('', { filters: { channelName: 'Beta' } })))).toEqual([
				'Globex Trial',
			]);
			expect(
				Object.keys(byName(await score('', { filters: {}, options: { customIds: false } }))),
			).toEqual(['The Airplane Company']);
		});

		it('a channel given by ID is the same filter as its name (the export filters by name only)', async () => {
			const stableId = emulator().state.defaultChannel(appId()).id;
			neverDeployed('Fresh Co', 3);
			const byChannelName = byName(await score('', { filters: { channelName: 'Stable' } }));
			const exportQueries = () =>
				emulator()
					.requests.filter((r) => r.path.endsWith('/customer_instances'))
					.map((r) => r.query.ChannelName);
			const before = exportQueries().length;
			const byChannelId = byName(await score('', { filters: { channelName: stableId } }));
			expect(exportQueries().slice(before)).toEqual(['Stable']);
			const unstamped = (scored: Record<string, Record<string, unknown>>) =>
				Object.values(scored).map((customer) => ({ ...customer, scoredAt: 'when scored' }));
			expect(unstamped(byChannelId)).toEqual(unstamped(byChannelName));
			// Scored from its export rows, not as a customer that never deployed.
			expect(byChannelId['The Airplane Company']).toMatchObject({ instanceCount: 1 });
		});

		it('refuses a channel that is neither a name nor an ID of the app, before exporting', async () => {
			const before = emulator().requests.length;
			await expect(score('', { filters: { channelName: 'no-such-channel' } })).rejects.toThrow(
				'Channel Name or ID: no channel of the app is named or has the ID "no-such-channel"',
			);
			expect(
				emulator()
					.requests.slice(before)
					.some((r) => r.path.endsWith('/customer_instances')),
			).toBe(false);
		});
	});

	it('outputs only the risk levels asked for', async () => {
		const healthy = stage({ instances: [{}] }).customer;
		const risky = stage({ instances: [{ checkedIn: 3 * DAY }] }).customer;
		const items = await score(`${healthy.id},${risky.id}`, {
			options: { riskLevels: ['at risk'] },
		});
		expect(items.map((i) => i.json.customerId)).toEqual([risky.id]);
	});

	it("shows the scoring's own defaults in the Thresholds fields", () => {
		const fields = scoreFields.find((f) => f.name === 'thresholds')!.options as Array<{
			name: string;
			default: number;
		}>;
		expect(Object.fromEntries(fields.map((f) => [f.name, f.default]))).toEqual(
			healthThresholdsSchema.parse({}),
		);
	});

	it('says which threshold is wrong, before any request', async () => {
		const before = emulator().requests.length;
		await expect(score('x', { thresholds: { versionsBehind: 0 } })).rejects.toThrow(
			/Versions Behind/,
		);
		expect(emulator().requests.length).toBe(before);
	});

	it('with Input Items, names the item that is not an export row', async () => {
		await expect(
			node.execute.call(
				context({
					items: [{ json: { hello: 'world' } }],
					parameters: {
						resource: 'insight',
						operation: 'scoreCustomers',
						appId: { __rl: true, mode: 'id', value: appId() },
						source: 'input',
						thresholds: {},
						options: {},
					},
				}),
			),
		).rejects.toThrow(/Input item 0 has no customer ID/);
	});
});

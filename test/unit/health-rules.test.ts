import type { CustomerFacts } from '../../nodes/Replicated/insights/health/customer-facts';
import { airgapReports } from '../../nodes/Replicated/insights/health/rules/airgap-reports';
import { appStatus } from '../../nodes/Replicated/insights/health/rules/app-status';
import { checkIns } from '../../nodes/Replicated/insights/health/rules/check-ins';
import { nearEntitlementLimit } from '../../nodes/Replicated/insights/health/rules/entitlement-limits';
import { instanceGrowth } from '../../nodes/Replicated/insights/health/rules/instance-growth';
import { licenseExpiry } from '../../nodes/Replicated/insights/health/rules/license-expiry';
import { metricDecline } from '../../nodes/Replicated/insights/health/rules/metric-decline';
import { metricGrowth } from '../../nodes/Replicated/insights/health/rules/metric-growth';
import { noInstance } from '../../nodes/Replicated/insights/health/rules/no-instance';
import { versionsBehind } from '../../nodes/Replicated/insights/health/rules/versions-behind';
import {
	type HealthRow,
	healthRowSchema,
	healthThresholdsSchema,
	type InstanceHealth,
	type MetricTrend,
} from '../../nodes/Replicated/schemas/health';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-01T00:00:00Z');
const t = healthThresholdsSchema.parse({});

function instance(id: string, health: Partial<InstanceHealth> = {}): InstanceHealth {
	return {
		instanceId: id,
		active: true,
		airgapped: false,
		appVersion: '2.4.0',
		versionsBehind: 0,
		latestVersion: '2.4.0',
		lastCheckInAt: '2026-10-31T20:00:00Z',
		daysSinceCheckIn: 1 / 6,
		appStatus: 'ready',
		appStatusSince: null,
		hoursInAppStatus: null,
		firstReportedAt: '2026-01-01T00:00:00Z',
		...health,
	};
}

function trend(start: number | null, latest: number, changePct: number | null): MetricTrend {
	return { start, latest, changePct, slopePerDay: null, points: 2, series: [] };
}

/** One customer's facts, as `customerFacts` measures them; a rule reads only these. */
function customer(facts: Partial<CustomerFacts> & { row?: Partial<HealthRow> }): CustomerFacts {
	const { row, ...rest } = facts;
	const instances = rest.instances ?? [];
	return {
		customerId: 'cust-1',
		first: healthRowSchema.parse({ customerId: 'cust-1', ...row }),
		now: NOW,
		windowStart: NOW - 30 * DAY,
		instances,
		online: instances.filter((i) => !i.airgapped),
		airgapped: instances.filter((i) => i.airgapped),
		behind: undefined,
		expiresIn: null,
		metrics: {},
		active: instances.filter((i) => i.active).length,
		newInWindow: 0,
		usageLimits: [],
		...rest,
	};
}

describe("health rules, one at a time, over a customer's measured facts", () => {
	it('no instance: a watch while the customer is new, at risk after a whole window', () => {
		expect(noInstance(customer({ instances: [instance('i-1')] }), t)).toEqual([]);
		expect(
			noInstance(customer({ row: { customer_created_date: '2026-10-20T00:00:00Z' } }), t),
		).toEqual([
			{
				code: 'no_instances',
				severity: 'watch',
				message: 'No instance has reported yet',
				instanceId: null,
			},
		]);
		expect(
			noInstance(customer({ row: { customer_created_date: '2026-09-15T12:00:00Z' } }), t),
		).toEqual([
			{
				code: 'no_instances',
				severity: 'at risk',
				message: 'No instance in the 46 days since the customer was created (2026-09-15)',
				instanceId: null,
			},
		]);
	});

	it('check-ins: all online instances silent is at risk, naming the latest check-in', () => {
		const silent = [
			instance('i-1', { daysSinceCheckIn: 3.5, lastCheckInAt: '2026-10-28T12:00:00Z' }),
			instance('i-2', { daysSinceCheckIn: 2.2, lastCheckInAt: '2026-10-29T19:12:00Z' }),
			instance('i-3', { airgapped: true, daysSinceCheckIn: 10 }),
		];
		expect(checkIns(customer({ instances: silent }), t)).toEqual([
			{
				code: 'no_check_in',
				severity: 'at risk',
				message: 'No check-in from any of its 2 online instances for 2 days (last 2026-10-29)',
				instanceId: 'i-2',
			},
		]);
	});

	it('check-ins: some online instances silent is a watch, the three longest silent named', () => {
		const days = [1, 5, 2, 3, 4];
		const instances = [
			instance('i-ok'),
			...days.map((d) => instance(`i-${d}`, { daysSinceCheckIn: d })),
		];
		expect(checkIns(customer({ instances }), t)).toEqual([
			{
				code: 'instance_silent',
				severity: 'watch',
				message:
					'5 of 6 online instances not checking in: i-5 (5 days), i-4 (4 days), i-3 (3 days), …',
				instanceId: 'i-5',
			},
		]);
		expect(checkIns(customer({ instances: [instance('i-ok')] }), t)).toEqual([]);
	});

	it('air-gap reports: one lapsed past 45 days is at risk; several are counted', () => {
		const lapsed = (id: string, days: number) =>
			instance(id, {
				airgapped: true,
				daysSinceCheckIn: days,
				lastCheckInAt: `2026-09-0${id.slice(-1)}T00:00:00Z`,
			});
		expect(airgapReports(customer({ instances: [lapsed('i-1', 46.5)] }), t)).toEqual([
			{
				code: 'airgap_report_lapsed',
				severity: 'at risk',
				message: 'No air-gap bundle or report for 46 days from instance i-1 (last 2026-09-01)',
				instanceId: 'i-1',
			},
		]);
		const two = [lapsed('i-1', 50), lapsed('i-2', 61), lapsed('i-3', 44)];
		expect(airgapReports(customer({ instances: two }), t)).toEqual([
			{
				code: 'airgap_report_lapsed',
				severity: 'at risk',
				message:
					'No air-gap bundle or report for 61 days from 2 air-gapped instances (last 2026-09-02)',
				instanceId: 'i-2',
			},
		]);
	});

	it('versions behind: a watch at the threshold, at risk at twice it', () => {
		const behind = (n: number) => instance('i-1', { appVersion: '2.2.0', versionsBehind: n });
		expect(versionsBehind(customer({ behind: behind(2) }), t)).toEqual([]);
		expect(versionsBehind(customer({ behind: behind(3) }), t)).toEqual([
			{
				code: 'versions_behind',
				severity: 'watch',
				message: '3 versions behind on instance i-1 (runs 2.2.0, latest 2.4.0)',
				instanceId: 'i-1',
			},
		]);
		expect(versionsBehind(customer({ behind: behind(6) }), t)[0].severity).toBe('at risk');
		expect(versionsBehind(customer({}), t)).toEqual([]);
	});

	it('app status: each active instance not serving, at risk after 24 hours', () => {
		const instances = [
			instance('i-1', {
				appStatus: 'degraded',
				hoursInAppStatus: 30.5,
				appStatusSince: '2026-10-30T17:30:00Z',
			}),
			instance('i-2', {
				appStatus: 'missing',
				hoursInAppStatus: 1,
				appStatusSince: '2026-10-31T23:00:00Z',
			}),
			instance('i-3', { appStatus: 'unavailable' }),
			instance('i-4', { appStatus: 'updating' }),
			instance('i-5', { appStatus: 'degraded', active: false }),
		];
		expect(appStatus(customer({ instances }), t)).toEqual([
			{
				code: 'app_unhealthy',
				severity: 'at risk',
				message: 'App degraded for 30 hours on instance i-1 (since 2026-10-30T17:30:00Z)',
				instanceId: 'i-1',
			},
			{
				code: 'app_unhealthy',
				severity: 'watch',
				message: 'App missing for 1 hour on instance i-2 (since 2026-10-31T23:00:00Z)',
				instanceId: 'i-2',
			},
			{
				code: 'app_unhealthy',
				severity: 'watch',
				message: 'App unavailable on instance i-3 (for how long is not known)',
				instanceId: 'i-3',
			},
		]);
	});

	it('license expiry: expired is at risk, within 30 days a watch counted up in days', () => {
		const row = { customer_license_expiration_date: '2026-11-10T12:00:00Z' };
		expect(licenseExpiry(customer({ row, expiresIn: 9.5 }), t)).toEqual([
			{
				code: 'license_expiring',
				severity: 'watch',
				message: 'License expires in 10 days (2026-11-10)',
				instanceId: null,
			},
		]);
		expect(licenseExpiry(customer({ row, expiresIn: -2.5 }), t)).toEqual([
			{
				code: 'license_expired',
				severity: 'at risk',
				message: 'License expired 2 days ago (2026-11-10)',
				instanceId: null,
			},
		]);
		expect(licenseExpiry(customer({ row, expiresIn: 30.1 }), t)).toEqual([]);
		expect(licenseExpiry(customer({}), t)).toEqual([]);
	});

	const metrics = {
		active_users: trend(100, 70, -30),
		seats: trend(200, 260, 30),
		jobs: trend(100, 90, -10),
		new_metric: trend(null, 5, null),
	};

	it('metric decline: each metric down 20% or more over the window is a watch', () => {
		expect(metricDecline(customer({ metrics }), t)).toEqual([
			{
				code: 'metric_declining',
				severity: 'watch',
				message: 'active_users down 30% in 30 days (100 → 70)',
				instanceId: null,
			},
		]);
	});

	it('metric growth: each metric up 20% or more over the window is a signal', () => {
		expect(metricGrowth(customer({ metrics }), t)).toEqual([
			{ code: 'metric_growing', message: 'seats up 30% in 30 days (200 → 260)' },
		]);
	});

	it('instance growth: new instances beside older ones, not a first one', () => {
		const instances = [
			instance('i-1'),
			instance('i-2', { firstReportedAt: '2026-10-25T00:00:00Z', active: false }),
		];
		expect(instanceGrowth(customer({ instances, newInWindow: 1 }), t)).toEqual([
			{
				code: 'instances_growing',
				message: '1 new instance in the last 30 days (2 in all, 1 active)',
			},
		]);
		expect(instanceGrowth(customer({ instances: instances.slice(1), newInWindow: 1 }), t)).toEqual(
			[],
		);
	});

	it('entitlement limits: usage at 80% or more of the limiting entitlement is a signal', () => {
		const row = { entitlements: { Seats: '300', jobs: 100 } };
		expect(nearEntitlementLimit(customer({ row, metrics }), t)).toEqual([
			{ code: 'near_entitlement_limit', message: 'seats at 86.7% of the licensed 300 (Seats)' },
			{ code: 'near_entitlement_limit', message: 'jobs at 90% of the licensed 100 (jobs)' },
		]);
		const paired = [{ metric: 'active_users', entitlement: 'jobs' }];
		expect(
			nearEntitlementLimit(
				customer({ row: { entitlements: { jobs: 80 } }, metrics, usageLimits: paired }),
				t,
			),
		).toEqual([
			{
				code: 'near_entitlement_limit',
				message: 'active_users at 87.5% of the licensed 80 (jobs)',
			},
			{ code: 'near_entitlement_limit', message: 'jobs at 112.5% of the licensed 80 (jobs)' },
		]);
	});
});

/**
 * Names a licensee chooses (custom metrics, app statuses, entitlements, tags) are ordinary names:
 * `constructor`, `__proto__`, `prototype`, `toString` and `hasOwnProperty` are kept, counted and
 * shown like any other, and never reject a fleet's input or reach Object.prototype.
 */
import type { IDataObject } from 'n8n-workflow';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { instanceRowItem } from '../../nodes/Replicated/export/instance-row';
import { EventDigest } from '../../nodes/Replicated/insights/health/event-digest';
import { flattenMilestones } from '../../nodes/Replicated/insights/milestones';
import {
	customerItem,
	customerItemSchema,
	customerSchema,
} from '../../nodes/Replicated/schemas/customer';
import {
	customerHealthSchema,
	healthRowSchema,
	renewalBriefSchema,
} from '../../nodes/Replicated/schemas/health';
import { instanceRowSchema } from '../../nodes/Replicated/schemas/instance-row';
import { milestoneItemSchema } from '../../nodes/Replicated/schemas/milestone-item';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const NAMES = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty'] as const;
/** `{name: value}` for each name, `__proto__` as an own key (as JSON.parse makes it). */
const keyed = <T>(value: (name: string, i: number) => T): Record<string, T> =>
	JSON.parse(JSON.stringify(Object.fromEntries(NAMES.map((n, i) => [n, value(n, i)]))));
const own = (map: object) => Object.keys(map).sort();

afterEach(() => {
	// Nothing a test fed in may have reached every object.
	expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(BASELINE);
	expect(({} as { latest?: unknown }).latest).toBeUndefined();
});
const BASELINE = Object.getOwnPropertyNames(Object.prototype).sort();

describe('metric and status names that are Object members, through the emulator', () => {
	const { emulator, context, run, appId } = useEmulator();

	/** One paid customer on Stable whose instance reports a metric under each name. */
	function stage() {
		const state = emulator().state;
		const customer = state.addCustomer({
			appId: appId(),
			name: 'Object Members Inc',
			customId: 'CRM-OBJ',
			type: 'prod',
			entitlements: [{ name: 'constructor', value: '25' }],
		});
		const instance = state.addInstance(customer.id, {
			versionLabel: '2.4.0',
			createdAt: ago(200 * DAY),
			lastActive: ago(HOUR),
			active: true,
			appStatus: 'ready',
			customMetrics: keyed((_, i) => 10 * (i + 1)),
		});
		const point = (fieldName: string, newValue: string, at: number, isCustom: boolean) =>
			state.events.push({
				appId: appId(),
				customerId: customer.id,
				instanceId: instance.instanceId,
				fieldName,
				isCustom,
				newValue,
				previousValue: '',
				reportedAt: ago(at),
			});
		NAMES.forEach((name, i) => {
			point(name, String(10 * (i + 1)), 20 * DAY, true);
			point(name, String(20 * (i + 1)), DAY, true);
		});
		return { customer, instance, point };
	}

	async function score(customerId: string) {
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
				},
			}),
		);
		return items;
	}

	it('the export has a custom_metric__ column for each name an instance reported', async () => {
		const { customer } = stage();
		const res = await fetch(
			`${emulator().baseUrl}/v3/app/${appId()}/customer_instances?format=csv&IncludeActive=true&customerIds=${customer.id}`,
			{ headers: { Authorization: emulator().token } },
		);
		const [header, row] = (await res.text()).trim().split('\n');
		const columns = header.split(',');
		const cells = row.split(',');
		for (const [i, name] of NAMES.entries())
			expect(cells[columns.indexOf(`custom_metric__${name}`)]).toBe(String(10 * (i + 1)));
		expect(cells[columns.indexOf('customer_entitlement__constructor')]).toBe('25');
	});

	it('Score Customers keeps a trend for each name, with its exact values', async () => {
		const { customer } = stage();
		const [item] = await score(customer.id);
		const metrics = item.json.metrics as Record<string, IDataObject>;
		expect(own(metrics)).toEqual([...NAMES].sort());
		NAMES.forEach((name, i) =>
			expect(metrics[name]).toMatchObject({
				start: 10 * (i + 1),
				latest: 20 * (i + 1),
				changePct: 100,
				points: 2,
			}),
		);
		// Usage against an entitlement named `constructor` is measured like any other.
		expect(item.json.expansionSignals).toContain(
			'constructor at 80% of the licensed 25 (constructor)',
		);
	});

	it('the Health Dashboard takes the scored customer: page and email summary list every metric', async () => {
		const { customer } = stage();
		const [scored] = await score(customer.id);
		const { output, error } = await run({
			parameters: {
				resource: 'insight',
				operation: 'healthDashboard',
				riskLevel: 'healthy',
				channel: '',
				crmUrl: '',
			},
			items: [{ json: scored.json }],
		});
		expect(error).toBeUndefined();
		const [item] = output[0];
		expect(item.json).toMatchObject({ counts: { total: 1, healthy: 1 }, skipped: 0 });
		const html = String(item.json.html);
		for (const name of NAMES) expect(html).toContain(`<span>${name} +100%</span>`);
	});

	it('Renewal Prep counts hours per app status whatever the status is called', async () => {
		const { customer, point } = stage();
		point('appStatus', 'constructor', 30 * DAY, false);
		point('appStatus', '__proto__', 20 * DAY, false);
		point('appStatus', 'toString', 10 * DAY, false);
		point('appStatus', 'ready', 5 * DAY, false);
		const [[item]] = await node.execute.call(
			context({
				parameters: {
					resource: 'insight',
					operation: 'renewalPrep',
					customer: { __rl: true, mode: 'id', value: customer.id },
					periodDays: 365,
					options: {},
				},
			}),
		);
		const brief = renewalBriefSchema.parse(item.json);
		expect({ ...brief.health.hoursByStatus }).toEqual(
			JSON.parse('{"constructor":240,"__proto__":240,"tostring":120,"ready":120}'),
		);
		expect(brief.health.readyPct).toBe(16.7);
		expect(own(brief.metrics)).toEqual([...NAMES].sort());
		expect(brief.markdown).toContain('| constructor | 10 | 20 | +100% |');
		expect(brief.markdown).toContain('| \\_\\_proto\\_\\_ | 20 | 40 | +100% |');
	});
});

describe('the schemas and folds that hold server-keyed maps', () => {
	it('an export row keeps every custom metric, entitlement and tag name', () => {
		const row = JSON.parse(
			JSON.stringify({
				customer_id: 'c1',
				instance_id: 'i1',
				...Object.fromEntries(NAMES.map((n, i) => [`custom_metric__${n}`, String(i)])),
				...Object.fromEntries(NAMES.map((n) => [`customer_entitlement__${n}`, 'x'])),
				...Object.fromEntries(NAMES.map((n) => [`instance_tag__${n}`, 'y'])),
			}),
		);
		const item = instanceRowSchema.parse(instanceRowItem(row));
		expect({ ...item.customMetrics }).toEqual(keyed((_, i) => i));
		expect({ ...item.entitlements }).toEqual(keyed(() => 'x'));
		expect({ ...item.tags }).toEqual(keyed(() => 'y'));
		const health = healthRowSchema.parse(item);
		expect({ ...health.customMetrics }).toEqual(keyed((_, i) => i));
	});

	it('a scored customer with such metric names is a scored customer', () => {
		const trend = { start: 1, latest: 2, changePct: 100, slopePerDay: 0, points: 2, series: [] };
		const parsed = customerHealthSchema.shape.metrics.safeParse(keyed(() => trend));
		expect(parsed.success).toBe(true);
		expect(own(parsed.data!)).toEqual([...NAMES].sort());
		expect(customerHealthSchema.shape.metrics.safeParse({ x: 1 }).error?.issues[0].path).toEqual([
			'x',
		]);
	});

	it('a customer with such entitlement names and per-license-type milestones parses', () => {
		const at = '2026-03-28T00:00:00Z';
		const customer = customerItem(
			customerSchema.parse({
				id: 'c1',
				name: 'n',
				entitlements: NAMES.map((name, i) => ({ name, value: String(i) })),
				enterprise_portal: {
					access_milestones: keyed(() => ({ access_granted_at: at })),
					software_pull_milestones: keyed(() => ({ first_pulled_at: at })),
				},
			}),
		);
		expect({ ...customer.entitlements }).toEqual(keyed((_, i) => i));
		expect(customerItemSchema.safeParse(customer).success).toBe(true);
		const milestones = flattenMilestones(customer.enterprise_portal);
		expect({ ...milestones.accessGrantedAtByLicenseType }).toEqual(keyed(() => at));
		expect({ ...milestones.firstDownloadAtByLicenseType }).toEqual(keyed(() => at));
		expect(
			milestoneItemSchema.shape.accessGrantedAtByLicenseType.safeParse(keyed(() => at)).success,
		).toBe(true);
	});

	it('the event digest sums hours per status named like an Object member', () => {
		const digest = new EventDigest(0);
		const report = (value: string, hour: number) =>
			digest.add({
				customerId: 'c',
				instanceId: 'i',
				fieldName: 'appStatus',
				isCustom: false,
				newValue: value,
				previousValue: null,
				reportedAt: new Date(hour * HOUR).toISOString(),
			});
		NAMES.forEach((name, i) => report(name, i));
		expect({ ...digest.statusHours('i', 0, 5 * HOUR) }).toEqual(
			JSON.parse('{"constructor":1,"__proto__":1,"prototype":1,"tostring":1,"hasownproperty":1}'),
		);
	});
});

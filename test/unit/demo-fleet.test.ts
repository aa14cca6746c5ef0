/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test: reads the health rules' sources, prints the seeding time */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { request } from 'undici';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { type CustomerHealth, customerHealthSchema } from '../../nodes/Replicated/schemas/health';
import { type DemoCounts, describeFleet, seedDemoFleet } from '../emulator/demo-fleet';
import { EmulatorState } from '../emulator/state';
import { useEmulator } from '../support/emulator-fixture';

const RULES = path.join(__dirname, '../../nodes/Replicated/insights/health/rules');
const node = new Replicated();

/**
 * Every finding (code and severities) and expansion signal the health rules can make, read from
 * their sources: a rule added without demo data for it fails the coverage test below.
 */
function whatRulesKnow() {
	const findings = new Map<string, Set<string>>();
	const signals = new Set<string>();
	const files = readdirSync(RULES).filter((f) => !['index.ts', 'rule.ts'].includes(f));
	for (const file of files) {
		const source = readFileSync(path.join(RULES, file), 'utf8');
		const before = findings.size + signals.size;
		for (const [, code, severity] of source.matchAll(/finding\(\s*'(\w+)',\s*([^,]+),/g)) {
			const levels = findings.get(code) ?? new Set();
			for (const [, level] of severity.matchAll(/'(at risk|watch)'/g)) levels.add(level);
			findings.set(code, levels);
		}
		for (const [, code] of source.matchAll(/code: '(\w+)'/g)) signals.add(code);
		// A rule written another way must be taught here, not skipped silently.
		if (findings.size + signals.size === before) throw new Error(`no finding read in ${file}`);
	}
	return { findings, signals, files };
}

describe('the demo fleet (EMULATOR_SEED=demo, POST /_emulator/seed/demo)', () => {
	const { emulator, context, run, appId } = useEmulator();

	const seed = async (): Promise<DemoCounts> => {
		const res = await request(`${emulator().origin}/_emulator/seed/demo`, { method: 'POST' });
		expect(res.statusCode).toBe(200);
		return (await res.body.json()) as DemoCounts;
	};

	/** The demo's customers as Score Customers scores them (the default seed's three left out). */
	async function score(filters: Record<string, string>): Promise<CustomerHealth[]> {
		const demo = new Set([...emulator().state.customers.keys()].slice(3));
		const [items] = await node.execute.call(
			context({
				parameters: {
					resource: 'insight',
					operation: 'scoreCustomers',
					appId: { __rl: true, mode: 'id', value: appId() },
					source: 'export',
					filters,
					thresholds: {},
					options: {},
				},
			}),
		);
		return items
			.map((i) => customerHealthSchema.parse(i.json))
			.filter((c) => demo.has(c.customerId));
	}

	const levelsOf = (scored: CustomerHealth[]) =>
		Object.fromEntries(
			['at risk', 'watch', 'healthy'].map((l) => [
				l,
				scored.filter((c) => c.riskLevel === l).length,
			]),
		);
	const foundIn = (scored: CustomerHealth[]) => ({
		findings: new Set(scored.flatMap((c) => c.findings.map((f) => `${f.code}: ${f.severity}`))),
		signals: new Set(scored.flatMap((c) => c.expansion.map((s) => s.code))),
	});

	// First: it holds the event loop a while, which must not race a kept-alive connection's close.
	it('is deterministic: two seeds at the same moment are equal', () => {
		const now = Date.now();
		const seeded = () => {
			const state = new EmulatorState().seed();
			seedDemoFleet(state, { now });
			// The default seed's three customers and one instance are dated by the clock.
			return {
				customers: [...state.customers.values()].slice(3),
				instances: [...state.instances.values()].slice(1),
				events: state.events,
				users: [...state.customerUsers.values()],
				releases: [...state.releases.values()],
			};
		};
		expect(seeded()).toEqual(seeded());
	});

	it('seeds 300 customers into the first app beside the default ones, and answers the counts', async () => {
		const counts = await seed();
		console.log(`demo fleet: ${describeFleet(counts)}`);
		expect(counts).toEqual({
			appId: appId(),
			customers: 300,
			licenseTypes: { prod: 180, trial: 45, dev: 36, community: 39 },
			channels: { Stable: 215, Beta: 59, Unstable: 26 },
			instances: 414,
			airgappedInstances: 25,
			withCustomId: 213,
			enterprisePortal: 114,
			events: 8133,
			ms: expect.any(Number),
		});
		const state = emulator().state;
		expect([state.customers.size, state.instances.size]).toEqual([303, 415]);
		// Seeding again replaces the demo fleet, dated from the new now.
		expect({ ...(await seed()), ms: 0 }).toEqual({ ...counts, ms: 0 });
		expect([state.customers.size, state.instances.size, state.events.length]).toEqual([
			303, 415, 8133,
		]);
	});

	it('spans every license type, channel and air gap; most customers have a Custom ID, all an example domain', async () => {
		await seed();
		const demo = [...emulator().state.customers.values()].slice(3);
		const instances = [...emulator().state.instances.values()];
		expect(new Set(demo.map((c) => c.type))).toEqual(
			new Set(['prod', 'trial', 'dev', 'community']),
		);
		expect(new Set(demo.map((c) => c.channels[0].name))).toEqual(
			new Set(['Stable', 'Beta', 'Unstable']),
		);
		expect(instances.filter((i) => i.isAirgap).length).toBe(25);
		expect(demo.filter((c) => c.airgap).length).toBeGreaterThan(0);
		expect(demo.filter((c) => c.customId).length).toBe(213);
		expect(demo.every((c) => /@[a-z0-9-]+\.example$/.test(c.email))).toBe(true);
		expect(new Set(demo.map((c) => c.name)).size).toBe(300);
		// Licenses expiring within 90 days, and Enterprise Portal milestones, served as recorded.
		const soon = demo.filter(
			(c) => c.expiresAt && Date.parse(c.expiresAt) - Date.now() < 90 * 86_400_000,
		);
		expect(soon.length).toBeGreaterThan(20);
		const invited = demo.find((c) => c.enterprise_portal.first_software_pulled_at);
		const res = await request(`${emulator().baseUrl}/v3/customer/${invited!.id}`, {
			headers: { authorization: emulator().token },
		});
		const served = (await res.body.json()) as { customer: { enterprise_portal: object } };
		expect(served.customer.enterprise_portal).toMatchObject({
			enabled: true,
			first_invite_sent_at: invited!.enterprise_portal.first_invite_sent_at,
			access_method: 'invite',
		});
	});

	it('Score Customers over it finds at-risk, watch and healthy customers and every finding and signal the rules know', async () => {
		await seed();
		const scored = await score({});
		const rules = whatRulesKnow();
		const found = foundIn(scored);
		expect(rules.files.length).toBeGreaterThanOrEqual(10);
		expect(scored).toHaveLength(300);
		expect(levelsOf(scored)).toEqual({ 'at risk': 40, watch: 76, healthy: 184 });
		for (const [code, severities] of rules.findings)
			for (const severity of severities) expect(found.findings).toContain(`${code}: ${severity}`);
		for (const code of rules.signals) expect(found.signals).toContain(code);
	});

	it("the dashboard's scoring (paid customers only) finds every finding too, and Health Dashboard renders the page", async () => {
		await seed();
		const paid = await score({ licenseType: 'paid' });
		const rules = whatRulesKnow();
		const found = foundIn(paid);
		expect(paid).toHaveLength(180);
		expect(levelsOf(paid)).toEqual({ 'at risk': 20, watch: 26, healthy: 134 });
		for (const code of rules.findings.keys())
			expect([...found.findings].some((f) => f.startsWith(`${code}: `))).toBe(true);
		const { output, error } = await run({
			parameters: {
				resource: 'insight',
				operation: 'healthDashboard',
				riskLevel: 'all',
				channel: '',
				crmUrl: 'https://acme.my.salesforce.com/{customId}',
			},
			items: paid.map((c) => ({ json: c as never })),
		});
		expect(error).toBeUndefined();
		const [page] = output[0];
		expect(page.json).toMatchObject({
			counts: { total: 180, 'at risk': 20, watch: 26, healthy: 134 },
		});
		expect((page.json.atRisk as string[]).length).toBe(20);
		expect((page.json.expiring as string[]).length).toBeGreaterThan(20);
		expect(String(page.json.html)).toContain('<svg class="spark"');
	});

	it("the health alerts' read works over it: Instance → Get Many gives a customer's instances as staged", async () => {
		await seed();
		const state = emulator().state;
		const airgapped = [...state.instances.values()].find((i) => i.isAirgap)!;
		const [items] = await node.execute.call(
			context({
				parameters: {
					resource: 'instance',
					operation: 'getAll',
					customer: { __rl: true, mode: 'id', value: airgapped.customerId },
					includeArchived: false,
				},
			}),
		);
		const own = [...state.instances.values()].filter((i) => i.customerId === airgapped.customerId);
		expect(items.map((i) => i.json.instanceId)).toEqual(own.map((i) => i.instanceId));
		expect(items.find((i) => i.json.instanceId === airgapped.instanceId)?.json).toMatchObject({
			isAirgap: true,
			lastCheckInAt: airgapped.lastActive,
			versionLabel: airgapped.versionLabel,
			customerName: state.customers.get(airgapped.customerId)!.name,
		});
	});
});

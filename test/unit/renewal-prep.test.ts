import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { renewalBriefSchema } from '../../nodes/Replicated/schemas/health';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('Insight → Renewal Prep', () => {
	const { emulator, context, appId } = useEmulator();

	const prep = async (customer: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
		const [items] = await node.execute.call(
			context({
				parameters: {
					resource: 'insight',
					operation: 'renewalPrep',
					customer,
					periodDays: 365,
					options: {},
					...extra,
				},
			}),
		);
		return items;
	};

	it('tells the usage story of a customer found by Custom ID, as data and as Markdown', async () => {
		const state = emulator().state;
		const customer = state.addCustomer({
			appId: appId(),
			name: 'Vandelay Industries',
			customId: '001VANDELAY',
			type: 'prod',
			expiresAt: new Date(Date.now() + 45 * DAY).toISOString(),
			entitlements: [{ name: 'seats', value: '200' }],
		});
		Object.assign(customer.enterprise_portal, {
			first_invite_sent_at: '2026-01-10T09:00:00Z',
			access_granted_at: '2026-01-11T10:00:00Z',
			first_software_pulled_at: '2026-03-20T11:00:00Z',
		});
		const instance = state.addInstance(customer.id, {
			versionLabel: '2.3.2',
			createdAt: ago(300 * DAY),
			customMetrics: { active_users: 170 },
			versionHistory: [
				['2.3.1', '2026-08-01T00:00:00Z'],
				['2.3.2', '2026-09-05T00:00:00Z'],
			].map(([versionLabel, intervalStart], n) => ({
				instanceId: 'i',
				versionLabel,
				downstreamReleaseSequence: n,
				intervalStart,
				intervalLast: intervalStart,
			})),
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
		// Ready for 90 days but 10, with a 10-day degraded spell in between.
		point('appStatus', 'ready', 100 * DAY, false);
		point('appStatus', 'degraded', 60 * DAY, false);
		point('appStatus', 'ready', 50 * DAY, false);
		point('active_users', '100', 200 * DAY, true);
		point('active_users', '170', DAY, true);

		const [item] = await prep(
			{ __rl: true, mode: 'customId', value: '001VANDELAY' },
			{
				options: { usageLimits: { limit: [{ metric: 'active_users', entitlement: 'seats' }] } },
			},
		);
		const brief = renewalBriefSchema.parse(item.json);
		expect(brief).toEqual(item.json);
		expect(Object.keys(item.json)[0]).toBe('customId');
		expect(brief).toMatchObject({
			customId: '001VANDELAY',
			customerId: customer.id,
			licenseType: 'paid',
			channel: 'Stable',
			license: { daysToExpiry: expect.closeTo(45, 0), entitlements: { seats: 200 } },
			health: {
				// One version behind and ready again: nothing to worry about.
				riskLevel: 'healthy',
				reasons: [],
				readyPct: 90,
				hoursByStatus: { ready: 2160, degraded: 240 },
			},
			versions: {
				latestVersion: '2.4.0',
				current: [
					{ instanceId: instance.instanceId, version: '2.3.2', versionsBehind: 1, active: true },
				],
				upgradesInPeriod: [
					{
						instanceId: instance.instanceId,
						from: '2.3.1',
						to: '2.3.2',
						at: '2026-09-05T00:00:00Z',
					},
				],
			},
			instances: { total: 1, active: 1, airgapped: 0, newInPeriod: 1 },
			metrics: { active_users: { start: 100, latest: 170, changePct: 70 } },
			usage: [{ metric: 'active_users', entitlement: 'seats', used: 170, limit: 200, pct: 85 }],
			milestones: {
				invitedAt: '2026-01-10T09:00:00Z',
				accessGrantedAt: '2026-01-11T10:00:00Z',
				firstDownloadAt: '2026-03-20T11:00:00Z',
				confirmedRunningAt: instance.createdAt,
			},
		});
		expect(brief.health.expansionSignals).toEqual([
			'active_users up 70% in 365 days (100 → 170)',
			'active_users at 85% of the licensed 200 (seats)',
		]);
		expect(brief.markdown).toContain('## Renewal brief: Vandelay Industries');
		expect(brief.markdown).toContain('app ready 90% of the reported time in the last 365 days');
		expect(brief.markdown).toContain('| active\\_users | 100 | 170 | +70% |');
		expect(brief.markdown).toContain('| seats | 200 | 170 (active\\_users) | 85% |');
	});

	it('still briefs a customer with no instance: license, milestones, and why there is no usage', async () => {
		const customer = emulator().state.addCustomer({
			appId: appId(),
			name: 'Quiet Co',
			type: 'prod',
			expiresAt: new Date(Date.now() + 10 * DAY - HOUR).toISOString(),
		});
		const [item] = await prep({ __rl: true, mode: 'id', value: customer.id });
		const brief = renewalBriefSchema.parse(item.json);
		expect(brief.health.riskLevel).toBe('watch');
		expect(brief.health.reasons).toEqual([
			'No instance has reported yet',
			expect.stringMatching(/^License expires in 10 days/),
		]);
		expect(brief.instances.total).toBe(0);
		expect(brief.markdown).toContain('no instance');
	});

	it('names the customer it could not find', async () => {
		await expect(prep({ __rl: true, mode: 'customId', value: 'NOPE-1' })).rejects.toThrow(
			'No Replicated customer has Custom ID "NOPE-1"',
		);
	});
});

import {
	flattenMilestones,
	paidMilestones,
	recognize,
} from '../../nodes/Replicated/insights/milestones';
import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { emptyEnterprisePortal } from '../emulator/state';
import { useEmulator } from '../support/emulator-fixture';

const portal = {
	...emptyEnterprisePortal(),
	enabled: true,
	first_invite_sent_at: '2026-04-05T10:00:00Z',
	access_granted_at: '2026-04-06T09:00:00Z',
	access_granted_by: 'it@acme.example',
	access_method: 'invite',
	access_milestones: {
		trial: { access_granted_at: '2026-04-06T09:00:00Z', access_method: 'invite' },
		prod: { access_granted_at: '2026-05-01T12:00:00Z', access_method: 'invite' },
	},
	first_software_pulled_at: '2026-04-07T08:00:00Z',
	first_software_pulled_asset_type: 'helm_chart',
	first_software_pulled_asset_version: '2.3.0',
	last_software_pulled_at: '2026-06-01T08:00:00Z',
	last_software_pulled_asset_type: 'embedded_cluster_bundle',
	last_software_pulled_asset_version: '2.4.0',
	software_pull_milestones: {
		trial: {
			first_pulled_at: '2026-04-07T08:00:00Z',
			asset_type: 'helm_chart',
			asset_version: '2.3.0',
		},
		paid: {
			first_pulled_at: '2026-05-02T08:00:00Z',
			asset_type: 'helm_chart',
			asset_version: '2.4.0',
		},
	},
	total_active_users: 4,
};

describe('milestones (pure)', () => {
	const milestones = flattenMilestones(portal);

	it('flattens the lifecycle, reading both paid and prod map keys as paid', () => {
		expect(milestones).toEqual({
			enterprisePortalEnabled: true,
			invitedAt: '2026-04-05T10:00:00Z',
			accessGrantedAt: '2026-04-06T09:00:00Z',
			accessGrantedBy: 'it@acme.example',
			accessMethod: 'invite',
			accessGrantedAtByLicenseType: { trial: '2026-04-06T09:00:00Z', paid: '2026-05-01T12:00:00Z' },
			firstDownloadAt: '2026-04-07T08:00:00Z',
			firstDownloadAtByLicenseType: { trial: '2026-04-07T08:00:00Z', paid: '2026-05-02T08:00:00Z' },
			firstPulledAsset: { at: '2026-04-07T08:00:00Z', type: 'helm_chart', version: '2.3.0' },
			lastPulledAsset: {
				at: '2026-06-01T08:00:00Z',
				type: 'embedded_cluster_bundle',
				version: '2.4.0',
			},
			activeUsers: 4,
		});
	});

	it.each([
		['provisioned', 'paid', '2026-04-05T10:00:00Z', null],
		['firstAccess', 'paid', '2026-05-01T12:00:00Z', 'paidLicense'],
		['firstAccess', 'any', '2026-04-06T09:00:00Z', 'anyLicenseType'],
		['firstDownload', 'paid', '2026-05-02T08:00:00Z', 'paidLicense'],
		['firstDownload', 'any', '2026-04-07T08:00:00Z', 'anyLicenseType'],
	] as const)('recognises %s (%s) at %s', (policy, licenseType, expected, basis) => {
		expect(recognize(milestones, policy, { licenseType })).toEqual({
			recognitionPolicy: policy,
			recognizedAt: expected,
			recognitionBasis: basis,
			recognitionHint: null,
		});
	});

	it('uses the confirmed-running date it is given', () => {
		expect(
			recognize(milestones, 'confirmedRunning', { confirmedRunningAt: '2026-02-03T00:00:00Z' })
				.recognizedAt,
		).toBe('2026-02-03T00:00:00Z');
	});

	it('never invents a milestone: absent ones are null, with a hint for the recognition date', () => {
		const none = flattenMilestones(null);
		expect(Object.values(none).filter((v) => v !== null && typeof v !== 'object')).toEqual([]);
		for (const policy of [
			'provisioned',
			'firstAccess',
			'firstDownload',
			'confirmedRunning',
		] as const) {
			const r = recognize(none, policy);
			expect(r.recognizedAt).toBeNull();
			expect(r.recognitionHint).toEqual(expect.any(String));
		}
		expect(recognize(none, 'confirmedRunning').recognitionHint).toContain('instance.ready');
	});

	it('treats a trial-only history as not yet recognised under the paid-only rule', () => {
		const trialOnly = flattenMilestones({
			...portal,
			access_milestones: { trial: portal.access_milestones.trial },
			software_pull_milestones: {},
		});
		expect(recognize(trialOnly, 'firstAccess').recognizedAt).toBeNull();
		expect(recognize(trialOnly, 'firstAccess', { licenseType: 'any' }).recognizedAt).toBe(
			'2026-04-06T09:00:00Z',
		);
	});
});

describe('paid milestones before per-license-type tracking began (2026-03-27)', () => {
	// What Replicated records for a customer that became paid in January and used the portal and
	// pulled software in February: no per-license-type entry (those start on 2026-03-27) and no
	// first-pull date (first pulls are recorded from 2026-03-18).
	const early = flattenMilestones({
		...emptyEnterprisePortal(),
		enabled: true,
		first_invite_sent_at: '2026-02-09T10:00:00Z',
		access_granted_at: '2026-02-10T09:00:00Z',
		last_software_pulled_at: '2026-05-01T08:00:00Z',
		last_software_pulled_asset_type: 'helm_chart',
		last_software_pulled_asset_version: '2.4.0',
	});

	it('says the paid date is unknown instead of "nobody has", and how to take the fallback', () => {
		expect(paidMilestones(early, { isPaid: true })).toEqual({
			firstAccess: {
				at: null,
				basis: null,
				beforeTracking: true,
				note: 'The first access to the Enterprise Portal (2026-02-10) predates 2026-03-27, when Replicated began recording it per license type: whether it was on a paid license is not known. Choose "Use Any License Type" under Paid Milestones Before Tracking to take 2026-02-10.',
			},
			firstDownload: {
				at: null,
				basis: null,
				beforeTracking: true,
				note: 'Software was pulled before 2026-03-18, when Replicated began recording first pulls: the date of the first paid download is not known.',
			},
		});
		const recognition = recognize(early, 'firstAccess', {
			paid: paidMilestones(early, { isPaid: true }),
		});
		expect(recognition).toMatchObject({ recognizedAt: null, recognitionBasis: null });
		expect(recognition.recognitionHint).not.toMatch(/nobody/i);
		expect(recognition.recognitionHint).toContain('predates 2026-03-27');
	});

	it('takes the date of any license type, labelled, when the user chooses the fallback', () => {
		const paid = paidMilestones(early, { isPaid: true, beforeTracking: 'anyLicenseType' });
		expect(paid.firstAccess).toEqual({
			at: '2026-02-10T09:00:00Z',
			basis: 'anyLicenseTypeBeforeTracking',
			beforeTracking: true,
			note: 'Fallback chosen: the first access to the Enterprise Portal of any license type. The first access to the Enterprise Portal (2026-02-10) predates 2026-03-27, when Replicated began recording it per license type: whether it was on a paid license is not known.',
		});
		// No first-pull date exists to fall back on.
		expect(paid.firstDownload.at).toBeNull();
		expect(recognize(early, 'firstAccess', { paid })).toEqual({
			recognitionPolicy: 'firstAccess',
			recognizedAt: '2026-02-10T09:00:00Z',
			recognitionBasis: 'anyLicenseTypeBeforeTracking',
			recognitionHint: null,
		});
	});

	it('a first pull recorded between 2026-03-18 and 2026-03-27 is a fallback for the paid one', () => {
		const pulled = flattenMilestones({
			...emptyEnterprisePortal(),
			first_software_pulled_at: '2026-03-20T08:00:00Z',
			first_software_pulled_asset_type: 'helm_chart',
			first_software_pulled_asset_version: '2.3.0',
		});
		expect(paidMilestones(pulled, { isPaid: true }).firstDownload.note).toBe(
			'The first software download (2026-03-20) predates 2026-03-27, when Replicated began recording it per license type: whether it was on a paid license is not known. Choose "Use Any License Type" under Paid Milestones Before Tracking to take 2026-03-20.',
		);
		expect(
			paidMilestones(pulled, { isPaid: true, beforeTracking: 'anyLicenseType' }).firstDownload,
		).toMatchObject({ at: '2026-03-20T08:00:00Z', basis: 'anyLicenseTypeBeforeTracking' });
	});

	it('keeps a recorded paid date, noting that an earlier paid one would not be recorded', () => {
		const both = flattenMilestones({
			...emptyEnterprisePortal(),
			access_granted_at: '2026-02-10T09:00:00Z',
			access_milestones: {
				paid: { access_granted_at: '2026-04-02T09:00:00Z', access_method: 'invite' },
			},
		});
		expect(paidMilestones(both, { isPaid: true }).firstAccess).toEqual({
			at: '2026-04-02T09:00:00Z',
			basis: 'paidLicense',
			beforeTracking: true,
			note: 'The first access to the Enterprise Portal of any license type (2026-02-10) predates 2026-03-27, when Replicated began recording it per license type: an earlier paid one would not be recorded.',
		});
	});

	it('a customer that is not paid has no paid milestone to miss: "nobody has" holds', () => {
		expect(paidMilestones(early, { isPaid: false }).firstAccess).toEqual({
			at: null,
			basis: null,
			beforeTracking: false,
			note: 'Nobody has accessed the Enterprise Portal on a paid license yet.',
		});
		// After tracking began, a paid customer with only a trial access has not accessed on paid.
		const afterwards = flattenMilestones({
			...emptyEnterprisePortal(),
			access_granted_at: '2026-04-10T09:00:00Z',
			access_milestones: {
				trial: { access_granted_at: '2026-04-10T09:00:00Z', access_method: 'invite' },
			},
		});
		expect(paidMilestones(afterwards, { isPaid: true }).firstAccess.note).toBe(
			'Nobody has accessed the Enterprise Portal on a paid license yet.',
		);
	});
});

describe('Replicated node: Milestone → Get', () => {
	const { emulator, context, appId } = useEmulator();
	const node = new Replicated();
	const customer = () => [...emulator().state.customers.values()].find((c) => c.type === 'prod')!;

	const get = (parameters: Record<string, unknown>) =>
		node.execute.call(
			context({
				parameters: {
					resource: 'milestone',
					operation: 'get',
					customer: { __rl: true, mode: 'customId', value: customer().customId },
					policy: 'firstAccess',
					recognitionLicenseType: 'paid',
					options: {},
					...parameters,
				},
			}),
		);

	it('returns the flattened milestones with the date of the chosen policy', async () => {
		Object.assign(customer().enterprise_portal, portal);
		const [[item]] = await get({ policy: 'firstDownload' });
		expect(item.json).toMatchObject({
			customId: customer().customId,
			customerId: customer().id,
			licenseType: 'paid',
			recognitionPolicy: 'firstDownload',
			recognizedAt: '2026-05-02T08:00:00Z',
			recognitionBasis: 'paidLicense',
			invitedAt: '2026-04-05T10:00:00Z',
			activeUsers: 4,
		});
	});

	it('a paid customer whose portal use predates per-license-type tracking: said, not "nobody"', async () => {
		// What happened (staged as events): paid since January, first access on 2026-02-10 on that paid
		// license. Replicated, like the emulator, has no per-license-type record of it.
		Object.assign(customer().enterprise_portal, {
			enabled: true,
			first_invite_sent_at: '2026-02-09T10:00:00Z',
			access_granted_at: '2026-02-10T09:00:00Z',
			access_milestones: {
				prod: { access_granted_at: '2026-02-10T09:00:00Z', access_method: 'invite' },
			},
		});
		const [[item]] = await get({ options: { confirmedRunning: false } });
		expect(item.json).toMatchObject({
			recognitionPolicy: 'firstAccess',
			recognizedAt: null,
			recognitionBasis: null,
			accessGrantedAt: '2026-02-10T09:00:00Z',
			accessGrantedAtByLicenseType: {},
		});
		expect(item.json.recognitionHint).toBe(
			'The first access to the Enterprise Portal (2026-02-10) predates 2026-03-27, when Replicated began recording it per license type: whether it was on a paid license is not known. Choose "Use Any License Type" under Paid Milestones Before Tracking to take 2026-02-10.',
		);
		expect(item.json.paidMilestones).toEqual({
			firstAccess: {
				at: null,
				basis: null,
				beforeTracking: true,
				note: item.json.recognitionHint,
			},
			firstDownload: {
				at: null,
				basis: null,
				beforeTracking: false,
				note: 'No software has been pulled on a paid license yet (pulls before 2026-03-18 are not tracked).',
			},
		});

		const [[fallback]] = await get({
			options: { confirmedRunning: false, beforeTracking: 'anyLicenseType' },
		});
		expect(fallback.json).toMatchObject({
			recognizedAt: '2026-02-10T09:00:00Z',
			recognitionBasis: 'anyLicenseTypeBeforeTracking',
			recognitionHint: null,
			paidMilestones: {
				firstAccess: { at: '2026-02-10T09:00:00Z', basis: 'anyLicenseTypeBeforeTracking' },
			},
		});
	});

	it('finds Confirmed Running in the instance event series', async () => {
		const c = customer();
		const instance = [...emulator().state.instances.values()].find((i) => i.customerId === c.id)!;
		emulator().state.events.push(
			{
				appId: appId(),
				customerId: c.id,
				instanceId: instance.instanceId,
				fieldName: 'appStatus',
				isCustom: false,
				newValue: 'degraded',
				previousValue: 'missing',
				reportedAt: '2026-02-04T10:00:00Z',
			},
			{
				appId: appId(),
				customerId: c.id,
				instanceId: instance.instanceId,
				fieldName: 'appStatus',
				isCustom: false,
				newValue: 'ready',
				previousValue: 'degraded',
				reportedAt: '2026-02-04T11:00:00Z',
			},
			{
				appId: appId(),
				customerId: c.id,
				instanceId: instance.instanceId,
				fieldName: 'appStatus',
				isCustom: false,
				newValue: 'ready',
				previousValue: 'updating',
				reportedAt: '2026-03-01T00:00:00Z',
			},
		);
		const [[item]] = await get({ policy: 'confirmedRunning' });
		expect(item.json).toMatchObject({
			recognizedAt: '2026-02-04T11:00:00Z',
			confirmedRunningAt: '2026-02-04T11:00:00Z',
			recognitionHint: null,
		});
	});

	it('reads "Ready" in the event series as ready (the case is not documented)', async () => {
		const c = customer();
		const instance = [...emulator().state.instances.values()].find((i) => i.customerId === c.id)!;
		emulator().state.events.push({
			appId: appId(),
			customerId: c.id,
			instanceId: instance.instanceId,
			fieldName: 'appStatus',
			isCustom: false,
			newValue: 'Ready',
			previousValue: 'Degraded',
			reportedAt: '2026-02-04T11:00:00Z',
		});
		const [[item]] = await get({ policy: 'confirmedRunning' });
		expect(item.json).toMatchObject({ recognizedAt: '2026-02-04T11:00:00Z' });
	});

	it("falls back to the export's instance_first_ready_at when there are no events", async () => {
		const [[item]] = await get({ policy: 'confirmedRunning' });
		const instance = [...emulator().state.instances.values()].find(
			(i) => i.customerId === customer().id,
		)!;
		expect(item.json.recognizedAt).toBe(instance.createdAt);
	});

	it('answers null with a hint when no instance was ever ready', async () => {
		for (const instance of emulator().state.instances.values()) instance.appStatus = 'unavailable';
		const [[item]] = await get({ policy: 'confirmedRunning' });
		expect(item.json).toMatchObject({ recognizedAt: null, confirmedRunningAt: null });
		expect(item.json.recognitionHint).toContain('instance.ready');
	});

	it('reads every Enterprise Portal user of the customer, page by page (150 here)', async () => {
		for (let n = 0; n < 150; n++)
			emulator().state.addCustomerUser(customer().id, {
				emailAddress: `user${n}@airplane.example`,
			});
		const [[item]] = await get({ options: { includeUsers: true, confirmedRunning: false } });
		const users = item.json.users as Array<{ email: string }>;
		expect(users).toHaveLength(150);
		expect(new Set(users.map((u) => u.email)).size).toBe(150);
	});

	it('adds per-user detail when asked', async () => {
		emulator().state.customerUsers.set('u1', {
			id: 'u1',
			appId: appId(),
			customerId: customer().id,
			customerName: customer().name,
			emailAddress: 'ops@airplane.example',
			role: 'admin',
			invitedAt: '2026-01-05T10:00:00Z',
			firstAccessedAt: '2026-01-06T09:00:00Z',
			lastAccessedAt: '2026-03-01T09:00:00Z',
			pendingInvite: false,
			viewCount: 12,
		});
		const [[item]] = await get({ options: { includeUsers: true, confirmedRunning: false } });
		expect(item.json.users).toEqual([
			{
				email: 'ops@airplane.example',
				role: 'admin',
				invitedAt: '2026-01-05T10:00:00Z',
				firstAccessedAt: '2026-01-06T09:00:00Z',
				lastAccessedAt: '2026-03-01T09:00:00Z',
				pendingInvite: false,
				viewCount: 12,
			},
		]);
		expect(item.json).not.toHaveProperty('confirmedRunningAt');
	});
});

import type { CrmAdapter } from '../../../scripts/templates/crm/adapter';
import type { CrmCall } from '../../fakes/crm-proxy';
import { type CrmView, linkedCustomer } from '../../support/views';
import type { Execution, TemplateRig } from '../../support/template-rig';

/**
 * Each CRM's exact requests for a scenario, beside the CRM-neutral assertions: the calls it made
 * (to its host, from the scenario's start) and the records involved.
 */
export interface LifecycleRequests {
	signup(made: CrmCall[]): void;
	signupAgain(made: CrmCall[], leadEmail: string): void;
	join(made: CrmCall[], ids: { customerId: string; accountId: string }): void;
	engagement(made: CrmCall[], accountId: string): void;
	milestones(made: CrmCall[], dealId: string): void;
	onboarding(made: CrmCall[], accountId: string): void;
	dealWonWriteBacks(made: CrmCall[], dealIds: string[]): void;
}

/** How a deal is won in the CRM: its own trigger (polling, a developer app, a signed webhook). */
export interface DealWonDriver {
	/** An account with an open deal whose license end is 2027-12-31. */
	deal(name: string): { accountId: string; dealId: string };
	/**
	 * A rep wins the deals. Resolves with the flow's executions: one per win, and one per repeat
	 * (the echo of the write-back, or the CRM delivering the change again) that must do nothing.
	 */
	win(dealIds: string[]): Promise<Execution[]>;
	/** The deal ID of an item that reached Nothing to Do (what the CRM's Get Deal returned). */
	dealOf(item: Record<string, unknown>): string;
}

/** Payload fields no Replicated source confirms for instance.ready: the task must read well without them. */
const WITHOUT_UNCONFIRMED = {
	status: undefined,
	app_version: undefined,
	cloud_provider: undefined,
	k8s_distribution: undefined,
};

/**
 * The customer-lifecycle templates, specified once and run against each CRM's fake (in that CRM's
 * template rig): what the CRM holds afterwards, read through the CRM view, plus each CRM's exact
 * requests.
 */
export function describeCrmLifecycle(
	crm: CrmAdapter,
	setup: {
		rig: () => TemplateRig;
		view: CrmView;
		requests: LifecycleRequests;
		dealWon: DealWonDriver;
	},
): void {
	const { view, requests } = setup;
	const rig = () => setup.rig();
	const appId = () => [...rig().emulator.state.apps.keys()][0];
	const calls = () => rig().proxy.calls.filter((c) => c.host === view.host);
	const replicatedWrites = () =>
		rig().emulator.requests.filter((r) => r.method !== 'GET' && r.path !== '/v3/customers/search');
	/** Delivers a signed event to the template and waits for the execution it starts. */
	const run = async (
		slug: string,
		event: string,
		context: Parameters<TemplateRig['deliver']>[2] = {},
		data?: Record<string, unknown>,
	): Promise<Execution> => {
		const count = (await rig().executions(slug)).length;
		expect((await rig().deliver(slug, event, context, data)).status).toBe(200);
		const [latest] = await rig().settled(slug, count + 1);
		return latest;
	};
	const linked = (name: string, ownerEmail?: string) =>
		linkedCustomer(rig(), view, name, { ownerEmail });

	describe(`${crm.tag} lifecycle: signup-to-lead`, () => {
		const slug = 'signup-to-lead';
		const jane = () => view.leads().filter((l) => l.email === 'jane.doe@initech.example');

		it('makes the lead from a trial signup, with the signup fields mapped and source "Self-serve trial"', async () => {
			const before = calls().length;
			expect(rig().outcome(await run(slug, 'customer.pending_signup'))).toBe('success');
			expect(jane()).toEqual([
				{
					email: 'jane.doe@initech.example',
					firstName: 'Jane',
					lastName: 'Doe',
					title: 'Platform Lead',
					companySize: '201-500',
					useCase: 'Self-hosted analytics',
					source: 'Self-serve trial',
					description: expect.stringContaining('signed_up_at:'),
				},
			]);
			requests.signup(calls().slice(before));
		});

		it('updates the same lead when the same person signs up again', async () => {
			const before = calls().length;
			const again = await run(slug, 'customer.pending_signup', {}, { job_title: 'VP Platform' });
			expect(rig().outcome(again)).toBe('success');
			expect(jane().map((l) => l.title)).toEqual(['VP Platform']);
			requests.signupAgain(calls().slice(before), 'jane.doe@initech.example');
		});

		it(`keeps the event in a failed execution when ${crm.tag} keeps refusing the write`, async () => {
			const { method, path } = view.leadWrite;
			for (let i = 0; i < 3; i++) rig().proxy.failNext(method, path, 503);
			const before = calls().length;
			const failed = await run(
				slug,
				'customer.pending_signup',
				{},
				{ email: 'sam@hooli.example', first_name: 'Sam' },
			);
			expect(failed.status).toBe('error');
			expect(rig().output(failed, 'Replicated Trigger')[0]).toMatchObject({
				event: 'customer.pending_signup',
				data: expect.objectContaining({ email: 'sam@hooli.example' }),
			});
			const refused = calls()
				.slice(before)
				.filter((c) => c.method === method && path.test(c.path));
			expect(refused.map((c) => c.status)).toEqual([503, 503, 503]);
			expect(view.leads().filter((l) => l.email === 'sam@hooli.example')).toEqual([]);
		});
	});

	describe(`${crm.tag} lifecycle: ${crm.accountFromNewCustomer.slug}`, () => {
		const slug = crm.accountFromNewCustomer.slug;

		it('makes a new customer an account with the Replicated fields and a deal, links its contact, and stamps the account ID back as Custom ID', async () => {
			const customer = rig().emulator.state.addCustomer({
				appId: appId(),
				name: 'Soylent Corp',
				email: 'it@soylent.example',
				type: 'trial',
				expiresAt: '2027-01-31T00:00:00Z',
			});
			const before = calls().length;
			const made = await run(slug, 'customer.created', {
				customerId: customer.id,
				customerName: customer.name,
			});
			expect(rig().outcome(made)).toBe('success');
			const account = view.accountNamed('Soylent Corp')!;
			expect(account).toEqual({
				id: expect.any(String),
				name: 'Soylent Corp',
				replicatedCustomerId: customer.id,
				licenseType: 'trial',
				channel: 'Stable',
				licenseExpires: '2027-01-31',
			});
			expect(view.deals(account.id)).toEqual(['Soylent Corp (Replicated)']);
			expect(view.contacts(account.id)).toEqual(
				view.contactWithoutLead ? ['it@soylent.example'] : [],
			);
			expect(rig().emulator.state.customers.get(customer.id)!.customId).toBe(account.id);
			requests.join(calls().slice(before), { customerId: customer.id, accountId: account.id });
		});

		it(`leaves customers that already have a Custom ID alone (created from ${crm.tag}: no loop)`, async () => {
			const { customer } = linked('Already Linked Co');
			const before = calls().length;
			const skipped = await run(slug, 'customer.created', {
				customerId: customer.id,
				customerName: customer.name,
			});
			expect(rig().outcome(skipped)).toBe('success');
			expect(rig().output(skipped, `Already in ${crm.tag}`)).toHaveLength(1);
			expect(calls().slice(before)).toEqual([]);
		});
	});

	describe(`${crm.tag} lifecycle: engagement-to-activity`, () => {
		const slug = 'engagement-to-activity';

		it('logs the engagement on the account found by Custom ID', async () => {
			const { accountId, customer } = linked('Initech Engaged');
			const before = calls().length;
			const logged = await run(slug, 'instance.upgrade_completed', {
				customerId: customer.id,
				customerName: customer.name,
			});
			expect(rig().outcome(logged)).toBe('success');
			const [activity, ...more] = view.activities(accountId);
			expect(more).toEqual([]);
			expect(activity.title).toBe('Replicated: instance.upgrade_completed');
			expect(activity.body).toMatch(/^.+\nApp: Acme Platform\nInstance \S+ on 2\.4\.0$/);
			requests.engagement(calls().slice(before), accountId);
		});

		it(`skips customers not linked to ${crm.tag} yet`, async () => {
			const unlinked = rig().emulator.state.addCustomer({
				appId: appId(),
				name: 'Nobody Yet',
				type: 'trial',
			});
			const before = calls().length;
			const skipped = await run(slug, 'release.asset_downloaded', { customerId: unlinked.id });
			expect(rig().outcome(skipped)).toBe('success');
			expect(rig().output(skipped, crm.notLinkedName)).toHaveLength(1);
			expect(calls().slice(before)).toEqual([]);
		});
	});

	describe(`${crm.tag} lifecycle: deal-won-to-license`, () => {
		it('provisions each won deal once: create for a new account, convert for a trial, one write-back each, and repeats change nothing', async () => {
			const globex = setup.dealWon.deal('Globex');
			const hooli = setup.dealWon.deal('Hooli');
			const trial = rig().emulator.state.addCustomer({
				appId: appId(),
				name: 'Hooli',
				customId: hooli.accountId,
				type: 'trial',
				expiresAt: '2026-12-15T00:00:00Z',
			});
			const writesBefore = replicatedWrites().length;
			const before = calls().length;
			const runs = await setup.dealWon.win([globex.dealId, hooli.dealId]);
			expect(runs.map((r) => rig().outcome(r))).toEqual(runs.map(() => 'success'));
			const repeats = runs.flatMap((r) => rig().output(r, 'Nothing to Do'));
			expect(repeats.map((item) => setup.dealWon.dealOf(item)).sort()).toEqual(
				[globex.dealId, hooli.dealId].sort(),
			);

			const writes = replicatedWrites().slice(writesBefore);
			expect(writes.map((w) => `${w.method} ${w.path}`).sort()).toEqual(
				['POST /v3/customer', `PATCH /v3/customer/${trial.id}`].sort(),
			);
			expect(writes.find((w) => w.method === 'POST')!.body).toMatchObject({
				name: 'Globex',
				custom_id: globex.accountId,
				type: 'prod',
				app_id: appId(),
			});
			expect(writes.find((w) => w.method === 'PATCH')!.body).toMatchObject({
				type: 'prod',
				expires_at: expect.stringMatching(/^2027-12-31/),
			});
			const created = [...rig().emulator.state.customers.values()].find(
				(c) => c.customId === globex.accountId,
			)!;
			expect(view.dealState(globex.dealId)).toEqual({
				replicatedCustomerId: created.id,
				licenseState: 'paid until 2027-12-31',
			});
			expect(view.dealState(hooli.dealId)).toEqual({
				replicatedCustomerId: trial.id,
				licenseState: 'paid until 2027-12-31',
			});
			requests.dealWonWriteBacks(calls().slice(before), [globex.dealId, hooli.dealId]);
		}, 240_000);
	});

	describe(`${crm.tag} lifecycle: milestones-to-revenue`, () => {
		const slug = 'milestones-to-revenue';

		it('writes the revenue dates still empty on the won deal, and never changes a set one', async () => {
			const { accountId, customer } = linked('Vandelay');
			const dealId = view.wonDeal(accountId, { firstAccess: '2026-03-01T00:00:00Z' });
			Object.assign(customer.enterprise_portal, {
				first_invite_sent_at: '2026-02-20T09:00:00Z',
				access_granted_at: '2026-02-21T10:00:00Z',
				access_milestones: {
					prod: { access_granted_at: '2026-02-21T10:00:00Z', access_method: 'invite' },
				},
			});
			const before = calls().length;
			const first = await run(slug, 'customer.ep_access_granted', {
				customerId: customer.id,
				customerName: customer.name,
			});
			expect(rig().outcome(first)).toBe('success');
			// First access was already set: only the invite date is new.
			expect(view.revenueDates(dealId)).toEqual({
				provisioned: '2026-02-20T09:00:00Z',
				firstAccess: '2026-03-01T00:00:00Z',
			});
			requests.milestones(calls().slice(before), dealId);

			const again = await run(slug, 'customer.ep_invite_sent', {
				customerId: customer.id,
				customerName: customer.name,
			});
			expect(rig().outcome(again)).toBe('success');
			expect(
				calls()
					.slice(before)
					.filter((c) => c.method === 'PATCH'),
			).toHaveLength(1);
		});

		it('a paid first access from before per-license-type tracking: no date, the reason on the deal', async () => {
			const { accountId, customer } = linked('Kramerica');
			const dealId = view.wonDeal(accountId, {});
			// Paid since January, first access in February: Replicated records access per license type
			// only since 2026-03-27, so its map has no paid entry (the emulator drops the staged one).
			Object.assign(customer.enterprise_portal, {
				first_invite_sent_at: '2026-02-09T10:00:00Z',
				access_granted_at: '2026-02-10T09:00:00Z',
				access_milestones: {
					prod: { access_granted_at: '2026-02-10T09:00:00Z', access_method: 'invite' },
				},
			});
			const before = calls().length;
			const first = await run(slug, 'customer.ep_access_granted', {
				customerId: customer.id,
				customerName: customer.name,
			});
			expect(rig().outcome(first)).toBe('success');
			expect(view.revenueDates(dealId)).toEqual({ provisioned: '2026-02-09T10:00:00Z' });
			expect(view.revenueNote(dealId)).toBe(
				'First access: The first access to the Enterprise Portal (2026-02-10) predates 2026-03-27, when Replicated began recording it per license type: whether it was on a paid license is not known. Choose "Use Any License Type" under Paid Milestones Before Tracking to take 2026-02-10.',
			);
			// Another milestone event: nothing new to write, so nothing is written. (The same event
			// again within a second would be the same body, which the trigger's duplicate check drops.)
			const again = await run(slug, 'customer.ep_invite_sent', {
				customerId: customer.id,
				customerName: customer.name,
			});
			expect(rig().outcome(again)).toBe('success');
			expect(
				calls()
					.slice(before)
					.filter((c) => c.method === 'PATCH'),
			).toHaveLength(1);
		});
	});

	describe(`${crm.tag} lifecycle: instance-ready-onboarding`, () => {
		const slug = 'instance-ready-onboarding';

		it("opens an onboarding task for the account's owner, with the install details", async () => {
			const { accountId, customer } = linked('Wonka Industries', 'willy.owner@vendor.example');
			const before = calls().length;
			const first = await run(slug, 'instance.ready', {
				customerId: customer.id,
				customerName: customer.name,
			});
			expect(rig().outcome(first)).toBe('success');
			const [task, ...more] = view.tasks(accountId);
			expect(more).toEqual([]);
			expect(task).toMatchObject({
				subject: 'Onboard Wonka Industries: first instance is running',
				ownerEmail: 'willy.owner@vendor.example',
				open: true,
			});
			if (view.hasTaskPriority) expect(task.priority).toBe('High');
			expect(task.body).toMatch(
				/^Instance \S+ is ready on 2\.4\.0 of Acme Platform\.\nCloud: aws\nKubernetes: \S+\nLicense: paid$/,
			);
			requests.onboarding(calls().slice(before), accountId);

			// The same without the payload fields no Replicated source confirms.
			const second = await run(
				slug,
				'instance.ready',
				{ customerId: customer.id, customerName: customer.name, instanceId: 'inst-without-fields' },
				WITHOUT_UNCONFIRMED,
			);
			expect(rig().outcome(second)).toBe('success');
			expect(view.tasks(accountId).map((t) => t.body)).toEqual([
				task.body,
				'Instance inst-without-fields of Acme Platform is ready.\nLicense: paid',
			]);
		});
	});
}

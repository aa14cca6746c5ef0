import type { CrmAdapter } from '../../../scripts/templates/crm/adapter';
import { FULFILLMENT_SLUG } from '../../../scripts/templates/flows/fulfillment';
import { licenseYaml } from '../../emulator/license-file';
import type { CrmCall } from '../../fakes/crm-proxy';
import type { SmtpSink } from '../../fakes/smtp-sink';
import type { FulfillmentView, SeedOrder } from '../../support/views';
import type { Execution, TemplateRig } from '../../support/template-rig';

const SUBJECT = 'Your Acme Platform license and installation instructions';

/**
 * The fulfillment template, specified once and run against each CRM's fake: a catalogue of
 * products with their Replicated fields, orders (deals) made of them, and what Replicated, the CRM
 * record and the customer's inbox hold afterwards, byte for byte.
 */
export function describeCrmFulfillment(
	crm: CrmAdapter,
	setup: {
		rig: () => TemplateRig;
		smtp: () => SmtpSink;
		view: FulfillmentView;
		/** The CRM's exact requests for a run that fulfilled these orders (in this order). */
		requests: (made: CrmCall[], orders: Array<{ recordId: string; accountId: string }>) => void;
	},
): void {
	const { view } = setup;
	const rig = () => setup.rig();
	const appId = () => [...rig().emulator.state.apps.keys()][0];
	const replicatedWrites = () =>
		rig().emulator.requests.filter((r) => r.method !== 'GET' && r.path !== '/v3/customers/search');
	const crmWrites = () =>
		rig().proxy.calls.filter(
			(c) =>
				c.host === view.host &&
				c.method !== 'GET' &&
				!/\/(query|search|batch\/read)$/.test(c.path) &&
				!/records\/query$/.test(c.path),
		);
	/** Runs the template now, as "Execute workflow" does, and waits for the run. */
	const runNow = async (): Promise<Execution> => {
		const count = (await rig().executions(FULFILLMENT_SLUG)).length;
		await rig().run(FULFILLMENT_SLUG, 'Every 5 Minutes');
		const [latest] = await rig().settled(FULFILLMENT_SLUG, count + 1, 90_000);
		return latest;
	};
	const customerOf = (accountId: string) =>
		[...rig().emulator.state.customers.values()].find((c) => c.customId === accountId);
	const mailsTo = (email: string) => setup.smtp().messages.filter((m) => m.to.includes(email));

	const order = (account: string, lines: SeedOrder['lines'], contact = true): SeedOrder => ({
		account,
		contact: contact
			? { email: `it@${account.toLowerCase().replace(/\W+/g, '')}.example`, firstName: 'Pat' }
			: null,
		lines,
		contractEnd: '2027-12-31',
	});

	describe(`${crm.tag} fulfillment: ${FULFILLMENT_SLUG}`, () => {
		let initrode: { recordId: string; accountId: string };
		let hooli: { recordId: string; accountId: string };

		beforeAll(() => {
			view.product({
				name: 'Acme Platform Enterprise',
				isAddOn: false,
				app: 'acme-platform',
				channel: 'Beta',
				termMonths: 12,
				quantityEntitlement: 'seats',
				entitlements: { tier: 'enterprise', sso_enabled: true },
				installOptions: {
					is_helm_install_enabled: true,
					is_kots_install_enabled: true,
					is_embedded_cluster_download_enabled: true,
				},
			});
			view.product({ name: 'User Pack', isAddOn: true, entitlements: { seats: 25 } });
			view.product({
				name: 'Air Gap',
				isAddOn: true,
				installOptions: { is_airgap_enabled: true },
			});
		});

		it('fulfils each ready order from its products: the license, its file and instructions on the record and in the email, byte for byte, and the record marked', async () => {
			initrode = view.order(
				order('Initrode', [
					{ product: 'Acme Platform Enterprise', quantity: 100 },
					{ product: 'User Pack', quantity: 2 },
					{ product: 'Air Gap', quantity: 1 },
				]),
			);
			hooli = view.order(order('Hooli', [{ product: 'Acme Platform Enterprise', quantity: 50 }]));
			const trial = rig().emulator.state.addCustomer({
				appId: appId(),
				name: 'Hooli',
				customId: hooli.accountId,
				email: 'it@hooli.example',
				type: 'trial',
				expiresAt: '2026-12-31T00:00:00Z',
			});
			const writesBefore = replicatedWrites().length;
			const callsBefore = rig().proxy.calls.length;

			const run = await runNow();
			expect(rig().outcome(run)).toBe('success');
			setup.requests(
				rig()
					.proxy.calls.slice(callsBefore)
					.filter((c) => c.host === view.host),
				[initrode, hooli],
			);

			// Replicated: one customer created, the trial converted, each with the products' terms.
			const writes = replicatedWrites().slice(writesBefore);
			expect(writes.map((w) => `${w.method} ${w.path}`).sort()).toEqual(
				['POST /v3/customer', `PATCH /v3/customer/${trial.id}`].sort(),
			);
			const created = customerOf(initrode.accountId)!;
			const beta = rig().emulator.state.appChannels(appId())[1];
			expect(created).toMatchObject({
				name: 'Initrode',
				email: 'it@initrode.example',
				type: 'prod',
				expiresAt: expect.stringMatching(/^2027-12-31/),
				isHelmInstallEnabled: true,
				isKotsInstallEnabled: true,
				isEmbeddedClusterDownloadEnabled: true,
				airgap: true,
			});
			expect(created.channels.map((c) => c.id)).toEqual([beta.id]);
			const values = (c: typeof created) =>
				Object.fromEntries(c.entitlements.map((e) => [e.name, e.value]));
			expect(values(created)).toEqual({ seats: '150', tier: 'enterprise', sso_enabled: 'true' });
			const converted = rig().emulator.state.customers.get(trial.id)!;
			expect(converted).toMatchObject({ type: 'prod', airgap: false });
			expect(converted.expiresAt).toMatch(/^2027-12-31/);
			expect(values(converted)).toEqual({ seats: '50', tier: 'enterprise', sso_enabled: 'true' });

			// The record and the inbox: the same two files, the license as Replicated serves it.
			const app = rig().emulator.state.apps.get(appId())!;
			for (const [deal, customer, email] of [
				[initrode, created, 'it@initrode.example'],
				[hooli, converted, 'it@hooli.example'],
			] as const) {
				const license = Buffer.from(licenseYaml(app, customer));
				const fileName = `${customer.name.toLowerCase()}-acme-platform-license.yaml`;
				const files = view.files(deal.recordId);
				expect(files.map((f) => f.name).sort()).toEqual(
					[fileName, 'install-acme-platform.html'].sort(),
				);
				expect(files.find((f) => f.name === fileName)!.bytes.equals(license)).toBe(true);
				const page = files.find((f) => f.name === 'install-acme-platform.html')!.bytes;

				const [mail, ...more] = mailsTo(email);
				expect(more).toEqual([]);
				expect(mail.subject).toBe(SUBJECT);
				expect(mail.from).toBe('licensing@acme.example');
				expect(mail.attachments.map((a) => a.filename).sort()).toEqual(
					[fileName, 'install-acme-platform.html'].sort(),
				);
				expect(mail.attachments.find((a) => a.filename === fileName)!.content.equals(license)).toBe(
					true,
				);
				expect(
					mail.attachments.find((a) => a.filename === 'install-acme-platform.html')!.content,
				).toEqual(page);
				expect(mail.html).toContain('<p>Hello Pat,</p>');
				expect(mail.html).toContain(
					`helm registry login registry.replicated.com --username ${email} --password ${customer.installationId}`,
				);
				expect(page.toString('utf8')).toContain(
					'helm install acme-platform oci://registry.replicated.com/acme-platform/beta/acme-platform',
				);
				expect(view.state(deal.recordId)).toEqual({
					customerId: customer.id,
					licenseState: 'paid until 2027-12-31',
					fulfilled: true,
					error: '',
				});
			}
			// Air gap only where an add-on bought it: the Embedded Cluster bundle (its URL quoted for
			// the ?), and KOTS's steps in the customer's own Download Portal, whose password the
			// vendor sends separately (the template leaves the reset option off).
			const airgapMail = mailsTo('it@initrode.example')[0].html;
			expect(airgapMail).toContain('Air gap');
			// The command as HTML text: its shell quotes written &#39; (escapeHtml), read back as '.
			expect(airgapMail).toContain(
				`curl -f &#39;https://replicated.app/embedded/acme-platform/beta?airgap=true&#39; -H &#39;Authorization: ${created.installationId}&#39; -o acme-platform-beta.tgz`,
			);
			expect(airgapMail).toContain(
				`For KOTS, open your Download Portal: <a href="${created.downloadPortalUrl}">`,
			);
			expect(airgapMail).toContain('Download Portal password we send you separately');
			expect(rig().emulator.state.airgapPasswords.size).toBe(0);
			expect(mailsTo('it@hooli.example')[0].html).not.toContain('Air gap');
		}, 180_000);

		it('sends nothing new when it runs again, even after the order is activated again', async () => {
			view.activateAgain(initrode.recordId);
			const mails = setup.smtp().messages.length;
			const writes = replicatedWrites().length;
			const crm = crmWrites().length;
			const again = await runNow();
			expect(rig().outcome(again)).toBe('success');
			expect(setup.smtp().messages.length).toBe(mails);
			expect(replicatedWrites().length).toBe(writes);
			expect(crmWrites().length).toBe(crm);
			expect(view.files(initrode.recordId)).toHaveLength(2);
		}, 120_000);

		it('writes why an order cannot be fulfilled on it, touches nothing else, and fulfils the others of the run', async () => {
			const addOnsOnly = view.order(order('Vandelay', [{ product: 'User Pack', quantity: 1 }]));
			const noContact = view.order(
				order('Kramerica', [{ product: 'Acme Platform Enterprise', quantity: 5 }], false),
			);
			const good = view.order(
				order('Pendant', [{ product: 'Acme Platform Enterprise', quantity: 10 }]),
			);
			const mails = setup.smtp().messages.length;
			const run = await runNow();
			expect(rig().outcome(run)).toBe('success');
			expect(view.state(addOnsOnly.recordId)).toEqual({
				customerId: '',
				licenseState: '',
				fulfilled: false,
				error:
					'No base product among 1 line item(s): only add-ons. Mark every product but the application itself as an add-on (isAddOn), or split the deal.',
			});
			expect(view.state(noContact.recordId)).toMatchObject({
				fulfilled: false,
				error: `No contact email on ${crm.fulfillment.recordNoun}: ${crm.fulfillment.contactHint}.`,
			});
			expect(customerOf(addOnsOnly.accountId)).toBeUndefined();
			expect(customerOf(noContact.accountId)).toBeUndefined();
			expect(view.files(addOnsOnly.recordId)).toEqual([]);
			expect(
				setup
					.smtp()
					.messages.slice(mails)
					.map((m) => m.to),
			).toEqual([['it@pendant.example']]);
			expect(view.state(good.recordId)).toMatchObject({ fulfilled: true, error: '' });
		}, 180_000);

		it('emails nothing when the files cannot reach the record, and the next run fulfils the order', async () => {
			const stuck = view.order(
				order('Wayne', [{ product: 'Acme Platform Enterprise', quantity: 3 }]),
			);
			const restore = rig().proxy.failAll(view.upload.method, view.upload.path, 503);
			const mails = setup.smtp().messages.length;
			const failed = await runNow().finally(restore);
			expect(failed.status).toBe('error');
			expect(setup.smtp().messages.length).toBe(mails);
			expect(view.state(stuck.recordId)).toMatchObject({ fulfilled: false, error: '' });

			const next = await runNow();
			expect(rig().outcome(next)).toBe('success');
			expect(mailsTo('it@wayne.example')).toHaveLength(1);
			expect(view.files(stuck.recordId)).toHaveLength(2);
			expect(view.state(stuck.recordId)).toMatchObject({ fulfilled: true, error: '' });
		}, 240_000);
	});
}

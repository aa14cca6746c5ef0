/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { createHmac, randomUUID } from 'node:crypto';

import { request } from 'undici';

import { attioCrm } from '../../scripts/templates/crm/attio';
import { productFieldNames } from '../../scripts/templates/crm/product-fields';
import { FULFILLMENT_SLUG } from '../../scripts/templates/flows/fulfillment';
import { crmTemplates } from '../../scripts/templates/lifecycle';
import type { CrmCall } from '../fakes/crm-proxy';
import { FakeAttio } from '../fakes/attio';
import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink';
import { attioFulfillment, attioView } from '../support/views/attio';
import { setConfigValue, startTemplateRig, type TemplateRig } from '../support/template-rig';
import { describeCrmFulfillment } from './scenarios/crm-fulfillment';
import { describeCrmHealth } from './scenarios/crm-health';
import {
	type DealWonDriver,
	describeCrmLifecycle,
	type LifecycleRequests,
} from './scenarios/crm-lifecycle';

const TOKEN = 'attio-e2e-access-token';
const WEBHOOK_SECRET = 'attio-e2e-webhook-secret';

describe('Attio templates, executed in a real n8n against the emulator and a fake Attio workspace', () => {
	let rig: TemplateRig;
	let smtp: SmtpSink;
	// The workspace after the templates' prerequisites.
	const attio = new FakeAttio(
		TOKEN,
		{
			people: ['company_size', 'use_case', 'lead_source'],
			companies: [
				'replicated_customer_id',
				'replicated_license_type',
				'replicated_channel',
				'replicated_license_expires',
				'account_owner',
			],
			deals: [
				'replicated_source',
				'replicated_signals',
				'replicated_customer_id',
				'replicated_license_state',
				'license_end_date',
				'provisioned_at',
				'first_access_at',
				'first_download_at',
				'confirmed_running_at',
				'revenue_dates_note',
				'replicated_fulfilled_at',
				'replicated_fulfillment_error',
			],
			// The fulfillment template's objects: the catalogue and what each deal sells.
			products: ['name', ...productFieldNames('property')],
			line_items: ['deal', 'product', 'quantity'],
		},
		{ people: ['email_addresses'], companies: ['domains', 'replicated_customer_id'] },
	);
	// A stage of the user's own, so that the deal-won scenarios' won deals are not its business.
	const FULFILLED_STAGE = 'Contract signed';
	const calls = () => rig.proxy.calls.filter((c) => c.host === 'api.attio.com');
	const view = attioView(attio);

	beforeAll(async () => {
		smtp = await startSmtpSink();
		rig = await startTemplateRig({
			logName: 'templates-attio',
			templates: crmTemplates(attioCrm),
			// Its schedule would run every 5 minutes amid the other tests: it runs when a test runs it.
			startInactive: [FULFILLMENT_SLUG],
			fakes: [attio],
			credentials: [
				{
					id: 'tplSmtpCred00001',
					name: 'SMTP account',
					type: 'smtp',
					data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false },
				},
				{
					id: 'tplAttioToken0001',
					name: 'Attio API token',
					type: 'httpBearerAuth',
					data: { token: TOKEN },
				},
			],
			// The user's configuration steps: deal owner, webhook secret, Replicated app.
			configure: (wf, emulator) => {
				for (const node of wf.nodes) {
					if (['Create or Find Customer', 'Score Customers'].includes(node.name))
						(node.parameters.appId as { value: string }).value = [...emulator.state.apps.keys()][0];
					if (node.name === 'Verify Attio Signature') node.parameters.secret = WEBHOOK_SECRET;
				}
				setConfigValue(wf, 'fulfilledStage', FULFILLED_STAGE);
				setConfigValue(wf, 'senderEmail', 'licensing@acme.example');
				return wf;
			},
		});
	}, 300_000);
	afterAll(async () => {
		await rig?.stop();
		await smtp?.stop();
	}, 60_000);

	const paths = (made: CrmCall[]) => made.map((c) => `${c.method} ${c.path}`);
	const company = (id: string) => ({ target_object: 'companies', target_record_id: id });

	// Attio's exact requests, beside what the shared scenarios read back from the workspace.
	const requests: LifecycleRequests = {
		signup: (made) => {
			expect(paths(made)).toEqual(['PUT /v2/objects/people/records']);
			expect(made[0].query).toEqual({ matching_attribute: 'email_addresses' });
			expect(made[0].authorization).toBe(`Bearer ${TOKEN}`);
			expect(made[0].body).toMatchObject({
				data: {
					values: {
						email_addresses: ['jane.doe@initech.example'],
						name: [{ first_name: 'Jane', last_name: 'Doe', full_name: 'Jane Doe' }],
						job_title: 'Platform Lead',
						company_size: '201-500',
						use_case: 'Self-hosted analytics',
						lead_source: 'Self-serve trial',
					},
				},
			});
		},
		signupAgain: (made) => {
			expect(paths(made)).toEqual(['PUT /v2/objects/people/records']);
			expect(made[0].body).toMatchObject({ data: { values: { job_title: 'VP Platform' } } });
		},
		join: (made, { customerId, accountId }) => {
			expect(paths(made)).toEqual([
				'PUT /v2/objects/companies/records',
				'POST /v2/objects/deals/records',
				'PUT /v2/objects/people/records',
			]);
			expect(made[0].query).toEqual({ matching_attribute: 'replicated_customer_id' });
			expect(made[0].body).toEqual({
				data: {
					values: {
						name: 'Soylent Corp',
						replicated_customer_id: customerId,
						replicated_license_type: 'trial',
						replicated_channel: 'Stable',
						replicated_license_expires: '2027-01-31',
					},
				},
			});
			expect(made[1].body).toEqual({
				data: {
					values: {
						name: 'Soylent Corp (Replicated)',
						stage: 'Lead',
						owner: 'owner@example.com',
						associated_company: company(accountId),
					},
				},
			});
			expect(made[2].query).toEqual({ matching_attribute: 'email_addresses' });
			expect(made[2].body).toEqual({
				data: { values: { email_addresses: ['it@soylent.example'], company: company(accountId) } },
			});
		},
		engagement: (made, accountId) => {
			expect(paths(made)).toEqual(['POST /v2/notes']);
			expect(made[0].body).toMatchObject({
				data: {
					parent_object: 'companies',
					parent_record_id: accountId,
					title: 'Replicated: instance.upgrade_completed',
					format: 'plaintext',
					created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				},
			});
		},
		milestones: (made, dealId) => {
			const patches = made.filter((c) => c.method === 'PATCH');
			expect(patches.map((c) => c.path)).toEqual([`/v2/objects/deals/records/${dealId}`]);
			expect(patches[0].body).toEqual({
				data: { values: { provisioned_at: '2026-02-20T09:00:00Z' } },
			});
		},
		onboarding: (made, accountId) => {
			const owner = attio.records.companies.get(accountId)!.values.account_owner[0];
			expect(paths(made)).toEqual([
				`GET /v2/objects/companies/records/${accountId}`,
				'POST /v2/tasks',
			]);
			expect(made[1].body).toMatchObject({
				data: {
					format: 'plaintext',
					is_completed: false,
					deadline_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
					linked_records: [company(accountId)],
					assignees: [
						{
							referenced_actor_type: 'workspace-member',
							referenced_actor_id: owner.referenced_actor_id,
						},
					],
				},
			});
		},
		dealWonWriteBacks: (made, dealIds) => {
			const writes = made.filter((c) => c.method !== 'GET');
			expect(paths(writes).sort()).toEqual(
				dealIds.map((id) => `PATCH /v2/objects/deals/records/${id}`).sort(),
			);
		},
	};

	const url = () => `${rig.n8n.origin}/webhook/attio-deal-updated`;
	/** Attio's delivery of a Deal change: signed with `secret` (none: unsigned), with its Idempotency-Key. */
	const updated = async (
		recordId: string,
		secret: string | null = WEBHOOK_SECRET,
		idempotencyKey: string = randomUUID(),
	) => {
		const body = JSON.stringify({
			webhook_id: 'wh-e2e',
			events: [
				{
					event_type: 'record.updated',
					id: {
						workspace_id: 'ws-e2e',
						object_id: 'obj-deals',
						record_id: recordId,
						attribute_id: 'attr-stage',
					},
					actor: { type: 'workspace-member', id: 'm1' },
				},
			],
		});
		const res = await request(url(), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'idempotency-key': idempotencyKey,
				...(secret === null
					? {}
					: { 'attio-signature': createHmac('sha256', secret).update(body).digest('hex') }),
			},
			body,
		});
		await res.body.text();
		return res.statusCode;
	};

	// Attio calls the workflow's webhook (signed) on each Deal change; the write-back is a change
	// too, so every won deal comes back once and must change nothing.
	const dealWon: DealWonDriver = {
		deal: (name) => {
			const account = attio.add('companies', { name });
			const deal = attio.add('deals', {
				name: `${name} platform`,
				stage: 'In Progress',
				license_end_date: '2027-12-31',
				associated_company: company(account.id.record_id),
			});
			return { accountId: account.id.record_id, dealId: deal.id.record_id };
		},
		win: async (dealIds) => {
			const slug = 'deal-won-to-license';
			// n8n registers the production webhook while activating: wait until it answers.
			for (let i = 0; i < 100; i++) {
				const probe = await request(url(), { method: 'DELETE' });
				if ((await probe.body.text()).includes('Did you mean')) break;
				await new Promise((r) => setTimeout(r, 200));
			}
			const count = (await rig.executions(slug)).length;
			for (const id of dealIds)
				attio.records.deals.get(id)!.values.stage = [{ status: { title: 'Won 🎉' } }];
			for (const id of [...dealIds, ...dealIds]) {
				expect(await updated(id)).toBe(200);
				await new Promise((r) => setTimeout(r, 1500));
			}
			return (await rig.settled(slug, count + dealIds.length * 2)).slice(0, dealIds.length * 2);
		},
		dealOf: (item) => String((item.data as { id: { record_id: string } }).id.record_id),
	};

	describeCrmLifecycle(attioCrm, { rig: () => rig, view, requests, dealWon });

	describe('Attio only: the deal-won trigger is a signed webhook', () => {
		const slug = 'deal-won-to-license';

		const refused = async (secret: string | null) => {
			const before = calls().length;
			const runs = (await rig.executions(slug)).length;
			expect(await updated('00000000-0000-4000-8000-000000000001', secret)).toBe(200);
			const [run] = await rig.settled(slug, runs + 1);
			expect(run.status).toBe('error');
			// n8n adds the Code node's line: "… refused. [line 12]".
			expect(run.data.resultData.error?.message).toMatch(
				/^The delivery is not signed with the Attio webhook secret: refused\. \[line \d+\]$/,
			);
			expect(Object.keys(run.data.resultData.runData)).not.toContain('Get Deal');
			expect(calls().slice(before)).toEqual([]);
		};

		it('refuses a delivery signed with another secret, before reading anything', async () => {
			await refused('not-the-secret');
		});

		it('refuses an unsigned delivery, before reading anything', async () => {
			await refused(null);
		});

		it('drops a repeat of a delivery it took (same Idempotency-Key): Attio signs no timestamp', async () => {
			const { dealId } = dealWon.deal('Repeat Co');
			const runs = (await rig.executions(slug)).length;
			const before = calls().length;
			expect(await updated(dealId, WEBHOOK_SECRET, 'attio-e2e-repeat')).toBe(200);
			await rig.settled(slug, runs + 1);
			const first = calls().length - before;
			expect(first).toBeGreaterThan(0);
			expect(await updated(dealId, WEBHOOK_SECRET, 'attio-e2e-repeat')).toBe(200);
			const [repeat] = await rig.settled(slug, runs + 2);
			expect(rig.outcome(repeat)).toBe('success');
			expect(rig.output(repeat, 'Check Delivery')).toEqual([]);
			expect(calls().length - before).toBe(first);
		});
	});

	describeCrmFulfillment(attioCrm, {
		rig: () => rig,
		smtp: () => smtp,
		view: attioFulfillment(attio, FULFILLED_STAGE),
		// One query for the deals, per deal its line items, company and person; the catalogue once;
		// the files; the marks.
		requests: (made, orders) => {
			const sorted = (list: string[]) => [...list].sort();
			const deal = (id: string) => attio.records.deals.get(id)!;
			const target = (id: string, slug: string) =>
				String(deal(id).values[slug][0].target_record_id);
			expect(sorted(paths(made))).toEqual(
				sorted([
					'POST /v2/objects/deals/records/query',
					...orders.flatMap(({ recordId }) => [
						'POST /v2/objects/line_items/records/query',
						`GET /v2/objects/companies/records/${target(recordId, 'associated_company')}`,
						`GET /v2/objects/people/records/${target(recordId, 'associated_people')}`,
						'POST /v2/files/upload',
						'POST /v2/files/upload',
						`PATCH /v2/objects/deals/records/${recordId}`,
					]),
					'POST /v2/objects/products/records/query',
				]),
			);
			expect(made[0].body).toEqual({ filter: { stage: FULFILLED_STAGE }, limit: 500 });
			expect(
				made.filter((c) => c.path === '/v2/objects/line_items/records/query').map((c) => c.body),
			).toEqual(
				orders.map(({ recordId }) => ({
					filter: { deal: { target_object: 'deals', target_record_id: recordId } },
				})),
			);
			for (const patch of made.filter((c) => c.method === 'PATCH'))
				expect(Object.keys((patch.body as { data: { values: object } }).data.values)).toEqual([
					'replicated_customer_id',
					'replicated_license_state',
					'replicated_fulfilled_at',
				]);
		},
	});

	describeCrmHealth('Attio', {
		rig: () => rig,
		smtp: () => smtp,
		view,
	});
});

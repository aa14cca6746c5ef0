/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure: runs beside n8n, never inside it */
import { SALESFORCE_TEMPLATES } from '../../scripts/templates/salesforce';
import { FakeSalesforce } from '../fakes/salesforce';
import { startTemplateRig, type TemplateRig } from '../support/template-rig';

const HOST = 'e2e-acme.my.salesforce.com';
const TOKEN = '00Dxx0000000001!AQ0AQe2eAccessToken';

describe('Salesforce templates, executed in a real n8n against the emulator and a fake Salesforce org', () => {
	let rig: TemplateRig;
	const salesforce = new FakeSalesforce(HOST, TOKEN, {
		Lead: ['Company_Size__c', 'Use_Case__c'],
	});
	const calls = () => rig.proxy.calls.filter((c) => c.host === HOST);

	beforeAll(async () => {
		rig = await startTemplateRig({
			logName: 'templates-salesforce',
			templates: SALESFORCE_TEMPLATES,
			fakes: [salesforce],
			credentials: [
				{
					id: 'tplSalesforceCred1',
					name: 'Salesforce account',
					type: 'salesforceOAuth2Api',
					data: {
						environment: 'production',
						clientId: 'e2e-client-id',
						clientSecret: 'e2e-client-secret',
						oauthTokenData: {
							access_token: TOKEN,
							instance_url: `https://${HOST}`,
							token_type: 'Bearer',
						},
					},
				},
			],
			// The user's one configuration step: the org's URL in the Config node.
			configure: (wf) => {
				for (const node of wf.nodes.filter((n) => n.name === 'Config')) {
					const { assignments } = node.parameters.assignments as {
						assignments: Array<{ name: string; value: string }>;
					};
					assignments.find((a) => a.name === 'salesforceInstanceUrl')!.value = `https://${HOST}`;
				}
				return wf;
			},
		});
	}, 300_000);
	afterAll(async () => await rig?.stop(), 60_000);

	describe('signup-to-lead', () => {
		it('creates a Lead from a trial signup, with the signup fields mapped and source "Self-serve trial"', async () => {
			const before = calls().length;
			expect((await rig.deliver('signup-to-lead', 'customer.pending_signup')).status).toBe(200);
			const [run] = await rig.settled('signup-to-lead', 1);
			expect(rig.outcome(run)).toBe('success');
			const made = calls().slice(before);
			expect(made.map((c) => `${c.method} ${c.path}`)).toEqual([
				'GET /services/data/v59.0/query',
				'POST /services/data/v59.0/sobjects/lead',
			]);
			expect(made[0].query.q).toBe(
				"SELECT Id,Email FROM Lead WHERE Email = 'jane.doe@initech.example' LIMIT 1",
			);
			expect(made[1].authorization).toBe(`Bearer ${TOKEN}`);
			expect(made[1].body).toMatchObject({
				Company: 'Initech',
				LastName: 'Doe',
				FirstName: 'Jane',
				Email: 'jane.doe@initech.example',
				Title: 'Platform Lead',
				LeadSource: 'Self-serve trial',
				Company_Size__c: '201-500',
				Use_Case__c: 'Self-hosted analytics',
			});
			expect(String((made[1].body as { Description: string }).Description)).toContain(
				'signed_up_at:',
			);
		});

		it('updates the same Lead when the same person signs up again', async () => {
			const before = calls().length;
			await rig.deliver(
				'signup-to-lead',
				'customer.pending_signup',
				{},
				{ job_title: 'VP Platform' },
			);
			const runs = await rig.settled('signup-to-lead', 2);
			expect(rig.outcome(runs[0])).toBe('success');
			const made = calls().slice(before);
			expect(made.map((c) => c.method)).toEqual(['GET', 'PATCH']);
			const [lead] = salesforce.records.get('Lead')!.values();
			expect(made[1].path).toBe(`/services/data/v59.0/sobjects/lead/${lead.Id}`);
			expect(made[1].body).toMatchObject({ Title: 'VP Platform' });
			expect(salesforce.records.get('Lead')!.size).toBe(1);
		});

		it('keeps the event in a failed execution when Salesforce keeps refusing the write', async () => {
			for (let i = 0; i < 3; i++) rig.proxy.failNext('POST', /\/sobjects\/lead$/i, 503);
			await rig.deliver(
				'signup-to-lead',
				'customer.pending_signup',
				{},
				{ email: 'sam@hooli.example', first_name: 'Sam' },
			);
			const [run] = await rig.settled('signup-to-lead', 3);
			expect(run.status).toBe('error');
			expect(rig.output(run, 'Replicated Trigger')[0]).toMatchObject({
				event: 'customer.pending_signup',
				data: expect.objectContaining({ email: 'sam@hooli.example' }),
			});
			expect(calls().filter((c) => c.method === 'POST' && c.status === 503)).toHaveLength(3);
		});
	});
});

/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test: runs a template's carried JavaScript as n8n's Code node would */
import { createHmac } from 'node:crypto';

import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { escapeHtml, escapeMarkdown, escapeSlack } from '../../nodes/Replicated/escape';
import { soqlEmailProblem } from '../../scripts/templates/crm/soql-email';
import { TEMPLATES } from '../../scripts/templates/all';
import { CRMS } from '../../scripts/templates/crm';
import { helperSource } from '../../scripts/templates/escape';
import type { TemplateNode, Workflow } from '../../scripts/templates/kit';
import { FakeSalesforce } from '../fakes/salesforce';
import { evaluateIn } from '../support/template-evaluate';
import { nodeOf, template } from '../support/template-lookup';

// Hostile CRM and Replicated values in the templates: each goes where it goes escaped for there
// (HTML, Slack, rich text), or is refused before it reaches a query it could change (SOQL).

/** Where output `output` of `from` leads. */
const next = (wf: Workflow, from: string, output: number) =>
	(wf.connections[from]?.main?.[output] ?? []).map((c) => c.node);

const parentOf = (wf: Workflow, name: string) =>
	Object.entries(wf.connections).find(([, c]) =>
		(c.main ?? []).some((out) => out.some((t) => t.node === name)),
	)![0];

const condition = (node: TemplateNode) =>
	(node.parameters.conditions as { conditions: Array<{ leftValue: string }> }).conditions[0]
		.leftValue;

/** What n8n 1.123.x's Salesforce node sends for a condition value (n8n-nodes-base 1.121.53, `getValue`). */
const quotedBy1123 = (value: string) => `'${value}'`;
/** One SOQL string literal: quotes around characters none of which ends or escapes it. */
const ONE_LITERAL = /^'[^'\\]*'$/;

const HOSTILE_EMAILS: Array<[string, string]> = [
	["o'brien@x.example", 'it contains a quote or a backslash'],
	[`"x' OR Email != '"@evil.example`, 'it contains a quote or a backslash'],
	['back\\slash@x.example', 'it contains a quote or a backslash'],
	['"quoted"@x.example', 'it contains a quote or a backslash'],
	['two words@x.example', 'it contains whitespace'],
	['tab\t@x.example', 'it contains whitespace'],
	['line\n@x.example', 'it contains whitespace'],
];

describe('soqlEmailProblem: an email n8n can put into SOQL on every supported version', () => {
	it.each(HOSTILE_EMAILS)('refuses %j: %s', (email, reason) => {
		expect(soqlEmailProblem(email)).toBe(reason);
	});
	it.each(['jane.doe@initech.example', 'ops+trial@airplane.example', 'o’brien@x.example', ''])(
		'takes %j',
		(email) => {
			expect(soqlEmailProblem(email)).toBe('');
		},
	);
	it('takes only values that n8n 1.123 quotes into exactly one SOQL string literal', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) =>
				soqlEmailProblem(s) === '' ? ONE_LITERAL.test(quotedBy1123(s.trim())) : true,
			),
		);
		for (const [email] of HOSTILE_EMAILS.slice(0, 2))
			expect(ONE_LITERAL.test(quotedBy1123(email))).toBe(false);
	});
});

describe('Salesforce templates look up no email SOQL cannot hold', () => {
	const signup = template('salesforce/signup-to-lead');
	const join = template('salesforce/join-to-account-and-opportunity');
	const signupCheck = (email: string) =>
		evaluateIn(signup, 'Email Fit for SOQL?', condition(nodeOf(signup, 'Email Fit for SOQL?')), {
			'Map Signup Fields': { email },
		});

	it.each(HOSTILE_EMAILS)(
		'signup-to-lead refuses %j before Find Lead by Email, saying why',
		(email, reason) => {
			expect(signupCheck(email)).toBe(reason);
			expect(
				evaluateIn(
					signup,
					'Refuse Email Unfit for SOQL',
					nodeOf(signup, 'Refuse Email Unfit for SOQL').parameters.errorMessage as string,
					// The If passes its item on unchanged.
					{ 'Map Signup Fields': { email }, 'Email Fit for SOQL?': { email } },
				),
			).toBe(
				`The signup email cannot be looked up in Salesforce: ${reason}, which a SOQL query cannot hold safely on every n8n version. No Lead was written: correct the address, or create the Lead by hand.`,
			);
		},
	);

	it('signup-to-lead looks an ordinary email up', () => {
		expect(signupCheck('jane.doe@initech.example')).toBe('');
		expect(next(signup, 'Map Signup Fields', 0)).toEqual(['Email Fit for SOQL?']);
		expect(next(signup, 'Email Fit for SOQL?', 0)).toEqual(['Find Lead by Email']);
		expect(next(signup, 'Email Fit for SOQL?', 1)).toEqual(['Refuse Email Unfit for SOQL']);
	});

	it('join-to-account-and-opportunity upserts the Account, looking no Lead up, for a hostile contact email', () => {
		const check = (email: string) =>
			evaluateIn(join, 'Email Fit for SOQL?', condition(nodeOf(join, 'Email Fit for SOQL?')), {
				'Replicated Trigger': {
					event: 'customer.created',
					customer: { id: 'c1', name: 'Umbrella', email },
					data: {},
				} as IDataObject,
			});
		for (const [email, reason] of HOSTILE_EMAILS) expect(check(email)).toBe(reason);
		expect(check('it@umbrella.example')).toBe('');
		expect(next(join, 'New to Salesforce?', 0)).toEqual(['Email Fit for SOQL?']);
		expect(next(join, 'Email Fit for SOQL?', 0)).toEqual(['Find Open Lead']);
		expect(next(join, 'Email Fit for SOQL?', 1)).toEqual(['Upsert Account']);
	});
});

describe('the fulfillment email escapes CRM and Replicated values for HTML', () => {
	it.each(CRMS.map((crm) => crm.crm))('%s/fulfill-license', (crm) => {
		const wf = template(`${crm}/fulfill-license`);
		const html = evaluateIn(
			wf,
			'Email License and Instructions',
			nodeOf(wf, 'Email License and Instructions').parameters.html as string,
			{
				'Order to Fulfil': { contactName: `<img src=x onerror=alert(1)> O'Neil & "Co"` },
				'Get Install Instructions': {
					app: { name: '<b>Acme</b>' },
					html: '<h1>Install Acme</h1>',
				},
			},
		);
		expect(html).toBe(
			[
				'<p>Hello &lt;img src=x onerror=alert(1)&gt; O&#39;Neil &amp; &quot;Co&quot;,</p>',
				'<p>Thank you for your order. Your &lt;b&gt;Acme&lt;/b&gt; license is ready: the license file and these instructions are attached.</p>',
				'<h1>Install Acme</h1>',
				'<p>Questions? Reply to this email.</p>',
			].join('\n'),
		);
	});
});

describe('templates carry the package helpers themselves', () => {
	const HOSTILE = ['<script>x</script>', `O'Brien & "Co"`, '<!channel> [a](b) *b*\n# h', ''];
	it.each([
		['escapeHtml', escapeHtml],
		['escapeMarkdown', escapeMarkdown],
		['escapeSlack', escapeSlack],
	] as const)('%s, as a Code node or an expression holds it', (name, fn) => {
		const carried = new Function(`${helperSource(name)}; return ${name};`)() as (
			t: unknown,
		) => string;
		for (const text of HOSTILE) expect(carried(text)).toBe(fn(text));
	});
});

describe('the fake Salesforce org reads SOQL string literals as Salesforce does', () => {
	const org = new FakeSalesforce('fake.my.salesforce.com', 'token', { Lead: [] });
	org.insert('Lead', { LastName: "O'Brien", Email: "o'brien@x.example" });
	org.insert('Lead', { LastName: 'Other', Email: 'other@x.example' });
	const query = (q: string) => {
		const res = org.handle({
			method: 'GET',
			path: '/services/data/v59.0/query',
			query: new URLSearchParams({ q }),
			headers: { authorization: 'Bearer token' },
			body: undefined,
			rawBody: '',
			bytes: Buffer.alloc(0),
		});
		return [
			res.status,
			(res.json as { records?: Array<{ Email: string }> }).records?.map((r) => r.Email),
		];
	};
	const where = (value: string) => `SELECT Id,Email FROM Lead WHERE Email = ${value} LIMIT 1`;

	it("refuses a literal a ' ends early (n8n 1.123's quoting) as malformed", () => {
		expect(query(where(quotedBy1123("o'brien@x.example")))).toEqual([400, undefined]);
	});
	it('reads escaped quotes and AND inside a literal as text (n8n 2.x escaping)', () => {
		expect(query(where("'o\\'brien@x.example'"))).toEqual([200, ["o'brien@x.example"]]);
		expect(query(where("'a AND b@x.example'"))).toEqual([200, []]);
	});
});

describe('Attio request paths: an ID is one encoded path segment', () => {
	const wf = template('attio/inactive-to-owner');
	const url = (customId: string) =>
		evaluateIn(wf, 'Get Company', nodeOf(wf, 'Get Company').parameters.url as string, {
			'Replicated Trigger': { customId } as IDataObject,
			'Linked to a Company?': {},
		});
	it.each([
		['a/b', 'a%2Fb'],
		['id?limit=500', 'id%3Flimit%3D500'],
		['id#fragment', 'id%23fragment'],
		['../../workspace_members', '..%2F..%2Fworkspace_members'],
		['0f1e2d3c-aaaa-4bbb-8ccc-123456789abc', '0f1e2d3c-aaaa-4bbb-8ccc-123456789abc'],
	])('Custom ID %j → records/%s', (customId, segment) => {
		expect(url(customId)).toBe(`https://api.attio.com/v2/objects/companies/records/${segment}`);
	});
	it.each([
		['..', '(..)'],
		['.', '(.)'],
		['', '(empty)'],
	])(
		'turns the Custom ID %j, which names no record, into the segment %s, which matches none',
		(customId, segment) => {
			expect(url(customId)).toBe(`https://api.attio.com/v2/objects/companies/records/${segment}`);
			expect(new URL(String(url(customId))).pathname).toBe(
				`/v2/objects/companies/records/${segment}`,
			);
		},
	);
	it('encodes every interpolated Attio path', () => {
		const paths = TEMPLATES.filter((t) => t.crm === 'attio')
			.flatMap((t) => t.workflow.nodes)
			.map((n) => String(n.parameters.url ?? ''))
			.filter((u) => u.startsWith('=https://api.attio.com/'));
		expect(paths.length).toBeGreaterThan(5);
		for (const u of paths)
			for (const [, inner] of u.matchAll(/\{\{([\s\S]+?)\}\}/g))
				expect(inner).toMatch(/^ \(function pathSegment\(value\)/);
	});
});

describe('attio/deal-won-to-license: Check Delivery', () => {
	const wf = template('attio/deal-won-to-license');
	const SECRET = 'attio-webhook-secret';
	const BODY = JSON.stringify({ webhook_id: 'wh', events: [{ event_type: 'record.updated' }] });
	const SIGNED = createHmac('sha256', SECRET).update(BODY).digest('hex');
	const check = (
		headers: Record<string, string>,
		{ secret = SECRET, staticData = {} as IDataObject } = {},
	) => {
		const item = { json: { headers, body: JSON.parse(BODY), expectedSignature: SIGNED } };
		const params = { ...nodeOf(wf, 'Verify Attio Signature').parameters, secret };
		return new Function(
			'$input',
			'$',
			'$getWorkflowStaticData',
			String(nodeOf(wf, 'Check Delivery').parameters.jsCode),
		)(
			{ first: () => item },
			(name: string) => (name === 'Verify Attio Signature' ? { params } : undefined),
			() => staticData,
		) as unknown[];
	};

	it('runs between the signature and the first read of Attio', () => {
		expect(next(wf, 'Verify Attio Signature', 0)).toEqual(['Check Delivery']);
		expect(next(wf, 'Check Delivery', 0)).toEqual(['Get Deal']);
	});
	it('refuses an unsigned delivery', () => {
		expect(() => check({})).toThrow(
			'The delivery is not signed with the Attio webhook secret: refused.',
		);
	});
	it('refuses a wrong signature, of the same length or not', () => {
		const wrong = createHmac('sha256', 'other').update(BODY).digest('hex');
		expect(() => check({ 'attio-signature': wrong })).toThrow('not signed');
		expect(() => check({ 'attio-signature': SIGNED.slice(0, 63) })).toThrow('not signed');
		expect(() => check({ 'attio-signature': SIGNED.toUpperCase() })).toThrow('not signed');
	});
	it('refuses every delivery, a signed one too, while the secret is empty', () => {
		expect(() => check({ 'attio-signature': SIGNED }, { secret: '' })).toThrow(
			'No Attio webhook secret is set, so every delivery is refused: put the secret Attio returned when the webhook was created in Verify Attio Signature.',
		);
	});
	it('passes a delivery signed with the secret (either header)', () => {
		expect(check({ 'attio-signature': SIGNED })).toHaveLength(1);
		expect(check({ 'x-attio-signature': SIGNED })).toHaveLength(1);
	});
	it('drops a repeat of an Idempotency-Key (Attio sends no timestamp), keeping at most 2000 keys for 4 days', () => {
		const staticData: IDataObject = {};
		const signed = (key: string) => ({ 'attio-signature': SIGNED, 'idempotency-key': key });
		expect(check(signed('k1'), { staticData })).toHaveLength(1);
		expect(check(signed('k1'), { staticData })).toEqual([]);
		expect(check(signed('k2'), { staticData })).toHaveLength(1);
		const old = Date.now() - 4 * 24 * 60 * 60 * 1000 - 1;
		staticData.attioDeliveries = [['k3', old]];
		expect(check(signed('k3'), { staticData })).toHaveLength(1);
		staticData.attioDeliveries = Array.from({ length: 2500 }, (_, i) => [`n${i}`, Date.now()]);
		check(signed('last'), { staticData });
		expect((staticData.attioDeliveries as unknown[]).length).toBe(2000);
		expect(check(signed('__proto__'), { staticData })).toHaveLength(1);
		expect(check(signed('__proto__'), { staticData })).toEqual([]);
	});
});

describe('Slack messages and HubSpot rich text escape names from Replicated and the CRM', () => {
	const NAME = '<!channel> & <https://evil.example|Acme>';
	it('health/state-alerts-slack: the alert names the customer as Slack text, with no mention or link', () => {
		const wf = template('health/state-alerts-slack');
		const text = evaluateIn(
			wf,
			'Alert Support',
			nodeOf(wf, 'Alert Support').parameters.text as string,
			{
				'Replicated Trigger': {
					event: 'instance.state.duration',
					occurredAt: '2026-11-23T10:00:00Z',
					customer: { id: 'c1', name: NAME, licenseType: 'paid' },
					app: { slug: 'acme' },
					instance: { id: 'i1', status: 'degraded', appVersion: '<1.0>' },
					customId: null,
					data: { state: 'degraded', duration_minutes: 60 },
					filters: {},
				} as IDataObject,
				'Unhealthy?': {},
				Config: {},
			},
		);
		expect(String(text).split('\n').slice(0, 2)).toEqual([
			':rotating_light: *&lt;!channel&gt; &amp; &lt;https://evil.example|Acme&gt;*: instance i1 has been degraded for 60 minutes (reported 2026-11-23T10:00:00Z)',
			'License: paid · Version: &lt;1.0&gt; · CRM ID: not linked',
		]);
	});

	const READY = {
		event: 'instance.ready',
		customer: { id: 'c1', name: 'Acme <b>', licenseType: 'paid' },
		app: { name: '<script>x</script>' },
		instance: { id: 'i1', appVersion: '1.0' },
		customId: '1234',
		data: {},
	} as IDataObject;
	/** A HubSpot engagement's body as n8n evaluates it, after the given nodes' items. */
	const bodyOf = (path: string, name: string, outputs: Record<string, IDataObject>) => {
		const wf = template(path);
		const metadata = nodeOf(wf, name).parameters.metadata as IDataObject;
		return evaluateIn(wf, name, metadata.body as string, outputs);
	};
	it('hubspot/instance-ready-onboarding: the task body is HTML with the names escaped', () => {
		expect(
			bodyOf('hubspot/instance-ready-onboarding', 'Create Onboarding Task', {
				'Replicated Trigger': READY,
			}),
		).toBe('Instance i1 is ready on 1.0 of &lt;script&gt;x&lt;/script&gt;.\nLicense: paid');
	});
	it('hubspot/engagement-to-activity: the activity body is HTML with the names escaped', () => {
		expect(
			bodyOf('hubspot/engagement-to-activity', 'Log Activity', {
				'Linked to a Company?': {
					text: 'Downloaded <img src=x>',
					app: { name: 'A & B' },
					instance: { id: 'i1', appVersion: '"2.0"' },
				},
			}),
		).toBe('Downloaded &lt;img src=x&gt;\nApp: A &amp; B\nInstance i1 on &quot;2.0&quot;');
	});
	it('hubspot/fulfill-license: the note on the Deal is HTML with the contact escaped', () => {
		const wf = template('hubspot/fulfill-license');
		const node = nodeOf(wf, 'Attach Files to Deal');
		const json = evaluateIn(wf, node.name, node.parameters.jsonBody as string, {
			'Order to Fulfil': { contactEmail: '"<b>x</b>"@evil.example' },
			[parentOf(wf, node.name)]: {
				fileNames: ['a.yaml', 'b.html'],
				fileIds: ['1', '2'],
				recordId: '9',
			},
		});
		expect(JSON.parse(String(json)).properties.hs_note_body).toMatch(
			/^Replicated license and installation instructions, emailed to &quot;&lt;b&gt;x&lt;\/b&gt;&quot;@evil\.example: /,
		);
	});
});

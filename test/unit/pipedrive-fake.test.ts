/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
import { ProxyAgent, request } from 'undici';

import { type CrmProxy, startCrmProxy } from '../fakes/crm-proxy';
import { FakePipedrive } from '../fakes/pipedrive';
import { requireFromN8n } from '../support/n8n-runtime';

/**
 * The Pipedrive fake answered through the intercepting proxy over HTTPS, with the requests n8n
 * 2.41.1's Pipedrive node v2 and Pipedrive Trigger 1.1 send (their URL, query and body, as built in
 * n8n-nodes-base/dist/nodes/Pipedrive/v2/actions/* and PipedriveTrigger.node.js).
 */
const TOKEN = 'pd-token';
const TIME = '2026-12-08T10:00:00Z';
const ERROR_INFO =
	'Please check developers.pipedrive.com for more information about Pipedrive API.';

let proxy: CrmProxy;
let pipedrive: FakePipedrive;
let agent: ProxyAgent;

/** A call as n8n makes it: `Accept: application/json`, JSON body, `api_token` appended [cred]. */
async function call(
	method: string,
	path: string,
	query: Record<string, string | number | boolean> = {},
	body?: unknown,
	auth: 'token' | 'bearer' | 'none' = 'token',
) {
	const qs = new URLSearchParams(
		Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
	);
	if (auth === 'token') qs.set('api_token', TOKEN);
	const headers: Record<string, string> = { accept: 'application/json' };
	if (auth === 'bearer') headers.authorization = `Bearer ${TOKEN}`;
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await request(`https://api.pipedrive.com${path}${qs.size ? `?${qs}` : ''}`, {
		method: method as 'GET',
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		dispatcher: agent,
	});
	return {
		status: response.statusCode,
		json: (await response.body.json()) as Record<string, unknown>,
	};
}

beforeAll(async () => {
	pipedrive = new FakePipedrive(TOKEN);
	proxy = await startCrmProxy([{ host: 'api.pipedrive.com', handle: (r) => pipedrive.handle(r) }]);
	const env = proxy.env();
	agent = new ProxyAgent({
		uri: env.HTTPS_PROXY,
		requestTls: { ca: readFileSync(env.NODE_EXTRA_CA_CERTS) },
	});
}, 90_000);

afterAll(async () => {
	await agent.close();
	await proxy.stop();
});

beforeEach(() => {
	pipedrive = new FakePipedrive(TOKEN, {
		organization: [
			{ name: 'Replicated Customer ID', type: 'varchar' },
			{ name: 'License Type', type: 'enum', options: ['trial', 'prod'] },
		],
		deal: [
			{ name: 'Provisioned At', type: 'date' },
			{ name: 'First Download At', type: 'date' },
			{ name: 'Replicated Customer ID', type: 'varchar' },
		],
	});
	pipedrive.now = () => TIME;
	proxy.calls.length = 0;
});

/** Acme as a v1 search finds it by its Replicated Customer ID (a search `item`). */
const ACME_HIT = {
	id: 1,
	type: 'organization',
	name: 'Acme',
	address: null,
	visible_to: 3,
	owner: { id: 1 },
	custom_fields: ['cust_123'],
	notes: [],
};

const customerIdKey = () => pipedrive.key('organization', 'Replicated Customer ID');

describe('authentication and the envelope', () => {
	test('the credential test GET /v1/userSettings passes with the api_token query parameter', async () => {
		expect(await call('GET', '/v1/userSettings')).toEqual({
			status: 200,
			json: { success: true, data: { list_limit: 100 }, additional_data: null },
		});
		expect(proxy.calls[0]).toMatchObject({
			host: 'api.pipedrive.com',
			path: '/v1/userSettings',
			query: { api_token: TOKEN },
		});
	});

	test('an OAuth2 bearer token is accepted; no token is answered 401', async () => {
		expect((await call('GET', '/v1/users', {}, undefined, 'bearer')).json.data).toEqual([
			{ id: 1, name: 'Admin', email: 'admin@example.com', active_flag: true, is_admin: 1 },
		]);
		expect(await call('GET', '/v1/users', {}, undefined, 'none')).toEqual({
			status: 401,
			json: {
				success: false,
				error: 'unauthorized access',
				errorCode: 401,
				error_info: ERROR_INFO,
			},
		});
	});

	test("an unknown ID is Pipedrive's 404 body", async () => {
		expect(await call('GET', '/api/v2/deals/42')).toEqual({
			status: 404,
			json: {
				success: false,
				error: 'Deal not found',
				error_info: ERROR_INFO,
				data: null,
				additional_data: null,
			},
		});
	});
});

describe('organizations with a custom field (organization/create.operation.js)', () => {
	test('n8n reads /organizationFields, then writes the 40-character key under custom_fields', async () => {
		const fields = await call('GET', '/api/v2/organizationFields', { limit: 500 });
		expect(fields.json).toEqual({
			success: true,
			data: [
				{
					field_code: customerIdKey(),
					field_name: 'Replicated Customer ID',
					field_type: 'varchar',
					options: null,
					is_custom_field: true,
				},
				{
					field_code: pipedrive.key('organization', 'License Type'),
					field_name: 'License Type',
					field_type: 'enum',
					options: [
						{ id: 1, label: 'trial' },
						{ id: 2, label: 'prod' },
					],
					is_custom_field: true,
				},
			],
			additional_data: { next_cursor: null },
		});
		expect(customerIdKey()).toMatch(/^[0-9a-f]{40}$/);
		const created = await call(
			'POST',
			'/api/v2/organizations',
			{},
			{
				name: 'Acme',
				owner_id: 1,
				custom_fields: {
					[customerIdKey()]: 'cust_123',
					[pipedrive.key('organization', 'License Type')]: 2,
				},
			},
		);
		const stored = {
			id: 1,
			name: 'Acme',
			owner_id: 1,
			add_time: TIME,
			update_time: TIME,
			is_deleted: false,
			visible_to: 3,
			label_ids: [],
			address: null,
			custom_fields: {
				[customerIdKey()]: 'cust_123',
				[pipedrive.key('organization', 'License Type')]: 2,
			},
		};
		expect(created).toEqual({
			status: 200,
			json: { success: true, data: stored, additional_data: null },
		});
		expect(pipedrive.records.organization.get(1)).toEqual(stored);
	});

	test('unknown keys, wrong types and missing names are refused, and nothing is stored', async () => {
		const refused = (error: string) => ({
			status: 400,
			json: {
				success: false,
				error,
				error_info: ERROR_INFO,
				data: null,
				additional_data: null,
				code: 'ERR_SCHEMA_VALIDATION_FAILED',
			},
		});
		expect(
			await call('POST', '/api/v2/organizations', {}, { name: 'Acme', industry: 'Software' }),
		).toEqual(refused('Unknown parameter: industry'));
		expect(
			await call(
				'POST',
				'/api/v2/organizations',
				{},
				{ name: 'Acme', custom_fields: { 'Replicated Customer ID': 'cust_1' } },
			),
		).toEqual(refused('Unknown custom field: Replicated Customer ID'));
		expect(
			await call(
				'POST',
				'/api/v2/organizations',
				{},
				{
					name: 'Acme',
					custom_fields: { [pipedrive.key('organization', 'License Type')]: 'prod' },
				},
			),
		).toEqual(refused('Invalid value for custom field "License Type" (enum)'));
		expect(
			await call('POST', '/api/v2/organizations', {}, { name: 'Acme', owner_id: '1' }),
		).toEqual(refused('Invalid type for owner_id: expected int'));
		expect(await call('POST', '/api/v2/organizations', {}, { owner_id: 1 })).toEqual(
			refused('name is required'),
		);
		expect(pipedrive.records.organization.size).toBe(0);
	});

	test('search by the custom field: GET /v1/organizations/search, exact match on custom_fields', async () => {
		pipedrive.add('organization', {
			name: 'Acme',
			custom_fields: { [customerIdKey()]: 'cust_123' },
		});
		pipedrive.add('organization', {
			name: 'Acme 2',
			custom_fields: { [customerIdKey()]: 'cust_1234' },
		});
		// organization/search.operation.js: term, exact_match, limit (not Return All), fields.
		const found = await call('GET', '/v1/organizations/search', {
			term: 'cust_123',
			exact_match: true,
			limit: 50,
			fields: 'custom_fields',
		});
		expect(found).toEqual({
			status: 200,
			json: {
				success: true,
				data: {
					items: [
						{
							result_score: 1,
							item: ACME_HIT,
						},
					],
				},
				additional_data: { pagination: { start: 0, limit: 50, more_items_in_collection: false } },
			},
		});
		expect(proxy.calls[0].query).toEqual({
			term: 'cust_123',
			exact_match: 'true',
			limit: '50',
			fields: 'custom_fields',
			api_token: TOKEN,
		});
		const partial = await call('GET', '/v1/organizations/search', {
			term: 'cust_12',
			exact_match: false,
			fields: 'custom_fields',
		});
		expect((partial.json.data as { items: unknown[] }).items).toHaveLength(2);
		expect(
			(await call('GET', '/v1/organizations/search', { term: 'c', exact_match: false })).status,
		).toBe(400);
	});
});

describe('deals, leads and activities', () => {
	test('create deal (deal/create.operation.js): title, org_id, owner_id, custom date fields', async () => {
		const org = pipedrive.add('organization', { name: 'Acme' });
		const provisioned = pipedrive.key('deal', 'Provisioned At');
		const body = {
			title: 'Acme – Replicated license',
			org_id: org,
			owner_id: 1,
			value: 12000,
			currency: 'USD',
			custom_fields: { [provisioned]: '2026-12-01' },
		};
		expect((await call('POST', '/api/v2/deals', {}, body)).status).toBe(200);
		expect(pipedrive.records.deal.get(1)).toMatchObject({
			id: 1,
			title: 'Acme – Replicated license',
			org_id: org,
			owner_id: 1,
			value: 12000,
			currency: 'USD',
			status: 'open',
			person_id: null,
			custom_fields: {
				[provisioned]: '2026-12-01',
				[pipedrive.key('deal', 'First Download At')]: null,
				[pipedrive.key('deal', 'Replicated Customer ID')]: null,
			},
		});
		expect((await call('POST', '/api/v2/deals', {}, { title: 'x', org_id: 99 })).json.error).toBe(
			'Organization not found',
		);
		expect(
			(
				await call(
					'PATCH',
					'/api/v2/deals/1',
					{},
					{ custom_fields: { [provisioned]: '2026-12-01T10:00:00Z' } },
				)
			).json.error,
		).toBe('Invalid value for custom field "Provisioned At" (date)');
		// deal/update.operation.js: PATCH with the changed fields only.
		await call('PATCH', '/api/v2/deals/1', {}, { status: 'won' });
		expect(pipedrive.records.deal.get(1)).toMatchObject({
			status: 'won',
			won_time: TIME,
			close_time: TIME,
		});
	});

	test('create lead (lead/create.operation.js, API v1): a person or organization is required', async () => {
		const org = pipedrive.add('organization', { name: 'Acme' });
		const person = pipedrive.add('person', {
			name: 'Ada Lovelace',
			org_id: org,
			emails: [{ value: 'ada@acme.test', primary: true, label: 'work' }],
		});
		expect((await call('POST', '/v1/leads', {}, { title: 'Trial signup: Acme' })).json.error).toBe(
			'A lead must be linked to a person or an organization or both',
		);
		const created = await call(
			'POST',
			'/v1/leads',
			{},
			{
				title: 'Trial signup: Acme',
				person_id: person,
				organization_id: org,
				value: { amount: 0, currency: 'USD' },
			},
		);
		expect(created.status).toBe(201);
		expect([...pipedrive.leads.values()]).toEqual([
			{
				id: '00000001-0000-4000-8000-000000000000',
				title: 'Trial signup: Acme',
				owner_id: 1,
				creator_id: 1,
				label_ids: [],
				person_id: person,
				organization_id: org,
				source_name: 'API',
				origin: 'API',
				channel: null,
				is_archived: false,
				was_seen: false,
				value: { amount: 0, currency: 'USD' },
				expected_close_date: null,
				next_activity_id: null,
				add_time: TIME,
				update_time: TIME,
				visible_to: '3',
			},
		]);
		expect(
			(await call('POST', '/v1/leads', {}, { title: 'x', person_id: person, value: 5 })).json.error,
		).toBe('Invalid type for value: expected value');
	});

	test('create activity (activity/create.operation.js): subject, done, type, the deal and organization', async () => {
		const org = pipedrive.add('organization', { name: 'Acme' });
		const deal = pipedrive.add('deal', { title: 'Acme', org_id: org });
		const body = {
			subject: 'Onboard Acme',
			done: false,
			type: 'task',
			deal_id: deal,
			org_id: org,
			owner_id: 1,
			due_date: '2026-12-10',
			note: 'Instance ready',
		};
		expect((await call('POST', '/api/v2/activities', {}, body)).status).toBe(200);
		expect(pipedrive.records.activity.get(1)).toEqual({
			id: 1,
			owner_id: 1,
			add_time: TIME,
			update_time: TIME,
			is_deleted: false,
			custom_fields: {},
			subject: 'Onboard Acme',
			type: 'task',
			done: false,
			due_date: '2026-12-10',
			due_time: null,
			duration: null,
			deal_id: deal,
			lead_id: null,
			person_id: null,
			org_id: org,
			participants: [],
			note: 'Instance ready',
			busy: false,
			marked_as_done_time: null,
		});
		expect(
			(await call('POST', '/api/v2/activities', {}, { ...body, type: 'onboarding' })).json.error,
		).toBe('Activity type "onboarding" does not exist');
		// v2 made person_id read-only on activities; n8n sends `participants` instead.
		expect(
			(await call('POST', '/api/v2/activities', {}, { ...body, person_id: 1 })).json.error,
		).toBe('Unknown parameter: person_id');
	});
});

describe('products on a deal (dealProduct/*.operation.js)', () => {
	test('attach a product, then list the deal products with cursor pages', async () => {
		const deal = pipedrive.add('deal', { title: 'Acme' });
		for (const name of ['Enterprise', 'Airgap add-on'])
			expect(
				(await call('POST', '/api/v2/products', {}, { name, code: name.toUpperCase() })).status,
			).toBe(200);
		await call(
			'POST',
			`/api/v2/deals/${deal}/products`,
			{},
			{ product_id: 1, item_price: 10000, quantity: 1 },
		);
		await call(
			'POST',
			`/api/v2/deals/${deal}/products`,
			{},
			{ product_id: 2, item_price: 2000, quantity: 2 },
		);
		const first = await call('GET', `/api/v2/deals/${deal}/products`, { limit: 1 });
		expect(first.json.data).toEqual([
			{
				id: 1,
				deal_id: deal,
				product_id: 1,
				name: 'Enterprise',
				item_price: 10000,
				quantity: 1,
				sum: 10000,
				currency: 'USD',
				discount: 0,
				discount_type: 'percentage',
				tax: 0,
				tax_method: 'inclusive',
				is_enabled: true,
				comments: null,
				billing_frequency: 'one-time',
				billing_frequency_cycles: null,
				billing_start_date: null,
				product_variation_id: null,
				add_time: TIME,
				update_time: TIME,
			},
		]);
		const cursor = (first.json.additional_data as { next_cursor: string }).next_cursor;
		const second = await call('GET', `/api/v2/deals/${deal}/products`, { limit: 1, cursor });
		expect(second.json).toMatchObject({
			data: [{ id: 2, product_id: 2, name: 'Airgap add-on', quantity: 2, sum: 4000 }],
			additional_data: { next_cursor: null },
		});
		expect(
			(
				await call(
					'POST',
					`/api/v2/deals/${deal}/products`,
					{},
					{ product_id: 9, item_price: 1, quantity: 1 },
				)
			).json.error,
		).toBe('Product not found');
		expect((await call('GET', '/api/v2/deals/77/products', { limit: 500 })).status).toBe(404);
	});
});

describe("the Trigger's webhook (PipedriveTrigger.node.js 1.1)", () => {
	test('registers a webhooks v2 subscription and receives a deal change with basic auth', async () => {
		const received: Array<{ authorization?: string; body: unknown }> = [];
		const receiver = createServer((req: IncomingMessage, res) => {
			let raw = '';
			req.on('data', (c: Buffer) => (raw += c.toString()));
			req.on('end', () => {
				received.push({ authorization: req.headers.authorization, body: JSON.parse(raw) });
				res.end();
			});
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/abc/webhook`;
		try {
			// checkExists: GET /v1/webhooks; create: POST with the basic-auth pair and no version.
			expect((await call('GET', '/v1/webhooks')).json).toEqual({
				success: true,
				status: 'ok',
				data: [],
			});
			const made = await call(
				'POST',
				'/v1/webhooks',
				{},
				{
					event_action: 'change',
					event_object: 'deal',
					subscription_url: url,
					http_auth_user: 'n8n',
					http_auth_password: 'secret',
				},
			);
			expect(made.status).toBe(201);
			expect(made.json.data).toMatchObject({
				id: 1,
				event_action: 'change',
				event_object: 'deal',
				subscription_url: url,
				version: '2.0',
			});
			// Trigger 1's v1 vocabulary is refused by a v2 webhook.
			expect(
				(
					await call(
						'POST',
						'/v1/webhooks',
						{},
						{ event_action: 'updated', event_object: 'deal', subscription_url: url },
					)
				).json.error,
			).toBe('event_action must be one of create, change, delete, *');
			const deal = pipedrive.add('deal', { title: 'Acme' });
			await pipedrive.change('deal', deal, { status: 'won' });
			expect(received).toHaveLength(1);
			expect(received[0].authorization).toBe(
				`Basic ${Buffer.from('n8n:secret').toString('base64')}`,
			);
			expect(received[0].body).toMatchObject({
				data: { id: deal, title: 'Acme', status: 'won', won_time: TIME },
				previous: { status: 'open' },
				meta: {
					action: 'change',
					entity: 'deal',
					entity_id: String(deal),
					version: '2.0',
					attempt: 1,
					webhook_id: '1',
				},
			});
			expect(await call('DELETE', '/v1/webhooks/1')).toEqual({
				status: 200,
				json: { success: true, status: 'ok' },
			});
			expect(pipedrive.webhooks).toEqual([]);
		} finally {
			await new Promise((r) => receiver.close(r));
		}
	});
});

/**
 * n8n's own Pipedrive v2 operation code (from the pinned n8n) run against the fake: its
 * `execute` with a context giving the node's parameters and sending its request options through
 * the proxy, with the PipedriveApi credential's `api_token` query parameter added as its generic
 * `authenticate` does. So the URLs, queries and bodies below are built by n8n itself.
 */
type Operation = { execute: (this: unknown) => Promise<Array<{ json: Record<string, unknown> }>> };
async function runPipedrive(operation: string, parameters: Record<string, unknown>) {
	const { execute } = requireFromN8n()(
		`n8n-nodes-base/dist/nodes/Pipedrive/v2/actions/${operation}.operation.js`,
	) as Operation;
	const node = { name: 'Pipedrive', type: 'n8n-nodes-base.pipedrive', typeVersion: 2 };
	const context = {
		getInputData: () => [{ json: {} }],
		getNode: () => node,
		continueOnFail: () => false,
		getNodeParameter: (name: string, _item: number, fallback?: unknown) => {
			const value = { authentication: 'apiToken', ...parameters }[name] ?? fallback;
			if (value === undefined) throw new Error(`no parameter ${name} in this test`);
			return value;
		},
		helpers: {
			constructExecutionMetaData,
			returnJsonArray,
			requestWithAuthentication: async (
				_type: string,
				options: { method: string; uri: string; qs: Record<string, unknown>; body?: unknown },
			) => {
				const url = new URL(options.uri);
				const { status, json } = await call(
					options.method,
					url.pathname,
					options.qs as Record<string, string>,
					options.body,
				);
				if (status >= 400) throw Object.assign(new Error(String(json.error)), { httpCode: status });
				return json;
			},
		},
	};
	return (await execute.call(context)).map((item) => item.json);
}

describe("n8n's Pipedrive node v2 operations against the fake", () => {
	test('create organization with the custom field by name: n8n maps it to its key', async () => {
		const out = await runPipedrive('organization/create', {
			name: 'Acme',
			additionalFields: {
				customFields: { property: [{ name: 'Replicated Customer ID', value: 'cust_123' }] },
			},
		});
		expect(proxy.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
			'GET /api/v2/organizationFields',
			'POST /api/v2/organizations',
		]);
		expect(proxy.calls[0].query).toEqual({ limit: '500', api_token: TOKEN });
		expect(proxy.calls[1].body).toEqual({
			name: 'Acme',
			custom_fields: { [customerIdKey()]: 'cust_123' },
		});
		expect(pipedrive.records.organization.get(1)?.custom_fields).toEqual({
			[customerIdKey()]: 'cust_123',
			[pipedrive.key('organization', 'License Type')]: null,
		});
		// n8n reads the keys back as names.
		expect(out[0].custom_fields).toEqual({
			'Replicated Customer ID': 'cust_123',
			'License Type': null,
		});
	});

	test('create deal on an organization, with a custom date field by name', async () => {
		const org = pipedrive.add('organization', { name: 'Acme' });
		await runPipedrive('deal/create', {
			title: 'Acme license',
			associateWith: 'organization',
			org_id: org,
			additionalFields: {
				user_id: 1,
				value: '12000',
				customFields: { property: [{ name: 'Provisioned At', value: '2026-12-01' }] },
			},
		});
		expect(proxy.calls[1]).toMatchObject({
			method: 'POST',
			path: '/api/v2/deals',
			body: {
				title: 'Acme license',
				org_id: org,
				owner_id: 1,
				value: 12000,
				custom_fields: { [pipedrive.key('deal', 'Provisioned At')]: '2026-12-01' },
			},
		});
		expect(pipedrive.records.deal.get(1)).toMatchObject({
			title: 'Acme license',
			org_id: org,
			owner_id: 1,
			value: 12000,
		});
	});

	test('create activity: a task on the deal, due on a date', async () => {
		const org = pipedrive.add('organization', { name: 'Acme' });
		const deal = pipedrive.add('deal', { title: 'Acme', org_id: org });
		await runPipedrive('activity/create', {
			subject: 'Onboard Acme',
			done: false,
			type: 'task',
			additionalFields: {
				deal_id: deal,
				org_id: org,
				due_date: '2026-12-10T00:00:00',
				note: 'Instance ready',
			},
		});
		expect(proxy.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
			'GET /api/v2/activityFields',
			'POST /api/v2/activities',
		]);
		expect(proxy.calls[1].body).toEqual({
			subject: 'Onboard Acme',
			done: false,
			type: 'task',
			deal_id: deal,
			org_id: org,
			due_date: '2026-12-10',
			note: 'Instance ready',
		});
		expect(pipedrive.records.activity.get(1)).toMatchObject({
			subject: 'Onboard Acme',
			deal_id: deal,
			due_date: '2026-12-10',
			done: false,
		});
	});

	test('search organization by the custom field (API v1, exact match)', async () => {
		pipedrive.add('organization', {
			name: 'Acme',
			custom_fields: { [customerIdKey()]: 'cust_123' },
		});
		const out = await runPipedrive('organization/search', {
			term: 'cust_123',
			exactMatch: true,
			returnAll: false,
			limit: 1,
			additionalFields: { fields: ['custom_fields'] },
		});
		expect(proxy.calls[0]).toMatchObject({
			method: 'GET',
			path: '/v1/organizations/search',
			query: {
				term: 'cust_123',
				exact_match: 'true',
				limit: '1',
				fields: 'custom_fields',
				api_token: TOKEN,
			},
		});
		expect(out).toEqual([{ result_score: 1, ...ACME_HIT }]);
	});

	test("list a deal's products, all pages", async () => {
		const deal = pipedrive.add('deal', { title: 'Acme' });
		const product = pipedrive.add('product', { name: 'Enterprise' });
		pipedrive.attach(deal, product, { item_price: 10000, quantity: 1 });
		const out = await runPipedrive('dealProduct/getAll', { dealId: deal, returnAll: true });
		expect(proxy.calls[0]).toMatchObject({
			method: 'GET',
			path: `/api/v2/deals/${deal}/products`,
			query: { limit: '500', api_token: TOKEN },
		});
		expect(out.map((p) => [p.product_id, p.name, p.quantity, p.sum])).toEqual([
			[product, 'Enterprise', 1, 10000],
		]);
	});
});

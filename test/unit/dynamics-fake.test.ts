/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs beside n8n, never inside it */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FakeCrm } from '../fakes/crm-proxy';
import { FakeDynamics, FakeMicrosoftLogin } from '../fakes/dynamics';

/**
 * The Dataverse fake spoken to over HTTP on loopback, with the requests n8n 2.41.1's Microsoft
 * Dynamics CRM node sends (GenericFunctions.js microsoftApiRequest: `Prefer: return=representation`,
 * `accept: application/json`, JSON body, OData query options) and those an HTTP Request node sends
 * with the same OAuth2 credential for the tables the node lacks.
 */

const ORG = 'replicatedtest.crm.dynamics.com';
const BASE = `https://${ORG}/api/data/v9.2`;
const TOKEN = 'dyn-access-initial';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Serves the fakes on loopback; the request's real host rides in `x-fake-host`, as in crm-proxy. */
async function serve(fakes: FakeCrm[]): Promise<{ server: Server; origin: string }> {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const bytes = Buffer.concat(chunks);
			const rawBody = bytes.toString('utf8');
			let body: unknown;
			try {
				body = rawBody ? JSON.parse(rawBody) : undefined;
			} catch {
				body = rawBody;
			}
			const url = new URL(req.url ?? '/', 'http://fake');
			const fake = fakes.find((f) => f.host === req.headers['x-fake-host'])!;
			void Promise.resolve(
				fake.handle({
					method: req.method ?? 'GET',
					path: url.pathname,
					query: url.searchParams,
					headers: req.headers,
					body,
					rawBody,
					bytes,
				}),
			).then((r) => {
				if (r.bytes) res.writeHead(r.status, r.headers ?? {}).end(r.bytes);
				else if (r.json === undefined) res.writeHead(r.status).end();
				else
					res
						.writeHead(r.status, { 'content-type': 'application/json' })
						.end(JSON.stringify(r.json));
			});
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let dynamics: FakeDynamics;
let login: FakeMicrosoftLogin;
let server: Server;
let origin: string;

interface Sent {
	status: number;
	headers: Headers;
	body: unknown;
}

/** One request to `url` (an https URL of a faked host), sent to the loopback server. */
async function send(
	method: string,
	url: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<Sent> {
	const target = new URL(url);
	const res = await fetch(`${origin}${target.pathname}${target.search}`, {
		method,
		headers: {
			'x-fake-host': target.host,
			authorization: `Bearer ${TOKEN}`,
			'content-type': 'application/json',
			accept: 'application/json',
			...headers,
		},
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** The headers GenericFunctions.js microsoftApiRequest sets on every call. */
const N8N = { Prefer: 'return=representation' };

/** The row Dataverse stores for Acme Corp created with the Replicated Custom ID column. */
const storedAcme = (id: string) => ({
	accountid: id,
	name: 'Acme Corp',
	websiteurl: 'https://acme.example',
	new_replicatedcustomid: 'cust-1',
	statecode: 0,
	statuscode: 1,
	createdon: expect.any(String),
	modifiedon: expect.any(String),
	'@odata.etag': expect.any(String),
});

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

beforeEach(async () => {
	const tokens = new Set([TOKEN]);
	dynamics = new FakeDynamics({
		host: ORG,
		accessTokens: tokens,
		customColumns: { account: { new_replicatedcustomid: 'String' } },
	});
	login = new FakeMicrosoftLogin({
		clientId: 'client-1',
		clientSecret: 'secret-1',
		refreshToken: 'refresh-0',
		accessTokens: tokens,
	});
	({ server, origin } = await serve([dynamics, login]));
});

afterEach(async () => {
	await new Promise((r) => server.close(r));
});

describe('accounts as the Microsoft Dynamics CRM node calls them', () => {
	it('creates an account with a custom column: 201 with the $select-ed representation', async () => {
		const res = await send(
			'POST',
			`${BASE}/accounts${q({ $select: 'accountid' })}`,
			{ name: 'Acme Corp', websiteurl: 'https://acme.example', new_replicatedcustomid: 'cust-1' },
			N8N,
		);
		expect(res.status).toBe(201);
		const id = (res.body as { accountid: string }).accountid;
		expect(id).toMatch(GUID);
		expect(res.body).toEqual({ '@odata.etag': expect.stringMatching(/^W\/"\d+"$/), accountid: id });
		expect(res.headers.get('odata-entityid')).toBe(`${BASE}/accounts(${id})`);
		expect(dynamics.records.get('accounts')!.get(id)).toEqual(storedAcme(id));
	});

	it('answers a create without Prefer with 204 and the OData-EntityId header', async () => {
		const res = await send('POST', `${BASE}/accounts`, { name: 'Beta' });
		expect(res.status).toBe(204);
		expect(res.body).toBeUndefined();
		const id = [...dynamics.records.get('accounts')!.keys()][0];
		expect(res.headers.get('odata-entityid')).toBe(`${BASE}/accounts(${id})`);
	});

	it('refuses an unknown column, a wrong type, an option outside the set', async () => {
		expect(await send('POST', `${BASE}/accounts`, { name: 'X', Name: 'Y' }, N8N)).toMatchObject({
			status: 400,
			body: {
				error: {
					code: '0x0',
					message:
						"The property 'Name' does not exist on type 'Microsoft.Dynamics.CRM.account'. Make sure to only use property names that are defined by the type or mark the type as open type.",
				},
			},
		});
		expect(await send('POST', `${BASE}/accounts`, { name: 'X', numberofemployees: '12' })).toEqual(
			expect.objectContaining({
				status: 400,
				body: {
					error: {
						code: '0x0',
						message: "Cannot convert the literal '12' to the expected type 'Edm.Int32'.",
					},
				},
			}),
		);
		expect(
			await send('POST', `${BASE}/accounts`, { name: 'X', accountcategorycode: 7 }),
		).toMatchObject({
			status: 400,
			body: { error: { code: '0x8004431a' } },
		});
		expect(dynamics.records.get('accounts')!.size).toBe(0);
	});

	it('gets, updates with return=representation, deletes, and 404s an unknown id', async () => {
		const created = dynamics.insert('accounts', { name: 'Acme', new_replicatedcustomid: 'c-1' });
		const id = created.accountid as string;
		const got = await send(
			'GET',
			`${BASE}/accounts(${id})${q({ $select: 'name,new_replicatedcustomid' })}`,
			undefined,
			N8N,
		);
		expect(got).toMatchObject({
			status: 200,
			body: { name: 'Acme', new_replicatedcustomid: 'c-1', accountid: id },
		});
		const patched = await send(
			'PATCH',
			`${BASE}/accounts(${id})${q({ $select: 'accountid' })}`,
			{ description: 'Paying' },
			N8N,
		);
		expect(patched.status).toBe(200);
		expect(dynamics.records.get('accounts')!.get(id)!.description).toBe('Paying');
		expect((await send('DELETE', `${BASE}/accounts(${id})`, undefined, N8N)).status).toBe(204);
		expect(await send('GET', `${BASE}/accounts(${id})`, undefined, N8N)).toEqual({
			status: 404,
			headers: expect.anything(),
			body: { error: { code: '0x80040217', message: `account With Id = ${id} Does Not Exist` } },
		});
	});

	it('filters with eq, and, contains; selects; refuses unknown names and bad syntax', async () => {
		dynamics.insert('accounts', { name: 'Acme Corp', new_replicatedcustomid: 'c-1' });
		dynamics.insert('accounts', { name: 'Acme Labs', new_replicatedcustomid: 'c-2' });
		dynamics.insert('accounts', { name: 'Globex', new_replicatedcustomid: 'c-3' });
		const res = await send(
			'GET',
			`${BASE}/accounts${q({ $select: 'name,new_replicatedcustomid', $filter: "contains(name,'acme') and new_replicatedcustomid eq 'c-2'", $top: '50' })}`,
			undefined,
			N8N,
		);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			'@odata.context': `${BASE}/$metadata#accounts(name,new_replicatedcustomid)`,
			value: [
				{
					'@odata.etag': expect.any(String),
					name: 'Acme Labs',
					new_replicatedcustomid: 'c-2',
					accountid: expect.stringMatching(GUID),
				},
			],
		});
		expect(await send('GET', `${BASE}/accounts${q({ $select: 'Name' })}`)).toMatchObject({
			status: 400,
			body: {
				error: {
					code: '0x0',
					message:
						"Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'.",
				},
			},
		});
		expect(await send('GET', `${BASE}/accounts${q({ $filter: "nme eq 'x'" })}`)).toMatchObject({
			status: 400,
			body: {
				error: {
					message:
						"Could not find a property named 'nme' on type 'Microsoft.Dynamics.CRM.account'.",
				},
			},
		});
		expect(await send('GET', `${BASE}/accounts${q({ $filter: "name eq 'x" })}`)).toMatchObject({
			status: 400,
			body: {
				error: {
					code: '0x80060888',
					message: "There is an unterminated literal at position 8 in 'name eq 'x'.",
				},
			},
		});
		expect(await send('GET', `${BASE}/accounts${q({ $filter: 'name eq' })}`)).toMatchObject({
			status: 400,
			body: { error: { code: '0x80060888', message: "Syntax error at position 7 in 'name eq'." } },
		});
	});

	it('pages with Prefer: odata.maxpagesize and @odata.nextLink; $top returns no next link', async () => {
		for (const n of [1, 2, 3, 4, 5]) dynamics.insert('accounts', { name: `A${n}` });
		const first = await send('GET', `${BASE}/accounts${q({ $select: 'name' })}`, undefined, {
			Prefer: 'odata.maxpagesize=2',
		});
		const body = first.body as { value: Array<{ name: string }>; '@odata.nextLink': string };
		expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
		expect(body.value.map((r) => r.name)).toEqual(['A1', 'A2']);
		const names = [...body.value.map((r) => r.name)];
		let next: string | undefined = body['@odata.nextLink'];
		expect(next).toMatch(
			/^https:\/\/replicatedtest\.crm\.dynamics\.com\/api\/data\/v9\.2\/accounts\?%24select=name&%24skiptoken=/,
		);
		while (next) {
			const page = await send('GET', next, undefined, { Prefer: 'odata.maxpagesize=2' });
			const b = page.body as { value: Array<{ name: string }>; '@odata.nextLink'?: string };
			names.push(...b.value.map((r) => r.name));
			next = b['@odata.nextLink'];
		}
		expect(names).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
		const topped = await send('GET', `${BASE}/accounts${q({ $top: '3' })}`, undefined, {
			Prefer: 'odata.maxpagesize=2',
		});
		expect((topped.body as { value: unknown[] }).value).toHaveLength(2);
		expect(topped.body).not.toHaveProperty(['@odata.nextLink']);
	});

	it("answers the node's loadOptions: picklist options and the attribute list", async () => {
		const picklist = await send(
			'GET',
			`${BASE}/EntityDefinitions(LogicalName='account')/Attributes(LogicalName='accountcategorycode')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options),GlobalOptionSet($select=Options)`,
			undefined,
			N8N,
		);
		expect(picklist.body).toEqual({
			LogicalName: 'accountcategorycode',
			OptionSet: {
				Options: [
					{
						Value: 1,
						Label: { UserLocalizedLabel: { Label: 'Preferred Customer', LanguageCode: 1033 } },
					},
					{ Value: 2, Label: { UserLocalizedLabel: { Label: 'Standard', LanguageCode: 1033 } } },
				],
			},
			GlobalOptionSet: null,
		});
		const attributes = await send(
			'GET',
			`${BASE}/EntityDefinitions(LogicalName='account')/Attributes`,
		);
		const value = (
			attributes.body as { value: Array<{ LogicalName: string; AttributeType: string }> }
		).value;
		expect(value).toContainEqual(
			expect.objectContaining({ LogicalName: 'new_replicatedcustomid', AttributeType: 'String' }),
		);
		expect(value).toContainEqual(
			expect.objectContaining({ LogicalName: 'primarycontactid', AttributeType: 'Lookup' }),
		);
	});
});

describe('the tables templates reach with HTTP Request', () => {
	it('binds lookups with @odata.bind and reads them back as _<column>_value', async () => {
		const owner = dynamics.insert('systemusers', {
			firstname: 'Olivia',
			lastname: 'Owner',
			internalemailaddress: 'olivia@vendor.example',
		});
		const account = dynamics.insert('accounts', { name: 'Acme' });
		const accountId = account.accountid as string;
		const ownerId = owner.systemuserid as string;
		const opp = await send(
			'POST',
			`${BASE}/opportunities`,
			{
				name: 'Acme - Enterprise',
				estimatedvalue: 12000,
				'parentaccountid@odata.bind': `/accounts(${accountId})`,
				'ownerid@odata.bind': `/systemusers(${ownerId})`,
			},
			N8N,
		);
		expect(opp.status).toBe(201);
		expect(opp.body).toMatchObject({
			name: 'Acme - Enterprise',
			_parentaccountid_value: accountId,
			_ownerid_value: ownerId,
			statecode: 0,
			statuscode: 1,
		});
		const task = await send('POST', `${BASE}/tasks`, {
			subject: 'Onboarding call',
			scheduledend: '2026-12-10T00:00:00Z',
			'regardingobjectid_account@odata.bind': `/accounts(${accountId})`,
		});
		expect(task.status).toBe(204);
		expect([...dynamics.records.get('tasks')!.values()]).toEqual([
			expect.objectContaining({
				subject: 'Onboarding call',
				_regardingobjectid_value: accountId,
				statecode: 0,
				statuscode: 2,
			}),
		]);
		const byAccount = await send(
			'GET',
			`${BASE}/tasks${q({ $filter: `_regardingobjectid_value eq ${accountId}`, $select: 'subject' })}`,
		);
		expect((byAccount.body as { value: unknown[] }).value).toEqual([
			{
				'@odata.etag': expect.any(String),
				subject: 'Onboarding call',
				activityid: expect.stringMatching(GUID),
			},
		]);
		expect(
			await send('POST', `${BASE}/tasks`, {
				subject: 'x',
				'regardingobjectid_account@odata.bind': `/contacts(${accountId})`,
			}),
		).toMatchObject({ status: 400 });
		expect(
			await send('POST', `${BASE}/tasks`, {
				subject: 'x',
				'regardingobjectid_account@odata.bind': '/accounts(00000000-0000-0000-0000-000000000001)',
			}),
		).toMatchObject({ status: 404, body: { error: { code: '0x80040217' } } });
	});

	it('marks an opportunity won with statecode 1 / statuscode 3, or WinOpportunity; refuses a bad pair', async () => {
		const a = dynamics.insert('opportunities', { name: 'A' });
		const b = dynamics.insert('opportunities', { name: 'B' });
		const aId = a.opportunityid as string;
		const bId = b.opportunityid as string;
		expect(
			(await send('PATCH', `${BASE}/opportunities(${aId})`, { statecode: 1, statuscode: 3 }))
				.status,
		).toBe(204);
		expect(dynamics.records.get('opportunities')!.get(aId)).toMatchObject({
			statecode: 1,
			statuscode: 3,
		});
		expect(
			(
				await send('POST', `${BASE}/WinOpportunity`, {
					Status: 3,
					OpportunityClose: {
						subject: 'Won',
						'opportunityid@odata.bind': `/opportunities(${bId})`,
					},
				})
			).status,
		).toBe(204);
		expect(dynamics.records.get('opportunities')!.get(bId)).toMatchObject({
			statecode: 1,
			statuscode: 3,
		});
		expect(
			await send('PATCH', `${BASE}/opportunities(${aId})`, { statecode: 0, statuscode: 3 }),
		).toMatchObject({
			status: 400,
			body: { error: { code: '0x80040203' } },
		});
	});

	it('stores leads, contacts, and opportunity products against products', async () => {
		const lead = await send(
			'POST',
			`${BASE}/leads`,
			{
				subject: 'Signup',
				firstname: 'Ada',
				lastname: 'L',
				companyname: 'Acme',
				emailaddress1: 'ada@acme.example',
				leadsourcecode: 8,
			},
			N8N,
		);
		expect(lead.body).toMatchObject({
			fullname: 'Ada L',
			leadsourcecode: 8,
			statecode: 0,
			statuscode: 1,
		});
		const account = dynamics.insert('accounts', { name: 'Acme' });
		const contact = await send(
			'POST',
			`${BASE}/contacts`,
			{
				firstname: 'Ada',
				lastname: 'L',
				'parentcustomerid_account@odata.bind': `/accounts(${account.accountid as string})`,
			},
			N8N,
		);
		expect(contact.body).toMatchObject({ _parentcustomerid_value: account.accountid });
		const product = dynamics.insert('products', { name: 'Enterprise', productnumber: 'ENT' });
		const opp = dynamics.insert('opportunities', { name: 'Acme' });
		const line = await send(
			'POST',
			`${BASE}/opportunityproducts`,
			{
				'opportunityid@odata.bind': `/opportunities(${opp.opportunityid as string})`,
				'productid@odata.bind': `/products(${product.productid as string})`,
				quantity: 2,
				priceperunit: 500,
				ispriceoverridden: true,
			},
			N8N,
		);
		expect(line.body).toMatchObject({
			_opportunityid_value: opp.opportunityid,
			_productid_value: product.productid,
			quantity: 2,
			extendedamount: 1000,
		});
		const lines = await send(
			'GET',
			`${BASE}/opportunityproducts${q({ $filter: `_opportunityid_value eq ${opp.opportunityid as string}`, $expand: 'productid($select=name,productnumber)', $select: 'quantity' })}`,
		);
		expect((lines.body as { value: unknown[] }).value).toEqual([
			{
				'@odata.etag': expect.any(String),
				quantity: 2,
				opportunityproductid: expect.stringMatching(GUID),
				productid: {
					'@odata.etag': expect.any(String),
					name: 'Enterprise',
					productnumber: 'ENT',
					productid: product.productid,
				},
			},
		]);
	});

	it('refuses a missing or unknown token with 401', async () => {
		const res = await send('GET', `${BASE}/accounts`, undefined, {
			authorization: 'Bearer expired',
		});
		expect(res.status).toBe(401);
		expect(res.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=/);
	});
});

describe('the token endpoint n8n refreshes against', () => {
	it('issues a new access token for the refresh token, rotates it, refuses a stale one', async () => {
		const form = (fields: Record<string, string>) =>
			send(
				'POST',
				'https://login.microsoftonline.com/common/oauth2/v2.0/token',
				new URLSearchParams(fields).toString(),
				{
					'content-type': 'application/x-www-form-urlencoded',
				},
			);
		const refreshed = await form({
			grant_type: 'refresh_token',
			refresh_token: 'refresh-0',
			client_id: 'client-1',
			client_secret: 'secret-1',
		});
		expect(refreshed).toMatchObject({
			status: 200,
			body: {
				token_type: 'Bearer',
				expires_in: 3599,
				access_token: 'dyn-access-1',
				refresh_token: 'dyn-refresh-1',
			},
		});
		expect(dynamics.accessTokens.has('dyn-access-1')).toBe(true);
		expect(
			await form({
				grant_type: 'refresh_token',
				refresh_token: 'refresh-0',
				client_id: 'client-1',
				client_secret: 'secret-1',
			}),
		).toMatchObject({
			status: 400,
			body: { error: 'invalid_grant' },
		});
		expect(
			await form({
				grant_type: 'client_credentials',
				client_id: 'client-1',
				client_secret: 'wrong',
			}),
		).toMatchObject({
			status: 401,
			body: { error: 'invalid_client' },
		});
		expect(login.grants).toEqual(['refresh_token', 'refresh_token', 'client_credentials']);
	});
});

/**
 * n8n's own MicrosoftDynamicsCrm node class, executed in-process with an execution context that
 * carries what the node reads (its parameters, the credential) and a `requestOAuth2` that sends
 * the node's request options over HTTP with the credential's bearer token, as n8n's
 * requestOAuth2 does after its OAuth2 bookkeeping.
 */
describe("n8n 2.41.1's Microsoft Dynamics CRM node against the fake", () => {
	const n8nModules = '/root/.cache/n8n-nodes-replicated/n8n-2.41.1-node-24.21.0/node_modules';
	const n8nRequire = createRequire(path.join(n8nModules, 'n8n-nodes-base', 'package.json'));
	const { MicrosoftDynamicsCrm } = n8nRequire(
		'n8n-nodes-base/dist/nodes/Microsoft/Dynamics/MicrosoftDynamicsCrm.node.js',
	) as { MicrosoftDynamicsCrm: new () => { execute(this: unknown): Promise<unknown[][]> } };
	const requests: Array<{
		method: string;
		url: string;
		headers: Record<string, string>;
		body: unknown;
	}> = [];

	async function run(parameters: Record<string, unknown>): Promise<unknown[]> {
		const node = new MicrosoftDynamicsCrm();
		const context = {
			getInputData: () => [{ json: {} }],
			getNodeParameter: (name: string) => parameters[name],
			getNode: () => ({
				name: 'Microsoft Dynamics CRM',
				type: 'n8n-nodes-base.microsoftDynamicsCrm',
				typeVersion: 1,
				parameters,
			}),
			continueOnFail: () => false,
			getCredentials: async () => ({ subdomain: 'replicatedtest', region: 'crm.dynamics.com' }),
			helpers: {
				returnJsonArray: (data: unknown) =>
					(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
				constructExecutionMetaData: (items: unknown[]) => items,
				requestOAuth2: async (
					_credential: string,
					options: {
						method: string;
						uri: string;
						qs: Record<string, unknown>;
						body: unknown;
						headers: Record<string, string>;
					},
				) => {
					const url = new URL(options.uri);
					for (const [k, v] of Object.entries(options.qs)) url.searchParams.set(k, String(v));
					const hasBody = options.method !== 'GET' && options.method !== 'DELETE';
					requests.push({
						method: options.method,
						url: url.toString(),
						headers: options.headers,
						body: hasBody ? options.body : undefined,
					});
					const res = await send(
						options.method,
						url.toString(),
						hasBody ? options.body : undefined,
						options.headers,
					);
					if (res.status >= 400) throw new Error(JSON.stringify(res.body));
					return res.body;
				},
			},
		};
		const [items] = await node.execute.call(context);
		return (items as Array<{ json: unknown }>).map((i) => i.json);
	}

	beforeEach(() => {
		requests.length = 0;
	});

	it('creates an account with the Replicated Custom ID column', async () => {
		const out = await run({
			resource: 'account',
			operation: 'create',
			name: 'Acme Corp',
			additionalFields: { websiteurl: 'https://acme.example', new_replicatedcustomid: 'cust-1' },
			options: {},
		});
		expect(requests).toEqual([
			{
				method: 'POST',
				url: `${BASE}/accounts?%24select=accountid`,
				headers: {
					'Content-Type': 'application/json',
					accept: 'application/json',
					Prefer: 'return=representation',
				},
				body: {
					name: 'Acme Corp',
					websiteurl: 'https://acme.example',
					new_replicatedcustomid: 'cust-1',
				},
			},
		]);
		const [id] = [...dynamics.records.get('accounts')!.keys()];
		expect(out).toEqual([{ '@odata.etag': expect.any(String), accountid: id }]);
		expect(dynamics.records.get('accounts')!.get(id)).toEqual(storedAcme(id));
	});

	it('gets all accounts matching a filter, every page', async () => {
		dynamics.insert('accounts', { name: 'Acme', new_replicatedcustomid: 'c-1' });
		dynamics.insert('accounts', { name: 'Globex', new_replicatedcustomid: 'c-2' });
		const out = await run({
			resource: 'account',
			operation: 'getAll',
			returnAll: true,
			options: { returnFields: ['name', 'new_replicatedcustomid'] },
			filters: { query: "new_replicatedcustomid eq 'c-2'" },
		});
		expect(requests.map((r) => r.url)).toEqual([
			`${BASE}/accounts?%24select=name%2Cnew_replicatedcustomid&%24filter=new_replicatedcustomid+eq+%27c-2%27&%24top=100`,
		]);
		expect(out).toEqual([
			{
				'@odata.etag': expect.any(String),
				name: 'Globex',
				new_replicatedcustomid: 'c-2',
				accountid: expect.stringMatching(GUID),
			},
		]);
	});

	it("surfaces Dataverse's refusal of an unknown column as the node's error", async () => {
		await expect(
			run({
				resource: 'account',
				operation: 'create',
				name: 'X',
				additionalFields: { replicatedcustomid: 'c' },
				options: {},
			}),
		).rejects.toThrow(
			"The property 'replicatedcustomid' does not exist on type 'Microsoft.Dynamics.CRM.account'",
		);
	});
});

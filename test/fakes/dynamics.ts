/* eslint-disable @n8n/community-nodes/require-node-api-error -- test infrastructure: runs beside n8n, never inside it */
import { randomUUID } from 'node:crypto';
import type { FakeCrm, FakeRequest, FakeResponse } from './crm-proxy';
import {
	OPTIONS,
	STATES,
	TABLES,
	defaultStatus,
	type AttributeType,
	type Table,
} from './dynamics-schema';
import { FilterSyntaxError, filterFields, matches, parseFilter } from './odata-filter';

type Row = Record<string, unknown>;

const API = '/api/data/v9.2';

class Refused extends Error {
	constructor(readonly response: FakeResponse) {
		super('refused');
	}
}

/**
 * Dataverse's error body `{"error":{"code","message"}}` (learn.microsoft.com/troubleshoot/
 * power-platform/dataverse/dataverse-web-api-and-sdk/web-api-client-errors).
 */
const refuse = (status: number, code: string, message: string): never => {
	throw new Refused({ status, json: { error: { code, message } } });
};

/** JSON with headers: crm-proxy.ts sends `headers` only with `bytes`. */
const json = (
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): FakeResponse => ({
	status,
	bytes: Buffer.from(JSON.stringify(body)),
	headers: {
		'content-type': 'application/json; odata.metadata=minimal',
		'odata-version': '4.0',
		...headers,
	},
});
const noContent = (headers: Record<string, string> = {}): FakeResponse => ({
	status: 204,
	bytes: Buffer.alloc(0),
	headers: { 'odata-version': '4.0', ...headers },
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** EDM type names in Dataverse's conversion messages (INFERRED: ODataLib's wording). */
const EDM: Record<AttributeType, string> = {
	String: 'Edm.String',
	Memo: 'Edm.String',
	Integer: 'Edm.Int32',
	Decimal: 'Edm.Decimal',
	Money: 'Edm.Decimal',
	Boolean: 'Edm.Boolean',
	DateTime: 'Edm.DateTimeOffset',
	Picklist: 'Edm.Int32',
	State: 'Edm.Int32',
	Status: 'Edm.Int32',
	Uniqueidentifier: 'Edm.Guid',
	Lookup: 'Edm.Guid',
};

function typeFits(type: AttributeType, value: unknown): boolean {
	if (value === null) return true;
	switch (type) {
		case 'String':
		case 'Memo':
			return typeof value === 'string';
		case 'Integer':
		case 'Picklist':
		case 'State':
		case 'Status':
			return Number.isInteger(value);
		case 'Decimal':
		case 'Money':
			return typeof value === 'number';
		case 'Boolean':
			return typeof value === 'boolean';
		case 'DateTime':
			return typeof value === 'string' && !Number.isNaN(Date.parse(value));
		default:
			return typeof value === 'string' && GUID.test(value);
	}
}

export interface DynamicsOptions {
	/** `<org>.crm<N>.dynamics.com`: `https://${subdomain}.${region}` in n8n's GenericFunctions.js. */
	host: string;
	/** Bearer tokens the org accepts now; the login fake adds the ones it issues. */
	accessTokens: Set<string>;
	/**
	 * Custom columns by table logical name. Dataverse names them `<publisher prefix>_<name>` in
	 * lower case (e.g. `new_replicatedcustomid`, prefix `new` of the default publisher).
	 */
	customColumns?: Record<string, Record<string, AttributeType>>;
}

/**
 * A Dynamics 365 Sales org behind the Dataverse Web API v9.2, as n8n 2.41.1's Microsoft Dynamics
 * CRM node (account create/get/getAll/update/delete, its loadOptions reading EntityDefinitions)
 * and HTTP Request nodes with the same OAuth2 credential call it: create (204 + OData-EntityId,
 * or 201 with `Prefer: return=representation`), retrieve, update (PATCH), delete, queries with
 * `$filter`/`$select`/`$top`/`$orderby`/`$expand` and `Prefer: odata.maxpagesize` paging, lookups
 * bound with `@odata.bind`, option sets as integers, and the WinOpportunity action. It refuses
 * what Dataverse refuses: unknown columns, wrong types, bad filters, unknown ids, unknown options.
 */
export class FakeDynamics implements FakeCrm {
	readonly host: string;
	/** Stored rows by entity set name, as Dataverse holds them (lookups as `_<col>_value`). */
	readonly records = new Map<string, Map<string, Row>>();
	readonly accessTokens: Set<string>;
	private readonly tables: Table[];
	private version = 1000;

	constructor(options: DynamicsOptions) {
		this.host = options.host;
		this.accessTokens = options.accessTokens;
		const custom = options.customColumns ?? {};
		for (const [table, columns] of Object.entries(custom))
			for (const name of Object.keys(columns))
				if (!/^[a-z][a-z0-9]{1,7}_[a-z0-9_]+$/.test(name))
					throw new Error(`custom column ${table}.${name} lacks a publisher prefix`);
		this.tables = TABLES.map((t) => ({
			...t,
			columns: { ...t.columns, ...custom[t.logicalName] },
		}));
		for (const t of this.tables) this.records.set(t.entitySet, new Map());
	}

	private table(entitySet: string): Table {
		return (
			this.tables.find((t) => t.entitySet === entitySet) ??
			refuse(404, '0x8006088a', `Resource not found for the segment '${entitySet}'.`)
		);
	}

	private tableByLogicalName(logicalName: string): Table {
		return (
			this.tables.find((t) => t.logicalName === logicalName) ??
			refuse(404, '0x80040217', `Could not find an entity with name ${logicalName}.`)
		);
	}

	/** Every column a query may read: primary key, columns, computed ones, `_<lookup>_value`. */
	private readable(table: Table): Map<string, AttributeType> {
		const lookups = Object.values(table.navigations).map((n): [string, AttributeType] => [
			`_${n.attribute}_value`,
			'Lookup',
		]);
		return new Map<string, AttributeType>([
			[table.primaryKey, 'Uniqueidentifier'],
			...Object.entries(table.columns),
			...Object.entries(table.computed),
			...lookups,
		]);
	}

	private noProperty(table: Table, name: string): never {
		return refuse(
			400,
			'0x0',
			`Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
		);
	}

	/** A record inserted as if a user created it in Dynamics (seeding owners, products). */
	insert(entitySet: string, fields: Row): Row {
		return this.create(this.table(entitySet), fields);
	}

	private row(table: Table, id: string): Row {
		const row = this.records.get(table.entitySet)!.get(id.toLowerCase());
		if (!row)
			// INFERRED: the message Dataverse gives for a retrieve/update of a missing id.
			refuse(404, '0x80040217', `${table.logicalName} With Id = ${id} Does Not Exist`);
		return row!;
	}

	/** The body's columns checked against the table and converted to stored ones. */
	private columnsOf(table: Table, body: unknown, creating: boolean): Row {
		if (typeof body !== 'object' || body === null || Array.isArray(body))
			refuse(400, '0x0', 'The request body must be a JSON object.');
		const out: Row = {};
		for (const [key, value] of Object.entries(body as Row)) {
			const bind = /^(.+)@odata\.bind$/.exec(key);
			if (bind) {
				const nav = table.navigations[bind[1]];
				if (!nav)
					refuse(
						400,
						'0x0',
						`An undeclared property '${bind[1]}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
					);
				const m = typeof value === 'string' ? /^\/?([a-z_]+)\(([^)]+)\)$/i.exec(value) : null;
				if (!m || m[1] !== nav!.target)
					refuse(
						400,
						'0x0',
						`A value '${String(value)}' for ${key} must reference /${nav!.target}(<id>).`,
					);
				const target = this.table(m![1]);
				out[`_${nav!.attribute}_value`] = this.row(target, m![2])[target.primaryKey];
				continue;
			}
			const type = table.columns[key];
			if (!type) {
				if (key === table.primaryKey && creating && typeof value === 'string' && GUID.test(value)) {
					out[key] = value.toLowerCase();
					continue;
				}
				// INFERRED: ODataLib's message for an undeclared property in a request body.
				refuse(
					400,
					'0x0',
					`The property '${key}' does not exist on type 'Microsoft.Dynamics.CRM.${table.logicalName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
				);
			}
			if (!typeFits(type!, value))
				// INFERRED: ODataLib's conversion message, as Dataverse passes it on.
				refuse(
					400,
					'0x0',
					`Cannot convert the literal '${String(typeof value === 'object' ? JSON.stringify(value) : value)}' to the expected type '${EDM[type!]}'.`,
				);
			if (type === 'Picklist' && value !== null) {
				const options = OPTIONS[table.logicalName]?.[key] ?? { 1: 'Default Value' };
				if (!(String(value) in options))
					// INFERRED: Dataverse's "outside the valid range" validation message.
					refuse(
						400,
						'0x8004431a',
						`A validation error occurred. The value ${String(value)} of '${key}' on record of type '${table.logicalName}' is outside the valid range.`,
					);
			}
			out[key] = value;
		}
		return out;
	}

	private checkState(table: Table, row: Row) {
		const states = STATES[table.logicalName];
		if (!states || row.statecode === undefined) return;
		const valid = states[row.statecode as number];
		if (!valid || (row.statuscode !== undefined && !valid.includes(row.statuscode as number)))
			refuse(
				400,
				'0x80040203',
				`${String(row.statuscode)} is not a valid status code for state code ${table.logicalName}State.${String(row.statecode)} on ${table.logicalName} with Id ${String(row[table.primaryKey])}.`,
			);
	}

	private create(table: Table, body: unknown): Row {
		const fields = this.columnsOf(table, body, true);
		const id = (fields[table.primaryKey] as string | undefined) ?? randomUUID();
		const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
		const row: Row = { [table.primaryKey]: id, createdon: now, modifiedon: now, ...fields };
		if (STATES[table.logicalName]) {
			row.statecode ??= 0;
			row.statuscode ??= defaultStatus(table.logicalName, row.statecode as number);
		}
		if ('fullname' in table.computed)
			row.fullname = [row.firstname, row.lastname].filter(Boolean).join(' ');
		if ('extendedamount' in table.computed)
			row.extendedamount = Number(row.quantity ?? 0) * Number(row.priceperunit ?? 0);
		this.checkState(table, row);
		row['@odata.etag'] = `W/"${++this.version}"`;
		this.records.get(table.entitySet)!.set(id, row);
		return row;
	}

	private update(table: Table, id: string, body: unknown): Row {
		const row = this.row(table, id);
		const fields = this.columnsOf(table, body, false);
		const next = { ...row, ...fields };
		if (fields.statecode !== undefined && fields.statuscode === undefined)
			next.statuscode = defaultStatus(table.logicalName, fields.statecode as number);
		this.checkState(table, next);
		Object.assign(row, next, {
			modifiedon: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
			'@odata.etag': `W/"${++this.version}"`,
		});
		if ('fullname' in table.computed)
			row.fullname = [row.firstname, row.lastname].filter(Boolean).join(' ');
		return row;
	}

	/** A row as the API returns it: `$select`ed columns (always the key and etag), `$expand`s. */
	private represent(table: Table, row: Row, query: URLSearchParams): Row {
		const readable = this.readable(table);
		const select = query.get('$select');
		let out: Row;
		if (select) {
			out = { '@odata.etag': row['@odata.etag'] };
			for (const name of select.split(',').map((s) => s.trim())) {
				if (!readable.has(name)) this.noProperty(table, name);
				out[name] = row[name] ?? null;
			}
			out[table.primaryKey] = row[table.primaryKey];
		} else {
			out = { '@odata.etag': row['@odata.etag'] };
			for (const name of readable.keys()) out[name] = row[name] ?? null;
		}
		const expand = query.get('$expand');
		if (expand)
			for (const part of expand.split(/,(?![^(]*\))/)) {
				const m = /^([a-z0-9_]+)(?:\(\$select=([^)]*)\))?$/i.exec(part.trim());
				const nav = m ? table.navigations[m[1]] : undefined;
				if (!nav) this.noProperty(table, m?.[1] ?? part);
				const target = this.table(nav!.target);
				const id = row[`_${nav!.attribute}_value`] as string | undefined;
				const related = id ? this.records.get(target.entitySet)!.get(id) : undefined;
				const sub = new URLSearchParams(m![2] ? { $select: m![2] } : {});
				out[m![1]] = related ? this.represent(target, related, sub) : null;
			}
		return out;
	}

	private list(table: Table, request: FakeRequest): FakeResponse {
		const query = request.query;
		const readable = this.readable(table);
		let rows = [...this.records.get(table.entitySet)!.values()];
		const filterText = query.get('$filter');
		if (filterText !== null) {
			let filter;
			try {
				filter = parseFilter(filterText);
			} catch (error) {
				if (error instanceof FilterSyntaxError) refuse(400, '0x80060888', error.message);
				throw error;
			}
			for (const field of filterFields(filter!))
				if (!readable.has(field)) this.noProperty(table, field);
			rows = rows.filter((r) => matches(filter!, r));
		}
		const orderby = query.get('$orderby');
		if (orderby) {
			const [field, direction = 'asc'] = orderby.trim().split(/\s+/);
			if (!readable.has(field)) this.noProperty(table, field);
			const sign = direction === 'desc' ? -1 : 1;
			rows.sort((a, b) => (String(a[field] ?? '') < String(b[field] ?? '') ? -sign : sign));
		}
		const top = query.get('$top');
		if (top !== null) {
			if (!/^\d+$/.test(top))
				refuse(400, '0x0', `Invalid value '${top}' for $top query option found.`);
			rows = rows.slice(0, Number(top));
		}
		// Paging: learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results.
		const prefer = String(request.headers.prefer ?? '');
		const maxPage = /odata\.maxpagesize=(\d+)/.exec(prefer);
		const pageSize = Math.min(Number(maxPage?.[1] ?? 5000), 5000);
		const token = query.get('$skiptoken');
		const page = token ? Number(/pagenumber="(\d+)"/.exec(token)?.[1] ?? 1) : 1;
		const slice = rows.slice((page - 1) * pageSize, page * pageSize);
		const selectSuffix = query.get('$select') ? `(${query.get('$select')})` : '';
		const body: Row = {
			'@odata.context': `https://${this.host}${API}/$metadata#${table.entitySet}${selectSuffix}`,
			value: slice.map((r) => this.represent(table, r, query)),
		};
		// INFERRED: with $top Dataverse returns at most $top rows and no next link (the
		// page-results page says $top limits rows; it shows next links only without $top).
		if (top === null && rows.length > page * pageSize) {
			const next = new URLSearchParams(query);
			next.delete('$skiptoken');
			next.set('$skiptoken', `<cookie pagenumber="${page + 1}" istracking="False" />`);
			body['@odata.nextLink'] = `https://${this.host}${API}/${table.entitySet}?${next.toString()}`;
		}
		const headers: Record<string, string> = maxPage
			? { 'preference-applied': `odata.maxpagesize=${pageSize}` }
			: {};
		return json(200, body, headers);
	}

	/** `Prefer: return=representation` turns a 204 into the row (201 create, 200 update). */
	private wantsRepresentation(request: FakeRequest): boolean {
		return /return=representation/.test(String(request.headers.prefer ?? ''));
	}

	private entityId(table: Table, row: Row): string {
		return `https://${this.host}${API}/${table.entitySet}(${String(row[table.primaryKey])})`;
	}

	private metadata(path: string, query: URLSearchParams): FakeResponse {
		// n8n GenericFunctions.js getPicklistOptions / getEntityFields.
		const m =
			/^\/EntityDefinitions\(LogicalName='([a-z0-9_]+)'\)\/Attributes(?:\(LogicalName='([a-z0-9_]+)'\)(\/Microsoft\.Dynamics\.CRM\.PicklistAttributeMetadata)?)?$/.exec(
				path,
			);
		if (!m) return refuse(404, '0x8006088a', `Resource not found for the segment '${path}'.`);
		const table = this.tableByLogicalName(m[1]);
		const label = (text: string) => ({ UserLocalizedLabel: { Label: text, LanguageCode: 1033 } });
		const attribute = (name: string, type: AttributeType) => ({
			LogicalName: name,
			AttributeType: type,
			IsValidForRead: true,
			// INFERRED: n8n's getAccountFields keeps only these; the fake marks every column so.
			CanBeSecuredForRead: true,
			IsValidODataAttribute: true,
			DisplayName: label(name),
		});
		const columns = new Map<string, AttributeType>([
			[table.primaryKey, 'Uniqueidentifier'],
			...Object.entries(table.columns),
			...Object.entries(table.computed),
			...Object.values(table.navigations).map((n): [string, AttributeType] => [
				n.attribute,
				'Lookup',
			]),
		]);
		if (!m[2]) return json(200, { value: [...columns].map(([n, t]) => attribute(n, t)) });
		const type = columns.get(m[2]);
		if (!type) refuse(404, '0x80040217', `Could not find attribute ${m[2]} on entity ${m[1]}.`);
		if (m[3] && type !== 'Picklist')
			refuse(400, '0x0', `The attribute ${m[2]} is not a PicklistAttributeMetadata.`);
		if (!m[3]) return json(200, attribute(m[2], type!));
		void query;
		const options = OPTIONS[table.logicalName]?.[m[2]] ?? { 1: 'Default Value' };
		return json(200, {
			LogicalName: m[2],
			OptionSet: {
				Options: Object.entries(options).map(([value, text]) => ({
					Value: Number(value),
					Label: label(text),
				})),
			},
			GlobalOptionSet: null,
		});
	}

	/**
	 * WinOpportunity: `{"Status": 3, "OpportunityClose": {"subject", "opportunityid@odata.bind"}}`
	 * → 204 (learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/winopportunity).
	 */
	private win(body: unknown): FakeResponse {
		const b = (body ?? {}) as { Status?: unknown; OpportunityClose?: Row };
		const bind = b.OpportunityClose?.['opportunityid@odata.bind'];
		const m = typeof bind === 'string' ? /^\/?opportunities\(([^)]+)\)$/.exec(bind) : null;
		if (!Number.isInteger(b.Status) || !m)
			refuse(
				400,
				'0x0',
				'WinOpportunity needs Status and OpportunityClose.opportunityid@odata.bind.',
			);
		const table = this.table('opportunities');
		this.update(table, m![1], { statecode: 1, statuscode: b.Status });
		const row = this.row(table, m![1]);
		row.actualclosedate ??= new Date().toISOString().slice(0, 10);
		return noContent();
	}

	handle(request: FakeRequest): FakeResponse {
		try {
			const auth = String(request.headers.authorization ?? '');
			if (!auth.startsWith('Bearer ') || !this.accessTokens.has(auth.slice(7)))
				// INFERRED: Dataverse answers a missing or expired token 401 with an empty body.
				return {
					status: 401,
					bytes: Buffer.alloc(0),
					headers: {
						'www-authenticate':
							'Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize',
					},
				};
			if (!request.path.startsWith(`${API}/`))
				refuse(
					404,
					'',
					`No HTTP resource was found that matches the request URI '${request.path}'.`,
				);
			const path = decodeURIComponent(request.path.slice(API.length));
			if (path.startsWith('/EntityDefinitions')) return this.metadata(path, request.query);
			if (path === '/WinOpportunity' && request.method === 'POST') return this.win(request.body);
			const m = /^\/([a-z_]+)(?:\(([^)]*)\))?$/i.exec(path);
			if (!m) return refuse(404, '0x8006088a', `Resource not found for the segment '${path}'.`);
			const table = this.table(m[1]);
			const id = m[2];
			if (id !== undefined && !GUID.test(id))
				refuse(400, '0x80060888', `Bad Request - Error in query syntax.`);
			if (id === undefined && request.method === 'GET') return this.list(table, request);
			if (id === undefined && request.method === 'POST') {
				const row = this.create(table, request.body);
				const headers = {
					'odata-entityid': this.entityId(table, row),
					location: this.entityId(table, row),
				};
				return this.wantsRepresentation(request)
					? json(201, this.represent(table, row, request.query), headers)
					: noContent(headers);
			}
			if (id !== undefined && request.method === 'GET')
				return json(200, this.represent(table, this.row(table, id), request.query));
			if (id !== undefined && request.method === 'PATCH') {
				const row = this.update(table, id, request.body);
				return this.wantsRepresentation(request)
					? json(200, this.represent(table, row, request.query))
					: noContent({ 'odata-entityid': this.entityId(table, row) });
			}
			if (id !== undefined && request.method === 'DELETE') {
				this.row(table, id);
				this.records.get(table.entitySet)!.delete(id.toLowerCase());
				return noContent();
			}
			return refuse(
				405,
				'',
				`The requested resource does not support http method '${request.method}'.`,
			);
		} catch (error) {
			if (error instanceof Refused) return error.response;
			throw error;
		}
	}
}

export interface LoginOptions {
	clientId: string;
	clientSecret: string;
	/** The refresh token the credential holds (n8n keeps it in oauthTokenData). */
	refreshToken: string;
	/** Where issued access tokens go: the org's FakeDynamics.accessTokens. */
	accessTokens: Set<string>;
}

/**
 * Microsoft Entra's token endpoint at login.microsoftonline.com, `POST /<tenant>/oauth2/v2.0/token`
 * with a form body (n8n's MicrosoftOAuth2Api: accessTokenUrl
 * https://login.microsoftonline.com/common/oauth2/v2.0/token, authentication "body", so client_id
 * and client_secret travel in the form). Answers authorization_code, refresh_token and
 * client_credentials grants with `{token_type, expires_in, access_token, refresh_token}`; a wrong
 * client or refresh token gets Entra's `{"error":"invalid_grant"|"invalid_client"}` 400.
 */
export class FakeMicrosoftLogin implements FakeCrm {
	readonly host = 'login.microsoftonline.com';
	/** Grants received, in order, for assertions. */
	readonly grants: string[] = [];
	private refreshToken: string;
	private issued = 0;

	constructor(private readonly options: LoginOptions) {
		this.refreshToken = options.refreshToken;
	}

	handle(request: FakeRequest): FakeResponse {
		if (request.method !== 'POST' || !/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(request.path))
			return { status: 404, json: { error: 'not_found' } };
		const form = new URLSearchParams(request.rawBody);
		const grant = form.get('grant_type') ?? '';
		this.grants.push(grant);
		if (
			form.get('client_id') !== this.options.clientId ||
			form.get('client_secret') !== this.options.clientSecret
		)
			return {
				status: 401,
				json: {
					error: 'invalid_client',
					error_description: 'AADSTS7000215: Invalid client secret provided.',
				},
			};
		if (grant === 'refresh_token' && form.get('refresh_token') !== this.refreshToken)
			return {
				status: 400,
				json: {
					error: 'invalid_grant',
					error_description: 'AADSTS70000: The provided refresh token is invalid.',
				},
			};
		if (!['refresh_token', 'authorization_code', 'client_credentials'].includes(grant))
			return { status: 400, json: { error: 'unsupported_grant_type' } };
		const accessToken = `dyn-access-${++this.issued}`;
		this.options.accessTokens.add(accessToken);
		const body: Row = {
			token_type: 'Bearer',
			scope: form.get('scope') ?? '',
			expires_in: 3599,
			ext_expires_in: 3599,
			access_token: accessToken,
		};
		// Entra rotates the refresh token on each refresh; client_credentials has none.
		if (grant !== 'client_credentials') {
			this.refreshToken = `dyn-refresh-${this.issued}`;
			body.refresh_token = this.refreshToken;
		}
		return { status: 200, json: body };
	}
}

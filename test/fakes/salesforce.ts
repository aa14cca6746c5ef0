/* eslint-disable @n8n/community-nodes/require-node-api-error -- test infrastructure: runs beside n8n, never inside it */
import type { FakeCrm, FakeRequest, FakeResponse } from './crm-proxy';
import { parseFormData } from './multipart';

type SObject = Record<string, unknown> & { Id: string };

const PREFIX: Record<string, string> = {
	Lead: '00Q',
	Account: '001',
	Contact: '003',
	Opportunity: '006',
	Task: '00T',
	Note: '002',
	User: '005',
	Order: '801',
	OrderItem: '802',
	Product2: '01t',
	ContentVersion: '068',
};

/** Lookup relationships a SOQL query may follow (`Account.Name`): the object each one reaches. */
const RELATIONSHIPS: Record<string, string> = {
	Account: 'Account',
	BillToContact: 'Contact',
	ShipToContact: 'Contact',
	Product2: 'Product2',
	Order: 'Order',
	Owner: 'User',
};

/** Fields every record has, selectable but never written. */
const SYSTEM = ['Id', 'CreatedDate', 'LastModifiedDate'];

/**
 * Standard fields a query may read but the templates never write (formula, roll-up and system
 * fields), per object: with STANDARD, what SOQL may SELECT. n8n's Salesforce Trigger selects
 * `id,accountId,amount,probability,type,LastModifiedDate` of an Opportunity by default.
 */
const READ_ONLY: Record<string, string[]> = {
	Lead: ['Street', 'PostalCode', 'City'],
	Opportunity: ['Probability', 'IsWon', 'IsClosed'],
	User: ['Name'],
	Order: ['ActivatedDate', 'TotalAmount'],
};

/** Standard fields the templates may write, per object (Salesforce's object reference). */
const STANDARD: Record<string, string[]> = {
	Lead: [
		'FirstName',
		'LastName',
		'Company',
		'Email',
		'Title',
		'LeadSource',
		'Description',
		'Status',
		'IsConverted',
		'OwnerId',
		'NumberOfEmployees',
	],
	Account: ['Name', 'Website', 'Description', 'OwnerId', 'Type'],
	Contact: ['FirstName', 'LastName', 'Email', 'AccountId', 'OwnerId'],
	Opportunity: [
		'Name',
		'AccountId',
		'StageName',
		'CloseDate',
		'Amount',
		'Description',
		'OwnerId',
		'Type',
		'LeadSource',
	],
	Task: [
		'Subject',
		'Status',
		'Priority',
		'Description',
		'ActivityDate',
		'WhatId',
		'WhoId',
		'OwnerId',
		'TaskSubtype',
	],
	Note: ['Title', 'Body', 'ParentId', 'IsPrivate', 'OwnerId'],
	User: ['FirstName', 'LastName', 'Email', 'Username', 'IsActive'],
	Order: [
		'AccountId',
		'Status',
		'EffectiveDate',
		'EndDate',
		'BillToContactId',
		'ShipToContactId',
		'OrderNumber',
		'Description',
		'ContractId',
		'OwnerId',
	],
	OrderItem: ['OrderId', 'Product2Id', 'Quantity', 'UnitPrice', 'PricebookEntryId'],
	Product2: ['Name', 'ProductCode', 'IsActive', 'Description', 'Family'],
	ContentVersion: ['Title', 'PathOnClient', 'ContentLocation', 'FirstPublishLocationId', 'OwnerId'],
};

const canonical = (name: string) =>
	Object.keys(PREFIX).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;

/**
 * A WHERE clause's conditions: split at AND outside string literals, as Salesforce reads them (a
 * literal's `\'` and `\\` are escapes); an unterminated literal is malformed SOQL.
 */
function splitAnd(where: string): string[] {
	const parts: string[] = [];
	let start = 0;
	let quoted = false;
	for (let i = 0; i < where.length; i++) {
		const c = where[i];
		if (quoted && c === '\\') i++;
		else if (c === "'") quoted = !quoted;
		else if (!quoted) {
			const and = /^\s+AND\s+/i.exec(where.slice(i));
			if (and && i > start) {
				parts.push(where.slice(start, i));
				start = i + and[0].length;
				i = start - 1;
			}
		}
	}
	if (quoted) throw new Error(`unterminated string literal in: ${where}`);
	parts.push(where.slice(start));
	return parts;
}

class Refused extends Error {
	constructor(readonly response: FakeResponse) {
		super('refused');
	}
}

const error = (status: number, errorCode: string, message: string): FakeResponse => ({
	status,
	json: [{ message, errorCode }],
});

/**
 * A Salesforce org behind REST API v59.0 (what n8n's Salesforce node calls): SOQL queries with
 * simple WHERE … AND … conditions, sObject create / update / upsert by external ID / get, and the
 * invocable Apex action the join template uses to convert a lead. It refuses fields the org does
 * not have, so a template that writes a field its prerequisites do not list fails here.
 */
export class FakeSalesforce implements FakeCrm {
	readonly records = new Map<string, Map<string, SObject>>();
	private counter = 0;

	constructor(
		readonly host: string,
		readonly accessToken: string,
		/** Custom fields created in the org (the templates' prerequisites), by object. */
		readonly customFields: Record<string, string[]>,
	) {}

	private table(object: string) {
		if (!this.records.has(object)) this.records.set(object, new Map());
		return this.records.get(object)!;
	}

	insert(object: string, fields: Record<string, unknown>): SObject {
		const id = `${PREFIX[object] ?? 'a00'}${String(++this.counter).padStart(15, '0')}`;
		const now = new Date().toISOString();
		const record = { Id: id, CreatedDate: now, LastModifiedDate: now, ...fields };
		this.table(object).set(id, record);
		return record;
	}

	/** A change made in Salesforce by a user (what the Salesforce Trigger polls for). */
	update(object: string, id: string, fields: Record<string, unknown>): void {
		Object.assign(this.table(object).get(id)!, fields, {
			LastModifiedDate: new Date().toISOString(),
		});
	}

	private fieldsOf(object: string): Set<string> {
		return new Set(
			[...(STANDARD[object] ?? []), ...(this.customFields[object] ?? [])].map((f) =>
				f.toLowerCase(),
			),
		);
	}

	private unknownField(object: string, body: Record<string, unknown>): string | undefined {
		const allowed = this.fieldsOf(object);
		return Object.keys(body).find((k) => !allowed.has(k.toLowerCase()));
	}

	/** Whether SOQL may select `field` on `object`: its own fields, or one across a lookup. */
	private selectable(object: string, field: string): boolean {
		const [head, rest] = field.split(/\.(.*)/s);
		if (rest !== undefined) {
			const target = RELATIONSHIPS[head];
			return (
				!!target &&
				this.fieldsOf(object).has(`${head}Id`.toLowerCase()) &&
				this.selectable(target, rest)
			);
		}
		return (
			[...SYSTEM, ...(READ_ONLY[object] ?? [])].some(
				(f) => f.toLowerCase() === field.toLowerCase(),
			) || this.fieldsOf(object).has(field.toLowerCase())
		);
	}

	private write(object: string, record: SObject | undefined, body: unknown): SObject {
		if (!body || typeof body !== 'object' || Array.isArray(body))
			throw new Refused(error(400, 'JSON_PARSER_ERROR', 'body must be a JSON object'));
		const unknown = this.unknownField(object, body as Record<string, unknown>);
		if (unknown)
			throw new Refused(
				error(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${object}`),
			);
		if (!record) return this.insert(object, body as Record<string, unknown>);
		Object.assign(record, body, { LastModifiedDate: new Date().toISOString() });
		return record;
	}

	private query(soql: string): FakeResponse {
		const m = /^SELECT (.+?) FROM (\w+)\s*(?:WHERE (.+?))?\s*(?:LIMIT (\d+))?\s*$/i.exec(
			soql.trim(),
		);
		if (!m) return error(400, 'MALFORMED_QUERY', `unexpected SOQL: ${soql}`);
		const [, fieldList, objectName, where, limit] = m;
		const object = canonical(objectName);
		const conditions = splitAnd(where ?? '')
			.filter(Boolean)
			.map((c) => {
				const list = /^(\w+)\s+IN\s*\(([^)]*)\)$/i.exec(c.trim());
				if (list) {
					const values = [...list[2].matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((v) => v[1]);
					return { field: list[1].toLowerCase(), op: 'IN', value: values };
				}
				// Unquoted: a number, true/false/null or a date literal; anything else is malformed SOQL.
				const cm = /^(\w+)\s*(=|!=|>=|<=|>|<)\s*(?:'((?:[^'\\]|\\.)*)'|([\w:.+-]+))$/.exec(
					c.trim(),
				);
				if (!cm) throw new Error(`unsupported condition ${c}`);
				const raw = cm[3] !== undefined ? cm[3].replace(/\\(.)/g, '$1') : cm[4];
				const value = raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : raw;
				return { field: cm[1].toLowerCase(), op: cm[2], value };
			});
		const compare = (actual: unknown, op: string, expected: unknown) => {
			if (op === 'IN') return (expected as string[]).includes(String(actual ?? ''));
			if (op === '=' || op === '!=') {
				const same =
					(actual ?? null) === expected || String(actual ?? '') === String(expected ?? '');
				return op === '=' ? same : !same;
			}
			// Date/time comparisons (the Salesforce Trigger's LastModifiedDate >= …).
			const a = Date.parse(String(actual));
			const b = Date.parse(String(expected));
			if (Number.isNaN(a) || Number.isNaN(b)) return false;
			return op === '>=' ? a >= b : op === '<=' ? a <= b : op === '>' ? a > b : a < b;
		};
		const fields = fieldList.split(',').map((f) => f.trim());
		const unknown = [...fields, ...conditions.map((c) => c.field)].find(
			(f) => !this.selectable(object, f),
		);
		if (unknown)
			return error(
				400,
				'INVALID_FIELD',
				`No such column '${unknown}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
			);
		const get = (r: SObject, field: string) =>
			Object.entries(r).find(([k]) => k.toLowerCase() === field.toLowerCase())?.[1];
		// A lookup's fields come back nested under the relationship's name, null when it is empty.
		const related = (r: SObject, relation: string, relationFields: string[]) => {
			const target = RELATIONSHIPS[relation];
			const linked = this.table(target).get(String(get(r, `${relation}Id`) ?? ''));
			if (!linked) return null;
			return {
				attributes: { type: target, url: `/services/data/v59.0/sobjects/${target}/${linked.Id}` },
				...Object.fromEntries(
					relationFields.map((f) => [
						Object.keys(linked).find((k) => k.toLowerCase() === f.toLowerCase()) ?? f,
						get(linked, f) ?? null,
					]),
				),
			};
		};
		const own = fields.filter((f) => !f.includes('.'));
		const relations = new Map<string, string[]>();
		for (const f of fields.filter((f) => f.includes('.'))) {
			const [relation, rest] = f.split(/\.(.*)/s);
			relations.set(relation, [...(relations.get(relation) ?? []), rest]);
		}
		const rows = [...this.table(object).values()]
			.filter((r) => conditions.every((c) => compare(get(r, c.field), c.op, c.value)))
			.slice(0, limit ? Number(limit) : undefined)
			.map((r) => ({
				attributes: { type: object, url: `/services/data/v59.0/sobjects/${object}/${r.Id}` },
				// Salesforce answers with API casing whatever the query's casing.
				...Object.fromEntries(
					own.map((f) => [
						Object.keys(r).find((k) => k.toLowerCase() === f.toLowerCase()) ??
							(f === 'id' ? 'Id' : f),
						get(r, f) ?? null,
					]),
				),
				...Object.fromEntries(
					[...relations].map(([relation, relationFields]) => [
						relation,
						related(r, relation, relationFields),
					]),
				),
			}));
		return { status: 200, json: { totalSize: rows.length, done: true, records: rows } };
	}

	handle(req: FakeRequest): FakeResponse {
		try {
			return this.route(req);
		} catch (e) {
			if (e instanceof Refused) return e.response;
			throw e;
		}
	}

	private route(req: FakeRequest): FakeResponse {
		if (req.headers.authorization !== `Bearer ${this.accessToken}`)
			return error(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
		const p = req.path.replace(/^\/services\/data\/v59\.0/, '');
		if (p === req.path)
			return error(404, 'NOT_FOUND', `The requested resource does not exist: ${req.path}`);
		if (req.method === 'GET' && p === '/query') {
			try {
				return this.query(req.query.get('q') ?? '');
			} catch (e) {
				return error(400, 'MALFORMED_QUERY', (e as Error).message);
			}
		}
		const invocable = /^\/actions\/custom\/apex\/(\w+)$/.exec(p);
		if (invocable && req.method === 'POST') return this.convertLead(invocable[1], req.body);
		const m = /^\/sobjects\/(\w+)(?:\/(\w+))?(?:\/([^/]+))?$/.exec(p);
		if (!m) return error(404, 'NOT_FOUND', `The requested resource does not exist: ${req.path}`);
		const [, objectName, idOrField, externalValue] = m;
		// Salesforce matches sObject names case-insensitively (n8n sends `lead`, `account`, …).
		const object = canonical(objectName);
		if (req.method === 'POST' && !idOrField && object === 'ContentVersion') return this.upload(req);
		if (req.method === 'POST' && !idOrField) {
			const created = this.write(object, undefined, req.body);
			return { status: 201, json: { id: created.Id, success: true, errors: [] } };
		}
		if (externalValue !== undefined && req.method === 'PATCH') {
			const value = decodeURIComponent(externalValue);
			const existing = [...this.table(object).values()].find((r) => r[idOrField] === value);
			const body = { ...(req.body as Record<string, unknown>), [idOrField]: value };
			const saved = this.write(object, existing, body);
			return {
				status: existing ? 200 : 201,
				json: { id: saved.Id, success: true, errors: [], created: !existing },
			};
		}
		const record = idOrField ? this.table(object).get(idOrField) : undefined;
		if (!record)
			return error(
				404,
				'NOT_FOUND',
				`Provided external ID field does not exist or is not accessible: ${idOrField}`,
			);
		if (req.method === 'GET')
			return { status: 200, json: { attributes: { type: object }, ...record } };
		if (req.method === 'PATCH') {
			this.write(object, record, req.body);
			return { status: 204 };
		}
		return error(405, 'METHOD_NOT_ALLOWED', `${req.method} not allowed`);
	}

	/** Files uploaded to the org (ContentVersion), with their bytes. */
	readonly files: Array<SObject & { VersionData: Buffer }> = [];

	/**
	 * `POST /sobjects/ContentVersion` as multipart: an `entity_content` JSON part with the record's
	 * fields and a `VersionData` part with the file (Salesforce's "Insert or update blob data").
	 */
	private upload(req: FakeRequest): FakeResponse {
		const parts = parseFormData(req.bytes, req.headers['content-type']);
		const entity = parts?.find((p) => p.name === 'entity_content');
		const data = parts?.find((p) => p.name === 'VersionData');
		if (!entity || !data)
			return error(
				400,
				'INVALID_MULTIPART_REQUEST',
				'Expected multipart parts entity_content and VersionData',
			);
		let fields: Record<string, unknown>;
		try {
			fields = JSON.parse(entity.content.toString('utf8'));
		} catch {
			return error(400, 'JSON_PARSER_ERROR', 'entity_content is not JSON');
		}
		if (!fields.PathOnClient)
			return error(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [PathOnClient]');
		const link = fields.FirstPublishLocationId ?? fields.firstPublishLocationId;
		if (link && ![...this.records.values()].some((t) => t.has(String(link))))
			return error(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${link}`);
		const created = this.write('ContentVersion', undefined, fields);
		this.files.push(Object.assign(created, { VersionData: data.content }));
		return { status: 201, json: { id: created.Id, success: true, errors: [] } };
	}

	/**
	 * `POST /actions/custom/apex/ConvertLead` (Salesforce's custom invocable actions endpoint) as the
	 * Apex class in workflows-templates/README.md answers it: one result per input.
	 */
	private convertLead(action: string, body: unknown): FakeResponse {
		if (action !== 'ConvertLead') return error(404, 'NOT_FOUND', `No invocable action ${action}`);
		const inputs = (body as { inputs?: Array<Record<string, unknown>> })?.inputs;
		if (!Array.isArray(inputs) || !inputs.length)
			return error(400, 'INVALID_INPUT', 'inputs must be a non-empty array');
		return {
			status: 200,
			json: inputs.map((input) => {
				const lead = this.table('Lead').get(String(input.leadId));
				if (!lead || lead.IsConverted)
					return {
						actionName: action,
						isSuccess: false,
						errors: [
							{ statusCode: 'INVALID_STATUS', message: 'Lead not found or already converted' },
						],
						outputValues: null,
					};
				const account = this.insert('Account', { Name: lead.Company });
				const contact = this.insert('Contact', {
					FirstName: lead.FirstName,
					LastName: lead.LastName,
					Email: lead.Email,
					AccountId: account.Id,
				});
				const opportunity =
					input.createOpportunity === false
						? undefined
						: this.insert('Opportunity', {
								Name: input.opportunityName ?? lead.Company,
								AccountId: account.Id,
								StageName: 'Prospecting',
							});
				Object.assign(lead, { IsConverted: true, Status: input.convertedStatus });
				return {
					actionName: action,
					isSuccess: true,
					errors: null,
					outputValues: {
						accountId: account.Id,
						contactId: contact.Id,
						opportunityId: opportunity?.Id ?? null,
					},
				};
			}),
		};
	}
}

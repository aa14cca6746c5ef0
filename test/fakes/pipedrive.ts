import { createHash } from 'node:crypto';

import type { FakeCrm, FakeRequest, FakeResponse } from './crm-proxy';

/*
 * Pipedrive's API at api.pipedrive.com as n8n 2.41.1's Pipedrive node (version 2, its default) and
 * Pipedrive Trigger call it. Sources, named beside each shape below:
 * - [node] n8n-nodes-base/dist/nodes/Pipedrive/v2: transport/pipedrive.api.js (hosts, envelope,
 *   pagination), helpers/customFields.js (custom fields), actions/<resource>/<op>.operation.js.
 * - [trigger] PipedriveTrigger.node.js + v1/GenericFunctions.js (webhooks, always API v1).
 * - [cred] credentials/PipedriveApi.credentials.js, PipedriveOAuth2Api.credentials.js.
 * - [responses] pipedrive.readme.io/docs/core-api-concepts-responses (envelope, error body).
 * - [custom] pipedrive.readme.io/docs/core-api-concepts-custom-fields (40-character keys, leads
 *   inherit the deals' custom fields).
 * - [webhooks2] pipedrive.readme.io/docs/guide-for-webhooks-v2 and webhooks-v2-migration-guide;
 *   Pipedrive's changelog "webhooks v2 will become the new default version" (17 March 2025), as
 *   quoted in PipedreamHQ/pipedream PR 16245.
 * - [openapi] Pipedrive's OpenAPI as generated into pipedrive-rs (docs.rs): search term rules.
 * INFERRED marks what none of these settles.
 *
 * Facts the adapter needs:
 * - Two bases on one host [node transport]: `/api/v2` for persons, organizations, deals,
 *   activities, products, deal products and the *Fields lists; `/v1` for leads, /leadFields, every
 *   search (/organizations/search, /persons/search, /deals/search), /users, /activityTypes,
 *   /userSettings (the credential test [cred]) and /webhooks [trigger].
 * - Auth [cred]: API token as the `api_token` query parameter, or OAuth2 `Authorization: Bearer`.
 * - v2 writes custom fields under `custom_fields: { <40-char key>: value }`; option fields take the
 *   option's numeric ID. n8n reads GET /api/v2/<entity>Fields (cursor paged, `field_code` /
 *   `field_name`) before every create/update unless "Raw Custom Field Keys" is on, and maps names
 *   to keys; a name it cannot map is sent as is [node helpers/customFields.js], and refused here.
 * - Updates are PATCH on v2 [node deal/update]; deal and activity `user_id` is sent as `owner_id`;
 *   an activity's person goes in `participants` [node activity/create].
 * - Pagination: v2 `limit` (n8n asks 500) + `cursor`, `additional_data.next_cursor`; v1 `start` /
 *   `limit` (n8n asks 100), `additional_data.pagination.{more_items_in_collection,next_start}`.
 * - The Trigger (1.1) registers POST /v1/webhooks {event_action, event_object, subscription_url,
 *   http_auth_user, http_auth_password} with no `version`, so Pipedrive makes a webhooks v2 one
 *   [webhooks2]; 1.1's actions are v2's create/change/delete/*. Deliveries are then
 *   `{ data, previous, meta }` with basic auth when set; the trigger outputs the body as is.
 */

type Json = Record<string, unknown>;
export type Entity = 'organization' | 'person' | 'deal' | 'activity' | 'product';
/** Pipedrive's custom field types [node helpers/customFields.js PASSTHROUGH_FIELD_TYPES + options]. */
export type FieldType =
	| 'varchar'
	| 'varchar_auto'
	| 'text'
	| 'phone'
	| 'address'
	| 'double'
	| 'int'
	| 'monetary'
	| 'date'
	| 'enum'
	| 'set'
	| 'user'
	| 'org'
	| 'people';

export interface CustomField {
	name: string;
	type: FieldType;
	/** Option labels of an enum or set field; Pipedrive numbers them. */
	options?: string[];
}

export interface FieldDef {
	key: string;
	name: string;
	field_type: FieldType;
	options: Array<{ id: number; label: string }> | null;
}

export interface Webhook extends Json {
	id: number;
	event_action: string;
	event_object: string;
	subscription_url: string;
	http_auth_user: string | null;
	http_auth_password: string | null;
	version: string;
}

const ERROR_INFO =
	'Please check developers.pipedrive.com for more information about Pipedrive API.';

/** Pipedrive's error body [responses]; the messages are INFERRED in Pipedrive's style. */
const fail = (status: number, error: string, code?: string): FakeResponse => ({
	status,
	json: {
		success: false,
		error,
		error_info: ERROR_INFO,
		data: null,
		additional_data: null,
		...(code ? { code } : {}),
	},
});
const ok = (data: unknown, additional_data: unknown = null, status = 200): FakeResponse => ({
	status,
	json: { success: true, data, additional_data },
});

/** What a v2 built-in field accepts (INFERRED from each endpoint's reference body types). */
type Check = 'string' | 'int' | 'number' | 'bool' | 'date' | 'ids' | 'array' | 'value';
const WRITABLE: Record<Entity, Record<string, Check>> = {
	organization: {
		name: 'string',
		owner_id: 'int',
		label_ids: 'ids',
		visible_to: 'int',
		address: 'value',
	},
	person: {
		name: 'string',
		owner_id: 'int',
		org_id: 'int',
		emails: 'array',
		phones: 'array',
		label_ids: 'ids',
		visible_to: 'int',
	},
	deal: {
		title: 'string',
		owner_id: 'int',
		person_id: 'int',
		org_id: 'int',
		pipeline_id: 'int',
		stage_id: 'int',
		value: 'number',
		currency: 'string',
		status: 'string',
		probability: 'number',
		lost_reason: 'string',
		expected_close_date: 'date',
		label_ids: 'ids',
		visible_to: 'int',
	},
	activity: {
		subject: 'string',
		type: 'string',
		done: 'bool',
		due_date: 'date',
		due_time: 'string',
		duration: 'string',
		owner_id: 'int',
		deal_id: 'int',
		lead_id: 'string',
		org_id: 'int',
		participants: 'array',
		note: 'string',
		public_description: 'string',
		busy: 'bool',
	},
	product: {
		name: 'string',
		code: 'string',
		unit: 'string',
		tax: 'number',
		owner_id: 'int',
		prices: 'array',
		visible_to: 'int',
	},
};
/** Required on create (INFERRED from the reference: the node's required parameters). */
const REQUIRED: Record<Entity, string[]> = {
	organization: ['name'],
	person: ['name'],
	deal: ['title'],
	activity: [],
	product: ['name'],
};
const PLURAL: Record<Entity, string> = {
	organization: 'organizations',
	person: 'persons',
	deal: 'deals',
	activity: 'activities',
	product: 'products',
};
const LABEL: Record<Entity, string> = {
	organization: 'Organization',
	person: 'Person',
	deal: 'Deal',
	activity: 'Activity',
	product: 'Product',
};
/** v1 lead fields [node lead/create]; `value` is {amount, currency}, `visible_to` a string. */
const LEAD_WRITABLE: Record<string, Check> = {
	title: 'string',
	owner_id: 'int',
	person_id: 'int',
	organization_id: 'int',
	label_ids: 'array',
	value: 'value',
	expected_close_date: 'date',
	was_seen: 'bool',
	visible_to: 'string',
};
/** Which text a v1 search looks in, by item type [openapi /itemSearch `fields`]. */
const SEARCH_FIELDS: Record<string, string[]> = {
	organizations: ['name', 'address', 'custom_fields', 'notes'],
	persons: ['name', 'email', 'phone', 'custom_fields', 'notes'],
	deals: ['title', 'custom_fields', 'notes'],
};
/**
 * Custom field types a search reads (recalled from the search endpoints' `fields` reference:
 * address, varchar, text, varchar_auto, double, monetary and phone; INFERRED until checked).
 */
const SEARCHABLE: FieldType[] = [
	'address',
	'varchar',
	'text',
	'varchar_auto',
	'double',
	'monetary',
	'phone',
];
/** Trigger 1.1 / webhooks v2 actions, trigger 1 / v1 actions [trigger, webhooks2]. */
const ACTIONS: Record<string, string[]> = {
	'2.0': ['create', 'change', 'delete', '*'],
	'1.0': ['added', 'updated', 'deleted', 'merged', '*'],
};

const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

function checkValue(check: Check, v: unknown): boolean {
	if (v === null) return true;
	switch (check) {
		case 'string':
			return typeof v === 'string';
		case 'int':
			return Number.isInteger(v);
		case 'number':
			return typeof v === 'number';
		case 'bool':
			return typeof v === 'boolean';
		case 'date':
			return isDate(v);
		case 'ids':
			return Array.isArray(v) && v.every((x) => Number.isInteger(x));
		case 'array':
			return Array.isArray(v);
		case 'value':
			return typeof v === 'object' || typeof v === 'string';
	}
}

/**
 * Pipedrive's API (one company) behind the CRM proxy. Records are kept as the v2 API returns them
 * (custom fields under `custom_fields`), leads as v1 returns them; every write is validated first.
 */
export class FakePipedrive implements FakeCrm {
	readonly host = 'api.pipedrive.com';
	readonly records: Record<Entity, Map<number, Json>> = {
		organization: new Map(),
		person: new Map(),
		deal: new Map(),
		activity: new Map(),
		product: new Map(),
	};
	readonly leads = new Map<string, Json>();
	/** Products attached to deals (v2 deal products), by the attachment's ID. */
	readonly dealProducts = new Map<number, Json>();
	readonly users: Json[] = [];
	readonly webhooks: Webhook[] = [];
	/** Deliveries made by `deliver`, with the status the receiver answered. */
	readonly deliveries: Array<{ url: string; body: Json; status: number }> = [];
	readonly fields: Record<Entity, FieldDef[]>;
	private ids: Record<string, number> = {};
	/** Pipedrive's times are RFC 3339 without milliseconds (v2); a test may fix the clock. */
	now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

	constructor(
		readonly token: string,
		/** Custom fields the company made, by entity (leads use the deal's [custom]). */
		custom: Partial<Record<Entity, CustomField[]>> = {},
		/** Activity types the company has (GET /v1/activityTypes; INFERRED defaults). */
		readonly activityTypes: string[] = ['call', 'meeting', 'task', 'deadline', 'email', 'lunch'],
	) {
		let option = 0;
		this.fields = Object.fromEntries(
			(Object.keys(this.records) as Entity[]).map((entity) => [
				entity,
				(custom[entity] ?? []).map((f) => ({
					key: FakePipedrive.keyOf(entity, f.name),
					name: f.name,
					field_type: f.type,
					options: f.options ? f.options.map((label) => ({ id: ++option, label })) : null,
				})),
			]),
		) as Record<Entity, FieldDef[]>;
		this.addUser('Admin', 'admin@example.com');
	}

	/**
	 * The 40-character key Pipedrive gives a custom field [custom: "randomly generated 40-character
	 * hashes"]; here a SHA-1 of entity and name, so tests and templates can compute it.
	 */
	static keyOf(entity: Entity, name: string): string {
		return createHash('sha1').update(`${entity}:${name}`).digest('hex');
	}

	/** The key of one of this company's custom fields, by its name. */
	key(entity: Entity, name: string): string {
		const field = this.fields[entity].find((f) => f.name === name);
		if (!field) throw new Error(`no ${entity} field named ${name}`);
		return field.key;
	}

	/** An option's ID, as an enum or set field takes it. */
	optionId(entity: Entity, name: string, label: string): number {
		const option = this.fields[entity]
			.find((f) => f.name === name)
			?.options?.find((o) => o.label === label);
		if (!option) throw new Error(`no option ${label} on ${entity} field ${name}`);
		return option.id;
	}

	private nextId(kind: string): number {
		this.ids[kind] = (this.ids[kind] ?? 0) + 1;
		return this.ids[kind];
	}

	/** A user of the company (GET /v1/users), who can own records; their ID. */
	addUser(name: string, email: string): number {
		const id = this.nextId('user');
		this.users.push({
			id,
			name,
			email,
			active_flag: true,
			is_admin: this.users.length === 0 ? 1 : 0,
		});
		return id;
	}

	/** A record made as if in Pipedrive's app, unvalidated, in the v2 shape; its ID. */
	add(entity: Entity, fields: Json): number {
		const id = this.nextId(entity);
		this.records[entity].set(id, this.shape(entity, id, fields));
		return id;
	}

	/** A record's v2 shape (INFERRED: the reference's response fields the flows read, not all). */
	private shape(entity: Entity, id: number, fields: Json): Json {
		const time = this.now();
		const base: Json = {
			id,
			owner_id: this.users[0].id,
			add_time: time,
			update_time: time,
			is_deleted: false,
			custom_fields: Object.fromEntries(this.fields[entity].map((f) => [f.key, null])),
		};
		const defaults: Record<Entity, Json> = {
			organization: { name: '', visible_to: 3, label_ids: [], address: null },
			person: { name: '', org_id: null, emails: [], phones: [], visible_to: 3, label_ids: [] },
			deal: {
				title: '',
				person_id: null,
				org_id: null,
				pipeline_id: 1,
				stage_id: 1,
				value: 0,
				currency: 'USD',
				status: 'open',
				probability: null,
				lost_reason: null,
				expected_close_date: null,
				won_time: null,
				lost_time: null,
				close_time: null,
				label_ids: [],
				visible_to: 3,
			},
			activity: {
				subject: '',
				type: 'task',
				done: false,
				due_date: null,
				due_time: null,
				duration: null,
				deal_id: null,
				lead_id: null,
				person_id: null,
				org_id: null,
				participants: [],
				note: null,
				busy: false,
				marked_as_done_time: null,
			},
			product: { name: '', code: null, unit: null, tax: 0, prices: [], visible_to: 3 },
		};
		const { custom_fields, ...rest } = fields;
		const record = { ...base, ...defaults[entity], ...rest };
		Object.assign(record.custom_fields as Json, (custom_fields as Json | undefined) ?? {});
		return record;
	}

	/** The first reason Pipedrive would refuse this v2 write, or null. */
	private refusal(entity: Entity, body: Json, creating: boolean): FakeResponse | null {
		const writable = WRITABLE[entity];
		for (const key of REQUIRED[entity])
			if (creating && (body[key] === undefined || body[key] === '' || body[key] === null))
				return fail(400, `${key} is required`, 'ERR_SCHEMA_VALIDATION_FAILED');
		for (const [key, value] of Object.entries(body)) {
			if (key === 'custom_fields') continue;
			const check = writable[key];
			// INFERRED: v2 validates bodies against a schema and refuses what it does not know.
			if (!check) return fail(400, `Unknown parameter: ${key}`, 'ERR_SCHEMA_VALIDATION_FAILED');
			if (!checkValue(check, value))
				return fail(
					400,
					`Invalid type for ${key}: expected ${check}`,
					'ERR_SCHEMA_VALIDATION_FAILED',
				);
		}
		const refs: Array<[string, Entity | 'user']> = [
			['org_id', 'organization'],
			['person_id', 'person'],
			['deal_id', 'deal'],
			['owner_id', 'user'],
		];
		for (const [key, target] of refs) {
			const id = body[key];
			if (id === undefined || id === null || !writable[key]) continue;
			const exists =
				target === 'user'
					? this.users.some((u) => u.id === id)
					: this.records[target].has(id as number);
			if (!exists) return fail(404, `${target === 'user' ? 'User' : LABEL[target]} not found`);
		}
		if (
			entity === 'deal' &&
			body.status !== undefined &&
			!['open', 'won', 'lost'].includes(String(body.status))
		)
			return fail(400, 'status must be one of open, won, lost', 'ERR_SCHEMA_VALIDATION_FAILED');
		if (
			entity === 'activity' &&
			body.type !== undefined &&
			!this.activityTypes.includes(String(body.type))
		)
			return fail(400, `Activity type "${String(body.type)}" does not exist`);
		if (entity === 'activity' && body.lead_id && !this.leads.has(String(body.lead_id)))
			return fail(404, 'Lead not found');
		return this.customRefusal(entity, (body.custom_fields ?? {}) as Json);
	}

	/** Custom field values by type (INFERRED from the field types' reference descriptions). */
	private customRefusal(entity: Entity, values: Json): FakeResponse | null {
		if (typeof values !== 'object' || Array.isArray(values))
			return fail(400, 'custom_fields must be an object', 'ERR_SCHEMA_VALIDATION_FAILED');
		for (const [key, value] of Object.entries(values)) {
			const field = this.fields[entity].find((f) => f.key === key);
			if (!field) return fail(400, `Unknown custom field: ${key}`, 'ERR_SCHEMA_VALIDATION_FAILED');
			if (value === null) continue;
			const ids = new Set(field.options?.map((o) => o.id));
			const valid = {
				varchar: typeof value === 'string',
				varchar_auto: typeof value === 'string',
				text: typeof value === 'string',
				phone: typeof value === 'string',
				address: typeof value === 'string' || typeof value === 'object',
				double: typeof value === 'number',
				int: Number.isInteger(value),
				monetary: typeof value === 'number',
				date: isDate(value),
				enum: ids.has(value as number),
				set: Array.isArray(value) && value.every((v) => ids.has(v as number)),
				user: this.users.some((u) => u.id === value),
				org: this.records.organization.has(value as number),
				people: this.records.person.has(value as number),
			}[field.field_type];
			if (!valid)
				return fail(
					400,
					`Invalid value for custom field "${field.name}" (${field.field_type})`,
					'ERR_SCHEMA_VALIDATION_FAILED',
				);
		}
		return null;
	}

	/** v2 cursor pages [node transport pipedriveApiRequestAllItemsCursor]; the cursor is opaque. */
	private page(items: unknown[], query: URLSearchParams): FakeResponse {
		const limit = Math.min(Number(query.get('limit') ?? 100), 500);
		const start = query.get('cursor')
			? Number(Buffer.from(query.get('cursor')!, 'base64url').toString())
			: 0;
		const data = items.slice(start, start + limit);
		const more = start + limit < items.length;
		return ok(data, {
			next_cursor: more ? Buffer.from(String(start + limit)).toString('base64url') : null,
		});
	}

	/** v1 offset pages [responses; node transport pipedriveApiRequestAllItemsOffset]. */
	private offsetPage(
		items: unknown[],
		query: URLSearchParams,
		wrap?: (data: unknown[]) => unknown,
	) {
		const start = Number(query.get('start') ?? 0);
		const limit = Number(query.get('limit') ?? 100);
		const data = items.slice(start, start + limit);
		const more = start + limit < items.length;
		return ok(wrap ? wrap(data) : data, {
			pagination: {
				start,
				limit,
				more_items_in_collection: more,
				...(more ? { next_start: start + limit } : {}),
			},
		});
	}

	private authorized(req: FakeRequest): boolean {
		return (
			req.query.get('api_token') === this.token ||
			req.headers.authorization === `Bearer ${this.token}`
		);
	}

	handle(req: FakeRequest): FakeResponse | Promise<FakeResponse> {
		// Pipedrive's 401 (INFERRED wording, [responses] shape).
		if (!this.authorized(req))
			return {
				status: 401,
				json: {
					success: false,
					error: 'unauthorized access',
					errorCode: 401,
					error_info: ERROR_INFO,
				},
			};
		if (req.path.startsWith('/api/v2/')) return this.v2(req, req.path.slice('/api/v2'.length));
		if (req.path.startsWith('/v1/')) return this.v1(req, req.path.slice('/v1'.length));
		return fail(404, `Unknown method .`);
	}

	private v2(req: FakeRequest, path: string): FakeResponse {
		const body = (req.body ?? {}) as Json;
		let m: RegExpExecArray | null;
		// GET /<entity>Fields: `field_code`, `field_name`, `field_type`, `options` [node transport
		// pipedriveGetCustomProperties reads these names]; the built-in fields are left out.
		if (
			req.method === 'GET' &&
			(m = /^\/(organization|person|deal|activity|product)Fields$/.exec(path))
		)
			return this.page(
				this.fields[m[1] as Entity].map((f) => ({
					field_code: f.key,
					field_name: f.name,
					field_type: f.field_type,
					options: f.options,
					is_custom_field: true,
				})),
				req.query,
			);
		if ((m = /^\/deals\/(\d+)\/products$/.exec(path))) {
			const dealId = Number(m[1]);
			if (!this.records.deal.has(dealId)) return fail(404, 'Deal not found');
			if (req.method === 'GET')
				return this.page(
					[...this.dealProducts.values()].filter((p) => p.deal_id === dealId),
					req.query,
				);
			if (req.method === 'POST') return this.attachProduct(dealId, body);
		}
		const entity = (Object.keys(PLURAL) as Entity[]).find((e) =>
			new RegExp(`^/${PLURAL[e]}(/\\d+)?$`).test(path),
		);
		if (!entity) return fail(404, `Unknown method ${path}`);
		const table = this.records[entity];
		const id = Number(path.split('/')[2]);
		if (!id) {
			if (req.method === 'GET') return this.page([...table.values()], req.query);
			if (req.method === 'POST') {
				const refused = this.refusal(entity, body, true);
				if (refused) return refused;
				if (entity === 'activity' && !body.subject)
					return fail(400, 'subject is required', 'ERR_SCHEMA_VALIDATION_FAILED');
				const newId = this.add(entity, body);
				return ok(table.get(newId));
			}
			return fail(404, `Unknown method ${path}`);
		}
		const record = table.get(id);
		if (!record) return fail(404, `${LABEL[entity]} not found`);
		if (req.method === 'GET') return ok(record);
		if (req.method === 'PATCH') {
			const refused = this.refusal(entity, body, false);
			if (refused) return refused;
			this.update(entity, record, body);
			return ok(record);
		}
		if (req.method === 'DELETE') {
			table.delete(id);
			return ok({ id });
		}
		return fail(404, `Unknown method ${path}`);
	}

	/** Applies a validated change, with the times Pipedrive keeps (INFERRED: won_time on won). */
	private update(entity: Entity, record: Json, body: Json): Json {
		const previous: Json = {};
		const { custom_fields, ...rest } = body;
		for (const [k, v] of Object.entries(rest)) {
			if (record[k] !== v) previous[k] = record[k];
			record[k] = v;
		}
		const custom = record.custom_fields as Json;
		for (const [k, v] of Object.entries((custom_fields as Json | undefined) ?? {})) {
			if (custom[k] !== v) ((previous.custom_fields ??= {}) as Json)[k] = custom[k];
			custom[k] = v;
		}
		if (entity === 'deal' && 'status' in previous) {
			record.won_time = record.status === 'won' ? this.now() : null;
			record.close_time = record.status === 'open' ? null : this.now();
		}
		if (entity === 'activity' && 'done' in previous)
			record.marked_as_done_time = record.done ? this.now() : null;
		record.update_time = this.now();
		return previous;
	}

	/** POST /api/v2/deals/{id}/products [node dealProduct/add]: product_id, item_price, quantity. */
	private attachProduct(dealId: number, body: Json): FakeResponse {
		const checks: Record<string, Check> = {
			product_id: 'int',
			item_price: 'number',
			quantity: 'number',
			discount: 'number',
			discount_type: 'string',
			tax: 'number',
			tax_method: 'string',
			comments: 'string',
			is_enabled: 'bool',
			billing_frequency: 'string',
			billing_frequency_cycles: 'int',
			billing_start_date: 'date',
		};
		for (const key of ['product_id', 'item_price', 'quantity'])
			if (body[key] === undefined)
				return fail(400, `${key} is required`, 'ERR_SCHEMA_VALIDATION_FAILED');
		for (const [key, value] of Object.entries(body)) {
			if (!checks[key])
				return fail(400, `Unknown parameter: ${key}`, 'ERR_SCHEMA_VALIDATION_FAILED');
			if (!checkValue(checks[key], value))
				return fail(
					400,
					`Invalid type for ${key}: expected ${checks[key]}`,
					'ERR_SCHEMA_VALIDATION_FAILED',
				);
		}
		const product = this.records.product.get(body.product_id as number);
		if (!product) return fail(404, 'Product not found');
		return ok(this.attach(dealId, body.product_id as number, body));
	}

	/** A product on a deal in the v2 deal-product shape (INFERRED: the fields the flows read). */
	attach(dealId: number, productId: number, line: Json): Json {
		const product = this.records.product.get(productId)!;
		const time = this.now();
		const itemPrice = Number(line.item_price ?? 0);
		const quantity = Number(line.quantity ?? 1);
		const saved: Json = {
			id: this.nextId('dealProduct'),
			deal_id: dealId,
			product_id: productId,
			name: product.name,
			item_price: itemPrice,
			quantity,
			sum: itemPrice * quantity,
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
			add_time: time,
			update_time: time,
			...line,
		};
		this.dealProducts.set(saved.id as number, saved);
		return saved;
	}

	private v1(req: FakeRequest, path: string): FakeResponse | Promise<FakeResponse> {
		const body = (req.body ?? {}) as Json;
		let m: RegExpExecArray | null;
		if (req.method === 'GET' && path === '/userSettings') return ok({ list_limit: 100 });
		if (req.method === 'GET' && path === '/users') return ok(this.users);
		if (req.method === 'GET' && path === '/activityTypes')
			return ok(
				this.activityTypes.map((key, i) => ({
					id: i + 1,
					key_string: key,
					name: key,
					active_flag: true,
				})),
			);
		// v1 field lists: `key` / `name` [node transport: "v1 uses key/name"]; leads' are the deal's.
		if (req.method === 'GET' && path === '/leadFields')
			return this.offsetPage(
				this.fields.deal.map((f) => ({
					key: f.key,
					name: f.name,
					field_type: f.field_type,
					options: f.options,
				})),
				req.query,
			);
		if ((m = /^\/(organizations|persons|deals)\/search$/.exec(path)) && req.method === 'GET')
			return this.search(m[1], req.query);
		if (path === '/leads' && req.method === 'POST') return this.createLead(body);
		if (path === '/leads' && req.method === 'GET')
			return this.offsetPage([...this.leads.values()], req.query);
		if ((m = /^\/leads\/([\w-]+)$/.exec(path))) {
			const lead = this.leads.get(m[1]);
			if (!lead) return fail(404, 'Lead not found');
			if (req.method === 'GET') return ok(lead);
			if (req.method === 'PATCH') {
				const refused = this.leadRefusal(body);
				if (refused) return refused;
				Object.assign(lead, body, { update_time: this.now() });
				return ok(lead);
			}
			if (req.method === 'DELETE') {
				this.leads.delete(m[1]);
				return ok({ id: m[1] });
			}
		}
		if (path === '/webhooks' && req.method === 'GET')
			return { status: 200, json: { success: true, status: 'ok', data: this.webhooks } };
		if (path === '/webhooks' && req.method === 'POST') return this.createWebhook(body);
		if ((m = /^\/webhooks\/(\d+)$/.exec(path)) && req.method === 'DELETE') {
			const at = this.webhooks.findIndex((w) => w.id === Number(m![1]));
			if (at < 0) return fail(404, 'Webhook not found');
			this.webhooks.splice(at, 1);
			return { status: 200, json: { success: true, status: 'ok' } };
		}
		return fail(404, `Unknown method ${path}`);
	}

	/** Lead fields: its own plus the deal's custom fields at the top level [custom] (INFERRED: v1). */
	private leadRefusal(body: Json): FakeResponse | null {
		const custom: Json = {};
		for (const [key, value] of Object.entries(body)) {
			if (this.fields.deal.some((f) => f.key === key)) {
				custom[key] = value;
				continue;
			}
			const check = LEAD_WRITABLE[key];
			if (!check) return fail(400, `Unknown parameter: ${key}`);
			if (!checkValue(check, value)) return fail(400, `Invalid type for ${key}: expected ${check}`);
		}
		if (body.value !== undefined && body.value !== null) {
			const value = body.value as Json;
			if (typeof value.amount !== 'number' || typeof value.currency !== 'string')
				return fail(400, 'value must be an object with amount (number) and currency (string)');
		}
		if (body.person_id && !this.records.person.has(body.person_id as number))
			return fail(404, 'Person not found');
		if (body.organization_id && !this.records.organization.has(body.organization_id as number))
			return fail(404, 'Organization not found');
		if (body.owner_id && !this.users.some((u) => u.id === body.owner_id))
			return fail(404, 'User not found');
		return this.customRefusal('deal', custom);
	}

	/**
	 * POST /v1/leads [node lead/create]: a title and a person or an organization ("a lead always has
	 * to be linked to a person or an organization or both", the leads reference); 201, a UUID ID.
	 */
	private createLead(body: Json): FakeResponse {
		if (typeof body.title !== 'string' || !body.title) return fail(400, 'title is required');
		if (!body.person_id && !body.organization_id)
			return fail(400, 'A lead must be linked to a person or an organization or both');
		const refused = this.leadRefusal(body);
		if (refused) return refused;
		const time = this.now();
		const n = this.nextId('lead');
		const lead: Json = {
			id: `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`,
			title: body.title,
			owner_id: body.owner_id ?? this.users[0].id,
			creator_id: this.users[0].id,
			label_ids: [],
			person_id: null,
			organization_id: null,
			source_name: 'API',
			origin: 'API',
			channel: null,
			is_archived: false,
			was_seen: false,
			value: null,
			expected_close_date: null,
			next_activity_id: null,
			add_time: time,
			update_time: time,
			visible_to: '3',
			...body,
		};
		this.leads.set(lead.id as string, lead);
		return ok(lead, null, 201);
	}

	/**
	 * GET /v1/<items>/search [node <resource>/search.operation.js]: `term` (2+ characters, 1 with exact_match
	 * [openapi]), `fields`, `exact_match` (whole value, case-insensitive [openapi]), start/limit;
	 * `data.items[] = { result_score, item }` [node helpers/searchResponse.js].
	 */
	private search(items: string, query: URLSearchParams): FakeResponse {
		const term = query.get('term') ?? '';
		const exact = query.get('exact_match') === 'true' || query.get('exact_match') === '1';
		if (term.length < (exact ? 1 : 2))
			return fail(400, 'Search term must be at least 2 characters long (1 with exact_match)');
		const fields = query.get('fields')?.split(',') ?? SEARCH_FIELDS[items];
		const unknown = fields.find((f) => !SEARCH_FIELDS[items].includes(f));
		if (unknown) return fail(400, `Invalid field: ${unknown}`);
		const entity = (Object.keys(PLURAL) as Entity[]).find((e) => PLURAL[e] === items)!;
		const matches = (v: unknown) =>
			v !== null &&
			v !== undefined &&
			(exact
				? String(v).toLowerCase() === term.toLowerCase()
				: String(v).toLowerCase().includes(term.toLowerCase()));
		const found: Json[] = [];
		for (const record of this.records[entity].values()) {
			const customHits = fields.includes('custom_fields')
				? this.fields[entity]
						.filter((f) => SEARCHABLE.includes(f.field_type))
						.map((f) => (record.custom_fields as Json)[f.key])
						.filter(matches)
						.map(String)
				: [];
			const text = {
				name: [record.name],
				title: [record.title],
				address: [record.address],
				email: ((record.emails as Json[] | undefined) ?? []).map((e) => e.value),
				phone: ((record.phones as Json[] | undefined) ?? []).map((p) => p.value),
				notes: [],
			} as Record<string, unknown[]>;
			const hit =
				customHits.length > 0 ||
				fields.some((f) => f !== 'custom_fields' && (text[f] ?? []).some(matches));
			if (!hit) continue;
			found.push({
				result_score: exact ? 1 : 0.5,
				item: this.searchItem(entity, record, customHits),
			});
		}
		return this.offsetPage(found, query, (data) => ({ items: data }));
	}

	/** A search result's `item` (INFERRED from the search reference's example responses). */
	private searchItem(entity: Entity, r: Json, customHits: string[]): Json {
		const org = r.org_id ? this.records.organization.get(r.org_id as number) : undefined;
		const common = {
			id: r.id,
			type: entity,
			visible_to: r.visible_to,
			owner: { id: r.owner_id },
			custom_fields: customHits,
			notes: [],
		};
		if (entity === 'organization') return { ...common, name: r.name, address: r.address };
		if (entity === 'person')
			return {
				...common,
				name: r.name,
				emails: ((r.emails as Json[]) ?? []).map((e) => e.value),
				phones: ((r.phones as Json[]) ?? []).map((p) => p.value),
				organization: org ? { id: org.id, name: org.name } : null,
			};
		return {
			...common,
			title: r.title,
			value: r.value,
			currency: r.currency,
			status: r.status,
			stage: { id: r.stage_id },
			person: r.person_id ? { id: r.person_id } : null,
			organization: org ? { id: org.id, name: org.name } : null,
		};
	}

	/**
	 * POST /v1/webhooks [trigger create]: `version` defaults to "2.0" [webhooks2]; event_action must
	 * be one of that version's actions (INFERRED: that Pipedrive refuses the other version's).
	 * 201 with `{ success, status: 'ok', data }` (INFERRED status word from the v1 reference).
	 */
	private createWebhook(body: Json): FakeResponse {
		const version = String(body.version ?? '2.0');
		if (!ACTIONS[version]) return fail(400, `Invalid version: ${version}`);
		for (const key of ['subscription_url', 'event_action', 'event_object'])
			if (!body[key]) return fail(400, `${key} is required`);
		if (!ACTIONS[version].includes(String(body.event_action)))
			return fail(400, `event_action must be one of ${ACTIONS[version].join(', ')}`);
		const webhook: Webhook = {
			id: this.nextId('webhook'),
			company_id: 1,
			owner_id: this.users[0].id,
			user_id: this.users[0].id,
			event_action: String(body.event_action),
			event_object: String(body.event_object),
			subscription_url: String(body.subscription_url),
			version,
			is_active: 1,
			add_time: this.now(),
			remove_time: null,
			type: 'general',
			http_auth_user: (body.http_auth_user as string | undefined) ?? null,
			http_auth_password: (body.http_auth_password as string | undefined) ?? null,
			remove_reason: null,
			last_delivery_time: null,
			last_http_status: null,
			admin_id: this.users[0].id,
		};
		this.webhooks.push(webhook);
		return { status: 201, json: { success: true, status: 'ok', data: webhook } };
	}

	/**
	 * Changes a record as a user would in Pipedrive's app and delivers the webhooks v2 `change` event
	 * to every matching webhook: `{ data, previous, meta }`, `previous` holding only what changed
	 * [webhooks2]; basic auth when the webhook has it. Meta keys beyond action/entity/entity_id/
	 * attempt/version are INFERRED from the guide's example.
	 */
	async change(entity: Entity, id: number, fields: Json): Promise<Json> {
		const record = this.records[entity].get(id);
		if (!record) throw new Error(`no ${entity} ${id}`);
		const previous = this.update(entity, record, fields);
		const body: Json = {
			data: structuredClone(record),
			previous,
			meta: {
				action: 'change',
				entity,
				entity_id: String(id),
				id: `00000000-0000-4000-8000-${String(this.nextId('event')).padStart(12, '0')}`,
				company_id: '1',
				user_id: String(this.users[0].id),
				host: 'company.pipedrive.com',
				timestamp: this.now(),
				type: 'general',
				is_bulk_edit: false,
				change_source: 'app',
				correlation_id: null,
				attempt: 1,
				version: '2.0',
			},
		};
		for (const hook of this.webhooks.filter(
			(w) =>
				w.version === '2.0' &&
				['*', 'change'].includes(w.event_action) &&
				['*', entity].includes(w.event_object),
		)) {
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (hook.http_auth_user)
				headers.authorization = `Basic ${Buffer.from(`${hook.http_auth_user}:${hook.http_auth_password ?? ''}`).toString('base64')}`;
			const response = await fetch(hook.subscription_url, {
				method: 'POST',
				headers,
				body: JSON.stringify({
					...body,
					meta: { ...(body.meta as Json), webhook_id: String(hook.id) },
				}),
			});
			this.deliveries.push({ url: hook.subscription_url, body, status: response.status });
		}
		return body;
	}
}

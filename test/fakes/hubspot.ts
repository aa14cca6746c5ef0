import type { FakeCrm, FakeRequest, FakeResponse } from './crm-proxy';
import { parseFormData } from './multipart';

type Properties = Record<string, string>;
interface Filter {
	propertyName: string;
	operator: string;
	value?: string;
	values?: string[];
}
interface HsObject {
	id: number;
	properties: Properties;
	associations: { companyIds: number[]; vids: number[] };
}

const STANDARD: Record<string, string[]> = {
	contact: [
		'email',
		'firstname',
		'lastname',
		'company',
		'jobtitle',
		'lifecyclestage',
		'message',
		'phone',
		'hubspot_owner_id',
	],
	company: ['name', 'domain', 'website', 'description', 'hubspot_owner_id', 'industry'],
	deal: [
		'dealname',
		'dealstage',
		'pipeline',
		'closedate',
		'amount',
		'hubspot_owner_id',
		'description',
		'dealtype',
	],
};

interface V3Object {
	id: number;
	properties: Properties;
}

/** HubSpot's default association type from a note to a deal (its associations API table). */
const NOTE_TO_DEAL = 214;

const fail = (status: number, message: string, category = 'VALIDATION_ERROR'): FakeResponse => ({
	status,
	json: { status: 'error', message, category },
});

/** v1/v2 objects carry `properties.<name>.value`; v3 ones flat strings. */
const v2Properties = (p: Properties) =>
	Object.fromEntries(
		Object.entries(p).map(([k, value]) => [
			k,
			{ value, timestamp: 0, source: 'API', versions: [] },
		]),
	);

/**
 * HubSpot's API at api.hubapi.com as n8n's HubSpot node v2.2 and HubSpot Trigger call it: the
 * legacy contacts v1 / companies v2 / deals v1 / engagements v1 endpoints, CRM v3 search and
 * update, and the developer app's webhooks v3 settings and subscriptions. Properties that the
 * portal does not have are refused, as HubSpot does.
 */
export class FakeHubSpot implements FakeCrm {
	readonly host = 'api.hubapi.com';
	readonly contacts = new Map<number, HsObject>();
	readonly companies = new Map<number, HsObject>();
	readonly deals = new Map<number, HsObject>();
	readonly engagements: Array<Record<string, unknown>> = [];
	/** CRM v3-only objects (products, line items), flat string properties. */
	readonly objects: Record<'products' | 'line_items', Map<number, V3Object>> = {
		products: new Map(),
		line_items: new Map(),
	};
	/** A deal's line items (the legacy association fields have no place for them). */
	readonly dealLineItems = new Map<number, number[]>();
	/** Files uploaded through the Files API v3, with their bytes. */
	readonly files = new Map<
		number,
		{ name: string; folderPath: string; access: string; bytes: Buffer }
	>();
	/** Notes made through CRM v3, with the records they are associated with. */
	readonly notes: Array<{
		id: number;
		properties: Properties;
		associations: Array<{ to: { id: string }; types: Array<{ associationTypeId: number }> }>;
	}> = [];
	/** The portal's users who can own records (CRM v3 owners). */
	readonly owners: Array<{ id: string; email: string; firstName: string; lastName: string }> = [];
	readonly webhook = {
		targetUrl: '' as string,
		subscriptions: [] as Array<Record<string, unknown>>,
	};
	private next = 1000;
	/** When the last CRM searches came: HubSpot takes 4 a second per token (see below). */
	private searches: number[] = [];

	constructor(
		readonly appToken: string,
		readonly developer: { appId: string; apiKey: string },
		/** Custom properties created in the portal, by object. */
		readonly customProperties: Record<'contact' | 'company' | 'deal', string[]>,
	) {}

	add(
		kind: 'company' | 'deal' | 'contact',
		properties: Properties,
		companyIds: number[] = [],
	): HsObject {
		const object = {
			id: ++this.next,
			properties: { ...properties },
			associations: { companyIds, vids: [] },
		};
		this.table(kind).set(object.id, object);
		return object;
	}

	/** A product or line item (CRM v3 objects). */
	addObject(kind: 'products' | 'line_items', properties: Properties): V3Object {
		const object = { id: ++this.next, properties: { ...properties } };
		this.objects[kind].set(object.id, object);
		return object;
	}

	/** Associates a deal with a contact or a line item. */
	associate(_from: 'deal', dealId: number, to: 'contacts' | 'line_items', id: number): void {
		const deal = this.deals.get(dealId)!;
		if (to === 'contacts') deal.associations.vids.push(id);
		else this.dealLineItems.set(dealId, [...(this.dealLineItems.get(dealId) ?? []), id]);
	}

	/** The notes associated with a deal. */
	notesOf(dealId: number) {
		return this.notes.filter((n) =>
			n.associations.some(
				(a) =>
					a.to.id === String(dealId) && a.types.some((t) => t.associationTypeId === NOTE_TO_DEAL),
			),
		);
	}

	addOwner(email: string, firstName = '', lastName = ''): string {
		const id = String(++this.next);
		this.owners.push({ id, email, firstName, lastName });
		return id;
	}

	/** The tasks the legacy engagements API made, as CRM v3 reads them (they are one object). */
	tasks(): Array<{ id: string; properties: Properties; companyIds: string[] }> {
		return this.engagements
			.filter((e) => (e.engagement as Record<string, unknown>).type === 'TASK')
			.map((e) => {
				const metadata = (e.metadata ?? {}) as Record<string, unknown>;
				const associations = (e.associations ?? {}) as { companyIds?: unknown[] };
				return {
					id: String((e.engagement as Record<string, unknown>).id),
					properties: {
						hs_task_subject: String(metadata.subject ?? ''),
						hs_task_body: String(metadata.body ?? ''),
						hs_task_status: String(metadata.status ?? 'NOT_STARTED'),
					},
					companyIds: (associations.companyIds ?? []).map(String),
				};
			});
	}

	/**
	 * CRM v3 search over `objects`: one filter group, filters ANDed (EQ, NEQ, IN, NOT_IN and the
	 * `associations.company` pseudo-property), unknown properties refused as HubSpot does.
	 */
	private search(
		body: Record<string, unknown>,
		objects: Array<{ id: string; properties: Properties; companyIds: string[] }>,
		known: Set<string>,
	): FakeResponse {
		const groups = (body.filterGroups as Array<{ filters: Filter[] }>) ?? [];
		if (groups.length > 1) return fail(400, 'only one filter group is modelled');
		const filters = groups[0]?.filters ?? [];
		const unknown = filters.find(
			(f) => f.propertyName !== 'associations.company' && !known.has(f.propertyName),
		);
		if (unknown) return fail(400, `Property "${unknown.propertyName}" does not exist`);
		const matches = (o: (typeof objects)[number], f: Filter) => {
			const actual =
				f.propertyName === 'associations.company'
					? o.companyIds
					: [o.properties[f.propertyName] ?? ''];
			const values = (f.values ?? [f.value]).map(String);
			switch (f.operator) {
				case 'EQ':
				case 'IN':
					return actual.some((a) => values.includes(a));
				case 'NEQ':
				case 'NOT_IN':
					return !actual.some((a) => values.includes(a));
				// An empty value is no value: HubSpot clears a property set to ''.
				case 'HAS_PROPERTY':
					return actual.some((a) => a !== '');
				case 'NOT_HAS_PROPERTY':
					return actual.every((a) => a === '');
				default:
					throw new Error(`operator ${f.operator} is not modelled`);
			}
		};
		const wanted = (body.properties as string[]) ?? [];
		const results = objects
			.filter((o) => filters.every((f) => matches(o, f)))
			.slice(0, Math.min(Number(body.limit ?? 10), 200))
			.map((o) => ({
				id: o.id,
				properties: Object.fromEntries(
					['hs_object_id', ...wanted].map((k) => [
						k,
						k === 'hs_object_id' ? o.id : (o.properties[k] ?? null),
					]),
				),
				archived: false,
			}));
		return { status: 200, json: { total: results.length, results } };
	}

	private table(kind: 'company' | 'deal' | 'contact') {
		return kind === 'company' ? this.companies : kind === 'deal' ? this.deals : this.contacts;
	}

	private check(kind: 'company' | 'deal' | 'contact', names: string[]): FakeResponse | undefined {
		const known = new Set([...STANDARD[kind], ...this.customProperties[kind]]);
		const unknown = names.find((n) => !known.has(n));
		return unknown
			? fail(400, `Property "${unknown}" does not exist`, 'VALIDATION_ERROR')
			: undefined;
	}

	private fromList(list: unknown, key: 'name' | 'property'): Properties {
		return Object.fromEntries(
			((list as Array<Record<string, unknown>>) ?? []).map((p) => [
				String(p[key]),
				String(p.value ?? ''),
			]),
		);
	}

	private company(c: HsObject) {
		return {
			portalId: 1,
			companyId: c.id,
			isDeleted: false,
			properties: v2Properties(c.properties),
		};
	}

	private deal(d: HsObject) {
		return {
			portalId: 1,
			dealId: d.id,
			isDeleted: false,
			associations: {
				associatedCompanyIds: d.associations.companyIds,
				associatedVids: d.associations.vids,
				associatedDealIds: [],
				associatedTicketIds: [],
			},
			properties: v2Properties(d.properties),
		};
	}

	handle(req: FakeRequest): FakeResponse {
		const p = req.path;
		if (p.startsWith('/webhooks/v3/')) return this.webhooks(req);
		if (req.headers.authorization !== `Bearer ${this.appToken}`)
			return fail(401, 'Authentication credentials not found.', 'INVALID_AUTHENTICATION');
		const body = (req.body ?? {}) as Record<string, unknown>;
		let m: RegExpExecArray | null;

		if (
			req.method === 'POST' &&
			(m = /^\/contacts\/v1\/contact\/createOrUpdate\/email\/(.+)$/.exec(p))
		) {
			const properties = this.fromList(body.properties, 'property');
			const bad = this.check('contact', Object.keys(properties));
			if (bad) return bad;
			const email = decodeURIComponent(m[1]);
			const existing = [...this.contacts.values()].find((c) => c.properties.email === email);
			const contact = existing ?? this.add('contact', { email });
			Object.assign(contact.properties, properties);
			return { status: 200, json: { vid: contact.id, isNew: !existing } };
		}
		if (req.method === 'PUT' && p === '/crm-associations/v1/associations/create-batch') {
			for (const a of body as unknown as Array<{ fromObjectId: number; toObjectId: number }>)
				this.contacts
					.get(Number(a.fromObjectId))
					?.associations.companyIds.push(Number(a.toObjectId));
			return { status: 204 };
		}
		if (req.method === 'POST' && p === '/companies/v2/companies') {
			const properties = this.fromList(body.properties, 'name');
			const bad = this.check('company', Object.keys(properties));
			if (bad) return bad;
			return { status: 200, json: this.company(this.add('company', properties)) };
		}
		if ((m = /^\/companies\/v2\/companies\/(\d+)$/.exec(p))) {
			const company = this.companies.get(Number(m[1]));
			if (!company) return fail(404, 'resource not found', 'OBJECT_NOT_FOUND');
			if (req.method === 'GET') return { status: 200, json: this.company(company) };
		}
		if (req.method === 'POST' && p === '/deals/v1/deal') {
			const properties = this.fromList(body.properties, 'name');
			const bad = this.check('deal', Object.keys(properties));
			if (bad) return bad;
			const associations = (body.associations ?? {}) as { associatedCompanyIds?: unknown[] };
			const deal = this.add(
				'deal',
				properties,
				(associations.associatedCompanyIds ?? []).map(Number),
			);
			return { status: 200, json: this.deal(deal) };
		}
		if ((m = /^\/deals\/v1\/deal\/(\d+)$/.exec(p))) {
			const deal = this.deals.get(Number(m[1]));
			if (!deal) return fail(404, 'resource not found', 'OBJECT_NOT_FOUND');
			if (req.method === 'GET') return { status: 200, json: this.deal(deal) };
			if (req.method === 'PUT') {
				const properties = this.fromList(body.properties, 'name');
				const bad = this.check('deal', Object.keys(properties));
				if (bad) return bad;
				Object.assign(deal.properties, properties);
				return { status: 200, json: this.deal(deal) };
			}
		}
		// HubSpot's CRM search API takes 4 requests a second per token (changelog "CRM Search API
		// Rate Limit Increase"); more are answered 429 with the RATE_LIMITS category.
		if (req.method === 'POST' && /^\/crm\/v3\/objects\/\w+\/search$/.test(p)) {
			const now = Date.now();
			this.searches = this.searches.filter((t) => now - t < 1000);
			if (this.searches.length >= 4)
				return fail(429, 'You have reached your secondly limit.', 'RATE_LIMITS');
			this.searches.push(now);
		}
		if (req.method === 'POST' && p === '/crm/v3/objects/deals/search') {
			const deals = [...this.deals.values()].map((d) => ({
				id: String(d.id),
				properties: d.properties,
				companyIds: d.associations.companyIds.map(String),
			}));
			const known = new Set([...STANDARD.deal, ...this.customProperties.deal]);
			const found = this.search(body, deals, known);
			// The deal name comes with every deal search (HubSpot's default properties).
			for (const r of (found.json as { results: Array<{ id: string; properties: Properties }> })
				.results)
				r.properties = {
					dealname: this.deals.get(Number(r.id))!.properties.dealname,
					...r.properties,
				};
			return found;
		}
		if (req.method === 'POST' && p === '/crm/v3/objects/tasks/search')
			return this.search(
				body,
				this.tasks(),
				new Set(['hs_task_subject', 'hs_task_body', 'hs_task_status', 'hubspot_owner_id']),
			);
		if (req.method === 'GET' && p === '/crm/v3/owners')
			return {
				status: 200,
				json: {
					results: this.owners
						.slice(0, Number(req.query.get('limit') ?? 100))
						.map((o) => ({ ...o, type: 'PERSON', userId: Number(o.id) + 90000, archived: false })),
				},
			};
		if (req.method === 'PATCH' && (m = /^\/crm\/v3\/objects\/deals\/(\d+)$/.exec(p))) {
			const deal = this.deals.get(Number(m[1]));
			if (!deal) return fail(404, 'Object not found', 'OBJECT_NOT_FOUND');
			const properties = (body.properties ?? {}) as Properties;
			const bad = this.check('deal', Object.keys(properties));
			if (bad) return bad;
			Object.assign(deal.properties, properties);
			return { status: 200, json: { id: String(deal.id), properties: deal.properties } };
		}
		if (req.method === 'GET' && (m = /^\/crm\/v3\/objects\/deals\/(\d+)$/.exec(p)))
			return this.dealV3(Number(m[1]), req.query);
		if (req.method === 'POST' && (m = /^\/crm\/v3\/objects\/(\w+)\/batch\/read$/.exec(p)))
			return this.batchRead(m[1], body);
		if (req.method === 'POST' && p === '/files/v3/files') return this.upload(req);
		if (req.method === 'POST' && p === '/crm/v3/objects/notes') return this.note(body);
		if (req.method === 'POST' && p === '/engagements/v1/engagements') {
			const engagement = (body.engagement ?? {}) as Record<string, unknown>;
			if (!engagement.type) return fail(400, 'engagement.type is required');
			const saved = { ...body, engagement: { ...engagement, id: ++this.next } };
			this.engagements.push(saved);
			return { status: 200, json: saved };
		}
		return fail(404, `no route for ${req.method} ${p}`, 'OBJECT_NOT_FOUND');
	}

	/**
	 * `GET /crm/v3/objects/deals/{id}?associations=…&properties=…`: the requested properties, and
	 * each association that has records, keyed as HubSpot keys them: line items as "line items",
	 * with a space (integrations that read `line_items` missed them).
	 */
	private dealV3(id: number, query: URLSearchParams): FakeResponse {
		const deal = this.deals.get(id);
		if (!deal) return fail(404, 'Object not found', 'OBJECT_NOT_FOUND');
		const wanted = (query.get('properties') ?? '').split(',').filter(Boolean);
		const kinds = (query.get('associations') ?? '').split(',').filter(Boolean);
		const lists: Record<string, [string, string, number[]]> = {
			line_items: ['line items', 'deal_to_line_item', this.dealLineItems.get(id) ?? []],
			contacts: ['contacts', 'deal_to_contact', deal.associations.vids],
			companies: ['companies', 'deal_to_company', deal.associations.companyIds],
		};
		const associations = Object.fromEntries(
			kinds
				.map((k) => lists[k])
				.filter((l) => l && l[2].length)
				.map(([key, type, ids]) => [key, { results: ids.map((i) => ({ id: String(i), type })) }]),
		);
		return {
			status: 200,
			json: {
				id: String(id),
				properties: Object.fromEntries(
					['hs_object_id', ...wanted].map((k) => [
						k,
						k === 'hs_object_id' ? String(id) : (deal.properties[k] ?? null),
					]),
				),
				...(Object.keys(associations).length ? { associations } : {}),
				archived: false,
			},
		};
	}

	/**
	 * `POST /crm/v3/objects/{type}/batch/read`: found records with the asked properties, the others
	 * as errors (HTTP 207). An empty `inputs` is refused: HubSpot's answer to it is not documented
	 * (INFERRED), and the templates must cope with a refusal.
	 */
	private batchRead(type: string, body: Record<string, unknown>): FakeResponse {
		const tables: Record<string, Map<number, { id: number; properties: Properties }>> = {
			products: this.objects.products,
			line_items: this.objects.line_items,
			contacts: this.contacts,
			companies: this.companies,
		};
		const table = tables[type];
		if (!table) return fail(404, `no batch read of ${type} here`, 'OBJECT_NOT_FOUND');
		const inputs = (body.inputs as Array<{ id: string }> | undefined) ?? [];
		if (!inputs.length) return fail(400, 'inputs: must not be empty');
		const wanted = (body.properties as string[] | undefined) ?? [];
		const found = inputs.map((i) => table.get(Number(i.id))).filter((o) => o !== undefined);
		const missing = inputs.filter((i) => !table.has(Number(i.id))).map((i) => i.id);
		return {
			status: missing.length ? 207 : 200,
			json: {
				status: 'COMPLETE',
				results: found.map((o) => ({
					id: String(o.id),
					properties: Object.fromEntries(
						['hs_object_id', ...wanted].map((k) => [
							k,
							k === 'hs_object_id' ? String(o.id) : (o.properties[k] ?? null),
						]),
					),
					archived: false,
				})),
				...(missing.length
					? {
							errors: [
								{
									status: 'error',
									category: 'OBJECT_NOT_FOUND',
									message: 'Could not get some records',
									context: { ids: missing },
								},
							],
						}
					: {}),
			},
		};
	}

	/** Files API v3 upload: multipart `file`, `options` (JSON with `access`), `folderPath` or `folderId`. */
	private upload(req: FakeRequest): FakeResponse {
		const parts = parseFormData(req.bytes, req.headers['content-type']);
		if (!parts) return fail(415, 'Expected multipart/form-data');
		const field = (name: string) => parts.find((x) => x.name === name && x.filename === null);
		const file = parts.find((x) => x.name === 'file' && x.filename !== null);
		if (!file) return fail(400, 'file: is required');
		let access = '';
		try {
			access = String(JSON.parse(field('options')?.content.toString('utf8') ?? '{}').access ?? '');
		} catch {
			return fail(400, 'options: is not valid JSON');
		}
		if (!['PUBLIC_INDEXABLE', 'PUBLIC_NOT_INDEXABLE', 'PRIVATE'].includes(access))
			return fail(
				400,
				'options.access: is required (PUBLIC_INDEXABLE, PUBLIC_NOT_INDEXABLE or PRIVATE)',
			);
		if (field('folderPath') && field('folderId'))
			return fail(400, 'Provide folderPath or folderId, not both');
		const name = field('fileName')?.content.toString('utf8') || file.filename!;
		const id = ++this.next;
		const folderPath = field('folderPath')?.content.toString('utf8') ?? '/';
		this.files.set(id, { name, folderPath, access, bytes: file.content });
		const dot = name.lastIndexOf('.');
		return {
			status: 201,
			json: {
				id: String(id),
				name: dot > 0 ? name.slice(0, dot) : name,
				extension: dot > 0 ? name.slice(dot + 1) : '',
				path: `${folderPath}/${name}`,
				size: file.content.length,
				access,
				archived: false,
			},
		};
	}

	/** CRM v3 note: `hs_timestamp` required; associations to existing deals; attachments that exist. */
	private note(body: Record<string, unknown>): FakeResponse {
		const properties = (body.properties ?? {}) as Properties;
		if (!properties.hs_timestamp)
			return fail(400, 'Property values were not valid: hs_timestamp is required');
		const associations = (body.associations ?? []) as (typeof this.notes)[number]['associations'];
		for (const a of associations) {
			if (!a.types.every((t) => t.associationTypeId === NOTE_TO_DEAL))
				return fail(400, 'only note → deal associations are modelled');
			if (!this.deals.has(Number(a.to.id)))
				return fail(404, `deal ${a.to.id} not found`, 'OBJECT_NOT_FOUND');
		}
		const missing = String(properties.hs_attachment_ids ?? '')
			.split(';')
			.filter(Boolean)
			.find((id) => !this.files.has(Number(id)));
		if (missing) return fail(400, `hs_attachment_ids: file ${missing} does not exist`);
		const note = { id: ++this.next, properties, associations };
		this.notes.push(note);
		return { status: 201, json: { id: String(note.id), properties, archived: false } };
	}

	/** The developer app's webhook settings: authenticated by the developer API key (hapikey). */
	private webhooks(req: FakeRequest): FakeResponse {
		if (req.query.get('hapikey') !== this.developer.apiKey)
			return fail(401, 'invalid hapikey', 'INVALID_AUTHENTICATION');
		const m = /^\/webhooks\/v3\/(\w+)\/(settings|subscriptions)(?:\/(\d+))?$/.exec(req.path);
		if (!m || m[1] !== this.developer.appId) return fail(404, 'app not found', 'OBJECT_NOT_FOUND');
		const body = (req.body ?? {}) as Record<string, unknown>;
		if (m[2] === 'settings') {
			if (req.method === 'GET')
				return this.webhook.targetUrl
					? { status: 200, json: { targetUrl: this.webhook.targetUrl } }
					: fail(404, 'not found');
			if (req.method === 'PUT') {
				this.webhook.targetUrl = String(body.targetUrl);
				return {
					status: 200,
					json: {
						targetUrl: this.webhook.targetUrl,
						throttling: { maxConcurrentRequests: body.maxConcurrentRequests },
					},
				};
			}
			this.webhook.targetUrl = '';
			return { status: 204 };
		}
		if (req.method === 'GET') return { status: 200, json: { results: this.webhook.subscriptions } };
		if (req.method === 'POST') {
			const subscription = { id: ++this.next, ...body };
			this.webhook.subscriptions.push(subscription);
			return { status: 201, json: subscription };
		}
		this.webhook.subscriptions = this.webhook.subscriptions.filter((s) => String(s.id) !== m[3]);
		return { status: 204 };
	}
}

import type { FakeCrm, FakeRequest, FakeResponse } from './crm-proxy';

type Value = Record<string, unknown>;
export interface AttioRecord {
	id: { workspace_id: string; object_id: string; record_id: string };
	created_at: string;
	values: Record<string, Value[]>;
}

const STANDARD: Record<string, string[]> = {
	people: ['email_addresses', 'name', 'job_title', 'description', 'company'],
	companies: ['name', 'domains', 'description'],
	deals: ['name', 'stage', 'owner', 'value', 'associated_company', 'associated_people'],
};

const fail = (status: number, code: string, message: string): FakeResponse => ({
	status,
	json: { status_code: status, type: 'invalid_request_error', code, message },
});

/**
 * Attio's REST API v2 at api.attio.com as the Attio templates call it through HTTP Request:
 * assert (upsert by a unique attribute), create, get, update and query records, notes and tasks.
 * Values are written in Attio's simple forms and read back in its full value shapes; attributes
 * the workspace does not have are refused.
 */
export class FakeAttio implements FakeCrm {
	readonly host = 'api.attio.com';
	readonly records: Record<string, Map<string, AttioRecord>> = {
		people: new Map(),
		companies: new Map(),
		deals: new Map(),
	};
	readonly notes: Value[] = [];
	readonly tasks: Value[] = [];
	private next = 0;

	constructor(
		readonly token: string,
		/** Custom attributes by object, and which attributes are unique (usable to assert). */
		readonly custom: Record<string, string[]>,
		readonly unique: Record<string, string[]>,
	) {}

	private uuid() {
		return `00000000-0000-4000-8000-${String(++this.next).padStart(12, '0')}`;
	}

	/** Attio's value shapes for what the templates write. */
	private shape(object: string, slug: string, value: unknown): Value[] {
		const list = Array.isArray(value) ? value : [value];
		return list.map((v) => {
			if (slug === 'email_addresses') return { email_address: String(v) };
			if (slug === 'stage') return { status: { title: String(v) } };
			if (slug === 'owner')
				return { referenced_actor_type: 'workspace-member', workspace_member_email: String(v) };
			if (v && typeof v === 'object') return v as Value;
			return { value: v };
		});
	}

	add(object: string, values: Record<string, unknown>): AttioRecord {
		const record: AttioRecord = {
			id: { workspace_id: 'ws-e2e', object_id: `obj-${object}`, record_id: this.uuid() },
			created_at: new Date().toISOString(),
			values: {},
		};
		this.assign(object, record, values);
		this.records[object].set(record.id.record_id, record);
		return record;
	}

	private assign(object: string, record: AttioRecord, values: Record<string, unknown>) {
		for (const [slug, value] of Object.entries(values))
			record.values[slug] = this.shape(object, slug, value);
	}

	private unknownAttribute(object: string, values: Record<string, unknown>): string | undefined {
		const known = new Set([...(STANDARD[object] ?? []), ...(this.custom[object] ?? [])]);
		return Object.keys(values).find((k) => !known.has(k));
	}

	/** First value of an attribute as a comparable string. */
	private first(record: AttioRecord, slug: string): string | undefined {
		const v = record.values[slug]?.[0];
		if (!v) return undefined;
		return String(
			v.value ??
				v.email_address ??
				(v.status as Value | undefined)?.title ??
				v.target_record_id ??
				'',
		);
	}

	handle(req: FakeRequest): FakeResponse {
		if (req.headers.authorization !== `Bearer ${this.token}`)
			return fail(401, 'unauthorized', 'Invalid access token');
		const body = (req.body ?? {}) as { data?: Record<string, unknown> } & Record<string, unknown>;
		let m: RegExpExecArray | null;
		if ((m = /^\/v2\/objects\/(\w+)\/records(?:\/(query|[\w-]+))?$/.exec(req.path))) {
			const [, object, rest] = m;
			const table = this.records[object];
			if (!table) return fail(404, 'not_found', `Object ${object} not found`);
			const values = ((body.data ?? {}) as { values?: Record<string, unknown> }).values ?? {};
			if (['PUT', 'POST', 'PATCH'].includes(req.method) && rest !== 'query') {
				const unknown = this.unknownAttribute(object, values);
				if (unknown)
					return fail(400, 'value_not_found', `Cannot find attribute with slug/ID "${unknown}".`);
			}
			if (req.method === 'PUT' && !rest) {
				const matching = req.query.get('matching_attribute') ?? '';
				if (!(this.unique[object] ?? []).includes(matching))
					return fail(
						400,
						'validation_type',
						`The attribute "${matching}" is not unique and cannot be used to assert`,
					);
				const key = this.shape(object, matching, values[matching])[0];
				const wanted = String(key.value ?? key.email_address ?? '');
				const existing = [...table.values()].find((r) => this.first(r, matching) === wanted);
				if (existing) {
					this.assign(object, existing, values);
					return { status: 200, json: { data: existing } };
				}
				return { status: 200, json: { data: this.add(object, values) } };
			}
			if (req.method === 'POST' && !rest)
				return { status: 200, json: { data: this.add(object, values) } };
			if (req.method === 'POST' && rest === 'query') {
				const filter = (body.filter ?? {}) as Record<string, unknown>;
				const data = [...table.values()]
					.filter((r) =>
						Object.entries(filter).every(([slug, want]) =>
							want && typeof want === 'object'
								? r.values[slug]?.some(
										(v) => v.target_record_id === (want as Value).target_record_id,
									)
								: this.first(r, slug) === String(want),
						),
					)
					.slice(0, Number(body.limit ?? 500));
				return { status: 200, json: { data } };
			}
			const record = rest ? table.get(rest) : undefined;
			if (!record) return fail(404, 'not_found', `Record ${rest} not found`);
			if (req.method === 'GET') return { status: 200, json: { data: record } };
			if (req.method === 'PATCH') {
				this.assign(object, record, values);
				return { status: 200, json: { data: record } };
			}
		}
		if (req.method === 'POST' && req.path === '/v2/notes') {
			const note = body.data ?? {};
			if (!note.parent_object || !note.parent_record_id || !note.title || !note.format)
				return fail(
					400,
					'validation_type',
					'parent_object, parent_record_id, title and format are required',
				);
			if (!this.records[String(note.parent_object)]?.has(String(note.parent_record_id)))
				return fail(404, 'not_found', 'Parent record not found');
			this.notes.push(note);
			return { status: 200, json: { data: { id: { note_id: this.uuid() }, ...note } } };
		}
		if (req.method === 'POST' && req.path === '/v2/tasks') {
			const task = body.data ?? {};
			if (task.format !== 'plaintext')
				return fail(400, 'validation_type', 'Tasks only support plaintext');
			this.tasks.push(task);
			return { status: 200, json: { data: { id: { task_id: this.uuid() }, ...task } } };
		}
		return fail(404, 'not_found', `no route for ${req.method} ${req.path}`);
	}
}

import type { FakeCrm, FakeRequest, FakeResponse } from './crm-proxy';
import { parseFormData } from './multipart';

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
	/** Files uploaded to records (POST /v2/files/upload), with their bytes. */
	readonly files: Array<{
		fileId: string;
		object: string;
		recordId: string;
		name: string;
		contentType: string;
		bytes: Buffer;
	}> = [];
	/** Tasks as they were written (POST /v2/tasks `data`), with the ID Attio gave them. */
	readonly tasks: Value[] = [];
	readonly members: Array<{ id: string; email: string; firstName: string; lastName: string }> = [];
	private next = 0;

	constructor(
		readonly token: string,
		/** Custom attributes by object, and which attributes are unique (usable to assert). */
		readonly custom: Record<string, string[]>,
		readonly unique: Record<string, string[]>,
	) {
		// Custom objects the workspace made (products, line items), beside the standard ones.
		for (const object of Object.keys(custom)) this.records[object] ??= new Map();
	}

	addMember(email: string, firstName = '', lastName = ''): string {
		const id = this.uuid();
		this.members.push({ id, email, firstName, lastName });
		return id;
	}

	/** A task as Attio reads it back (GET /v2/tasks). */
	private taskRead(task: Value) {
		return {
			id: { workspace_id: 'ws-e2e', task_id: task.task_id },
			content_plaintext: task.content,
			deadline_at: task.deadline_at,
			is_completed: task.is_completed,
			linked_records: (task.linked_records as Value[]).map((r) => ({
				target_object_id: `obj-${String(r.target_object)}`,
				target_record_id: r.target_record_id,
			})),
			assignees: (task.assignees as Value[]).map((a) => ({
				referenced_actor_type: 'workspace-member',
				referenced_actor_id:
					a.referenced_actor_id ??
					this.members.find((m) => m.email === a.workspace_member_email_address)?.id,
			})),
			created_at: task.created_at,
		};
	}

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

	/**
	 * `POST /v2/files/upload` (Attio's file upload, in beta): multipart `file`, `object`, `record_id`
	 * and optionally `parent_folder_id`; 201 with the file's metadata; at most 50 MB.
	 */
	private upload(req: FakeRequest): FakeResponse {
		const parts = parseFormData(req.bytes, req.headers['content-type']);
		if (!parts) return fail(400, 'validation_type', 'Expected multipart/form-data');
		const field = (name: string) =>
			parts.find((p) => p.name === name && p.filename === null)?.content.toString('utf8');
		const file = parts.find((p) => p.name === 'file' && p.filename !== null);
		const object = field('object');
		const recordId = field('record_id');
		if (!file || !object || !recordId)
			return fail(400, 'validation_type', 'file, object and record_id are required');
		if (file.content.length > 50 * 1024 * 1024)
			return fail(413, 'file_too_large', 'Files may be at most 50 MB');
		if (!this.records[object]?.has(recordId))
			return fail(404, 'not_found', `Record ${recordId} of ${object} not found`);
		const saved = {
			fileId: this.uuid(),
			object,
			recordId,
			name: file.filename!,
			contentType: file.contentType ?? 'application/octet-stream',
			bytes: file.content,
		};
		this.files.push(saved);
		return {
			status: 201,
			json: {
				data: {
					id: { workspace_id: 'ws-e2e', file_id: saved.fileId },
					object_id: `obj-${object}`,
					object_slug: object,
					record_id: recordId,
					storage_provider: 'attio',
					file_type: 'file',
					name: saved.name,
					content_type: saved.contentType,
					content_size: saved.bytes.length,
					parent_folder_id: field('parent_folder_id') ?? null,
					created_at: new Date().toISOString(),
				},
			},
		};
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
		if (req.method === 'POST' && req.path === '/v2/files/upload') return this.upload(req);
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
			// Attio's spec requires all six (linked records and assignees may be empty lists).
			const missing = [
				'content',
				'format',
				'deadline_at',
				'is_completed',
				'linked_records',
				'assignees',
			].find((k) => !(k in task));
			if (missing)
				return fail(
					400,
					'validation_type',
					`Body payload validation error: ${missing} is required`,
				);
			if (task.format !== 'plaintext')
				return fail(400, 'validation_type', 'Tasks only support plaintext');
			const unknownMember = (task.assignees as Value[]).find(
				(a) =>
					!this.members.some(
						(m) => m.id === a.referenced_actor_id || m.email === a.workspace_member_email_address,
					),
			);
			if (unknownMember)
				return fail(404, 'not_found', 'Workspace member referenced by the assignee was not found');
			const saved = { ...task, task_id: this.uuid(), created_at: new Date().toISOString() };
			this.tasks.push(saved);
			return { status: 200, json: { data: this.taskRead(saved) } };
		}
		if (req.method === 'GET' && req.path === '/v2/tasks') {
			const object = req.query.get('linked_object');
			const record = req.query.get('linked_record_id');
			if (Boolean(object) !== Boolean(record))
				return fail(
					400,
					'validation_type',
					'linked_object and linked_record_id must be sent together',
				);
			const completed = req.query.get('is_completed');
			const offset = Number(req.query.get('offset') ?? 0);
			const data = this.tasks
				.filter(
					(t) =>
						!object ||
						(t.linked_records as Value[]).some(
							(r) => r.target_object === object && r.target_record_id === record,
						),
				)
				.filter((t) => completed === null || String(t.is_completed) === completed)
				.slice(offset, offset + Number(req.query.get('limit') ?? 500))
				.map((t) => this.taskRead(t));
			return { status: 200, json: { data } };
		}
		if (req.method === 'GET' && req.path === '/v2/workspace_members')
			return {
				status: 200,
				json: {
					data: this.members.map((m) => ({
						id: { workspace_id: 'ws-e2e', workspace_member_id: m.id },
						first_name: m.firstName,
						last_name: m.lastName,
						email_address: m.email,
						access_level: 'member',
						created_at: '2026-01-01T00:00:00.000Z',
					})),
				},
			};
		return fail(404, 'not_found', `no route for ${req.method} ${req.path}`);
	}
}

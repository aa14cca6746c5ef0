/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * Replicated's Swagger 2.0 spec (test/fixtures/replicated/) as a contract the emulator is held to:
 * every request it receives is checked against the spec operation it matches, and so is every JSON
 * answer it gives. Replicated's Go backend most likely ignores unknown fields and query parameters
 * (a misspelled one is then a silent no-op there); the emulator refuses them so that a test fails
 * loudly instead of passing against a request the real API would not act on.
 */

type Schema = Record<string, unknown>;

interface SpecParameter {
	name: string;
	in: 'path' | 'query' | 'body' | 'header' | 'formData';
	type?: string;
	items?: Schema;
	required?: boolean;
	schema?: Schema;
}

interface SpecOperationObject {
	operationId?: string;
	parameters?: SpecParameter[];
	responses?: Record<string, { $ref?: string; schema?: Schema }>;
}

interface SwaggerSpec {
	basePath: string;
	paths: Record<string, Record<string, SpecOperationObject>>;
	definitions: Record<string, Schema>;
	responses: Record<string, { schema?: Schema }>;
}

export interface SpecOperation {
	operationId: string;
	method: string;
	/** The spec's path template with the API prefix, e.g. `/v3/customer/{customer_id}`. */
	template: string;
	pattern: RegExp;
	staticSegments: number;
	query: Map<string, SpecParameter>;
	body?: SpecParameter;
	responses: Map<string, Schema | null>;
}

export const SPEC_FILE = join(__dirname, '../fixtures/replicated/vendor-api-v3.swagger.json');

/**
 * Query parameters the spec omits but Replicated's official CLI sends in a provider-verified pact,
 * so Replicated accepts them: the contract admits them as if the spec listed them.
 * - listNotificationSubscriptions `search`, `type` (personal|team): the CLI's
 *   ListNotificationSubscriptions (pkg/kotsclient/notification.go:62-69), verified by
 *   pact/kotsclient/notification_test.go:35-38 (Test_ListNotificationSubscriptions).
 */
export const QUERY_SUPPLEMENTS: Record<string, SpecParameter[]> = {
	listNotificationSubscriptions: [
		{ name: 'search', in: 'query', type: 'string' },
		{ name: 'type', in: 'query', type: 'string' },
	],
};
const SPEC_ID = 'replicated-vendor-api-v3';

/**
 * A copy of a spec schema that is closed (an object that lists its properties allows no others)
 * and, for answers, lets any property or array item be null: Go encodes nil pointers, slices and
 * maps as null, and go-swagger does not mark them x-nullable.
 */
function closeSchema(schema: unknown, nullable: boolean, isRoot = true): unknown {
	if (Array.isArray(schema)) return schema.map((s) => closeSchema(s, nullable, isRoot));
	if (!schema || typeof schema !== 'object') return schema;
	const source = schema as Schema;
	const out: Schema = {};
	for (const [key, value] of Object.entries(source)) {
		if (key.startsWith('x-') || key === 'example') continue;
		if (key === '$ref' && typeof value === 'string') {
			out.$ref = value.replace(/^#\/definitions\//, `${SPEC_ID}#/definitions/`);
		} else if (key === 'properties') {
			out.properties = Object.fromEntries(
				Object.entries(value as Schema).map(([name, prop]) => [
					name,
					closeSchema(prop, nullable, false),
				]),
			);
		} else if (key === 'items' || key === 'additionalProperties') {
			out[key] = typeof value === 'object' ? closeSchema(value, nullable, false) : value;
		} else {
			out[key] = value;
		}
	}
	if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
	if (!nullable || isRoot) return out;
	if (out.$ref) return { anyOf: [{ type: 'null' }, out] };
	if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
	return out;
}

/** Query values arrive as text: the query validator converts them to the spec's types first. */
function makeAjv(spec: SwaggerSpec | null, nullable: boolean): Ajv {
	const ajv = new Ajv({
		allErrors: true,
		strictSchema: false,
		...(spec ? {} : { coerceTypes: 'array' as const }),
	});
	addFormats(ajv);
	// Swagger's numeric formats are sizes, not string formats: any number of the right type passes.
	for (const format of ['int32', 'int64', 'uint8', 'double', 'float'])
		ajv.addFormat(format, { type: 'number', validate: () => true });
	if (spec) {
		const definitions = Object.fromEntries(
			Object.entries(spec.definitions).map(([name, s]) => [name, closeSchema(s, nullable)]),
		);
		ajv.addSchema({ id: SPEC_ID, definitions }, SPEC_ID);
	}
	return ajv;
}

/** Where an ajv error points, as a reader of the request would name it. */
function describe(where: string, error: ErrorObject): string {
	const at = error.instancePath
		? error.instancePath
				.slice(1)
				.split('/')
				.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
				.join('')
				.replace(/^\./, '')
		: '';
	const subject = at ? `${where} "${at}"` : where;
	const params = error.params as Record<string, unknown>;
	switch (error.keyword) {
		case 'additionalProperties':
			return `${where} "${at ? `${at}.` : ''}${String(params.additionalProperty)}" is not in Replicated's spec`;
		case 'required':
			return `${where} "${at ? `${at}.` : ''}${String(params.missingProperty)}" is required by Replicated's spec`;
		case 'type':
			return `${subject} must be of JSON type ${String(params.type).replace(/,null$/, '')}`;
		case 'enum':
			return `${subject} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
		default:
			return `${subject} ${error.message ?? 'does not match the spec'}`;
	}
}

export class SpecContract {
	readonly operations: SpecOperation[] = [];
	private readonly queryAjv: Ajv;
	private readonly requestAjv: Ajv;
	private readonly responseAjv: Ajv;
	private readonly compiled = new Map<string, ValidateFunction>();

	constructor(spec: SwaggerSpec) {
		this.queryAjv = makeAjv(null, false);
		this.requestAjv = makeAjv(spec, false);
		this.responseAjv = makeAjv(spec, true);
		const prefix = spec.basePath.replace(/^\/vendor/, '');
		for (const [path, methods] of Object.entries(spec.paths)) {
			for (const [method, op] of Object.entries(methods)) {
				const template = `${prefix}${path}`;
				const parameters = [
					...(op.parameters ?? []),
					...(QUERY_SUPPLEMENTS[op.operationId ?? ''] ?? []),
				];
				const responses = new Map<string, Schema | null>();
				for (const [status, response] of Object.entries(op.responses ?? {})) {
					const named = response.$ref
						? spec.responses[response.$ref.replace('#/responses/', '')]
						: response;
					responses.set(status, named?.schema ?? null);
				}
				this.operations.push({
					operationId: op.operationId ?? `${method} ${template}`,
					method: method.toUpperCase(),
					template,
					pattern: new RegExp(
						`^${template.replace(/\./g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}/?$`,
					),
					staticSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length,
					query: new Map(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p])),
					body: parameters.find((p) => p.in === 'body'),
					responses,
				});
			}
		}
	}

	static load(file = SPEC_FILE): SpecContract {
		return new SpecContract(JSON.parse(readFileSync(file, 'utf8')) as SwaggerSpec);
	}

	/** The operation a request matches; a literal segment beats a path parameter. */
	find(method: string, path: string): SpecOperation | undefined {
		let best: SpecOperation | undefined;
		for (const op of this.operations) {
			if (op.method !== method || !op.pattern.test(path)) continue;
			if (!best || op.staticSegments > best.staticSegments) best = op;
		}
		return best;
	}

	/** Why the spec does not allow this request, or null when it does. */
	checkRequest(
		method: string,
		path: string,
		query: URLSearchParams,
		body: unknown,
		hasBody: boolean,
	): string | null {
		const op = this.find(method, path);
		if (!op) {
			return this.operations.some((o) => o.pattern.test(path))
				? `spec check: Replicated's spec has no ${method} operation on ${path}`
				: `spec check: ${method} ${path} is not an operation in Replicated's spec`;
		}
		const problems: string[] = [];
		const values: Record<string, unknown> = {};
		for (const name of new Set(query.keys())) {
			const param = op.query.get(name);
			if (!param) {
				problems.push(`query parameter "${name}" is not in Replicated's spec`);
				continue;
			}
			const all = query.getAll(name);
			// Swagger 2.0's default collectionFormat for a query array is csv.
			values[name] = param.type === 'array' ? all.flatMap((v) => v.split(',')) : all.at(-1);
		}
		const queryCheck = this.queryValidator(op);
		if (!queryCheck(values)) {
			for (const error of queryCheck.errors ?? [])
				if (error.keyword !== 'additionalProperties')
					problems.push(describe('query parameter', error));
		}
		if (op.body) {
			if (!hasBody) {
				if (op.body.required) problems.push("a JSON body is required by Replicated's spec");
			} else {
				const validate = this.validator(`request ${op.operationId}`, op.body.schema ?? {}, false);
				if (!validate(body))
					for (const error of validate.errors ?? [])
						problems.push(describe('body property', error));
			}
		} else if (hasBody) {
			problems.push("Replicated's spec defines no body for this operation");
		}
		return problems.length
			? `spec check (${op.operationId}): ${[...new Set(problems)].join('; ')}`
			: null;
	}

	/** Why an answer does not match the spec's response schema for its status, or null. */
	checkResponse(method: string, path: string, status: number, body: unknown): string | null {
		const op = this.find(method, path);
		const schema = op?.responses.get(String(status));
		if (!op || !schema) return null;
		const validate = this.validator(`response ${op.operationId} ${status}`, schema, true);
		if (validate(body)) return null;
		// A nullable property's failed `null` branch says nothing the other branch does not.
		const problems = (validate.errors ?? [])
			.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null'))
			.map((e) => describe('property', e));
		return `spec check of the emulator's answer (${op.operationId} ${status}): ${[...new Set(problems)].join('; ')}`;
	}

	private queryValidator(op: SpecOperation): ValidateFunction {
		const key = `query ${op.operationId}`;
		let validate = this.compiled.get(key);
		if (!validate) {
			const params = [...op.query.values()];
			validate = this.queryAjv.compile({
				type: 'object',
				properties: Object.fromEntries(
					params.map((p) => [p.name, { type: p.type, ...(p.items ? { items: p.items } : {}) }]),
				),
				// draft-04 refuses an empty `required`.
				...(params.some((p) => p.required)
					? { required: params.filter((p) => p.required).map((p) => p.name) }
					: {}),
			});
			this.compiled.set(key, validate);
		}
		return validate;
	}

	private validator(key: string, schema: Schema, nullable: boolean): ValidateFunction {
		let validate = this.compiled.get(key);
		if (!validate) {
			const ajv = nullable ? this.responseAjv : this.requestAjv;
			validate = ajv.compile(closeSchema(schema, nullable, true) as Schema);
			this.compiled.set(key, validate);
		}
		return validate;
	}
}

let shared: SpecContract | undefined;
/** One parsed spec per process: it is 1 MB and every emulator uses the same. */
export function specContract(): SpecContract {
	return (shared ??= SpecContract.load());
}

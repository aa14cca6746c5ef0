/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface EmulatorRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	params: Record<string, string>;
	body: unknown;
	rawBody: string;
	headers: IncomingMessage['headers'];
}

export type Handler = (req: EmulatorRequest, res: ServerResponse) => void | Promise<void>;

interface Route {
	method: string;
	path: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

/** A minimal path router: `/v3/customer/:customerId` style patterns, first match wins. */
export class Router {
	private readonly routes: Route[] = [];

	on(method: string, path: string, handler: Handler): this {
		const keys: string[] = [];
		const pattern = new RegExp(
			'^' +
				path.replace(/:([A-Za-z_]+)/g, (_m, key: string) => {
					keys.push(key);
					return '([^/]+)';
				}) +
				'/?$',
		);
		this.routes.push({ method, path, pattern, keys, handler });
		return this;
	}

	/** Every route, as `METHOD /path/:param` (for a test that walks them all). */
	list(): string[] {
		return this.routes.map((r) => `${r.method} ${r.path}`);
	}

	match(method: string, path: string): { handler: Handler; params: Record<string, string> } | null {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const m = route.pattern.exec(path);
			if (!m) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1])));
			return { handler: route.handler, params };
		}
		return null;
	}

	/** True when the path exists under another method (405 rather than 404). */
	knows(path: string): boolean {
		return this.routes.some((r) => r.pattern.test(path));
	}
}

/** Per answer, the spec check of what it is about to send: a violation replaces it with a 500. */
export const answerChecks = new WeakMap<
	ServerResponse,
	(status: number, body: unknown) => string | null
>();

/** Per answer, top-level fields a fault puts into it after the spec check (a hostile server's). */
export const answerPatches = new WeakMap<ServerResponse, Record<string, unknown>>();

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const violation = answerChecks.get(res)?.(status, body);
	if (violation) {
		status = 500;
		body = { message: violation };
	}
	const patch = answerPatches.get(res);
	if (patch && body && typeof body === 'object' && !Array.isArray(body))
		body = { ...body, ...patch };
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

/** A text answer (a license file), held to the spec like JSON: its schema is then a string. */
export function sendText(
	res: ServerResponse,
	status: number,
	contentType: string,
	text: string,
): void {
	const violation = answerChecks.get(res)?.(status, text);
	if (violation) return sendJson(res, 500, { message: violation });
	res.writeHead(status, {
		'content-type': contentType,
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

export function sendEmpty(res: ServerResponse, status = 204): void {
	res.writeHead(status);
	res.end();
}

/** Error bodies exactly as SPEC `responses` define them per status (API.md §1.2). */
export function sendError(
	res: ServerResponse,
	status: number,
	message: string,
	code?: string,
): void {
	if (status === 400) return sendJson(res, 400, { error_code: code ?? 'bad_request', message });
	if (status === 403)
		return sendJson(res, 403, { error: { message, messageCode: code ?? 'forbidden' } });
	sendJson(res, status, { message });
}

export async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new Error('body too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export class BadRequest extends Error {
	constructor(
		message: string,
		readonly code = 'bad_request',
	) {
		super(message);
	}
}

export class NotFound extends Error {}

export function requireString(body: Record<string, unknown>, field: string): string {
	const value = body[field];
	if (typeof value !== 'string' || value.trim() === '') {
		throw new BadRequest(`${field} is required`, 'missing_field');
	}
	return value;
}

export function asObject(body: unknown): Record<string, unknown> {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body !== 'object' || Array.isArray(body)) {
		throw new BadRequest('request body must be a JSON object', 'invalid_body');
	}
	return body as Record<string, unknown>;
}

/** Page of a list by 0-based page number (the `currentPage`/`pageSize` style of v3 list endpoints). */
export function pageOf<T>(
	items: T[],
	query: URLSearchParams,
	defaultSize: number,
	maxSize = 100,
): T[] {
	const size = Math.min(
		Math.max(Number(query.get('pageSize') ?? defaultSize) || defaultSize, 1),
		maxSize,
	);
	const page = Math.max(Number(query.get('currentPage') ?? 0) || 0, 0);
	return items.slice(page * size, page * size + size);
}

/** A fault's streamed answer: `head`, then `chunk` again and again, written as the client reads. */
export function streamAnswer(
	res: ServerResponse,
	body: { contentType: string; head?: string; chunk: string; repeat: number },
): void {
	res.writeHead(200, { 'content-type': body.contentType });
	let left = body.repeat;
	const write = (): void => {
		if (body.head && left === body.repeat) res.write(body.head);
		while (left > 0) {
			left -= 1;
			if (!res.write(body.chunk)) return void res.once('drain', write);
		}
		res.end();
	};
	// A client that stops reading (a cap reached) closes the socket: stop writing then.
	res.once('close', () => (left = 0));
	write();
}

/** A fault's headers, put over whatever the route answers with. */
export function replaceHeaders(res: ServerResponse, headers: Record<string, string>): void {
	const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
	res.writeHead = ((status: number, ...rest: unknown[]) => {
		const given = rest.find((r) => r && typeof r === 'object') as
			| Record<string, unknown>
			| undefined;
		return writeHead(status, { ...given, ...headers });
	}) as typeof res.writeHead;
}

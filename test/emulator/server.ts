/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test infrastructure: runs beside n8n, never inside it */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { specContract } from './contract';
import { Faults, RateLimit } from './faults';
import {
	answerChecks,
	answerPatches,
	BadRequest,
	NotFound,
	readBody,
	replaceHeaders,
	Router,
	sendError,
	sendJson,
	streamAnswer,
} from './http';
import { registerAppRoutes } from './routes/apps';
import { DEFAULT_READINGS, type Readings, type RouteContext } from './routes/context';
import { registerControlRoutes } from './routes/control';
import { registerCustomerRoutes } from './routes/customers';
import { registerDeliveryLogRoutes } from './routes/delivery-log';
import { registerEnterprisePortalRoutes } from './routes/enterprise-portal';
import { registerEventTypeRoutes } from './routes/event-types';
import { registerExportRoutes } from './routes/export';
import { registerInstanceRoutes } from './routes/instances';
import { type Notify, registerNotificationRoutes } from './routes/notifications';
import { registerSubscriptionRoutes } from './routes/subscriptions';
import { EmulatorState } from './state';

export interface EmulatorOptions {
	host?: string;
	port?: number;
	/** The read/write API token; random when omitted. */
	token?: string;
	/** Start with the seeded fixture app and customers (default true). */
	seed?: boolean;
	/** Replicated refuses private webhook URLs; tests registering loopback URLs turn that off. */
	allowPrivateWebhookUrls?: boolean;
	/**
	 * Check every request against Replicated's spec (400 naming the parameter or field otherwise)
	 * and every JSON answer against the spec's response schema (500 otherwise). Default true.
	 */
	specCheck?: boolean;
	/** Replicated's retry waits (default 1, 2, 4 … 128 minutes); tests compress them. */
	retryScheduleMs?: number[];
	/** Which reading to answer under where Replicated's sources disagree (default: SPEC's). */
	readings?: Partial<Readings>;
}

export interface RecordedRequest {
	method: string;
	path: string;
	/** The last value of each parameter (see rawQuery for repeated keys). */
	query: Record<string, string>;
	/** The query string as it arrived, without the `?` (repeated keys, `[0]` suffixes and all). */
	rawQuery: string;
	body: unknown;
	status: number;
	auth: 'ok' | 'missing' | 'invalid' | 'read-only';
	at: number;
}

export interface Emulator {
	/** Origin, e.g. http://127.0.0.1:43121 */
	origin: string;
	/** What the credential's "API Base URL" must be: the origin plus `/vendor`, like the real API. */
	baseUrl: string;
	token: string;
	/** A token that may read but not write (403 on writes). */
	readOnlyToken: string;
	state: EmulatorState;
	faults: Faults;
	requests: RecordedRequest[];
	/** Enforce at most `limit` requests per `windowMs` (429 + Retry-After beyond); null to lift it. */
	setRateLimit(limit: number | null, windowMs?: number): RateLimit | null;
	reset(): void;
	/** Replicated refuses private webhook URLs; tests registering loopback URLs lift that. */
	allowPrivateWebhookUrls(value: boolean): void;
	/** Every route the emulator serves, as `METHOD /path/:param`. */
	routes(): string[];
	/** Answer under another reading of a disputed fact until the next reset. */
	setReadings(readings: Partial<Readings>): void;
	/** Replicated sending an event to every subscription listening for it (as `/_emulator/notify`). */
	notify: Notify;
	close(): Promise<void>;
}

const READ_ONLY_POSTS = ['/v3/customers/search'];

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const token = options.token ?? `emu_rw_${randomBytes(12).toString('hex')}`;
	const readOnlyToken = `emu_ro_${randomBytes(12).toString('hex')}`;
	const faults = new Faults();
	const requests: RecordedRequest[] = [];
	const rateLimit: RouteContext['rateLimit'] = { current: null };
	const router = new Router();
	let allowPrivate = options.allowPrivateWebhookUrls ?? false;
	const state = new EmulatorState();
	const readings: Readings = { ...DEFAULT_READINGS, ...options.readings };
	const ctx: RouteContext = { router, state, faults, rateLimit, readings };
	const contract = options.specCheck === false ? null : specContract();
	const reset = () => {
		state.clear();
		if (options.retryScheduleMs) state.deliveries.scheduleMs = options.retryScheduleMs;
		if (options.seed !== false) state.seed();
		faults.clear();
		Object.assign(readings, DEFAULT_READINGS, options.readings);
		rateLimit.current = null;
		requests.length = 0;
	};
	reset();
	registerAppRoutes(ctx);
	registerCustomerRoutes(ctx);
	registerInstanceRoutes(ctx);
	registerExportRoutes(ctx);
	registerEnterprisePortalRoutes(ctx);
	registerSubscriptionRoutes(ctx, () => allowPrivate);
	const notify = registerNotificationRoutes(ctx, () => allowPrivate);
	registerDeliveryLogRoutes(ctx);
	registerEventTypeRoutes(ctx);
	registerControlRoutes(ctx, reset);

	const server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) sendError(res, 500, `emulator error: ${error.message}`);
			else res.destroy();
		});
	});

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://emulator');
		const method = (req.method ?? 'GET').toUpperCase();
		const control = url.pathname.startsWith('/_emulator/');
		// The API lives under /vendor/v3 (API.md §1.1); anything else is not Replicated's.
		const path = control
			? url.pathname
			: url.pathname.startsWith('/vendor/')
				? url.pathname.slice(7)
				: `!${url.pathname}`;
		const rawBody = await readBody(req);
		let body: unknown = undefined;
		const record: RecordedRequest = {
			method,
			path,
			query: Object.fromEntries(url.searchParams),
			rawQuery: url.search.slice(1),
			body: undefined,
			status: 0,
			auth: 'ok',
			at: Date.now(),
		};
		res.on('finish', () => (record.status = res.statusCode));
		if (!control) requests.push(record);

		if (rawBody) {
			try {
				body = JSON.parse(rawBody);
			} catch {
				return sendError(res, 400, 'request body is not valid JSON', 'invalid_json');
			}
		}
		record.body = body;

		if (!control) {
			// Requests in flight, from arrival to the end of the answer (to check a client's concurrency).
			const limited = rateLimit.current;
			if (limited) {
				limited.inFlight += 1;
				limited.maxInFlight = Math.max(limited.maxInFlight, limited.inFlight);
				res.on('close', () => (limited.inFlight -= 1));
			}
			const fault = faults.take(method, path);
			const delay = faults.latencyMs + (fault?.delayMs ?? 0);
			if (delay) await new Promise((r) => setTimeout(r, delay));
			if (fault?.drop) return void req.socket.destroy();
			if (fault?.loseAnswer) {
				res.end = (() => {
					req.socket.destroy();
					return res;
				}) as typeof res.end;
			}
			if (fault?.htmlPage) {
				res.writeHead(200, { 'content-type': 'text/html' });
				return void res.end('<!DOCTYPE html><html><body>Sign in to continue</body></html>');
			}
			if (fault?.jsonBody !== undefined) {
				res.writeHead(200, { 'content-type': 'application/json' });
				return void res.end(fault.jsonBody);
			}
			if (fault?.streamBody) return void streamAnswer(res, fault.streamBody);
			if (fault?.answerPatch) answerPatches.set(res, fault.answerPatch);
			if (fault?.headers) replaceHeaders(res, fault.headers);
			if (fault?.queryPatch)
				for (const [key, value] of Object.entries(fault.queryPatch))
					url.searchParams.set(key, value);
			if (fault?.bodyPatch && body && typeof body === 'object')
				body = { ...(body as object), ...fault.bodyPatch };
			if (fault?.status) {
				if (fault.retryAfter !== undefined) res.setHeader('retry-after', String(fault.retryAfter));
				return sendError(
					res,
					fault.status,
					fault.message ?? (fault.status === 429 ? 'rate limit exceeded' : 'upstream unavailable'),
				);
			}

			// The raw token, never "Bearer <token>" (API.md §1.1). SPEC gives a 401 only the shape
			// {message}: the wording is INFERRED, and the transport tests prove the node needs none.
			const auth = req.headers.authorization;
			if (!auth || (auth !== token && auth !== readOnlyToken)) {
				record.auth = auth ? 'invalid' : 'missing';
				return sendJson(res, 401, { message: 'Unauthorized: invalid or missing API token' });
			}
			const isWrite = method !== 'GET' && !(method === 'POST' && READ_ONLY_POSTS.includes(path));
			if (auth === readOnlyToken && isWrite) {
				record.auth = 'read-only';
				return sendError(
					res,
					403,
					'this API token has read-only access',
					'insufficient_permissions',
				);
			}
			if (limited) {
				const wait = limited.check();
				if (wait) {
					res.setHeader('retry-after', String(wait));
					return sendError(res, 429, 'rate limit exceeded');
				}
			}
		}

		// A path outside /vendor is not Replicated's API at all: 404, not a spec-check 400.
		if (contract && !control && !path.startsWith('!')) {
			const problem = contract.checkRequest(method, path, url.searchParams, body, rawBody !== '');
			if (problem) return sendError(res, 400, problem, 'spec_check');
			answerChecks.set(res, (status, answer) =>
				contract.checkResponse(method, path, status, answer),
			);
		}

		const route = router.match(method, path);
		if (!route) {
			return router.knows(path)
				? sendJson(res, 405, { message: `method ${method} not allowed` })
				: sendJson(res, 404, { message: `no route for ${method} ${path}` });
		}
		try {
			await route.handler(
				{
					method,
					path,
					query: url.searchParams,
					params: route.params,
					body,
					rawBody,
					headers: req.headers,
				},
				res,
			);
		} catch (error) {
			if (error instanceof BadRequest) return sendError(res, 400, error.message, error.code);
			if (error instanceof NotFound) return sendError(res, 404, error.message);
			throw error;
		}
	}

	await new Promise<void>((resolve) =>
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
	);
	const { port } = server.address() as AddressInfo;
	const origin = `http://${options.host ?? '127.0.0.1'}:${port}`;
	return {
		origin,
		baseUrl: `${origin}/vendor`,
		token,
		readOnlyToken,
		state,
		faults,
		requests,
		setRateLimit(limit, windowMs = 1000) {
			rateLimit.current = limit === null ? null : new RateLimit(limit, windowMs);
			return rateLimit.current;
		},
		reset,
		allowPrivateWebhookUrls(value: boolean) {
			allowPrivate = value;
		},
		routes: () => router.list(),
		notify,
		setReadings(value) {
			Object.assign(readings, value);
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}

import {
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	NodeApiError,
	NodeOperationError,
	sleep,
} from 'n8n-workflow';

import {
	CREDENTIAL_TYPE,
	readCredentials,
	type ReplicatedContext,
	type ReplicatedCredentials,
} from './context';
import { apiError, networkError } from './errors';
import {
	DEFAULT_RETRY_POLICY,
	nextDelay,
	RETRYABLE_NETWORK_CODES,
	RETRYABLE_STATUSES,
	type RetryPolicy,
} from './retry';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path under the API base URL, as api/route.ts `pathOf` builds it. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * Safe to send again after a failure or a 429/5xx. Defaults to true for GET, HEAD, PUT and DELETE
	 * and false otherwise, so a POST that creates is never sent twice unless the caller says it may be.
	 */
	idempotent?: boolean;
	/** Return the body as a stream instead of parsed JSON (exports, license files). */
	stream?: boolean;
	/** The Accept header of a streamed request (default any type). */
	accept?: string;
	/** Give up on one attempt after this long (n8n's default otherwise). */
	timeoutMs?: number;
	/**
	 * Values this request carries that no error may show, should Replicated echo them (a webhook
	 * signing secret, a custom header's token); the API token never is either.
	 */
	secrets?: string[];
	/** The team RBAC policy a 403 names (api/ route data; SPEC "Required RBAC Policy"). */
	policy?: string;
	/**
	 * The credential as read while n8n's call was still running, for a request sent after it
	 * returned: n8n's own authentication evaluates the credential's header expression in an
	 * expression isolate that n8n releases when its call returns (n8n 2.x, vm engine), so such a
	 * request carries the header itself (see `authorize`).
	 */
	credentials?: ReplicatedCredentials;
}

export interface ApiResponse<T = unknown> {
	status: number;
	headers: Record<string, unknown>;
	body: T;
	attempts: number;
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** Finds a network error code (ECONNRESET …) on an error or the errors it wraps. */
function networkCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 4; depth++) {
		if (
			typeof current.code === 'string' &&
			/^(E[A-Z_]+|UND_ERR_[A-Z_]+|ERR_[A-Z_]+)$/.test(current.code)
		) {
			return current.code;
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/** A response body stream (node's Readable), typed structurally: node builtins stay out of node code. */
export interface ByteStream extends AsyncIterable<Buffer | string> {
	destroy(error?: Error): unknown;
}

/** Reads at most 64 KiB of an error response stream, enough for any JSON error body. */
async function readErrorStream(stream: ByteStream): Promise<string> {
	let text = '';
	for await (const chunk of stream) {
		text += chunk.toString();
		if (text.length > 65_536) {
			stream.destroy();
			break;
		}
	}
	return text;
}

/** n8n's request options for every attempt of `request`. */
function httpOptions(request: ApiRequest, baseUrl: string): IHttpRequestOptions {
	return {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		// A list in the query goes out as a repeated key (`a=1&a=2`), as Go's url.Values and the
		// CLI send it (pkg/kotsclient/notification.go:124), never n8n's default `a[0]=1`.
		arrayFormat: 'repeat',
		body: request.body,
		json: !request.stream,
		headers: { Accept: request.stream ? (request.accept ?? '*/*') : 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		...(request.stream ? { encoding: 'stream' as const } : {}),
		...(request.timeoutMs ? { timeout: request.timeoutMs } : {}),
	};
}

/**
 * Sends one attempt: through n8n's credential, or, for a request sent after n8n's call returned,
 * with the header the credential's `authenticate` sets (credentials/ReplicatedApi.credentials.ts:
 * `Authorization: {{$credentials.apiToken}}`, the raw token).
 */
async function authorize(
	ctx: ReplicatedContext,
	request: ApiRequest,
	options: IHttpRequestOptions,
): Promise<FullResponse> {
	if (!request.credentials)
		return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			...options,
		})) as FullResponse;
	return (await ctx.helpers.httpRequest({
		...options,
		headers: { ...options.headers, Authorization: request.credentials.apiToken },
	})) as FullResponse;
}

/** Not a network failure (missing credential, invalid URL …): n8n's own message is the useful one. */
function failedBeforeAnswer(
	ctx: ReplicatedContext,
	error: unknown,
	request: ApiRequest,
	baseUrl: string,
): never {
	if (error instanceof NodeOperationError) throw new NodeOperationError(ctx.getNode(), error);
	throw new NodeApiError(
		ctx.getNode(),
		{ message: 'request failed' },
		{
			message: `Replicated: request failed before an answer arrived`,
			description: `Check the API Base URL in the Replicated credential (${baseUrl}). Request: ${request.method} ${request.path}.`,
		},
	);
}

/** Logs why the attempt is sent again, then waits `delay` ms. */
async function waitToRetry(
	ctx: ReplicatedContext,
	request: ApiRequest,
	why: string,
	delay: number,
	attempt: number,
): Promise<void> {
	ctx.logger.warn(
		`Replicated ${request.method} ${request.path}: ${why}, retrying in ${delay} ms (attempt ${attempt})`,
	);
	await sleep(delay);
}

/**
 * The one place that talks HTTP to Replicated: authentication through n8n's credential,
 * retries with backoff and Retry-After for idempotent requests, and errors mapped to NodeApiError
 * with Replicated's own message. The token never enters an error or a log line.
 */
export async function send<T = unknown>(
	ctx: ReplicatedContext,
	request: ApiRequest,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<ApiResponse<T>> {
	const { apiToken, baseUrl } = request.credentials ?? (await readCredentials(ctx));
	const secrets = [apiToken, ...(request.secrets ?? [])];
	const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
	const options = httpOptions(request, baseUrl);

	for (let attempt = 1; ; attempt++) {
		let response: FullResponse;
		try {
			response = await authorize(ctx, request, options);
		} catch (error) {
			const code = networkCode(error);
			if (!code) failedBeforeAnswer(ctx, error, request, baseUrl);
			const delay =
				idempotent && RETRYABLE_NETWORK_CODES.has(code)
					? nextDelay(attempt - 1, undefined, policy)
					: undefined;
			if (delay === undefined) {
				throw networkError(ctx.getNode(), {
					code,
					baseUrl,
					method: request.method,
					path: request.path,
					attempts: attempt,
					secrets,
				});
			}
			await waitToRetry(ctx, request, code, delay, attempt);
			continue;
		}

		const { statusCode: status, headers } = response;
		if (status >= 200 && status < 300) {
			return { status, headers, body: response.body as T, attempts: attempt };
		}
		const retryable = idempotent && RETRYABLE_STATUSES.has(status);
		const delay = retryable ? nextDelay(attempt - 1, headers['retry-after'], policy) : undefined;
		if (delay !== undefined) {
			if (request.stream) (response.body as ByteStream).destroy();
			await waitToRetry(ctx, request, `HTTP ${status}`, delay, attempt);
			continue;
		}
		const body = request.stream
			? await readErrorStream(response.body as ByteStream)
			: response.body;
		throw apiError(ctx.getNode(), {
			status,
			body,
			method: request.method,
			path: request.path,
			attempts: attempt,
			secrets,
			policy: request.policy,
		});
	}
}

/** `send`, returning only the parsed body. */
export async function apiRequest<T = unknown>(
	ctx: ReplicatedContext,
	request: ApiRequest,
	policy?: RetryPolicy,
): Promise<T> {
	return (await send<T>(ctx, request, policy)).body;
}

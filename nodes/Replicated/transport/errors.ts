import { type INode, type JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Replicated's error bodies differ by status (API.md §1.2):
 * 400 `{error_code, message}`, 401/404 `{message}`, 403 `{error: {message, messageCode}}`.
 * Anything else (a proxy's HTML page, an empty body) falls back to the status text.
 */
export function replicatedErrorMessage(
	status: number,
	body: unknown,
): { message: string; code?: string } {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			parsed = undefined;
		}
	}
	if (parsed && typeof parsed === 'object') {
		const b = parsed as Record<string, unknown>;
		const nested =
			b.error && typeof b.error === 'object' ? (b.error as Record<string, unknown>) : undefined;
		const message =
			nested?.message ?? b.message ?? (typeof b.error === 'string' ? b.error : undefined);
		const code = nested?.messageCode ?? b.error_code;
		if (typeof message === 'string' && message.trim()) {
			return { message: message.trim(), code: typeof code === 'string' ? code : undefined };
		}
	}
	return { message: STATUS_TEXT[status] ?? `HTTP ${status}` };
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not found',
	409: 'Conflict',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

/** What the user should do about each status: n8n shows this under the error message. */
const HINTS: Record<number, string> = {
	400: 'Replicated rejected the request. Check the field named in the message.',
	401: 'Check the API token in the Replicated credential: it must be a Vendor Portal user or service-account token, sent as is (not "Bearer …").',
	403: 'The API token is valid but lacks permission for this action. Use a token with Read/Write access to this app.',
	404: 'Nothing with that ID exists for this token. Check the app, customer or channel ID (slugs are not accepted by most endpoints).',
	429: 'Replicated is rate limiting this token. The node already retried; run it again later or reduce concurrency.',
};

/**
 * The fix, short, in the message itself for the errors a user can only fix outside the workflow:
 * n8n's toasts and the workflow's activation error show the message alone, not the description.
 */
const FIX_IN_MESSAGE: Record<number, string> = {
	401: 'Check the API token in the Replicated credential',
	403: 'Use a Read/Write API token with access to this app in the Replicated credential',
	429: 'Replicated is rate limiting this token: run it again later',
};

const explained = new WeakSet<Error>();

/** Whether the error's message already says what to do (see FIX_IN_MESSAGE). */
export function saysWhatToDo(error: Error): boolean {
	return explained.has(error);
}

const sentence = (text: string) => text.replace(/[.\s]+$/, '');

/** Removes every occurrence of each secret, so no error text can carry the token. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
	}
	return out;
}

export interface ApiErrorInput {
	status: number;
	body: unknown;
	method: string;
	path: string;
	attempts: number;
	secrets: Array<string | undefined>;
	/**
	 * The team-level RBAC policy SPEC requires of the request, when api/ names one (the
	 * notification endpoints): app-level roles do not grant it, so a 403 is fixed in the team's RBAC.
	 */
	policy?: string;
}

export function apiError(node: INode, input: ApiErrorInput): NodeApiError {
	const { message, code } = replicatedErrorMessage(input.status, input.body);
	const safeMessage = redact(message, input.secrets);
	const retried = input.attempts > 1 ? ` (after ${input.attempts} attempts)` : '';
	const policy = input.status === 403 ? input.policy : undefined;
	if (policy) {
		const error = new NodeApiError(
			node,
			{ status: 403, message: safeMessage, ...(code ? { code } : {}), policy },
			{
				httpCode: '403',
				message: `Replicated: ${sentence(safeMessage)}. The API token's role lacks the team permission ${policy}: add it to the role in the Vendor Portal (Team → Roles) or use a token whose role has it.`,
				description: `Event notifications are team-level: app-level access does not grant them. Request: ${input.method} ${input.path}${retried}.`,
			},
		);
		explained.add(error);
		return error;
	}
	// Only what we built here goes into the error: never the request options, which hold the token.
	const response: JsonObject = {
		status: input.status,
		message: safeMessage,
		...(code ? { code } : {}),
	};
	const fix = FIX_IN_MESSAGE[input.status];
	const error = new NodeApiError(node, response, {
		httpCode: String(input.status),
		message: fix ? `Replicated: ${sentence(safeMessage)}. ${fix}.` : `Replicated: ${safeMessage}`,
		description: `${HINTS[input.status] ?? 'Replicated answered with an error.'} Request: ${input.method} ${input.path}${retried}.`,
	});
	if (fix) explained.add(error);
	return error;
}

export function networkError(
	node: INode,
	input: {
		code: string;
		baseUrl: string;
		method: string;
		path: string;
		attempts: number;
		secrets: Array<string | undefined>;
	},
): NodeApiError {
	const where = redact(input.baseUrl, input.secrets);
	// The code stays out of the message and of `code`: NodeApiError swaps any message that mentions
	// a known network code for its generic "perhaps it is offline" text.
	const error = new NodeApiError(node, { networkCode: input.code } as JsonObject, {
		message: `Replicated: could not reach ${where}. Check the API Base URL in the Replicated credential.`,
		description: `Network error ${input.code}. Check the API Base URL in the Replicated credential and the network path to it. Request: ${input.method} ${input.path}, ${input.attempts} attempt(s).`,
	});
	explained.add(error);
	return error;
}

/** n8n's own errors pass through unchanged (keeping their HTTP status); anything else is wrapped. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}

export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

export function isForbidden(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '403';
}

/** Replicated's own words in an API error (the transport keeps them as `errorResponse.message`). */
export function replicatedSaid(error: NodeApiError): string {
	const said = error.errorResponse?.message;
	return typeof said === 'string' && said ? said : error.message;
}

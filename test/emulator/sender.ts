import { createHmac } from 'node:crypto';

import { request } from 'undici';

/** A delivery exactly as Replicated sends it (API.md §2.1): `{event, timestamp, data, text}` + `test` on tests. */
export interface Delivery {
	[key: string]: unknown;
	event: string;
	timestamp: string;
	data: Record<string, unknown>;
	text: string;
	test?: boolean;
}

export function buildDelivery(
	event: string,
	data: Record<string, unknown>,
	options: { timestamp?: Date; text?: string; test?: boolean } = {},
): Delivery {
	const delivery: Delivery = {
		event,
		timestamp: (options.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		data: { event_type: event, ...data },
		text:
			options.text ?? `${event} for ${String(data.customer_name ?? data.app_name ?? 'your app')}`,
	};
	if (options.test) delivery.test = true;
	return delivery;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>` (API.md §2.4). */
export function signBody(rawBody: string | Buffer, secret: string): string {
	return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export interface SendOptions {
	/** Signing secret; no signature header when omitted (as Replicated does without a secret). */
	secret?: string;
	/** Extra headers, like a subscription's custom headers (up to 5). */
	headers?: Record<string, string>;
	/** Send this exact body instead of JSON.stringify(delivery) (malformed-payload tests). */
	rawBody?: string;
	/** Override the signature header value (forgery tests). */
	signature?: string;
	/** Replicated gives up after 5 s (API.md §2.4). */
	timeoutMs?: number;
}

export interface SendResult {
	status: number;
	body: string;
	durationMs: number;
}

export async function sendDelivery(
	url: string,
	delivery: Delivery | null,
	options: SendOptions = {},
): Promise<SendResult> {
	const rawBody = options.rawBody ?? JSON.stringify(delivery);
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		...options.headers,
	};
	const signature =
		options.signature ?? (options.secret ? signBody(rawBody, options.secret) : undefined);
	if (signature) headers['x-replicated-signature'] = signature;
	const started = performance.now();
	const response = await request(url, {
		method: 'POST',
		headers,
		body: rawBody,
		headersTimeout: options.timeoutMs ?? 5000,
		bodyTimeout: options.timeoutMs ?? 5000,
	});
	const body = await response.body.text();
	return { status: response.statusCode, body, durationMs: performance.now() - started };
}

import { createHash } from 'crypto';

import type { IWebhookFunctions } from 'n8n-workflow';

import { type NotificationEvent, wasDelivered } from '../../schemas/notification';
import { DEFAULT_RETRY_POLICY } from '../../transport';
import { REDELIVERY_KEY_CHARS, type RedeliveryMemory } from './redelivery-memory';
import { registrationState } from '../lifecycle/registration';
import { registration } from '../panel/parameters';
import { EVENT_PAGE_SIZE, listSubscriptions, notificationEventPages } from '../../api/notifications';

/**
 * A verified delivery older than the replay window is either Replicated delivering again what it
 * could not deliver (catch-up after downtime, a manual resend from Notifications → History, a late
 * retry) or someone replaying a captured delivery. Replicated's delivery log tells them apart: a
 * redelivery is an event it has not delivered yet; a replay is one it has.
 */
export type StaleVerdict = 'redelivery' | 'delivered' | 'unknown';

/** Key order does not matter to JSON; it may to whoever re-serialises the payload. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value) ?? 'null';
}

type Body = Record<string, unknown>;

const asBody = (value: unknown): Body | null => {
	if (typeof value === 'string') {
		try {
			return asBody(JSON.parse(value));
		} catch {
			return null;
		}
	}
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : null;
};

/** What identifies a delivery: its event, its time and its data (API.md §2.1's envelope). */
const core = (body: Body) =>
	canonical({ event: body.event, timestamp: body.timestamp, data: body.data });
const hasCore = (body: Body) => 'event' in body && 'timestamp' in body && 'data' in body;
/** A key is a digest: a log window keeps keys, not bodies (bounded memory for a burst of reads). */
const digest = (text: string) => createHash('sha256').update(text).digest('base64');

/**
 * The delivery's key in the trigger's memory of redeliveries (redelivery-memory.ts): by event,
 * timestamp and data, as the log matches it, so that catch-up finds the same key in a log entry.
 */
export const redeliveryKey = (delivery: Body) =>
	digest(`core:${core(delivery)}`).slice(0, REDELIVERY_KEY_CHARS);

/** Whether the memory holds a log entry's delivery (catch-up then leaves it alone). */
export function remembered(
	event: NotificationEvent,
	memory: RedeliveryMemory | undefined,
): boolean {
	if (!memory?.runs) return false;
	for (const key of loggedKeys(event))
		if (key.slice(0, REDELIVERY_KEY_CHARS) in memory.runs) return true;
	return false;
}

/** The keys a delivery is found by: the whole of it, and its event, timestamp and data. */
function deliveryKeys(delivery: Body): string[] {
	return [digest(`whole:${canonical(delivery)}`), digest(`core:${core(delivery)}`)];
}

/**
 * The keys of the bodies a log entry says were (or will be) sent: its `payload` and each attempt's
 * `requestBody` (SPEC NotificationEventAttempt), whole, and by event, timestamp and data where a
 * body has them. INFERRED which of them Replicated fills, and whether whole: the CLI's pact shows a
 * `payload` with `event` at least. Never `eventData`: Replicated's internal record (camelCase in
 * the CLI's pact), which says nothing about what was sent.
 */
function loggedKeys(event: NotificationEvent): Set<string> {
	const keys = new Set<string>();
	for (const sent of [event.payload, ...(event.attempts ?? []).map((a) => a.requestBody)]) {
		const body = asBody(sent);
		if (!body) continue;
		keys.add(digest(`whole:${canonical(body)}`));
		if (hasCore(body)) keys.add(digest(`core:${core(body)}`));
	}
	return keys;
}

/** Whether a log entry is this delivery: a body it logged equals it, or has its event, time and data. */
export function sameDelivery(event: NotificationEvent, delivery: Body): boolean {
	const logged = loggedKeys(event);
	return deliveryKeys(delivery).some((key) => logged.has(key));
}

/**
 * Replicated gives up on a delivery after 5 seconds ("Each delivery attempt times out after five
 * seconds", DOCS event-notifications-webhooks.mdx) and counts it failed: the lookup must leave room
 * for the answer and for the run to be queued. A Retry-After longer than a second is not waited
 * for: the delivery is answered 503 instead, and Replicated delivers it again a minute on.
 */
const LOOKUP_POLICY = {
	...DEFAULT_RETRY_POLICY,
	maxRetries: 1,
	baseDelayMs: 200,
	maxDelayMs: 400,
	maxRetryAfterMs: 1000,
};
const HOUR = 3600_000;
/** At most this many events logged in the hours around one delivery are read (5 pages). */
const LOOKUP_PAGES = 5;

/**
 * The log around a delivery's time: its hour, and an hour either side, as the keys of what was
 * delivered and of what was not. INFERRED: Replicated logs an event (its `createdAt`) within an
 * hour of the `timestamp` its deliveries carry.
 */
export interface LogWindow {
	delivered: Set<string>;
	undelivered: Set<string>;
	/** The window held more than LOOKUP_PAGES pages: a delivery not found may be in the rest. */
	partial: boolean;
}

/**
 * One read per subscription and hour serves the burst of redeliveries a catch-up causes. Kept for a
 * few seconds only: a delivery that is accepted is recorded by the duplicate check, which is what
 * stops a replay arriving right after it.
 */
const cache = new Map<string, { at: number; window: Promise<LogWindow> }>();
const CACHE_MS = 5000;
const CACHE_ENTRIES = 20;

async function readWindow(ctx: IWebhookFunctions, id: string, hour: number): Promise<LogWindow> {
	const window: LogWindow = { delivered: new Set(), undelivered: new Set(), partial: false };
	let pages = 0;
	let read = 0;
	let total = 0;
	for await (const page of notificationEventPages(
		ctx,
		{
			subscription_id: id,
			start_time: new Date(hour - HOUR).toISOString(),
			end_time: new Date(hour + 2 * HOUR).toISOString(),
		},
		{ maxPages: LOOKUP_PAGES, timeoutMs: 2000, policy: LOOKUP_POLICY },
	)) {
		for (const event of page.events) {
			const into = wasDelivered(event) ? window.delivered : window.undelivered;
			for (const key of loggedKeys(event)) into.add(key);
		}
		read += page.events.length;
		total = Math.max(total, page.totalCount ?? 0);
		pages++;
	}
	window.partial = pages >= LOOKUP_PAGES && total > read;
	return window;
}

export function deliveryLog(ctx: IWebhookFunctions, id: string, at: number): Promise<LogWindow> {
	const now = Date.now();
	const hour = Math.floor(at / HOUR) * HOUR;
	const key = `${id}@${hour}`;
	const hit = cache.get(key);
	if (hit && now - hit.at < CACHE_MS) return hit.window;
	for (const [k, entry] of cache) if (now - entry.at >= CACHE_MS) cache.delete(k);
	if (cache.size >= CACHE_ENTRIES) cache.clear();
	const window = readWindow(ctx, id, hour).catch((error: unknown) => {
		cache.delete(key);
		throw error;
	});
	cache.set(key, { at: now, window });
	return window;
}

/** The subscriptions delivering to this trigger: the registered one, or (manual) those at its URL. */
async function subscriptionIds(ctx: IWebhookFunctions): Promise<string[]> {
	if (registration(ctx) === 'auto') {
		const id = registrationState(ctx).subscriptionId;
		return id ? [id] : [];
	}
	const url = ctx.getNodeWebhookUrl('default');
	return (await listSubscriptions(ctx, { policy: LOOKUP_POLICY, timeoutMs: 2000 }))
		.filter((s) => s.webhookUrl === url)
		.map((s) => s.id);
}

/** Throws when Replicated cannot be asked (the caller answers 503 so that it is delivered again). */
export async function judgeStale(ctx: IWebhookFunctions, delivery: Body): Promise<StaleVerdict> {
	const at = Date.parse(String(delivery.timestamp));
	if (Number.isNaN(at)) return 'unknown';
	let unsure = false;
	const keys = deliveryKeys(delivery);
	for (const id of await subscriptionIds(ctx)) {
		const log = await deliveryLog(ctx, id, at);
		// Logged more than once (two subscriptions, say): not delivered to one of them is a redelivery.
		if (keys.some((k) => log.undelivered.has(k))) return 'redelivery';
		if (keys.some((k) => log.delivered.has(k))) return 'delivered';
		unsure ||= log.partial;
	}
	if (unsure)
		throw new Error(
			`more than ${LOOKUP_PAGES * EVENT_PAGE_SIZE} events are logged around ${new Date(at).toISOString()}; this one was not among those read`,
		);
	return 'unknown';
}

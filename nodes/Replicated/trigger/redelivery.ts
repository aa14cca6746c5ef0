import type { IWebhookFunctions } from 'n8n-workflow';

import { type NotificationEvent, wasDelivered } from '../schemas/notification';
import { DEFAULT_RETRY_POLICY } from '../transport';
import { registrationState } from './registration';
import { listSubscriptions, subscriptionEvents } from './subscription-api';

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

/**
 * Whether a log entry is this delivery. INFERRED: `payload` is the body sent (SPEC only names it);
 * should it be absent, the event type, the data and the time are compared instead.
 */
export function sameDelivery(event: NotificationEvent, delivery: Record<string, unknown>): boolean {
	if (event.payload) return canonical(event.payload) === canonical(delivery);
	return (
		event.eventType === delivery.event &&
		Boolean(event.eventData) &&
		canonical(event.eventData) === canonical(delivery.data) &&
		Math.abs(Date.parse(event.createdAt ?? '') - Date.parse(String(delivery.timestamp))) < 60_000
	);
}

/** Replicated waits 5 s for the answer: the lookup must leave room for the run to be queued. */
const LOOKUP_POLICY = { ...DEFAULT_RETRY_POLICY, maxRetries: 1, baseDelayMs: 200, maxDelayMs: 400 };

/**
 * One read of a subscription's log serves the burst of redeliveries a catch-up causes. Kept for a
 * few seconds only: a delivery that is accepted is recorded by the duplicate check, which is what
 * stops a replay arriving right after it.
 */
const cache = new Map<string, { at: number; events: Promise<NotificationEvent[]> }>();
const CACHE_MS = 5000;

export function deliveryLog(ctx: IWebhookFunctions, id: string): Promise<NotificationEvent[]> {
	const now = Date.now();
	const hit = cache.get(id);
	if (hit && now - hit.at < CACHE_MS) return hit.events;
	if (cache.size > 100) cache.clear();
	const events = subscriptionEvents(ctx, id, { timeoutMs: 2000, policy: LOOKUP_POLICY }).catch(
		(error: unknown) => {
			cache.delete(id);
			throw error;
		},
	);
	cache.set(id, { at: now, events });
	return events;
}

/** The subscriptions delivering to this trigger: the registered one, or (manual) those at its URL. */
async function subscriptionIds(ctx: IWebhookFunctions): Promise<string[]> {
	if (ctx.getNodeParameter('registration', 'auto') === 'auto') {
		const id = registrationState(ctx).subscriptionId;
		return id ? [id] : [];
	}
	const url = ctx.getNodeWebhookUrl('default');
	return (await listSubscriptions(ctx)).filter((s) => s.webhookUrl === url).map((s) => s.id);
}

/** Throws when Replicated cannot be asked (the caller answers 503 so that it is delivered again). */
export async function judgeStale(
	ctx: IWebhookFunctions,
	delivery: Record<string, unknown>,
): Promise<StaleVerdict> {
	for (const id of await subscriptionIds(ctx)) {
		const match = (await deliveryLog(ctx, id)).find((e) => sameDelivery(e, delivery));
		if (match) return wasDelivered(match) ? 'delivered' : 'redelivery';
	}
	return 'unknown';
}

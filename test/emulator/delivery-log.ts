/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import type { NotificationSubscription } from './model';
import { type Delivery, sendDelivery } from './sender';
import type { EmulatorState } from './state';

/**
 * How Replicated delivers (DOCS event-notifications-webhooks.mdx, "About delivery retries"): a POST
 * that counts as failed on a non-2xx answer, after 5 s, or on a network error; up to eight retries
 * about 1, 2, 4 … 128 minutes apart (read as intervals, about 4¼ h in all: the longer of the two
 * readings of "after the first failed attempt", which the trigger's replay window covers either
 * way); then the delivery is permanently failed; after 10 consecutive permanent failures the
 * subscription is disabled. Every attempt is kept in the delivery log the API lists.
 */
export const RETRY_SCHEDULE_MS = [1, 2, 4, 8, 16, 32, 64, 128].map((m) => m * 60_000);
export const DISABLE_AFTER_PERMANENT_FAILURES = 10;

export interface Attempt {
	id: string;
	eventId: string;
	attemptedAt: string;
	statusCode: number;
	success: boolean;
	durationMs: number;
	errorMessage?: string;
	requestHeaders: Record<string, string>;
	requestBody: Delivery;
	responseBody: string;
	responseHeaders: Record<string, string>;
}

export interface LoggedEvent {
	id: string;
	subscriptionId: string;
	eventType: string;
	payloadType: 'webhook';
	payload: Delivery;
	eventData: Record<string, unknown>;
	createdAt: string;
	sentAt?: string;
	attempts: Attempt[];
	/** Scheduled retries made so far (0–8). */
	retryCount: number;
	nextRetryAt?: string;
	lastError?: string;
	subscriptionDeletedAt?: string;
}

export type EventStatus = 'success' | 'pending' | 'failed';

export function statusOf(event: LoggedEvent): EventStatus {
	if (event.attempts.some((a) => a.success)) return 'success';
	// Not yet attempted, or with a retry to come.
	if (!event.attempts.length || event.nextRetryAt) return 'pending';
	return 'failed';
}

const iso = (ms: number) => new Date(ms).toISOString();

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * What Replicated keeps as the event's `eventData`: its internal record, in camelCase, not the
 * delivery's snake_case `data`. INFERRED from the CLI's provider-verified pact
 * (pact/kotsclient/notification_test.go:264, `eventData: {"releaseId": "rel-1"}`); which fields it
 * holds is not published, so a client must not compare it with a delivery.
 */
export function internalEventData(data: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(data).map(([k, v]) => [camel(k), v]));
}

export class DeliveryLog {
	readonly events = new Map<string, LoggedEvent>();
	/** Consecutive permanently failed deliveries per subscription (reset by a success). */
	readonly permanentFailures = new Map<string, number>();
	private readonly timers = new Set<NodeJS.Timeout>();
	scheduleMs: number[];

	constructor(
		private readonly state: EmulatorState,
		scheduleMs: number[] = RETRY_SCHEDULE_MS,
	) {
		this.scheduleMs = scheduleMs;
	}

	clear(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.events.clear();
		this.permanentFailures.clear();
	}

	/** Logs the event for the subscription and makes the first attempt (resolved when it is answered). */
	async deliver(subscription: NotificationSubscription, payload: Delivery): Promise<Attempt> {
		const event: LoggedEvent = {
			id: this.state.newId('notificationEvent'),
			subscriptionId: subscription.id,
			eventType: payload.event,
			payloadType: 'webhook',
			payload,
			eventData: internalEventData(payload.data),
			// When the event happened, which its payload carries.
			createdAt: payload.timestamp,
			attempts: [],
			retryCount: 0,
		};
		this.events.set(event.id, event);
		return await this.attempt(event, 'scheduled');
	}

	/** `POST /v3/notification_event/{id}/retry`: one attempt now, also for a permanently failed event. */
	async retryNow(event: LoggedEvent): Promise<Attempt> {
		return await this.attempt(event, 'manual');
	}

	forSubscription(id: string): LoggedEvent[] {
		return [...this.events.values()].filter((e) => e.subscriptionId === id);
	}

	/** Keeps the log of a deleted subscription, marked (SPEC TeamNotificationEventWithAttempts). */
	subscriptionDeleted(id: string): void {
		for (const event of this.forSubscription(id)) {
			event.subscriptionDeletedAt = iso(Date.now());
			event.nextRetryAt = undefined;
		}
	}

	private async attempt(event: LoggedEvent, kind: 'scheduled' | 'manual'): Promise<Attempt> {
		const subscription = this.state.subscriptions.get(event.subscriptionId);
		const at = Date.now();
		// Signed when sent, with the secret the subscription has then (INFERRED: a rotated secret
		// applies to retries of earlier events too; the trigger accepts the previous one meanwhile).
		const secret = this.state.subscriptionSecrets.get(event.subscriptionId);
		const headers = Object.fromEntries(
			(subscription?.customHeaders ?? []).map((h) => [h.name, String(h.value ?? '')]),
		);
		let statusCode = 0;
		let responseBody = '';
		let errorMessage: string | undefined;
		let durationMs = 0;
		if (!subscription?.webhookUrl || subscription.deletedAt) {
			errorMessage = 'subscription deleted';
		} else {
			try {
				const result = await sendDelivery(subscription.webhookUrl, event.payload, {
					secret,
					headers,
				});
				statusCode = result.status;
				responseBody = result.body.slice(0, 2048);
				durationMs = Math.round(result.durationMs);
				if (statusCode < 200 || statusCode >= 300) errorMessage = `HTTP ${statusCode}`;
			} catch (error) {
				durationMs = Date.now() - at;
				errorMessage = (error as Error).message || 'network error';
			}
		}
		const attempt: Attempt = {
			id: this.state.newId('notificationAttempt'),
			eventId: event.id,
			attemptedAt: iso(at),
			statusCode,
			success: !errorMessage,
			durationMs,
			...(errorMessage ? { errorMessage } : {}),
			requestHeaders: {
				'content-type': 'application/json',
				...(secret ? { 'x-replicated-signature': '[redacted]' } : {}),
			},
			requestBody: event.payload,
			responseBody,
			responseHeaders: {},
		};
		event.attempts.push(attempt);
		event.sentAt = attempt.attemptedAt;
		if (attempt.success) {
			event.nextRetryAt = undefined;
			event.lastError = undefined;
			this.permanentFailures.set(event.subscriptionId, 0);
			return attempt;
		}
		event.lastError = errorMessage;
		// A manual retry is one attempt; it leaves a running schedule as it was.
		if (kind === 'manual' || !subscription || subscription.deletedAt) return attempt;
		if (event.retryCount < this.scheduleMs.length) {
			const wait = this.scheduleMs[event.retryCount];
			event.nextRetryAt = iso(Date.now() + wait);
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				if (!this.events.has(event.id) || !event.nextRetryAt) return;
				event.retryCount += 1;
				// nextRetryAt stays until this attempt is answered: the event is pending meanwhile.
				void this.attempt(event, 'scheduled');
			}, wait);
			timer.unref();
			this.timers.add(timer);
			return attempt;
		}
		// Eight retries failed: permanently failed (Replicated emails the creator and team admins).
		event.nextRetryAt = undefined;
		const failures = (this.permanentFailures.get(event.subscriptionId) ?? 0) + 1;
		this.permanentFailures.set(event.subscriptionId, failures);
		if (failures >= DISABLE_AFTER_PERMANENT_FAILURES) subscription.isEnabled = false;
		return attempt;
	}
}

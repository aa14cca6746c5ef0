/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { type LoggedEvent, statusOf } from '../delivery-log';
import { BadRequest, NotFound, sendJson } from '../http';
import type { RouteContext } from './context';

/**
 * Replicated's delivery log: `GET /v3/notification_events` (team-wide, filtered and paged),
 * `GET /v3/notification_subscription/{id}/events` (one subscription, all of it) and
 * `POST /v3/notification_event/{event_id}/retry` (SPEC listNotificationEvents,
 * listNotificationSubscriptionEvents, retryNotificationEvent).
 */
export function registerDeliveryLogRoutes({ router, state, readings }: RouteContext): void {
	const log = state.deliveries;
	/** An entry as served, under the readings of `payload` and `requestBody` (routes/context.ts). */
	const view = (event: LoggedEvent) => {
		const { event: type, timestamp, data } = event.payload;
		return {
			...event,
			payload: readings.logPayload === 'full' ? event.payload : { event: type, timestamp, data },
			attempts: event.attempts.map(({ requestBody, ...attempt }) =>
				readings.attemptBodies === 'served' ? { ...attempt, requestBody } : attempt,
			),
			status: statusOf(event),
		};
	};

	router.on('GET', '/v3/notification_subscription/:id/events', (req, res) => {
		if (!state.subscriptions.has(req.params.id))
			throw new NotFound('notification subscription not found');
		// SPEC NotificationEventWithAttempts has no subscriptionDeletedAt (the team-wide list's has).
		const events = log.forSubscription(req.params.id).map((e) => {
			const event: Partial<ReturnType<typeof view>> = view(e);
			delete event.subscriptionDeletedAt;
			return event;
		});
		sendJson(res, 200, { events });
	});

	router.on('GET', '/v3/notification_events', (req, res) => {
		const q = req.query;
		const time = (name: string) => {
			const value = q.get(name);
			if (value === null) return null;
			const at = Date.parse(value);
			if (Number.isNaN(at)) throw new BadRequest(`${name} must be an ISO 8601 time`);
			return at;
		};
		const start = time('start_time');
		const end = time('end_time');
		const status = q.get('status');
		if (status !== null && !['success', 'pending', 'failed'].includes(status))
			throw new BadRequest('status must be success, pending or failed');
		// The spec's csv (Swagger 2.0's default collectionFormat) and the CLI's repeated key
		// (pkg/kotsclient/notification.go:124) alike.
		const types = q
			.getAll('event_types')
			.flatMap((t) => t.split(','))
			.filter(Boolean);
		const prefix = q.get('type');
		const search = q.get('search')?.toLowerCase();
		const matching = [...log.events.values()]
			.filter((e) => !q.get('subscription_id') || e.subscriptionId === q.get('subscription_id'))
			.filter((e) => !prefix || e.eventType.startsWith(prefix))
			.filter((e) => !types.length || types.includes(e.eventType))
			.filter((e) => start === null || Date.parse(e.createdAt) >= start)
			.filter((e) => end === null || Date.parse(e.createdAt) <= end)
			.filter((e) => !status || statusOf(e) === status)
			.filter((e) => !search || JSON.stringify(e.payload).toLowerCase().includes(search))
			// Newest first, as a history page lists them (INFERRED).
			.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
		const pageSize = Number(q.get('pageSize') ?? 20);
		const asked = Number(q.get('currentPage') ?? 0);
		const page = readings.eventPages === 'fromOne' ? Math.max(asked, 1) - 1 : asked;
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
			throw new BadRequest('pageSize must be between 1 and 100');
		if (!Number.isInteger(asked) || asked < 0)
			throw new BadRequest('currentPage must be 0 or more');
		const events = matching.slice(page * pageSize, (page + 1) * pageSize).map((e) => ({
			...view(e),
			// SPEC TeamNotificationEventWithAttempts: "Subscription metadata".
			createdByUserId: state.subscriptions.get(e.subscriptionId)?.userId ?? state.tokenUser.id,
		}));
		sendJson(res, 200, { events, totalCount: matching.length });
	});

	router.on('POST', '/v3/notification_event/:event_id/retry', (req, res) => {
		const event = log.events.get(req.params.event_id);
		if (!event) throw new NotFound('notification event not found');
		// SPEC: "Immediately retry a failed notification event, including permanently failed events":
		// one not delivered yet (pending or failed). INFERRED: a delivered one is refused.
		const refusal = event.subscriptionDeletedAt
			? 'the subscription of this notification event was deleted'
			: statusOf(event) === 'success'
				? 'notification event was already delivered'
				: null;
		if (refusal) {
			if (readings.retryRefusal === 'badRequest') throw new BadRequest(refusal, 'not_retryable');
			return sendJson(res, 200, { success: false, message: refusal });
		}
		// Answered at once; the attempt runs after (INFERRED: the trigger is tolerant either way).
		// The answer as the CLI's pact has it (pact/kotsclient/notification_test.go:356).
		sendJson(res, 200, { success: true, message: 'Notification event queued for retry' });
		setImmediate(() => void log.retryNow(event));
	});
}

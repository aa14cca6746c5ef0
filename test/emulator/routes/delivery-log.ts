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
	const withStatus = (event: LoggedEvent) => ({ ...event, status: statusOf(event) });

	router.on('GET', '/v3/notification_subscription/:id/events', (req, res) => {
		if (!state.subscriptions.has(req.params.id))
			throw new NotFound('notification subscription not found');
		sendJson(res, 200, { events: log.forSubscription(req.params.id).map(withStatus) });
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
			...withStatus(e),
			createdByUserId: 'emulator-user',
		}));
		sendJson(res, 200, { events, totalCount: matching.length });
	});

	router.on('POST', '/v3/notification_event/:event_id/retry', (req, res) => {
		const event = log.events.get(req.params.event_id);
		if (!event) throw new NotFound('notification event not found');
		if (event.subscriptionDeletedAt)
			throw new BadRequest('the subscription of this event was deleted');
		// Answered at once; the attempt runs after (INFERRED: the trigger is tolerant either way).
		sendJson(res, 200, {});
		setImmediate(() => void log.retryNow(event));
	});
}

import { eventTypeCatalogue, searchEventTypes, served } from '../event-catalogue';
import { BadRequest, sendJson } from '../http';
import type { RouteContext } from './context';

/**
 * `GET /v3/notification_event_types` (SPEC searchNotificationEventTypes): the event types, their
 * filters and their `data` fields, searched by `q`, at most `limit` (1 to 100, the spec says).
 */
export function registerEventTypeRoutes({ router, state }: RouteContext): void {
	router.on('GET', '/v3/notification_event_types', (req, res) => {
		const asked = req.query.get('limit');
		const limit = asked === null ? undefined : Number(asked);
		if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 100))
			throw new BadRequest('limit must be between 1 and 100');
		const { eventTypes, total } = searchEventTypes(
			eventTypeCatalogue(state),
			req.query.get('q') ?? '',
			limit,
		);
		sendJson(res, 200, { eventTypes: eventTypes.map(served), total });
	});
}

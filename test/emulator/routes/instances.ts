import { NotFound, sendEmpty, sendJson } from '../http';
import type { RouteContext } from './context';
import { getCustomer } from './customers';
import { instanceView } from '../serialize';

export function registerInstanceRoutes({ router, state }: RouteContext): void {
	router.on('GET', '/v3/app/:appId/customer/:customerId/instances', (req, res) => {
		if (!state.apps.has(req.params.appId)) throw new NotFound('app not found');
		const customer = getCustomer(state, req.params.customerId);
		if (customer.appId !== req.params.appId) throw new NotFound('customer not found');
		const instances = [...state.instances.values()]
			.filter((i) => i.customerId === customer.id)
			.map(instanceView);
		sendJson(res, 200, { instances });
	});

	// Instance event time series (SPEC): at least one filter is required; nothing found may be 204.
	router.on('GET', '/v3/app/:appId/events', (req, res) => {
		if (!state.apps.has(req.params.appId)) throw new NotFound('app not found');
		const list = (name: string) => (req.query.get(name) ?? '').split(',').filter(Boolean);
		const customerIds = list('customerIds');
		const instanceIds = list('instanceIds');
		const eventTypes = list('eventTypes');
		const before = req.query.get('before');
		const after = req.query.get('after');
		if (!customerIds.length && !instanceIds.length && !eventTypes.length && !before && !after) {
			return sendJson(res, 400, {
				error_code: 'missing_filter',
				message: 'at least one query parameter is required',
			});
		}
		const events = state.events.filter(
			(e) =>
				e.appId === req.params.appId &&
				(!customerIds.length || customerIds.includes(e.customerId)) &&
				(!instanceIds.length || instanceIds.includes(e.instanceId)) &&
				(!eventTypes.length || eventTypes.includes(e.fieldName)) &&
				(!before || e.reportedAt < before) &&
				(!after || e.reportedAt >= after),
		);
		if (!events.length) return sendEmpty(res, 204);
		// SPEC listAppInstanceEventsResponse: a bare array; isCustom is a string there.
		sendJson(
			res,
			200,
			events.map((e) => ({ ...e, isCustom: String(e.isCustom) })),
		);
	});
}

import { asObject, NotFound, sendEmpty, sendJson } from '../http';
import type { EnterprisePortalInfo, Instance, InstanceEvent } from '../model';
import type { RouteContext } from './context';
import { seedDemoFleet } from '../demo-fleet';
import { getCustomer } from './customers';

/**
 * `/_emulator/*`: staging and fault injection over HTTP, for the sandbox (`npm run emulator`) and for
 * tests that drive the emulator from another process. Not part of Replicated's API; no token needed.
 */
export function registerControlRoutes(
	{ router, state, faults }: RouteContext,
	reset: () => void,
): void {
	router.on('POST', '/_emulator/reset', (_req, res) => {
		reset();
		sendEmpty(res);
	});
	// The sandbox's demo fleet in the first app (again: it replaces an earlier one), dated from now.
	router.on('POST', '/_emulator/seed/demo', (_req, res) => {
		sendJson(res, 200, seedDemoFleet(state));
	});
	router.on('POST', '/_emulator/faults', (req, res) => {
		const body = asObject(req.body);
		faults.add(body);
		sendJson(res, 201, { pending: faults.pending });
	});
	router.on('DELETE', '/_emulator/faults', (_req, res) => {
		faults.clear();
		sendEmpty(res);
	});
	router.on('PATCH', '/_emulator/customers/:customerId/enterprise-portal', (req, res) => {
		const customer = getCustomer(state, req.params.customerId);
		Object.assign(customer.enterprise_portal, asObject(req.body) as Partial<EnterprisePortalInfo>);
		sendJson(res, 200, customer.enterprise_portal);
	});
	router.on('POST', '/_emulator/customers/:customerId/instances', (req, res) => {
		const instance = state.addInstance(
			req.params.customerId,
			asObject(req.body) as Partial<Instance>,
		);
		sendJson(res, 201, instance);
	});
	router.on('POST', '/_emulator/events', (req, res) => {
		const events = (Array.isArray(req.body) ? req.body : [req.body]) as InstanceEvent[];
		state.events.push(...events);
		sendJson(res, 201, { count: state.events.length });
	});
	router.on('PUT', '/_emulator/apps/:appId/synthetic-instances', (req, res) => {
		const app = state.apps.get(req.params.appId);
		if (!app) throw new NotFound('app not found');
		app.syntheticInstances = Number(asObject(req.body).count) || 0;
		sendJson(res, 200, { count: app.syntheticInstances });
	});
}

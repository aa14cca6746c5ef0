import { asObject, NotFound, requireString, sendJson } from '../http';
import type { RouteContext } from './context';
import { getCustomer } from './customers';

export function registerEnterprisePortalRoutes({ router, state }: RouteContext): void {
	router.on('POST', '/v3/app/:appId/enterprise-portal/customer-user', (req, res) => {
		if (!state.apps.has(req.params.appId)) throw new NotFound('app not found');
		const body = asObject(req.body);
		const customer = getCustomer(state, requireString(body, 'customer_id'));
		const email = requireString(body, 'email_address');
		const now = state.now();
		const user = {
			id: state.newId('customer-user'),
			appId: req.params.appId,
			customerId: customer.id,
			customerName: customer.name,
			emailAddress: email,
			role: 'member',
			invitedAt: now,
			firstAccessedAt: null,
			lastAccessedAt: null,
			pendingInvite: true,
			viewCount: 0,
		};
		state.customerUsers.set(user.id, user);
		customer.enterprise_portal.first_invite_sent_at ??= now;
		sendJson(res, 201, { invite: user });
	});

	router.on('GET', '/v3/app/:appId/enterprise-portal/customer-users', (req, res) => {
		const customerId = req.query.get('FilterCustomerID');
		const email = req.query.get('FilterEmail');
		const users = [...state.customerUsers.values()].filter(
			(u) =>
				u.appId === req.params.appId &&
				(!customerId || u.customerId === customerId) &&
				(!email || u.emailAddress === email),
		);
		const offset = Number(req.query.get('Offset') ?? 0) || 0;
		const limit = Number(req.query.get('Limit') ?? 100) || 100;
		sendJson(res, 200, { users: users.slice(offset, offset + limit), total: users.length });
	});
}

import { answerChecks, asObject, BadRequest, NotFound, requireString, sendJson } from '../http';
import type { RouteContext } from './context';
import { getCustomer } from './customers';

/** The most Enterprise Portal users one page gives (INFERRED). */
export const PORTAL_USERS_MAX_PAGE = 100;

export function registerEnterprisePortalRoutes({ router, state, readings }: RouteContext): void {
	router.on('POST', '/v3/app/:appId/enterprise-portal/customer-user', (req, res) => {
		const app = state.apps.get(req.params.appId);
		if (!app) throw new NotFound('app not found');
		const body = asObject(req.body);
		const customer = getCustomer(state, requireString(body, 'customer_id'));
		const email = requireString(body, 'email_address');
		// INFERRED: an invite to a customer without Enterprise Portal access is refused (the
		// automation doc enables access with PATCH is_enterprise_portal_enabled before inviting).
		if (!customer.isEnterprisePortalEnabled) {
			throw new BadRequest(
				'the Enterprise Portal is not enabled for this customer',
				'enterprise_portal_disabled',
			);
		}
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
		const inviteNonce = state.newId('invite');
		if (readings.inviteAnswer === 'cli') {
			// The CLI's reading (pkg/kotsclient/enterprise-portal.go decodes `{url}`), which SPEC does not allow.
			answerChecks.delete(res);
			return sendJson(res, 201, {
				url: `https://enterprise.${app.slug}.example/invite/${inviteNonce}`,
			});
		}
		// SPEC `CustomerInvite`.
		sendJson(res, 201, {
			invite: {
				id: user.id,
				appId: app.id,
				appSlug: app.slug,
				teamId: customer.teamId,
				customerId: customer.id,
				customerName: customer.name,
				emailAddress: email,
				createdAt: now,
				expireAt: new Date(Date.parse(now) + 7 * 86_400_000).toISOString(),
				inviteNonce,
			},
		});
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
		// INFERRED: SPEC gives Limit and Offset without a default or a maximum; like the other lists,
		// 20 a page unless asked, and never more than 100 however many are asked for.
		const limit = Math.min(Number(req.query.get('Limit') ?? 20) || 20, PORTAL_USERS_MAX_PAGE);
		sendJson(res, 200, { users: users.slice(offset, offset + limit), total: users.length });
	});
}

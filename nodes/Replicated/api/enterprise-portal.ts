/** Replicated's Enterprise Portal: a customer's portal users and invites. */
import { z } from 'zod/v4';

import { nullable } from '../schemas/common';
import { portalUsersPageSchema, type PortalUser } from '../schemas/portal-user';
import { parseResponse } from '../schemas/parse';
import { apiRequest, type ReplicatedContext } from '../transport';
import { operation, route, target } from './route';

/**
 * SPEC listEnterprisePortalCustomerUsers: one page of a customer's users and invites (Limit /
 * Offset, counted in records; SPEC gives them no default or maximum).
 */
export const portalUsersPage = operation(
	route(
		'GET',
		'/app/{app_id}/enterprise-portal/customer-users',
		'listEnterprisePortalCustomerUsers',
	),
	async (
		ctx: ReplicatedContext,
		appId: string,
		customerId: string,
		page: { limit: number; offset: number },
	): Promise<{ users: PortalUser[]; total: number | null }> => {
		const body = await apiRequest(ctx, {
			...target(portalUsersPage.route, { app_id: appId }),
			qs: { FilterCustomerID: customerId, Limit: page.limit, Offset: page.offset },
		});
		return parseResponse(ctx.getNode(), portalUsersPageSchema, body, 'Enterprise Portal users');
	},
);

/** SPEC answers 201 `{invite: CustomerInvite}`; the CLI decodes `{url}`. Either means it went out. */
const inviteAnswerSchema = z.looseObject({
	invite: nullable(z.looseObject({ id: nullable(z.string()), createdAt: nullable(z.string()) })),
	url: nullable(z.string()),
});

/**
 * SPEC inviteEnterprisePortalCustomerUser: sends the invite email (a create: never sent again
 * automatically). Once Replicated has accepted it, an answer of an unexpected shape still means it
 * was sent: the answer's `createdAt`, or null.
 */
export const inviteCustomerUser = operation(
	route(
		'POST',
		'/app/{app_id}/enterprise-portal/customer-user',
		'inviteEnterprisePortalCustomerUser',
	),
	async (
		ctx: ReplicatedContext,
		appId: string,
		customerId: string,
		email: string,
	): Promise<{ sentAt: string | null }> => {
		const answer = await apiRequest(ctx, {
			...target(inviteCustomerUser.route, { app_id: appId }),
			body: { customer_id: customerId, email_address: email },
		});
		const parsed = inviteAnswerSchema.safeParse(answer);
		return { sentAt: (parsed.success ? parsed.data.invite?.createdAt : null) ?? null };
	},
);

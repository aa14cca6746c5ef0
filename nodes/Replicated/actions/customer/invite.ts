import { z } from 'zod/v4';

import { nullable } from '../../schemas/common';
import { parseResponse } from '../../schemas/parse';
import { apiRequest, type ReplicatedContext } from '../../transport';

const customerUsersSchema = z.looseObject({
	users: z
		.array(
			z.looseObject({
				emailAddress: nullable(z.string()),
				invitedAt: nullable(z.string()),
				pendingInvite: nullable(z.boolean()),
			}),
		)
		.nullish()
		.transform((v) => v ?? []),
});
const inviteSchema = z.looseObject({
	invite: z.looseObject({ id: nullable(z.string()), emailAddress: nullable(z.string()) }),
});

export interface InviteResult {
	email: string;
	status: 'invited' | 'alreadyInvited';
	invitedAt: string | null;
}

/**
 * Invites `email` to the customer's Enterprise Portal unless it already has an invite or account,
 * so a retried workflow never sends the invite email twice.
 */
export async function ensureInvited(
	ctx: ReplicatedContext,
	appId: string,
	customerId: string,
	email: string,
): Promise<InviteResult> {
	const base = `/v3/app/${encodeURIComponent(appId)}/enterprise-portal`;
	const existing = parseResponse(
		ctx.getNode(),
		customerUsersSchema,
		await apiRequest(ctx, {
			method: 'GET',
			path: `${base}/customer-users`,
			qs: { FilterCustomerID: customerId, FilterEmail: email },
		}),
		'Enterprise Portal users',
	).users.find((u) => (u.emailAddress ?? '').toLowerCase() === email.toLowerCase());
	if (existing) return { email, status: 'alreadyInvited', invitedAt: existing.invitedAt };
	const created = await apiRequest(ctx, {
		method: 'POST',
		path: `${base}/customer-user`,
		body: { customer_id: customerId, email_address: email },
	});
	parseResponse(ctx.getNode(), inviteSchema, created, 'Enterprise Portal invite');
	return { email, status: 'invited', invitedAt: new Date().toISOString() };
}

import { NodeOperationError } from 'n8n-workflow';

import { type PortalUser, portalUsersPageSchema } from '../../schemas/portal-user';
import { parseResponse } from '../../schemas/parse';
import { apiRequest, type ReplicatedContext } from '../../transport';

/** SPEC gives Limit and Offset no default or maximum; 100 is what a page is asked for. */
const PAGE_SIZE = 100;
/** 10,000 users of one customer: far beyond any portal; the reading stops there rather than run on. */
const MAX_PAGES = 100;

/**
 * A customer's Enterprise Portal users and invites (SPEC `GET /v3/app/{app_id}/enterprise-portal/
 * customer-users`, Limit/Offset), every page of them: a page holds at most what Replicated gives
 * (INFERRED: fewer than asked), so the reading goes on until it has `total` or a page is empty.
 */
export async function portalUsers(
	ctx: ReplicatedContext,
	appId: string,
	customerId: string,
): Promise<PortalUser[]> {
	const users: PortalUser[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const body = await apiRequest(ctx, {
			method: 'GET',
			path: `/v3/app/${encodeURIComponent(appId)}/enterprise-portal/customer-users`,
			qs: {
				FilterCustomerID: customerId,
				Limit: PAGE_SIZE,
				Offset: users.length,
			},
		});
		const { users: got, total } = parseResponse(
			ctx.getNode(),
			portalUsersPageSchema,
			body,
			'Enterprise Portal users',
		);
		users.push(...got);
		if (!got.length || users.length >= (total ?? users.length)) return users;
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`The customer's Enterprise Portal lists more than ${MAX_PAGES * PAGE_SIZE} users`,
		{ description: 'Turn off Include Portal Users for this customer.' },
	);
}

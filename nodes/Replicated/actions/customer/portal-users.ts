import { NodeOperationError } from 'n8n-workflow';

import { portalUsersPage } from '../../api/enterprise-portal';
import type { PortalUser } from '../../schemas/portal-user';
import type { ReplicatedContext } from '../../transport';

/** SPEC gives Limit and Offset no default or maximum; 100 is what a page is asked for. */
const PAGE_SIZE = 100;
/** 10,000 users of one customer: far beyond any portal; the reading stops there rather than run on. */
const MAX_PAGES = 100;

/**
 * A customer's Enterprise Portal users and invites (SPEC
 * listEnterprisePortalCustomerUsers, Limit/Offset), every page of them: a page holds at most what Replicated gives
 * (INFERRED: fewer than asked), so the reading goes on until it has `total` or a page is empty.
 */
export async function portalUsers(
	ctx: ReplicatedContext,
	appId: string,
	customerId: string,
): Promise<PortalUser[]> {
	const users: PortalUser[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const { users: got, total } = await portalUsersPage(ctx, appId, customerId, {
			limit: PAGE_SIZE,
			offset: users.length,
		});
		users.push(...got);
		if (!got.length || users.length >= (total ?? users.length)) return users;
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`The customer's Enterprise Portal lists more than ${MAX_PAGES * PAGE_SIZE} users`,
		{ description: 'Turn off Include Portal Users for this customer.' },
	);
}

/** Replicated's Enterprise Portal: a customer's portal users and invites. */
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nullable } from '../schemas/common';
import { portalUsersPageSchema, type PortalUser } from '../schemas/portal-user';
import { parseResponse } from '../schemas/parse';
import { apiRequest, type Page, type ReplicatedContext, readItems } from '../transport';
import { operation, route, target } from './route';

/** SPEC gives Limit and Offset no default or maximum; 100 is what a page is asked for. */
const PORTAL_PAGE_SIZE = 100;
/** 10,000 users of one customer: far beyond any portal; the reading stops there rather than run on. */
const MAX_PORTAL_PAGES = 100;

/**
 * SPEC listEnterprisePortalCustomerUsers: a customer's users and invites, every page of them
 * (Limit / Offset, Offset counted in records). A page holds at most what Replicated gives
 * (INFERRED: fewer than asked), so the reading goes on until it has `total` or a page is empty.
 */
export const portalUsers = operation(
	route(
		'GET',
		'/app/{app_id}/enterprise-portal/customer-users',
		'listEnterprisePortalCustomerUsers',
	),
	async (ctx: ReplicatedContext, appId: string, customerId: string): Promise<PortalUser[]> => {
		const at = target(portalUsers.route, { app_id: appId });
		let offset = 0;
		// Pages are read one at a time, so the offset is what the pages before brought.
		const fetch = async (_index: number, limit: number): Promise<Page> => {
			const qs = { FilterCustomerID: customerId, Limit: limit, Offset: offset };
			const body = await apiRequest(ctx, { ...at, qs });
			const page = parseResponse(
				ctx.getNode(),
				portalUsersPageSchema,
				body,
				'Enterprise Portal users',
			);
			offset += page.users.length;
			return { items: page.users, total: page.total };
		};
		const onCap = () => {
			throw new NodeOperationError(
				ctx.getNode(),
				`The customer's Enterprise Portal lists more than ${MAX_PORTAL_PAGES * PORTAL_PAGE_SIZE} users`,
				{ description: 'Turn off Include Portal Users for this customer.' },
			);
		};
		const users: PortalUser[] = [];
		const reading = readItems<PortalUser>(ctx, fetch, {
			what: 'Enterprise Portal users',
			items: 'users',
			pageSize: PORTAL_PAGE_SIZE,
			maxPages: MAX_PORTAL_PAGES,
			dedupe: false,
			shortPageEnds: false,
			endWhenStale: true,
			onCap,
		});
		for await (const user of reading) users.push(user);
		return users;
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

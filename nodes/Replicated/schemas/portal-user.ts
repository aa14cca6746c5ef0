import { z } from 'zod/v4';

import { nullable } from './common';

/** SPEC `CustomerUser` (the fields read). The CLI decodes `email`; SPEC names it `emailAddress`. */
export const portalUserSchema = z.looseObject({
	emailAddress: nullable(z.string()),
	email: nullable(z.string()),
	role: nullable(z.string()),
	invitedAt: nullable(z.string()),
	firstAccessedAt: nullable(z.string()),
	lastAccessedAt: nullable(z.string()),
	pendingInvite: nullable(z.boolean()),
	viewCount: nullable(z.number()),
});
export type PortalUser = z.infer<typeof portalUserSchema>;

/** SPEC listEnterprisePortalCustomerUsers' answer: `{users, total}`. */
export const portalUsersPageSchema = z.looseObject({
	users: z
		.array(portalUserSchema)
		.nullish()
		.transform((v) => v ?? []),
	total: nullable(z.number()),
});

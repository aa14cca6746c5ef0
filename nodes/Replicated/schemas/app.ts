import { z } from 'zod/v4';

import { nullable } from './common';

/** Channel (SPEC `Channel`; also embedded in apps and customers). Unknown fields pass through. */
export const channelSchema = z.looseObject({
	id: z.string(),
	name: z.string(),
	appId: nullable(z.string()),
	channelSlug: nullable(z.string()),
	isDefault: nullable(z.boolean()),
	isArchived: nullable(z.boolean()),
});
export type Channel = z.infer<typeof channelSchema>;

/** App (SPEC `AppWithChannels`). */
export const appSchema = z.looseObject({
	id: z.string(),
	name: z.string(),
	slug: z.string(),
	teamId: nullable(z.string()),
	isArchived: nullable(z.boolean()),
	channels: nullable(z.array(channelSchema)),
});
export type App = z.infer<typeof appSchema>;

export const appListSchema = z.looseObject({
	apps: z
		.array(appSchema)
		.nullish()
		.transform((v) => v ?? []),
});
export const channelListSchema = z.looseObject({
	channels: z
		.array(channelSchema)
		.nullish()
		.transform((v) => v ?? []),
	totalCount: nullable(z.number()),
});

/** SPEC getAppProperties. */
export const appEnvelopeSchema = z.looseObject({ app: appSchema });

/** SPEC listLicenseFields' answer: the app's license fields (entitlements), the parts read. */
export const licenseFieldsSchema = z.array(
	z.looseObject({
		name: z.string(),
		title: nullable(z.string()),
		type: nullable(z.string()),
		default: nullable(z.unknown()),
		hidden: nullable(z.boolean()),
	}),
);

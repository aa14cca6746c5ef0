import { z } from 'zod/v4';

import { nullable } from './common';

/** SPEC `KotsAppCustomHostname` (the fields used). */
export const customHostnameSchema = z.looseObject({
	hostname: z.string(),
	is_default: nullable(z.boolean()),
});

const hostnameList = () =>
	z
		.array(customHostnameSchema)
		.nullish()
		.transform((v) => v ?? []);

/** SPEC `listCustomHostnames`: the app's custom domains per Replicated service. */
export const customHostnamesSchema = z.looseObject({
	registry: hostnameList(),
	proxy: hostnameList(),
	replicatedApp: hostnameList(),
	downloadPortal: hostnameList(),
});
export type CustomHostnames = z.infer<typeof customHostnamesSchema>;

/** SPEC `CustomHostnameOverrides`, on a customer's channel: that channel's own domains. */
export const hostnameOverridesSchema = z.looseObject({
	registry: nullable(z.looseObject({ hostname: nullable(z.string()) })),
	replicatedApp: nullable(z.looseObject({ hostname: nullable(z.string()) })),
	downloadPortal: nullable(z.looseObject({ hostname: nullable(z.string()) })),
});

/** The install options of SPEC `Customer` the instructions depend on. */
export const installOptionsSchema = z.looseObject({
	airgap: nullable(z.boolean()),
	isHelmInstallEnabled: nullable(z.boolean()),
	isKotsInstallEnabled: nullable(z.boolean()),
	isEmbeddedClusterDownloadEnabled: nullable(z.boolean()),
});

const methodSchema = z.enum(['helm', 'embeddedCluster', 'kots', 'airgap']);

/** License → Get Install Instructions. */
export const installInstructionsItemSchema = z.object({
	customId: z.string().nullable(),
	customerId: z.string(),
	name: z.string(),
	email: z.string().nullable(),
	app: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
	channel: z.object({ name: z.string(), slug: z.string() }),
	methods: z.array(methodSchema),
	omitted: z.array(z.object({ method: methodSchema, reason: z.string() })),
	hosts: z.object({ registry: z.string(), replicatedApp: z.string(), downloadPortal: z.string() }),
	markdown: z.string(),
	html: z.string(),
});
export type InstallInstructionsItem = z.infer<typeof installInstructionsItemSchema>;

/** License → Download: who the file is for (the file itself is the binary property). */
export const licenseFileItemSchema = z.object({
	customerId: z.string(),
	customId: z.string().nullable(),
	name: z.string(),
	email: z.string().nullable(),
	licenseType: z.string().nullable(),
	expiresAt: z.string().nullable(),
	appId: z.string(),
	appSlug: z.string().nullable(),
	channel: z.string().nullable(),
	isArchived: z.boolean(),
	fileName: z.string(),
	fileSize: z.number(),
});

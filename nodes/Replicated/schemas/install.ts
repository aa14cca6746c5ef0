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

/** SPEC `HelmChart`: a chart of the channel's current release (the fields used). */
export const helmChartSchema = z.looseObject({
	name: z.string(),
	version: nullable(z.string()),
	weight: nullable(z.number()),
	error: nullable(z.string()),
	isKotsInstallerOnly: nullable(z.boolean()),
});

/**
 * What the instructions read of the customer's channel: SPEC `CustomerChannelWithDetail` and
 * SPEC `Channel` (getChannelProperties) both carry these fields.
 */
export const installChannelSchema = z.looseObject({
	/** SPEC `chartReleases` (CLI: one `helm install` each, cli/print/customer_attributes.go). */
	chartReleases: nullable(z.array(helmChartSchema)),
	/** SPEC `replicatedRegistryDomain` (CLI: cli/cmd/customer_inspect.go registryHostname). */
	replicatedRegistryDomain: nullable(z.string()),
	/** SPEC `customHostnameOverrides`; an unreadable one counts as none, as before. */
	customHostnameOverrides: nullable(hostnameOverridesSchema).catch(null),
	/** SPEC, content undocumented (INFERRED): only cross-checked (fulfillment/channel-commands.ts). */
	existingClusterInstallCommand: nullable(z.string()),
	embeddedClusterInstallCommand: nullable(z.string()),
});
export type InstallChannel = z.infer<typeof installChannelSchema>;

/** SPEC getChannelProperties: `{channel: Channel}`. */
export const channelEnvelopeSchema = z.looseObject({ channel: installChannelSchema });

/**
 * SPEC postAirgapPassword's answer: the customer's new Download Portal password, which the
 * customer types in: one line of printable characters.
 */
export const airgapPasswordSchema = z.looseObject({
	// eslint-disable-next-line no-control-regex -- control characters are what it refuses
	password: z.string().regex(/^[^\u0000-\u001f\u007f]{1,4096}$/),
});

/** The install options and Download Portal link of SPEC `Customer` the instructions depend on. */
export const installOptionsSchema = z.looseObject({
	/** The Replicated installers' air gap (docs: "Air Gap Installation Option"). */
	airgap: nullable(z.boolean()),
	isHelmInstallEnabled: nullable(z.boolean()),
	/** Helm's own air gap (docs: "Helm CLI Air Gap Instructions"). */
	isHelmAirgapEnabled: nullable(z.boolean()),
	isKotsInstallEnabled: nullable(z.boolean()),
	isEmbeddedClusterDownloadEnabled: nullable(z.boolean()),
	/** SPEC `Customer.downloadPortalUrl`: the customer's own Download Portal link (none if unreadable). */
	downloadPortalUrl: nullable(z.string()).catch(null),
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
	/** Each chart considered for Helm, in install order, and whether (and why not) it is installed. */
	helmCharts: z.array(
		z.object({
			name: z.string(),
			version: z.string().nullable(),
			source: z.enum(['channel', 'option']),
			included: z.boolean(),
			reason: z.string().nullable(),
		}),
	),
	airgap: z.object({
		installers: z.boolean(),
		helm: z.boolean(),
		downloadPortalUrl: z.string().nullable(),
		password: z.enum(['included', 'sentSeparately']).nullable(),
	}),
	/** The channel's own install commands, checked against these instructions (never copied into them). */
	channelCommands: z.array(
		z.object({
			field: z.enum(['existingClusterInstallCommand', 'embeddedClusterInstallCommand']),
			result: z.enum(['agrees', 'differs', 'unrecognised']),
			detail: z.string(),
		}),
	),
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

import { z } from 'zod/v4';

import { nullable } from './common';

/** SPEC `CustomerInstanceVersionHistory`. */
export const versionHistorySchema = z.looseObject({
	versionLabel: nullable(z.string()),
	downstreamReleaseSequence: nullable(z.number()),
	intervalStart: nullable(z.string()),
	intervalLast: nullable(z.string()),
});

/** SPEC `CustomerInstance`. */
export const instanceSchema = z.looseObject({
	instanceId: z.string(),
	licenseId: nullable(z.string()),
	clusterId: nullable(z.string()),
	createdAt: nullable(z.string()),
	lastActive: nullable(z.string()),
	active: nullable(z.boolean()),
	appStatus: nullable(z.string()),
	cloud: nullable(z.string()),
	isAirgap: nullable(z.boolean()),
	isArchived: nullable(z.boolean()),
	isEmbeddedCluster: nullable(z.boolean()),
	k8sVersion: nullable(z.string()),
	kotsVersion: nullable(z.string()),
	replicatedSdkVersion: nullable(z.string()),
	versionHistory: z
		.array(versionHistorySchema)
		.nullish()
		.transform((v) => v ?? []),
});
export type Instance = z.infer<typeof instanceSchema>;

/** GET /v3/app/{appId}/customer/{customerId}/instances. */
export const instanceListSchema = z.looseObject({
	instances: nullable(z.array(instanceSchema)).transform((v) => v ?? []),
});

/** What Instance → Get Many emits per instance: the customer's join keys, then the instance. */
export const instanceItemSchema = instanceSchema.extend({
	customId: z.string().nullable(),
	customerId: z.string(),
	customerName: z.string(),
	appId: z.string(),
	versionLabel: z.string().nullable(),
	lastCheckInAt: z.string().nullable(),
	firstCheckInAt: z.string().nullable(),
});

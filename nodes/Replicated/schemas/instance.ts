import { z } from 'zod/v4';

import { nullable } from './common';

/** SPEC `CustomerInstanceVersionHistory`. */
export const versionHistorySchema = z.looseObject({
	versionLabel: nullable(z.string()),
	downstreamReleaseSequence: nullable(z.number()),
	intervalStart: nullable(z.string()),
	intervalLast: nullable(z.string()),
});

type VersionInterval = z.infer<typeof versionHistorySchema>;

/**
 * The CLI (pkg/types/instance.go) says the API returns the history latest first; SPEC says nothing
 * of the order. Sorted here by when each version started, so `[0]` is the running version under
 * either reading (entries without a start keep their place after the dated ones).
 */
function latestFirst(history: VersionInterval[]): VersionInterval[] {
	return history
		.map((entry, index) => ({ entry, index }))
		.sort(
			(a, b) =>
				(b.entry.intervalStart ?? '').localeCompare(a.entry.intervalStart ?? '') ||
				a.index - b.index,
		)
		.map(({ entry }) => entry);
}

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
		.transform((v) => latestFirst(v ?? [])),
});
export type Instance = z.infer<typeof instanceSchema>;

/** The same list, its instances checked one by one (one odd instance is left out, not the list). */
export const instancePageSchema = z.looseObject({
	instances: nullable(z.array(z.unknown())).transform((v) => v ?? []),
});

/** SPEC listCustomerInstances. */
export const instanceListSchema = z.looseObject({
	instances: nullable(z.array(instanceSchema)).transform((v) => v ?? []),
});

/**
 * What Instance → Get Many emits per instance: the customer's join keys, then the instance;
 * `licenseId` only with Include License ID (it is the customer's registry password).
 */
export const instanceItemSchema = instanceSchema.extend({
	licenseId: z.string().nullable().optional(),
	customId: z.string().nullable(),
	customerId: z.string(),
	customerName: z.string(),
	appId: z.string(),
	versionLabel: z.string().nullable(),
	lastCheckInAt: z.string().nullable(),
	firstCheckInAt: z.string().nullable(),
});

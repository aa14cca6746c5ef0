import { z } from 'zod/v4';

const at = z.string().nullable();
const pulledAsset = z.object({ at: z.string(), type: at, version: at }).nullable();

export const RECOGNITION_POLICIES = [
	'provisioned',
	'firstAccess',
	'firstDownload',
	'confirmedRunning',
] as const;

/** Enterprise Portal lifecycle milestones, flattened; a milestone that did not happen is null. */
export const milestonesSchema = z.object({
	enterprisePortalEnabled: z.boolean().nullable(),
	invitedAt: at,
	/** First access to the Enterprise Portal, any license type. */
	accessGrantedAt: at,
	accessGrantedBy: at,
	accessMethod: at,
	/** First access per license type; `prod` and `paid` are both reported as `paid`. */
	accessGrantedAtByLicenseType: z.record(z.string(), at),
	/** First completed software pull, any license type. */
	firstDownloadAt: at,
	firstDownloadAtByLicenseType: z.record(z.string(), at),
	firstPulledAsset: pulledAsset,
	lastPulledAsset: pulledAsset,
	activeUsers: z.number().nullable(),
});

export const recognitionSchema = z.object({
	recognitionPolicy: z.enum(RECOGNITION_POLICIES),
	recognizedAt: at,
	/** Why recognizedAt is null, in words a RevOps user can act on. */
	recognitionHint: at,
});

/** What Milestone → Get emits: the templates' contract. */
export const milestoneItemSchema = z.object({
	customId: at,
	customerId: z.string(),
	customerName: z.string(),
	licenseType: at,
	appId: at,
	...recognitionSchema.shape,
	...milestonesSchema.shape,
	/** When an instance of the customer was first reported ready (unless turned off). */
	confirmedRunningAt: at.optional(),
	users: z
		.array(
			z.object({
				email: at,
				role: at,
				invitedAt: at,
				firstAccessedAt: at,
				lastAccessedAt: at,
				pendingInvite: z.boolean().nullable(),
				viewCount: z.number().nullable(),
			}),
		)
		.optional(),
});
export type MilestoneItem = z.infer<typeof milestoneItemSchema>;

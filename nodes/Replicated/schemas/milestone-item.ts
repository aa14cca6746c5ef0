import { z } from 'zod/v4';

import { keyedBy } from './keyed';

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
	accessGrantedAtByLicenseType: keyedBy(at),
	/** First completed software pull, any license type. */
	firstDownloadAt: at,
	firstDownloadAtByLicenseType: keyedBy(at),
	firstPulledAsset: pulledAsset,
	lastPulledAsset: pulledAsset,
	activeUsers: z.number().nullable(),
});

/**
 * Which date stands for a paid milestone: one recorded on a paid license, one of any license type
 * (the policy counts any), or one of any license type taken because the paid one may predate
 * Replicated's per-license-type records (the user's choice, see paidMilestoneSchema).
 */
export const RECOGNITION_BASES = [
	'paidLicense',
	'anyLicenseType',
	'anyLicenseTypeBeforeTracking',
] as const;

export const recognitionSchema = z.object({
	recognitionPolicy: z.enum(RECOGNITION_POLICIES),
	recognizedAt: at,
	/** Where recognizedAt comes from, for first access and first download (null otherwise). */
	recognitionBasis: z.enum(RECOGNITION_BASES).nullable(),
	/** Why recognizedAt is null, in words a RevOps user can act on. */
	recognitionHint: at,
});

/**
 * A paid customer's first paid access or download. `at` is null when it did not happen or cannot be
 * known; `beforeTracking` is true when the milestone may predate Replicated's per-license-type
 * records (2026-03-27), and `note` then says what is known (otherwise why `at` is null).
 */
export const paidMilestoneSchema = z.object({
	at,
	basis: z.enum(['paidLicense', 'anyLicenseTypeBeforeTracking']).nullable(),
	beforeTracking: z.boolean(),
	note: at,
});

export const paidMilestonesSchema = z.object({
	firstAccess: paidMilestoneSchema,
	firstDownload: paidMilestoneSchema,
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
	/** The paid first access and first download, for revenue dates (see paidMilestoneSchema). */
	paidMilestones: paidMilestonesSchema,
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

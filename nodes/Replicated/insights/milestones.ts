/**
 * Enterprise Portal lifecycle milestones, flattened for CRM mapping, and the revenue-recognition
 * date each policy implies. Pure functions: no n8n, no HTTP.
 */
import type { z } from 'zod/v4';

import {
	type milestonesSchema,
	type paidMilestoneSchema,
	type paidMilestonesSchema,
	RECOGNITION_POLICIES,
	type recognitionSchema,
} from '../schemas/milestone-item';
import { dict } from '../schemas/keyed';

/** The parts of `customer.enterprise_portal` (SPEC `EnterprisePortalInfo`) read here. */
export interface EnterprisePortalInput {
	enabled?: boolean | null;
	access_granted_at?: string | null;
	access_granted_by?: string | null;
	access_method?: string | null;
	access_milestones?: Record<
		string,
		{ access_granted_at?: string | null; access_method?: string | null }
	> | null;
	first_invite_sent_at?: string | null;
	first_software_pulled_at?: string | null;
	first_software_pulled_asset_type?: string | null;
	first_software_pulled_asset_version?: string | null;
	last_software_pulled_at?: string | null;
	last_software_pulled_asset_type?: string | null;
	last_software_pulled_asset_version?: string | null;
	software_pull_milestones?: Record<
		string,
		{ first_pulled_at?: string | null; asset_type?: string | null; asset_version?: string | null }
	> | null;
	total_active_users?: number | null;
}

export type Milestones = z.infer<typeof milestonesSchema>;
export type PulledAsset = NonNullable<Milestones['firstPulledAsset']>;
export type RecognitionPolicy = (typeof RECOGNITION_POLICIES)[number];
export { RECOGNITION_POLICIES };

/** Map keys are license types; whether Replicated uses `paid` or `prod` there is INFERRED, so both are read. */
function byLicenseType<T>(
	map: Record<string, T> | null | undefined,
	pick: (value: T) => string | null | undefined,
) {
	// Keys are server text: a license type named `constructor` is an ordinary key of a dict.
	const out = dict<string | null>();
	for (const [key, value] of Object.entries(map ?? {})) {
		const type = key === 'prod' ? 'paid' : key;
		const at = pick(value) ?? null;
		// Should both spellings appear, the earlier date is the first one.
		if (!(type in out) || (at && (!out[type] || at < out[type]!))) out[type] = at;
	}
	return out;
}

function asset(
	at: string | null | undefined,
	type: string | null | undefined,
	version: string | null | undefined,
): PulledAsset | null {
	return at ? { at, type: type ?? null, version: version ?? null } : null;
}

/** Missing milestones are null, never guessed. */
export function flattenMilestones(ep: EnterprisePortalInput | null | undefined): Milestones {
	const portal = ep ?? {};
	return {
		enterprisePortalEnabled: portal.enabled ?? null,
		invitedAt: portal.first_invite_sent_at ?? null,
		accessGrantedAt: portal.access_granted_at ?? null,
		accessGrantedBy: portal.access_granted_by ?? null,
		accessMethod: portal.access_method ?? null,
		accessGrantedAtByLicenseType: byLicenseType(
			portal.access_milestones,
			(m) => m?.access_granted_at,
		),
		firstDownloadAt: portal.first_software_pulled_at ?? null,
		firstDownloadAtByLicenseType: byLicenseType(
			portal.software_pull_milestones,
			(m) => m?.first_pulled_at,
		),
		firstPulledAsset: asset(
			portal.first_software_pulled_at,
			portal.first_software_pulled_asset_type,
			portal.first_software_pulled_asset_version,
		),
		lastPulledAsset: asset(
			portal.last_software_pulled_at,
			portal.last_software_pulled_asset_type,
			portal.last_software_pulled_asset_version,
		),
		activeUsers: portal.total_active_users ?? null,
	};
}

export type Recognition = z.infer<typeof recognitionSchema>;
export type PaidMilestone = z.infer<typeof paidMilestoneSchema>;
export type PaidMilestones = z.infer<typeof paidMilestonesSchema>;

/**
 * DOCS notifications-events-filters.md (lines 222 and 642): first access and first pull "for
 * Selected License Type only" track events after March 27, 2026, so the per-license-type maps
 * (`access_milestones`, `software_pull_milestones`) hold nothing earlier.
 */
export const PER_LICENSE_TYPE_SINCE = '2026-03-27';
/**
 * SPEC `EnterprisePortalInfo.first_software_pulled_at`: "Null for customers whose first pull occurred
 * before this feature was introduced"; the same doc (line 642) dates that to March 18, 2026.
 */
export const FIRST_PULL_SINCE = '2026-03-18';

/** What to do with a paid milestone that may predate per-license-type tracking. */
export type BeforeTracking = 'leaveEmpty' | 'anyLicenseType';

const day = (at: string) => at.slice(0, 10);
const before = (at: string, since: string) => Date.parse(at) < Date.parse(since);

interface PaidFacts {
	/** The paid entry of the per-license-type map. */
	paid: string | null;
	/** The same milestone for any license type (recorded whatever the license was). */
	any: string | null;
	/** Software was pulled, but before Replicated recorded first pulls (no first date at all). */
	pulledBeforeRecording: boolean;
	what: string;
	never: string;
}

function paidFacts(milestones: Milestones, kind: 'firstAccess' | 'firstDownload'): PaidFacts {
	return kind === 'firstAccess'
		? {
				paid: milestones.accessGrantedAtByLicenseType.paid ?? null,
				any: milestones.accessGrantedAt,
				pulledBeforeRecording: false,
				what: 'first access to the Enterprise Portal',
				never: 'Nobody has accessed the Enterprise Portal on a paid license yet.',
			}
		: {
				paid: milestones.firstDownloadAtByLicenseType.paid ?? null,
				any: milestones.firstDownloadAt,
				pulledBeforeRecording: !milestones.firstDownloadAt && Boolean(milestones.lastPulledAsset),
				what: 'first software download',
				never: `No software has been pulled on a paid license yet (pulls before ${FIRST_PULL_SINCE} are not tracked).`,
			};
}

/**
 * A paid customer's first paid access or download, as far as Replicated's records can tell. Per
 * license type they start on 2026-03-27: when this customer's milestone of any license type is
 * older (or a pull predates first-pull recording), whether it happened on a paid license is
 * unknown, and the answer says so instead of "nobody has", with the any-license-type date as a
 * labelled fallback the user may choose.
 */
export function paidMilestone(
	milestones: Milestones,
	kind: 'firstAccess' | 'firstDownload',
	options: { isPaid: boolean; beforeTracking?: BeforeTracking },
): PaidMilestone {
	const facts = paidFacts(milestones, kind);
	const untracked =
		options.isPaid &&
		(facts.pulledBeforeRecording ||
			(facts.any !== null && before(facts.any, PER_LICENSE_TYPE_SINCE)));
	if (facts.paid) {
		const earlier = untracked && facts.any !== null;
		return {
			at: facts.paid,
			basis: 'paidLicense',
			beforeTracking: earlier,
			note:
				earlier && facts.any
					? `The ${facts.what} of any license type (${day(facts.any)}) predates ${PER_LICENSE_TYPE_SINCE}, when Replicated began recording it per license type: an earlier paid one would not be recorded.`
					: null,
		};
	}
	if (!untracked) return { at: null, basis: null, beforeTracking: false, note: facts.never };
	if (!facts.any) {
		return {
			at: null,
			basis: null,
			beforeTracking: true,
			note: `Software was pulled before ${FIRST_PULL_SINCE}, when Replicated began recording first pulls: the date of the first paid download is not known.`,
		};
	}
	const unknown = `The ${facts.what} (${day(facts.any)}) predates ${PER_LICENSE_TYPE_SINCE}, when Replicated began recording it per license type: whether it was on a paid license is not known.`;
	return options.beforeTracking === 'anyLicenseType'
		? {
				at: facts.any,
				basis: 'anyLicenseTypeBeforeTracking',
				beforeTracking: true,
				note: `Fallback chosen: the ${facts.what} of any license type. ${unknown}`,
			}
		: {
				at: null,
				basis: null,
				beforeTracking: true,
				note: `${unknown} Choose "Use Any License Type" under Paid Milestones Before Tracking to take ${day(facts.any)}.`,
			};
}

export function paidMilestones(
	milestones: Milestones,
	options: { isPaid: boolean; beforeTracking?: BeforeTracking },
): PaidMilestones {
	return {
		firstAccess: paidMilestone(milestones, 'firstAccess', options),
		firstDownload: paidMilestone(milestones, 'firstDownload', options),
	};
}

/**
 * The revenue-recognition date under `policy`. With `licenseType: 'paid'` (the default) access and
 * download milestones count only once they happened on a paid license (`paid`, from
 * paidMilestones()), so a trial's first pull does not recognise revenue; `'any'` takes the first
 * milestone of any license type.
 */
export function recognize(
	milestones: Milestones,
	policy: RecognitionPolicy,
	options: {
		licenseType?: 'paid' | 'any';
		confirmedRunningAt?: string | null;
		paid?: PaidMilestones;
	} = {},
): Recognition {
	const paidOnly = (options.licenseType ?? 'paid') === 'paid';
	const result = (
		recognizedAt: string | null,
		hint: string,
		basis: Recognition['recognitionBasis'] = null,
	): Recognition => ({
		recognitionPolicy: policy,
		recognizedAt,
		recognitionBasis: recognizedAt ? basis : null,
		recognitionHint: recognizedAt ? null : hint,
	});
	const paid = options.paid ?? paidMilestones(milestones, { isPaid: false });
	switch (policy) {
		case 'provisioned':
			return result(
				milestones.invitedAt,
				'No Enterprise Portal invite has been sent to this customer yet.',
			);
		case 'firstAccess':
			return paidOnly
				? result(paid.firstAccess.at, paid.firstAccess.note ?? '', paid.firstAccess.basis)
				: result(
						milestones.accessGrantedAt,
						'Nobody has accessed the Enterprise Portal yet.',
						'anyLicenseType',
					);
		case 'firstDownload':
			return paidOnly
				? result(paid.firstDownload.at, paid.firstDownload.note ?? '', paid.firstDownload.basis)
				: result(
						milestones.firstDownloadAt,
						`No software has been pulled yet (pulls before ${FIRST_PULL_SINCE} are not tracked).`,
						'anyLicenseType',
					);
		case 'confirmedRunning':
			return result(
				options.confirmedRunningAt ?? null,
				'Replicated reports no instance of this customer as ready yet. To capture the moment it happens, use the Replicated Trigger with the instance.ready event.',
			);
	}
}

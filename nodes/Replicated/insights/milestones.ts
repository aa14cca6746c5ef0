/**
 * Enterprise Portal lifecycle milestones, flattened for CRM mapping, and the revenue-recognition
 * date each policy implies. Pure functions: no n8n, no HTTP.
 */
import type { z } from 'zod/v4';

import {
	type milestonesSchema,
	RECOGNITION_POLICIES,
	type recognitionSchema,
} from '../schemas/milestone-item';

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
	const out: Record<string, string | null> = {};
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

/**
 * The revenue-recognition date under `policy`. With `licenseType: 'paid'` (the default) access and
 * download milestones count only once they happened on a paid license, so a trial's first pull does
 * not recognise revenue; `'any'` takes the first milestone of any license type.
 */
export function recognize(
	milestones: Milestones,
	policy: RecognitionPolicy,
	options: { licenseType?: 'paid' | 'any'; confirmedRunningAt?: string | null } = {},
): Recognition {
	const paidOnly = (options.licenseType ?? 'paid') === 'paid';
	const result = (recognizedAt: string | null, hint: string): Recognition => ({
		recognitionPolicy: policy,
		recognizedAt,
		recognitionHint: recognizedAt ? null : hint,
	});
	switch (policy) {
		case 'provisioned':
			return result(
				milestones.invitedAt,
				'No Enterprise Portal invite has been sent to this customer yet.',
			);
		case 'firstAccess':
			return result(
				paidOnly
					? (milestones.accessGrantedAtByLicenseType.paid ?? null)
					: milestones.accessGrantedAt,
				paidOnly
					? 'Nobody has accessed the Enterprise Portal on a paid license yet.'
					: 'Nobody has accessed the Enterprise Portal yet.',
			);
		case 'firstDownload':
			return result(
				paidOnly
					? (milestones.firstDownloadAtByLicenseType.paid ?? null)
					: milestones.firstDownloadAt,
				paidOnly
					? 'No software has been pulled on a paid license yet (pulls before 2026-03-18 are not tracked).'
					: 'No software has been pulled yet (pulls before 2026-03-18 are not tracked).',
			);
		case 'confirmedRunning':
			return result(
				options.confirmedRunningAt ?? null,
				'Replicated reports no instance of this customer as ready yet. To capture the moment it happens, use the Replicated Trigger with the instance.ready event.',
			);
	}
}

import { z } from 'zod/v4';

/**
 * License types as users see them. The API stores paid licenses as `prod` and accepts `paid` on
 * input; webhooks and notification filters say `paid` (API.md §1.4). We always send `prod`, like
 * the official CLI, and always show `paid`.
 */
export const LICENSE_TYPES = ['dev', 'trial', 'paid', 'community', 'test'] as const;
export const licenseTypeSchema = z.enum(LICENSE_TYPES);
export type LicenseType = z.infer<typeof licenseTypeSchema>;

export function toApiLicenseType(type: LicenseType): string {
	return type === 'paid' ? 'prod' : type;
}

/** `prod` and `paid` both become `paid`; unknown values pass through unchanged. */
export function normalizeLicenseType(type: string | null | undefined): string | null {
	if (!type) return null;
	return type === 'prod' ? 'paid' : type;
}

import { dateOf, finding, plural, type RiskRule, wholeDays } from './rule';

/** An expired license is at risk; one expiring within the threshold's days a watch. */
export const licenseExpiry: RiskRule = ({ expiresIn, first }, t) => {
	const expiresAt = first.customer_license_expiration_date;
	if (expiresIn !== null && expiresIn <= 0)
		return [
			finding(
				'license_expired',
				'at risk',
				`License expired ${wholeDays(-expiresIn)} ago (${dateOf(expiresAt!)})`,
			),
		];
	if (expiresIn !== null && expiresIn <= t.licenseExpiryDays)
		return [
			finding(
				'license_expiring',
				'watch',
				// Counted up: a license expiring tomorrow morning expires "in 1 day", not "in 0 days".
				`License expires in ${plural(Math.ceil(expiresIn), 'day')} (${dateOf(expiresAt!)})`,
			),
		];
	return [];
};

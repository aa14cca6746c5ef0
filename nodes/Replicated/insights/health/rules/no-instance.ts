import { daysSince } from '../customer-facts';
import { dateOf, finding, type RiskRule, wholeDays } from './rule';

/** A customer with no instance: a watch while new, at risk once a whole window has passed. */
export const noInstance: RiskRule = ({ instances, first, now }, t) => {
	if (instances.length) return [];
	// A license unused for a whole window is the customer most likely to churn, not one to watch.
	const age = daysSince(first.customer_created_date, now);
	if (age !== null && age >= t.windowDays)
		return [
			finding(
				'no_instances',
				'at risk',
				`No instance in the ${wholeDays(age)} since the customer was created (${dateOf(first.customer_created_date!)})`,
			),
		];
	return [finding('no_instances', 'watch', 'No instance has reported yet')];
};

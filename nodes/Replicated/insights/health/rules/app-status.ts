import type { Finding } from '../../../schemas/health';
import { finding, plural, type RiskRule } from './rule';

/** Replicated's app statuses that mean the software is serving its users. */
export const HEALTHY_STATUSES = new Set(['ready', 'updating']);

/**
 * Each active instance whose app is not serving: at risk once it has been so for the threshold's
 * hours, a watch before that or when how long is not known.
 */
export const appStatus: RiskRule = ({ instances }, t) => {
	const found: Finding[] = [];
	for (const i of instances.filter((x) => x.active && x.appStatus)) {
		if (HEALTHY_STATUSES.has(i.appStatus!)) continue;
		if (i.hoursInAppStatus === null)
			found.push(
				finding(
					'app_unhealthy',
					'watch',
					`App ${i.appStatus} on instance ${i.instanceId} (for how long is not known)`,
					i.instanceId,
				),
			);
		else
			found.push(
				finding(
					'app_unhealthy',
					i.hoursInAppStatus >= t.unhealthyHours ? 'at risk' : 'watch',
					`App ${i.appStatus} for ${plural(Math.floor(i.hoursInAppStatus), 'hour')} on instance ${i.instanceId} (since ${i.appStatusSince})`,
					i.instanceId,
				),
			);
	}
	return found;
};

import { entitlementUsage } from '../metrics';
import type { ExpansionRule } from './rule';

/** Each metric used up to the threshold's percentage of the entitlement that limits it. */
export const nearEntitlementLimit: ExpansionRule = ({ metrics, first, usageLimits }, t) =>
	entitlementUsage(metrics, first.entitlements, usageLimits)
		.filter((u) => u.pct >= t.entitlementUsagePct)
		.map((u) => ({
			code: 'near_entitlement_limit',
			message: `${u.metric} at ${u.pct}% of the licensed ${u.limit} (${u.entitlement})`,
		}));

/**
 * The health rules, in the order their findings and signals are listed (findings are then put
 * at-risk first, keeping this order within a severity). A new rule is a file here and a line below.
 */
import { airgapReports } from './airgap-reports';
import { appStatus } from './app-status';
import { checkIns } from './check-ins';
import { nearEntitlementLimit } from './entitlement-limits';
import { instanceGrowth } from './instance-growth';
import { licenseExpiry } from './license-expiry';
import { metricDecline } from './metric-decline';
import { metricGrowth } from './metric-growth';
import { noInstance } from './no-instance';
import type { ExpansionRule, RiskRule } from './rule';
import { versionsBehind } from './versions-behind';

export const RISK_RULES: RiskRule[] = [
	noInstance,
	checkIns,
	airgapReports,
	versionsBehind,
	appStatus,
	licenseExpiry,
	metricDecline,
];

export const EXPANSION_RULES: ExpansionRule[] = [
	metricGrowth,
	instanceGrowth,
	nearEntitlementLimit,
];

import type { CrmAdapter } from './crm/adapter';
import { airgapBundleLapsed } from './flows/airgap-bundle-lapsed';
import { dealWonToLicense } from './flows/deal-won-to-license';
import { engagementToActivity } from './flows/engagement-to-activity';
import { fulfillment } from './flows/fulfillment';
import { inactiveToOwner } from './flows/inactive-to-owner';
import { instanceReadyOnboarding } from './flows/instance-ready-onboarding';
import { licenseExpiringRenewal } from './flows/license-expiring-renewal';
import { milestonesToRevenue } from './flows/milestones-to-revenue';
import { monthlyExpansionScan } from './flows/monthly-expansion-scan';
import { newCustomerToAccount } from './flows/new-customer-to-account';
import { signupToLead } from './flows/signup-to-lead';
import { weeklyRiskDigest } from './flows/weekly-risk-digest';
import type { Template } from './kit';

/** The customer lifecycle, in the order a customer meets it. */
const LIFECYCLE = [
	signupToLead,
	newCustomerToAccount,
	engagementToActivity,
	dealWonToLicense,
	fulfillment,
	milestonesToRevenue,
	instanceReadyOnboarding,
];

/** The health flows that read or write the CRM. */
const HEALTH = [
	weeklyRiskDigest,
	licenseExpiringRenewal,
	monthlyExpansionScan,
	airgapBundleLapsed,
	inactiveToOwner,
];

export const lifecycleTemplates = (crm: CrmAdapter): Template[] =>
	LIFECYCLE.map((flow) => flow(crm));

export const crmHealthTemplates = (crm: CrmAdapter): Template[] => HEALTH.map((flow) => flow(crm));

/** Every template of one CRM. */
export const crmTemplates = (crm: CrmAdapter): Template[] => [
	...lifecycleTemplates(crm),
	...crmHealthTemplates(crm),
];

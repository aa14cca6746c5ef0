import { attioCrm } from './crm/attio';
import type { CrmAdapter } from './crm/adapter';
import { hubspotCrm } from './crm/hubspot';
import { salesforceCrm } from './crm/salesforce';
import { dealWonToLicense } from './flows/deal-won-to-license';
import { engagementToActivity } from './flows/engagement-to-activity';
import { instanceReadyOnboarding } from './flows/instance-ready-onboarding';
import { milestonesToRevenue } from './flows/milestones-to-revenue';
import { newCustomerToAccount } from './flows/new-customer-to-account';
import { signupToLead } from './flows/signup-to-lead';
import type { Template } from './kit';

/** The CRMs every flow is written for. */
export const CRMS: CrmAdapter[] = [salesforceCrm, hubspotCrm, attioCrm];

/** The customer lifecycle, in the order a customer meets it. */
const LIFECYCLE = [
	signupToLead,
	newCustomerToAccount,
	engagementToActivity,
	dealWonToLicense,
	milestonesToRevenue,
	instanceReadyOnboarding,
];

export const lifecycleTemplates = (crm: CrmAdapter): Template[] =>
	LIFECYCLE.map((flow) => flow(crm));

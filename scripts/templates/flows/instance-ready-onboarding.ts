import type { CrmAdapter } from '../crm/adapter';
import type { Template } from '../kit';
import { linkedCustomerFlow } from './linked-customer-flow';

/** A customer's instance reports ready (first value) → an onboarding task on its CRM account. */
export const instanceReadyOnboarding = (crm: CrmAdapter): Template =>
	linkedCustomerFlow(crm, {
		slug: 'instance-ready-onboarding',
		events: ['instance.ready'],
		text: crm.onboardingTask,
		write: crm.onboardingTask.write,
	});

import type { CrmAdapter } from '../crm/adapter';
import type { Template } from '../kit';
import { linkedCustomerFlow } from './linked-customer-flow';

/** Downloads, new instances, completed upgrades and portal access → activity on the account. */
export const engagementToActivity = (crm: CrmAdapter): Template =>
	linkedCustomerFlow(crm, {
		slug: 'engagement-to-activity',
		events: [
			'release.asset_downloaded',
			'instance.created',
			'instance.upgrade_completed',
			'customer.ep_access_granted',
		],
		tryIt: ['instance.upgrade_completed'],
		text: crm.activityFromEngagement,
		write: crm.activityFromEngagement.write,
	});

import { type CrmAdapter, instanceField, TRIGGER } from '../crm/adapter';
import { at, type Template } from '../kit';
import { linkedCustomerFlow } from './linked-customer-flow';

const T = TRIGGER;

/** What the task says: the customer, then the instance's version, cloud and Kubernetes. */
const SUBJECT = `'Onboard ' + ${T}.customer.name + ': first instance is running'`;
const INSTALL_DETAILS = `[(${T}.instance ? 'Instance ' + ${T}.instance.id : 'An instance') + (${instanceField('appVersion')} ? ' is ready on ' + ${instanceField('appVersion')} + ' of ' + (${T}.app.name || 'the app') + '.' : ' of ' + (${T}.app.name || 'the app') + ' is ready.'), ${T}.data.cloud_provider ? 'Cloud: ' + ${T}.data.cloud_provider : '', ${T}.data.k8s_distribution ? 'Kubernetes: ' + ${T}.data.k8s_distribution : '', 'License: ' + (${T}.customer.licenseType || 'unknown')].filter(Boolean).join('\\n')`;

/**
 * A customer's instance reports ready (first value) → an onboarding task for the owner of its CRM
 * account, due in two days, with the install details.
 */
export const instanceReadyOnboarding = (crm: CrmAdapter): Template =>
	linkedCustomerFlow(crm, {
		slug: 'instance-ready-onboarding',
		events: ['instance.ready'],
		text: crm.onboardingTask,
		write: (column, row) => {
			const owner = crm.health.owner(column, row, `${T}.customId`, false);
			const [next] = owner.next;
			return {
				entry: owner.entry,
				nodes: [
					...owner.nodes,
					crm.health.createTask('Create Onboarding Task', at(next, row), {
						accountId: `${T}.customId`,
						subject: SUBJECT,
						body: INSTALL_DETAILS,
						priority: 'High',
						dueInDays: 2,
						ownerId: owner.id,
					}),
				],
				links: [
					...owner.links,
					...owner.exits.map((exit) => [exit, 'Create Onboarding Task'] as [string, string]),
				],
			};
		},
	});

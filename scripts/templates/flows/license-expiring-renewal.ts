import type { CrmAdapter } from '../crm/adapter';
import { CONFIG, email, failure } from '../health/kit';
import { at, replicated, setFields, type Template } from '../kit';
import { linkedCustomerFlow } from './linked-customer-flow';

const PREP = "$('Renewal Prep').item.json";

/**
 * Sixty days before a paid license expires: the renewal brief as a task for the account's owner,
 * and emailed to them (to CS when the account has no owner).
 */
export function licenseExpiringRenewal(crm: CrmAdapter): Template {
	const { health } = crm;
	return linkedCustomerFlow(crm, {
		slug: 'license-expiring-renewal',
		events: ['customer.license_expiring'],
		filters: { licenseTypes: ['paid'], daysUntilExpiry: ['60'] },
		text: {
			summary: `License expiring in 60 days → Renewal Prep → ${crm.tag} task with the usage brief for the ${health.account} owner, and the brief emailed to them`,
			prerequisites: ['An SMTP relay n8n can send through', ...health.ownerPrerequisites],
			workflowName: `Replicated health → ${crm.tag}: license expiring to renewal prep`,
			about: [
				`## License expiring → renewal brief for the ${health.account} owner`,
				`Sixty days before a paid license expires, **Renewal Prep** writes the customer's usage story for the renewal conversation (versions and upgrades, share of time the app was ready, metric trends, time on platform, Enterprise Portal milestones, entitlements vs usage). It lands as a ${crm.tag} **task** on the ${health.account}, for its owner (read from ${health.ownerSource}), and as an **email** to that owner (to \`csEmail\` when there is none).`,
				'',
				'### Configure',
				`1. Credentials: **Replicated account**, ${health.credential}, **SMTP account**.`,
				`2. Customers are matched by their **Custom ID** (the ${health.account}); others stop at **${crm.notLinkedName}**.`,
				"3. In **Config**, set `fromEmail` and `csEmail`. The notice period is the trigger's **Days Until Expiry**.",
				...health.ownerPrerequisites.map((p) => `4. In ${crm.tag}: ${p}.`),
			],
		},
		userSets: [{ node: 'Config', parameter: 'assignments', what: 'the sender and CS addresses' }],
		failure: failure('CRM write or the email', `${crm.tag} or the relay`),
		tags: ['Health', crm.tag, 'Email'],
		write: (column, row) => {
			const owner = health.owner(column + 1, row, `${PREP}.customId`);
			const [next] = owner.next;
			return {
				entry: 'Renewal Prep',
				nodes: [
					replicated('Renewal Prep', at(column, row), {
						resource: 'insight',
						operation: 'renewalPrep',
						customer: {
							__rl: true,
							mode: 'id',
							value: "={{ $('Replicated Trigger').item.json.customer.id }}",
						},
						periodDays: 365,
						options: {},
					}),
					...owner.nodes,
					health.createTask('Create Renewal Task', at(next, row), {
						accountId: `${PREP}.customId`,
						subject: `'Renewal: ' + ${PREP}.customerName + ', license expires ' + ${PREP}.license.expiresAt.slice(0, 10)`,
						body: `${PREP}.markdown`,
						priority: 'High',
						dueInDays: 7,
						ownerId: owner.id,
					}),
					setFields('Config', at(next + 1, row), [
						['fromEmail', 'replicated-renewals@example.com', 'string'],
						['csEmail', 'cs-team@example.com', 'string'],
					]),
					email(
						'Email Account Owner',
						at(next + 2, row),
						`={{ ${owner.email} || ${CONFIG}.csEmail }}`,
						`=Renewal brief: {{ ${PREP}.customerName }} (license expires {{ ${PREP}.license.expiresAt.slice(0, 10) }})`,
						`={{ ${PREP}.markdown }}`,
					),
				],
				links: [
					['Renewal Prep', owner.entry],
					...owner.links,
					...owner.exits.map((exit) => [exit, 'Create Renewal Task'] as [string, string]),
					['Create Renewal Task', 'Config'],
					['Config', 'Email Account Owner'],
				],
			};
		},
	});
}

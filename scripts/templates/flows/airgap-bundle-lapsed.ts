import type { CrmAdapter } from '../crm/adapter';
import { failure, RUN_IT_NOW, scoreCustomers, weekly } from '../health/kit';
import { a, at, code, sticky, type Template, workflow } from '../kit';
import { onceWhileOpen } from './once-while-open';
import { codeFile } from '../code/inline';

export const AIRGAP_SUBJECT = 'Replicated health: air-gap bundle overdue';

/**
 * Every Monday: air-gapped instances silent past Score Customers' threshold → a CS task on the
 * account asking for a fresh bundle, once while it is open.
 */
export function airgapBundleLapsed(crm: CrmAdapter): Template {
	const { health } = crm;
	const once = onceWhileOpen(
		'Lapsed Air-Gap Accounts',
		health.openTasks('Open Air-Gap Tasks', at(3), AIRGAP_SUBJECT),
		'Not Yet Tasked',
		at(4),
	);
	return {
		crm: crm.crm,
		slug: 'airgap-bundle-lapsed',
		summary: `Every Monday: air-gapped instances with no bundle or report for 45 days → a CS task on the ${crm.tag} ${health.account}, once while it is open`,
		prerequisites: [],
		userSets: [{ node: 'Score Customers', parameter: 'appId', what: 'the Replicated app' }],
		workflow: workflow(
			`Replicated health → ${crm.tag}: air-gap bundle cadence lapsed to CS task`,
			[
				sticky(
					'About',
					[
						'## Air-gap bundle cadence lapsed → CS task',
						`Air-gapped instances never check in; Replicated only hears from them when the customer uploads a support bundle or instance report. Every Monday at 08:00, customers with an air-gapped instance silent for **45 days** (the Score Customers threshold **Air-Gap Report Days**) get a task on their ${health.account} asking CS to request a fresh bundle, unless one is still open.`,
						'',
						'### Configure',
						`1. Credentials: **Replicated account** and ${health.credential}.`,
						'2. Pick your app in **Score Customers** (and change the threshold there if 45 days does not fit your customers).',
						`Open tasks are found by their subject, \`${AIRGAP_SUBJECT}\`.`,
						'',
						...RUN_IT_NOW,
						'',
						failure('CRM write', crm.tag),
					].join('\n'),
					at(-1, -2),
					{ width: 520 },
				),
				weekly('Every Monday', 8, at(0)),
				scoreCustomers(['at risk'], at(1)),
				code(
					'Lapsed Air-Gap Accounts',
					at(2),
					codeFile('lapsed-airgap-accounts', { __ACCOUNT__: a(health.account) }),
					'runOnceForAllItems',
				),
				...once.nodes,
				health.createTask('Create Air-Gap Task', at(5), {
					accountId: '$json.accountId',
					subject: `'${AIRGAP_SUBJECT}'`,
					body: "$json.customerName + ': ' + $json.message + '. Ask the customer to upload a support bundle or instance report from the air-gapped install.'",
					priority: 'Normal',
					dueInDays: 7,
				}),
			],
			[
				['Every Monday', 'Score Customers'],
				['Score Customers', 'Lapsed Air-Gap Accounts'],
				['Lapsed Air-Gap Accounts', once.entry],
				...once.links,
				['Not Yet Tasked', 'Create Air-Gap Task'],
			],
			['Health', crm.tag],
		),
	};
}

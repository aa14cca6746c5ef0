import type { CrmAdapter, CrmHealth } from '../crm/adapter';
import { CONFIG, email, failure, RUN_IT_NOW, scoreCustomers, weekly } from '../health/kit';
import {
	a,
	at,
	code,
	equals,
	filterNode,
	isNotEmpty,
	type Link,
	replicated,
	setFields,
	sticky,
	type Template,
	type TemplateNode,
	workflow,
} from '../kit';
import { onceWhileOpen } from './once-while-open';
import { codeFile } from '../code/inline';

export const RISK_SUBJECT = 'Replicated health: at risk';

/** The sticky note: what the flow does, how to configure it, and its failures. */
const about = (crm: CrmAdapter): string =>
	[
		`## Weekly risk digest → CS leadership, tasks → ${crm.tag}`,
		`Every Monday at 07:00 **Score Customers** rates each paid customer from its instances (versions behind, check-ins, app status, air-gap reports, metric trends, license expiry). CS leadership gets one email listing the customers **at risk** with their reasons, then those on **watch**; its HTML part opens with the risk distribution as a chart (**Health Summary**, the dashboard's summary). Each at-risk customer linked to ${a(crm.health.account)} (Custom ID) gets a task there, unless an open one from an earlier week is still there.`,
		'',
		'### Configure',
		`1. Credentials: **Replicated account**, **SMTP account**, ${crm.health.credential}.`,
		'2. Pick your app in **Score Customers**; tune its **Thresholds** there (defaults: 3 versions behind, 1 day without check-in, 45 days without an air-gap report, 24 h unhealthy, 30 days to expiry).',
		'3. In **Config**, set `leadershipEmail` and `fromEmail`.',
		`Open tasks are found by their subject, \`${RISK_SUBJECT}\`: close the task and a customer still at risk gets a new one next week.`,
		'',
		...RUN_IT_NOW,
		'',
		failure('CRM write or the email', `${crm.tag} or the relay`),
	].join('\n');

/** The upper branch: the dashboard's summary, the digest and its email to CS leadership. */
const digestNodes = (): TemplateNode[] => [
	replicated('Health Summary', at(2, -0.6), {
		resource: 'insight',
		operation: 'healthDashboard',
		riskLevel: 'all',
		channel: '',
		crmUrl: '',
		options: {},
	}),
	code('Digest', at(3, -0.6), codeFile('risk-digest'), 'runOnceForAllItems'),
	setFields('Config', at(4, -0.6), [
		['leadershipEmail', 'cs-leadership@example.com', 'string'],
		['fromEmail', 'replicated-health@example.com', 'string'],
	]),
	email(
		'Email Digest',
		at(5, -0.6),
		`={{ ${CONFIG}.leadershipEmail }}`,
		"={{ $('Digest').item.json.subject }}",
		"={{ $('Digest').item.json.text }}",
		"={{ $('Digest').item.json.html }}",
	),
];

/** The lower branch: a task on each at-risk customer's account, once while one is open. */
function taskBranch(health: CrmHealth) {
	const once = onceWhileOpen(
		'At Risk Accounts',
		health.openTasks('Open Risk Tasks', at(4, 0.6), RISK_SUBJECT),
		'Not Yet Tasked',
		at(5, 0.6),
	);
	return {
		nodes: [
			// Built-in nodes, not code: the at-risk customers with a Custom ID (the CRM account's).
			filterNode('At Risk and Linked', at(2, 0.6), [
				{ left: '={{ $json.riskLevel }}', operator: equals, right: 'at risk' },
				{ left: '={{ $json.customId }}', operator: isNotEmpty },
			]),
			setFields('At Risk Accounts', at(3, 0.6), [
				['accountId', '={{ $json.customId }}', 'string'],
				['customerName', '={{ $json.customerName }}', 'string'],
				['reasons', '={{ $json.reasons }}', 'array'],
			]),
			...once.nodes,
			health.createTask('Create Risk Task', at(6, 0.6), {
				accountId: '$json.accountId',
				subject: `'${RISK_SUBJECT}'`,
				body: "$json.customerName + ' is at risk:\\n- ' + $json.reasons.join('\\n- ')",
				priority: 'High',
				dueInDays: 3,
			}),
		],
		links: [
			['At Risk and Linked', 'At Risk Accounts'],
			['At Risk Accounts', once.entry],
			...once.links,
			['Not Yet Tasked', 'Create Risk Task'],
		] as Link[],
	};
}

/**
 * Every Monday: one digest email of the customers at risk and on watch, with their reasons, and a
 * task on each at-risk customer's account, once while it is open.
 */
export function weeklyRiskDigest(crm: CrmAdapter): Template {
	const { health } = crm;
	const tasks = taskBranch(health);
	return {
		crm: crm.crm,
		slug: 'weekly-risk-digest',
		summary: `Every Monday: Score Customers → digest of at-risk and watch customers with their reasons to CS leadership, and a ${crm.tag} task on each newly at-risk ${health.account}`,
		prerequisites: ['An SMTP relay n8n can send through'],
		userSets: [
			{ node: 'Score Customers', parameter: 'appId', what: 'the Replicated app' },
			{ node: 'Config', parameter: 'assignments', what: 'leadership and sender addresses' },
		],
		workflow: workflow(
			`Replicated health → ${crm.tag}: weekly risk digest and tasks`,
			[
				sticky('About', about(crm), at(-1, -2.4), { width: 520 }),
				weekly('Every Monday', 7, at(0)),
				scoreCustomers(['at risk', 'watch', 'healthy'], at(1)),
				...digestNodes(),
				...tasks.nodes,
			],
			[
				['Every Monday', 'Score Customers'],
				['Score Customers', 'Health Summary'],
				['Health Summary', 'Digest'],
				['Digest', 'Config'],
				['Config', 'Email Digest'],
				['Score Customers', 'At Risk and Linked'],
				...tasks.links,
			],
			['Health', 'Email', crm.tag],
		),
	};
}

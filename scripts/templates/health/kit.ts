import { escaped } from '../escape';
import {
	at,
	code,
	credential,
	crmWrite,
	ifNode,
	isTrue,
	type Link,
	noOp,
	replicated,
	replicatedTrigger,
	setFields,
	type TemplateNode,
} from '../kit';
import { instanceField, TRIGGER } from '../crm/adapter';
import { codeFile } from '../code/inline';

/** What the health templates share: their trigger item, notifications, schedules and scoring. */
export const T = TRIGGER;
export const CONFIG = "$('Config').first().json";
export const SMTP = credential('smtp', 'SMTP account');
export const SLACK = credential('slackApi', 'Slack account');
export const POSTGRES = credential('postgres', 'Postgres account');

/**
 * The customer's page in the Vendor Portal. INFERRED URL layout (`/apps/<slug>/customer/<id>/manage`,
 * as Replicated's docs show it in an example); the sticky notes say so.
 */
export const PORTAL = (app: string, customer: string) =>
	`https://vendor.replicated.com/apps/{{ ${app} }}/customer/{{ ${customer} }}/manage`;

/**
 * The event's instance as Replicated's API reports it (air-gap flag, last check-in, the version it
 * runs): the payload fields for these are not in Replicated's sources, so templates read the API.
 */
export function instanceFromApi(column: number): TemplateNode[] {
	return [
		replicated('Get Customer Instances', at(column), {
			resource: 'instance',
			operation: 'getAll',
			customer: { __rl: true, mode: 'id', value: `={{ ${T}.customer.id }}` },
			includeArchived: false,
		}),
		code(
			'This Instance',
			at(column + 1),
			codeFile('this-instance', { __TRIGGER__: T.replace('.item.', '.first().') }),
			'runOnceForAllItems',
		),
	];
}
export const INSTANCE = "$('This Instance').item.json";
/** The instance in words, as This Instance found it: "instance <id>", or `none`. */
export const THIS_INSTANCE = (none: string) =>
	`(${INSTANCE}.instanceId ? 'instance ' + ${INSTANCE}.instanceId : '${none}')`;

/**
 * A paid instance stopped checking in, read from Replicated (the event does not say whether it is
 * air-gapped): air-gapped ones never check in and stop at a no-op; online ones reach the Config
 * node with the CS and sender addresses.
 */
export function inactiveOnline(template: string): { nodes: TemplateNode[]; links: Link[] } {
	return {
		nodes: [
			replicatedTrigger(template, ['instance.inactive'], at(0), {
				filters: { licenseTypes: ['paid'] },
			}),
			...instanceFromApi(1),
			ifNode('Air-Gapped?', at(3), [{ left: '={{ $json.isAirgap }}', operator: isTrue }]),
			noOp('Air-Gapped: Silence Expected', at(4, -0.6)),
			setFields('Config', at(4, 0.6), [
				['csEmail', 'cs-team@example.com', 'string'],
				['fromEmail', 'replicated-alerts@example.com', 'string'],
			]),
		],
		links: [
			['Replicated Trigger', 'Get Customer Instances'],
			['Get Customer Instances', 'This Instance'],
			['This Instance', 'Air-Gapped?'],
			['Air-Gapped?', 'Air-Gapped: Silence Expected', 0],
			['Air-Gapped?', 'Config', 1],
		],
	};
}

/** The email about an instance that stopped checking in: when it last did, what it ran, where to look. */
export const INACTIVE_SUBJECT = `={{ ${T}.customer.name }}: {{ ${THIS_INSTANCE('an instance')} }} stopped checking in`;
export const INACTIVE_TEXT = [
	`={{ ${T}.customer.name }} (CRM ID {{ ${T}.customId || 'not linked' }}): {{ ${THIS_INSTANCE('an instance')} }} has not checked in {{ ${INSTANCE}.lastCheckInAt || ${T}.data.last_check_in ? 'since ' + (${INSTANCE}.lastCheckInAt || ${T}.data.last_check_in) : 'for 24 hours or more' }}.`,
	`{{ ${INSTANCE}.versionLabel || ${instanceField('appVersion')} ? 'It ran ' + (${INSTANCE}.versionLabel || ${instanceField('appVersion')}) + '. ' : '' }}Instances check in every 4 hours; a silent one is down, offline, or uninstalled.`,
	'',
	`Vendor Portal: ${PORTAL(`${T}.app.slug`, `${T}.customer.id`)}`,
].join('\n');

export function failure(what: string, where: string): string {
	return `### When a ${what} fails\nIt is retried 3 times. If it still fails the execution stops and n8n keeps it, with the event, under **Executions** (retry it from there once ${where} is back). Set an **Error workflow** in the workflow settings to be alerted.`;
}

/** An email from the Config node's sender; with `html`, a text and an HTML part. */
export function email(
	name: string,
	position: [number, number],
	to: string,
	subject: string,
	text: string,
	html?: string,
): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-base.emailSend',
		typeVersion: 2.1,
		position,
		parameters: {
			fromEmail: `={{ ${CONFIG}.fromEmail }}`,
			toEmail: to,
			subject,
			emailFormat: html ? 'both' : 'text',
			text,
			...(html ? { html } : {}),
			options: { appendAttribution: false },
		},
		credentials: SMTP,
		...crmWrite,
	};
}

/**
 * A Slack message; each `{{ value }}` in `text` is escaped for Slack mrkdwn (escapeSlack), so a name
 * from Replicated or the CRM cannot open a link or a mention such as `<!channel>`.
 */
export function slack(name: string, position: [number, number], text: string): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-base.slack',
		typeVersion: 2.3,
		position,
		parameters: {
			select: 'channel',
			channelId: { __rl: true, value: `={{ ${CONFIG}.slackChannel }}`, mode: 'name' },
			text: text.replace(
				/\{\{\s*([\s\S]+?)\s*\}\}/g,
				(_, value: string) => `{{ ${escaped('escapeSlack', value)} }}`,
			),
			otherOptions: { includeLinkToWorkflow: false },
		},
		credentials: SLACK,
		...crmWrite,
	};
}

export function schedule(
	name: string,
	rule: Record<string, unknown>,
	position: [number, number],
): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-base.scheduleTrigger',
		typeVersion: 1.2,
		position,
		parameters: { rule: { interval: [rule] } },
	};
}
export const weekly = (name: string, hour: number, position: [number, number]) =>
	schedule(name, { field: 'weeks', triggerAtDay: [1], triggerAtHour: hour }, position);
export const monthly = (name: string, hour: number, position: [number, number]) =>
	schedule(name, { field: 'months', triggerAtDayOfMonth: 1, triggerAtHour: hour }, position);

/** How to try a scheduled template: it runs on demand whatever its schedule. */
export const RUN_IT_NOW = [
	'### Test it',
	'Click **Execute workflow** to run it now, whatever the schedule.',
];

/** The app picker left for the user in the scheduled templates. */
export const PICK_APP = { __rl: true, mode: 'list', value: '' };

export function scoreCustomers(riskLevels: string[], position: [number, number]): TemplateNode {
	return {
		...replicated('Score Customers', position, {
			resource: 'insight',
			operation: 'scoreCustomers',
			appId: PICK_APP,
			source: 'export',
			filters: { licenseType: 'paid' },
			thresholds: {},
			options: { riskLevels },
		}),
		// An empty week still sends its digest.
		alwaysOutputData: true,
	};
}

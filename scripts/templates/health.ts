import {
	at,
	code,
	credential,
	crmWrite,
	equals,
	ifNode,
	isEmpty,
	isTrue,
	noOp,
	replicated,
	replicatedTrigger,
	setFields,
	sticky,
	type Template,
	type TemplateNode,
	tryItWith,
	workflow,
} from './kit';
import { linked, notLinked as notLinkedTo } from './crm/adapter';
import { salesforce, salesforceCrm } from './crm/salesforce';

const knownToCrm = (position: [number, number]) => linked(salesforceCrm, position);
const notLinked = (position: [number, number]) => notLinkedTo(salesforceCrm, position);

const T = "$('Replicated Trigger').item.json";
const CONFIG = "$('Config').first().json";
const SMTP = credential('smtp', 'SMTP account');
const SLACK = credential('slackApi', 'Slack account');
const POSTGRES = credential('postgres', 'Postgres account');

/**
 * The customer's page in the Vendor Portal. INFERRED URL layout (`/apps/<slug>/customer/<id>/manage`,
 * as Replicated's docs show it in an example); the sticky notes say so.
 */
const PORTAL = (app: string, customer: string) =>
	`https://vendor.replicated.com/apps/{{ ${app} }}/customer/{{ ${customer} }}/manage`;

/**
 * The event's instance as Replicated's API reports it (air-gap flag, last check-in, the version it
 * runs): the payload fields for these are not in Replicated's sources, so templates read the API.
 */
function instanceFromApi(column: number): TemplateNode[] {
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
			[
				"// The instance the event is about, among the customer's; unknown counts as online.",
				`const id = ${T.replace('.item.', '.first().')}.instance.id;`,
				'const mine = $input.all().find((i) => i.json.instanceId === id);',
				'return [{ json: { instanceId: id, isAirgap: mine?.json.isAirgap === true, lastCheckInAt: mine?.json.lastCheckInAt ?? null, versionLabel: mine?.json.versionLabel ?? null } }];',
			].join('\n'),
			'runOnceForAllItems',
		),
	];
}
const INSTANCE = "$('This Instance').item.json";
/** How many versions behind: the payload's count if it has one, else the trigger's threshold. */
const BEHIND = `(${T}.data.versions_behind || 'at least ' + ${T}.filters.versionsBehind)`;

function failure(what: string, where: string): string {
	return `### When a ${what} fails\nIt is retried 3 times. If it still fails the execution stops and n8n keeps it, with the event, under **Executions** (retry it from there once ${where} is back). Set an **Error workflow** in the workflow settings to be alerted.`;
}

function email(
	name: string,
	position: [number, number],
	to: string,
	subject: string,
	text: string,
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
			emailFormat: 'text',
			text,
			options: { appendAttribution: false },
		},
		credentials: SMTP,
		...crmWrite,
	};
}

function slack(name: string, position: [number, number], text: string): TemplateNode {
	return {
		name,
		type: 'n8n-nodes-base.slack',
		typeVersion: 2.3,
		position,
		parameters: {
			select: 'channel',
			channelId: { __rl: true, value: `={{ ${CONFIG}.slackChannel }}`, mode: 'name' },
			text,
			otherOptions: { includeLinkToWorkflow: false },
		},
		credentials: SLACK,
		...crmWrite,
	};
}

function schedule(
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
const weekly = (name: string, hour: number, position: [number, number]) =>
	schedule(name, { field: 'weeks', triggerAtDay: [1], triggerAtHour: hour }, position);
const monthly = (name: string, hour: number, position: [number, number]) =>
	schedule(name, { field: 'months', triggerAtDayOfMonth: 1, triggerAtHour: hour }, position);

/** How to try a scheduled template: it runs on demand whatever its schedule. */
const RUN_IT_NOW = [
	'### Test it',
	'Click **Execute workflow** to run it now, whatever the schedule.',
];

const versionBehindEmail: Template = {
	crm: 'health',
	slug: 'version-behind-email',
	summary:
		'Paid instance 3 or more versions behind → email to the CS owner with the versions and a Vendor Portal link',
	prerequisites: ['An SMTP relay n8n can send through'],
	userSets: [{ node: 'Config', parameter: 'assignments', what: 'CS owner and sender addresses' }],
	workflow: workflow(
		'Replicated health: version behind to CS email',
		[
			sticky(
				'About',
				[
					'## Version behind → email to the CS owner',
					"When a paid customer's instance falls **3 or more releases behind** its channel, the CS owner gets an email with the version it runs, the latest one and a link to the customer in the Vendor Portal: the nudge to plan an upgrade before support gets harder.",
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **SMTP account**.',
					"2. In **Config**, set `csOwnerEmail` (a person or the CS team inbox) and `fromEmail`. To mail each account's own CSM, replace `csOwnerEmail` with a lookup in your CRM by `customId`.",
					"3. The threshold is the trigger's **Version Behind: Versions Behind** setting (Replicated evaluates it). The event's filter table has no license type, so **Paid?** checks the customer's license as Replicated reports it.",
					'The version the instance runs is read from Replicated (**Get Customer Instances**): the count and the newest version are used when the event carries them, and the threshold is named when it does not.',
					"The Vendor Portal link layout (`/apps/<app>/customer/<id>/manage`) is taken from Replicated's docs example (INFERRED).",
					'',
					tryItWith(['instance.version_behind']),
					'',
					failure('delivery to the SMTP relay', 'the relay'),
				].join('\n'),
				at(-1, -2),
				{ height: 600 },
			),
			replicatedTrigger('health/version-behind-email', ['instance.version_behind'], at(0), {
				settings: { versionsBehind: 3 },
			}),
			ifNode('Paid?', at(1), [
				{ left: `={{ ${T}.customer.licenseType }}`, operator: equals, right: 'paid' },
			]),
			noOp('Not Paid: Nothing to Do', at(2, 0.8)),
			...instanceFromApi(2),
			setFields('Config', at(4), [
				['csOwnerEmail', 'cs-team@example.com', 'string'],
				['fromEmail', 'replicated-alerts@example.com', 'string'],
			]),
			email(
				'Email CS Owner',
				at(5),
				`={{ ${CONFIG}.csOwnerEmail }}`,
				`={{ ${T}.customer.name }} is {{ ${BEHIND} }} versions behind on {{ ${T}.app.name || 'your app' }}`,
				[
					`={{ ${T}.customer.name }} (CRM ID {{ ${T}.customId || 'not linked' }}) runs {{ ${INSTANCE}.versionLabel || ${T}.instance.appVersion || 'a version Replicated did not report' }} on instance {{ ${T}.instance.id }}.`,
					`{{ ${T}.data.latest_version ? 'The latest release on ' + (${T}.data.channel_name || 'its channel') + ' is ' + ${T}.data.latest_version + ': ' + ${BEHIND} + ' versions behind.' : 'That is ' + ${BEHIND} + ' releases behind the newest on ' + (${T}.customer.channel || 'its channel') + '.' }}`,
					'',
					'Older versions are harder to support and miss fixes the customer paid for. Worth a call to plan the upgrade.',
					'',
					`Vendor Portal: ${PORTAL(`${T}.app.slug`, `${T}.customer.id`)}`,
				].join('\n'),
			),
		],
		[
			['Replicated Trigger', 'Paid?'],
			['Paid?', 'Get Customer Instances', 0],
			['Paid?', 'Not Paid: Nothing to Do', 1],
			['Get Customer Instances', 'This Instance'],
			['This Instance', 'Config'],
			['Config', 'Email CS Owner'],
		],
		['Health', 'Email'],
	),
};

const UNHEALTHY = ['degraded', 'unavailable', 'missing'];

const stateAlertsSlack: Template = {
	crm: 'health',
	slug: 'state-alerts-slack',
	summary:
		'Instance flapping, or degraded / unavailable / missing too long → Slack message to support: customer, instance, state, since when, Vendor Portal link',
	prerequisites: ['A Slack app with the `chat:write` scope, invited to the support channel'],
	userSets: [{ node: 'Config', parameter: 'assignments', what: 'the Slack channel' }],
	workflow: workflow(
		'Replicated health: instance state alerts to Slack',
		[
			sticky(
				'About',
				[
					'## Flapping or unhealthy too long → Slack',
					"Posts to the support channel when a paid customer's instance **flaps** (changes state often within a window) or stays **degraded, unavailable or missing** longer than the duration set on the trigger. The message names the customer, the instance, the state, since when, and links to the customer in the Vendor Portal.",
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **Slack account** (bot token with `chat:write`; invite the bot to the channel).',
					'2. In **Config**, set `slackChannel` (e.g. `#support-alerts`).',
					"3. On the trigger: **State Duration: States** and **For at Least** (Replicated notifies only for those states), and the **Flapping** settings. **Unhealthy?** keeps degraded, unavailable and missing, for a subscription set up by hand with more states; an event that does not say its state passed the trigger's state filter.",
					"The message uses the state, duration and change count when the event carries them, and the trigger's settings (`filters` on its item) when it does not.",
					"The Vendor Portal link layout is taken from Replicated's docs example (INFERRED).",
					'',
					tryItWith(['instance.state.duration', 'instance.state.flapping']),
					'',
					failure('Slack post', 'Slack'),
				].join('\n'),
				at(-1, -2.2),
				{ height: 640 },
			),
			replicatedTrigger(
				'health/state-alerts-slack',
				['instance.state.flapping', 'instance.state.duration'],
				at(0),
				{
					filters: { licenseTypes: ['paid'] },
					settings: {
						state: UNHEALTHY,
						durationMinutes: '60',
						minStateChanges: '5',
						windowMinutes: '60',
					},
				},
			),
			ifNode(
				'Unhealthy?',
				at(1),
				[
					{ left: `={{ ${T}.event }}`, operator: equals, right: 'instance.state.flapping' },
					...UNHEALTHY.map((state) => ({
						left: `={{ ${T}.data.state || ${T}.instance.status }}`,
						operator: equals,
						right: state,
					})),
					{ left: `={{ ${T}.data.state || ${T}.instance.status }}`, operator: isEmpty },
				],
				'or',
			),
			noOp('Healthy State: Nothing to Do', at(2, 0.8)),
			setFields('Config', at(2, -0.4), [['slackChannel', '#support-alerts', 'string']]),
			slack(
				'Alert Support',
				at(3, -0.4),
				[
					`={{ ${T}.event === 'instance.state.flapping' ? ':warning: *' + ${T}.customer.name + '*: instance ' + ${T}.instance.id + ' is flapping (' + (${T}.data.state_changes || 'at least ' + ${T}.filters.minStateChanges) + ' state changes in ' + (${T}.data.window_minutes || ${T}.filters.windowMinutes) + ' minutes)' + (${T}.instance.status ? ', now ' + ${T}.instance.status : '') : ':rotating_light: *' + ${T}.customer.name + '*: instance ' + ${T}.instance.id + ' has been ' + (${T}.data.state || ${T}.instance.status || [].concat(${T}.filters.state || []).join(' or ') || 'unhealthy') + ' for ' + (${T}.data.duration_minutes || 'at least ' + ${T}.filters.durationMinutes) + ' minutes (' + (${T}.data.state_since ? 'since ' + ${T}.data.state_since : 'reported ' + ${T}.occurredAt) + ')' }}`,
					`License: {{ ${T}.customer.licenseType }} · Version: {{ ${T}.instance.appVersion || 'unknown' }} · CRM ID: {{ ${T}.customId || 'not linked' }}`,
					`Vendor Portal: ${PORTAL(`${T}.app.slug`, `${T}.customer.id`)}`,
				].join('\n'),
			),
		],
		[
			['Replicated Trigger', 'Unhealthy?'],
			['Unhealthy?', 'Config', 0],
			['Unhealthy?', 'Healthy State: Nothing to Do', 1],
			['Config', 'Alert Support'],
		],
		['Health', 'Slack'],
	),
};

const inactiveToCs: Template = {
	crm: 'health',
	slug: 'inactive-to-cs',
	summary:
		'Online instance stopped checking in → email to CS with the last check-in; air-gapped instances (which never check in) are left out',
	prerequisites: ['An SMTP relay n8n can send through'],
	userSets: [{ node: 'Config', parameter: 'assignments', what: 'CS and sender addresses' }],
	workflow: workflow(
		'Replicated health: inactive instance to CS',
		[
			sticky(
				'About',
				[
					'## Inactive instance → CS',
					"When a paid customer's instance stops checking in, CS gets an email with the last check-in and a Vendor Portal link: the software may be down, or uninstalled. **Air-gapped instances are left out**: they never check in, they report by uploaded bundle (the Score Customers operation watches their cadence instead).",
					'The event does not say whether the instance is air-gapped, so **Get Customer Instances** reads it from Replicated.',
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **SMTP account**.',
					'2. In **Config**, set `csEmail` and `fromEmail`.',
					'',
					tryItWith(['instance.inactive']),
					'',
					failure('delivery to the SMTP relay', 'the relay'),
				].join('\n'),
				at(-1, -2),
				{ height: 560 },
			),
			replicatedTrigger('health/inactive-to-cs', ['instance.inactive'], at(0), {
				filters: { licenseTypes: ['paid'] },
			}),
			...instanceFromApi(1),
			ifNode('Air-Gapped?', at(3), [{ left: '={{ $json.isAirgap }}', operator: isTrue }]),
			noOp('Air-Gapped: Silence Expected', at(4, -0.6)),
			setFields('Config', at(4, 0.6), [
				['csEmail', 'cs-team@example.com', 'string'],
				['fromEmail', 'replicated-alerts@example.com', 'string'],
			]),
			email(
				'Email CS',
				at(5, 0.6),
				`={{ ${CONFIG}.csEmail }}`,
				`={{ ${T}.customer.name }}: instance {{ ${T}.instance.id }} stopped checking in`,
				[
					`={{ ${T}.customer.name }} (CRM ID {{ ${T}.customId || 'not linked' }}): instance {{ ${T}.instance.id }} has not checked in {{ ${INSTANCE}.lastCheckInAt || ${T}.data.last_check_in ? 'since ' + (${INSTANCE}.lastCheckInAt || ${T}.data.last_check_in) : 'for 24 hours or more' }}.`,
					`{{ ${INSTANCE}.versionLabel || ${T}.instance.appVersion ? 'It ran ' + (${INSTANCE}.versionLabel || ${T}.instance.appVersion) + '. ' : '' }}Instances check in every 4 hours; a silent one is down, offline, or uninstalled.`,
					'',
					`Vendor Portal: ${PORTAL(`${T}.app.slug`, `${T}.customer.id`)}`,
				].join('\n'),
			),
		],
		[
			['Replicated Trigger', 'Get Customer Instances'],
			['Get Customer Instances', 'This Instance'],
			['This Instance', 'Air-Gapped?'],
			['Air-Gapped?', 'Air-Gapped: Silence Expected', 0],
			['Air-Gapped?', 'Config', 1],
			['Config', 'Email CS'],
		],
		['Health', 'Email'],
	),
};

const SNAPSHOT_TABLE = [
	// Short lines: the sticky note shows about 50 characters of code per line.
	'CREATE TABLE replicated_instance_snapshots (',
	'  snapshot_date date NOT NULL,',
	'  instance_id text NOT NULL,',
	'  customer_id text,',
	'  custom_id text,',
	'  customer_name text,',
	'  license_type text,',
	'  channel text,',
	'  app_version text,',
	'  app_status text,',
	'  is_active boolean,',
	'  is_airgap boolean,',
	'  first_check_in timestamptz,',
	'  last_check_in timestamptz,',
	'  version_age_days integer,',
	'  custom_metrics jsonb,',
	'  entitlements jsonb,',
	'  PRIMARY KEY (snapshot_date, instance_id)',
	');',
].join('\n');

const weeklyExportToWarehouse: Template = {
	crm: 'health',
	slug: 'weekly-export-to-warehouse',
	summary:
		'Every Monday: the instance export → one row per instance and day in PostgreSQL (upsert, so a re-run replaces, never duplicates)',
	prerequisites: ['PostgreSQL table `replicated_instance_snapshots` (SQL in the sticky note)'],
	userSets: [{ node: 'Export Instances', parameter: 'appId', what: 'the Replicated app' }],
	workflow: workflow(
		'Replicated health: weekly instance snapshot to the warehouse',
		[
			sticky(
				'About',
				[
					'## Weekly instance snapshot → warehouse',
					"Every Monday at 06:00 the app's instance export (all instances, active and not) lands in PostgreSQL: one row per instance and snapshot date (UTC), with version, status, check-ins, air-gap flag, custom metrics and entitlements as JSON. Rows are **upserted** on (snapshot date, instance): running it twice the same day replaces that day's rows.",
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **Postgres account** (any PostgreSQL-compatible warehouse n8n reaches).',
					'2. Pick your app in **Export Instances**.',
					'3. Create the table once:',
					'```sql',
					SNAPSHOT_TABLE,
					'```',
					'',
					'### Test it',
					'Click **Execute workflow**: it runs now, whatever the schedule; check the row count in the table.',
					'',
					failure('warehouse write', 'the database'),
				].join('\n'),
				at(-1, -2.6),
				{ width: 560, height: 760 },
			),
			weekly('Every Monday', 6, at(0)),
			replicated('Export Instances', at(1), {
				resource: 'instance',
				operation: 'export',
				appId: { __rl: true, mode: 'list', value: '' },
				format: 'json',
				output: 'items',
				filters: { includeInactive: true },
			}),
			setFields('Snapshot Row', at(2), [
				['snapshot_date', '={{ $now.toUTC().toISODate() }}', 'string'],
				['instance_id', '={{ $json.instanceId }}', 'string'],
				['customer_id', '={{ $json.customerId }}', 'string'],
				['custom_id', '={{ $json.customId }}', 'string'],
				['customer_name', '={{ $json.customerName }}', 'string'],
				['license_type', '={{ $json.licenseType }}', 'string'],
				['channel', '={{ $json.customer_channel_name }}', 'string'],
				['app_version', '={{ $json.instance_app_version }}', 'string'],
				['app_status', '={{ $json.instance_last_app_status }}', 'string'],
				['is_active', '={{ $json.instance_is_active }}', 'boolean'],
				['is_airgap', '={{ $json.instance_is_airgap }}', 'boolean'],
				['first_check_in', '={{ $json.instance_first_reported_at }}', 'string'],
				['last_check_in', '={{ $json.instance_last_reported_at }}', 'string'],
				['version_age_days', '={{ $json.instance_version_age }}', 'number'],
				['custom_metrics', '={{ $json.customMetrics }}', 'object'],
				['entitlements', '={{ $json.entitlements }}', 'object'],
			]),
			{
				name: 'Upsert Snapshot',
				type: 'n8n-nodes-base.postgres',
				typeVersion: 2.5,
				position: at(3),
				parameters: {
					operation: 'upsert',
					schema: { __rl: true, value: 'public', mode: 'list' },
					table: { __rl: true, value: 'replicated_instance_snapshots', mode: 'name' },
					columns: {
						mappingMode: 'autoMapInputData',
						value: {},
						matchingColumns: ['snapshot_date', 'instance_id'],
						schema: [],
					},
					options: {},
				},
				credentials: POSTGRES,
				...crmWrite,
			},
		],
		[
			['Every Monday', 'Export Instances'],
			['Export Instances', 'Snapshot Row'],
			['Snapshot Row', 'Upsert Snapshot'],
		],
		['Health', 'Warehouse'],
	),
};

/** The app picker left for the user in the scheduled templates. */
const PICK_APP = { __rl: true, mode: 'list', value: '' };

function scoreCustomers(riskLevels: string[], position: [number, number]): TemplateNode {
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

/**
 * Scheduled scans must not open the same task or opportunity every time they run. Instead of
 * remembering what they did (static data is neither kept for manual runs nor shared safely in
 * queue mode), they ask the CRM once per run which records are still open, by a marker they set.
 */
function openInSalesforce(name: string, soql: string, position: [number, number]): TemplateNode {
	return {
		...salesforce(name, position, { resource: 'search', operation: 'query', query: soql }, false),
		executeOnce: true,
		alwaysOutputData: true,
	};
}

const RISK_SUBJECT = 'Replicated health: at risk';

const weeklyRiskDigest: Template = {
	crm: 'health',
	slug: 'weekly-risk-digest',
	summary:
		'Every Monday: Score Customers → digest of at-risk and watch customers with their reasons to CS leadership, and a Salesforce Task on each newly at-risk Account',
	prerequisites: ['An SMTP relay n8n can send through'],
	userSets: [
		{ node: 'Score Customers', parameter: 'appId', what: 'the Replicated app' },
		{ node: 'Config', parameter: 'assignments', what: 'leadership and sender addresses' },
	],
	workflow: workflow(
		'Replicated health: weekly risk digest and CRM tasks',
		[
			sticky(
				'About',
				[
					'## Weekly risk digest → CS leadership, tasks → Salesforce',
					'Every Monday at 07:00 **Score Customers** rates each paid customer from its instances (versions behind, check-ins, app status, air-gap reports, metric trends, license expiry). CS leadership gets one email listing the customers **at risk** with their reasons, then those on **watch**. Each at-risk customer linked to an Account (Custom ID) gets a high-priority Task, unless an open one from an earlier week is still there.',
					'',
					'### Configure',
					'1. Credentials: **Replicated account**, **SMTP account**, **Salesforce account**.',
					'2. Pick your app in **Score Customers**; tune its **Thresholds** there (defaults: 3 versions behind, 1 day without check-in, 45 days without an air-gap report, 24 h unhealthy, 30 days to expiry).',
					'3. In **Config**, set `leadershipEmail` and `fromEmail`.',
					`Open tasks are found by their subject, \`${RISK_SUBJECT}\`: close the task and a customer still at risk gets a new one next week.`,
					'',
					...RUN_IT_NOW,
					'',
					failure('CRM write or the email', 'Salesforce or the relay'),
				].join('\n'),
				at(-1, -2.4),
				{ width: 520, height: 660 },
			),
			weekly('Every Monday', 7, at(0)),
			scoreCustomers(['at risk', 'watch'], at(1)),
			code(
				'Digest',
				at(2, -0.6),
				[
					'// One email for the week: at risk first, each with its reasons, then the watch list.',
					'const scored = $input.all().map((i) => i.json).filter((c) => c.customerId);',
					"const atRisk = scored.filter((c) => c.riskLevel === 'at risk');",
					"const watch = scored.filter((c) => c.riskLevel === 'watch');",
					"const entry = (c) => [`- ${c.customerName} (${c.customId || 'no CRM ID'})`, ...c.reasons.map((r) => `    - ${r}`)].join('\\n');",
					'const text = [',
					"  `At risk (${atRisk.length})`, ...(atRisk.length ? atRisk.map(entry) : ['- none']), '',",
					"  `Watch (${watch.length})`, ...(watch.length ? watch.map(entry) : ['- none']),",
					"].join('\\n');",
					'return [{ json: { subject: `Customer health: ${atRisk.length} at risk, ${watch.length} to watch`, text, atRisk: atRisk.length, watch: watch.length } }];',
				].join('\n'),
				'runOnceForAllItems',
			),
			setFields('Config', at(3, -0.6), [
				['leadershipEmail', 'cs-leadership@example.com', 'string'],
				['fromEmail', 'replicated-health@example.com', 'string'],
			]),
			email(
				'Email Digest',
				at(4, -0.6),
				`={{ ${CONFIG}.leadershipEmail }}`,
				"={{ $('Digest').item.json.subject }}",
				"={{ $('Digest').item.json.text }}",
			),
			openInSalesforce(
				'Open Risk Tasks',
				`SELECT Id, WhatId FROM Task WHERE Subject = '${RISK_SUBJECT}' AND Status != 'Completed'`,
				at(2, 0.6),
			),
			code(
				'Newly At Risk',
				at(3, 0.6),
				[
					'// At-risk customers linked to an Account that has no open risk task yet.',
					'const open = new Set($input.all().map((i) => i.json.WhatId).filter(Boolean));',
					"return $('Score Customers').all()",
					'  .map((i) => i.json)',
					"  .filter((c) => c.riskLevel === 'at risk' && c.customId && !open.has(c.customId))",
					'  .map((c) => ({ json: { accountId: c.customId, customerName: c.customerName, reasons: c.reasons } }));',
				].join('\n'),
				'runOnceForAllItems',
			),
			salesforce('Create Risk Task', at(4, 0.6), {
				resource: 'task',
				operation: 'create',
				status: 'Not Started',
				additionalFields: {
					whatId: '={{ $json.accountId }}',
					subject: RISK_SUBJECT,
					priority: 'High',
					description:
						"={{ $json.customerName + ' is at risk:\\n- ' + $json.reasons.join('\\n- ') }}",
					activityDate: '={{ $now.plus({ days: 3 }).toISODate() }}',
				},
			}),
		],
		[
			['Every Monday', 'Score Customers'],
			['Score Customers', 'Digest'],
			['Digest', 'Config'],
			['Config', 'Email Digest'],
			['Score Customers', 'Open Risk Tasks'],
			['Open Risk Tasks', 'Newly At Risk'],
			['Newly At Risk', 'Create Risk Task'],
		],
		['Health', 'Email', 'Salesforce'],
	),
};

const licenseExpiringRenewal: Template = {
	crm: 'health',
	slug: 'license-expiring-renewal',
	summary:
		'License expiring in 60 days → Renewal Prep → Salesforce Task with the usage brief for the Account owner, and the brief emailed to them',
	prerequisites: ['An SMTP relay n8n can send through'],
	userSets: [{ node: 'Config', parameter: 'assignments', what: 'the sender address' }],
	workflow: workflow(
		'Replicated health: license expiring to renewal prep',
		[
			sticky(
				'About',
				[
					'## License expiring → renewal brief for the Account owner',
					"Sixty days before a paid license expires, **Renewal Prep** writes the customer's usage story for the renewal conversation (versions and upgrades, share of time the app was ready, metric trends, time on platform, Enterprise Portal milestones, entitlements vs usage). It lands as a Salesforce **Task** on the Account, owned by the Account owner, and as an **email** to that owner.",
					'',
					'### Configure',
					'1. Credentials: **Replicated account**, **Salesforce account**, **SMTP account**.',
					'2. Customers are matched by their **Custom ID** (the Account ID); others stop at **Not Linked to an Account Yet**.',
					"3. In **Config**, set `fromEmail`. The notice period is the trigger's **Days Until Expiry**.",
					'',
					tryItWith(['customer.license_expiring']),
					'',
					failure('CRM write or the email', 'Salesforce or the relay'),
				].join('\n'),
				at(-1, -2.2),
				{ height: 600 },
			),
			replicatedTrigger('health/license-expiring-renewal', ['customer.license_expiring'], at(0), {
				filters: { licenseTypes: ['paid'], daysUntilExpiry: ['60'] },
			}),
			knownToCrm(at(1)),
			notLinked(at(2, 0.8)),
			replicated('Renewal Prep', at(2, -0.4), {
				resource: 'insight',
				operation: 'renewalPrep',
				customer: { __rl: true, mode: 'id', value: `={{ ${T}.customer.id }}` },
				periodDays: 365,
				options: {},
			}),
			salesforce(
				'Get Account',
				at(3, -0.4),
				{
					resource: 'account',
					operation: 'get',
					accountId: "={{ $('Renewal Prep').item.json.customId }}",
				},
				false,
			),
			salesforce('Create Renewal Task', at(4, -0.4), {
				resource: 'task',
				operation: 'create',
				status: 'Not Started',
				additionalFields: {
					whatId: "={{ $('Renewal Prep').item.json.customId }}",
					owner: "={{ $('Get Account').item.json.OwnerId }}",
					priority: 'High',
					subject: `=Renewal: {{ $('Renewal Prep').item.json.customerName }}, license expires {{ $('Renewal Prep').item.json.license.expiresAt.slice(0, 10) }}`,
					description: "={{ $('Renewal Prep').item.json.markdown }}",
					activityDate: '={{ $now.plus({ days: 7 }).toISODate() }}',
				},
			}),
			salesforce(
				'Get Account Owner',
				at(5, -0.4),
				{ resource: 'user', operation: 'get', userId: "={{ $('Get Account').item.json.OwnerId }}" },
				false,
			),
			setFields('Config', at(6, -0.4), [
				['fromEmail', 'replicated-renewals@example.com', 'string'],
			]),
			email(
				'Email Account Owner',
				at(7, -0.4),
				"={{ $('Get Account Owner').item.json.Email }}",
				`=Renewal brief: {{ $('Renewal Prep').item.json.customerName }} (license expires {{ $('Renewal Prep').item.json.license.expiresAt.slice(0, 10) }})`,
				"={{ $('Renewal Prep').item.json.markdown }}",
			),
		],
		[
			['Replicated Trigger', 'Linked to an Account?'],
			['Linked to an Account?', 'Renewal Prep', 0],
			['Linked to an Account?', 'Not Linked to an Account Yet', 1],
			['Renewal Prep', 'Get Account'],
			['Get Account', 'Create Renewal Task'],
			['Create Renewal Task', 'Get Account Owner'],
			['Get Account Owner', 'Config'],
			['Config', 'Email Account Owner'],
		],
		['Health', 'Salesforce', 'Email'],
	),
};

const EXPANSION_SOURCE = 'Replicated expansion signal';

const monthlyExpansionScan: Template = {
	crm: 'health',
	slug: 'monthly-expansion-scan',
	summary:
		'On the 1st of each month: Score Customers → an Opportunity suggestion in Salesforce for each Account with expansion signals (new instances, metrics up, usage near a limit), once while it is open',
	prerequisites: [`Lead Source picklist value \`${EXPANSION_SOURCE}\``],
	userSets: [{ node: 'Score Customers', parameter: 'appId', what: 'the Replicated app' }],
	workflow: workflow(
		'Replicated health: monthly expansion scan to Salesforce',
		[
			sticky(
				'About',
				[
					'## Monthly expansion scan → Opportunity suggestions',
					'On the 1st of each month **Score Customers** looks for **expansion signals**: new instances beside older ones, a custom metric up 20 % or more over 30 days, usage at 80 % or more of an entitlement limit. Each paid customer with signals that is linked to an Account gets an Opportunity at *Prospecting* whose description lists them, unless one of ours is still open on that Account.',
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **Salesforce account**.',
					'2. Pick your app in **Score Customers**. Under **Options → Usage Limits**, pair each custom metric with the entitlement that caps it (names that match, e.g. `active_users` and `active-users`, pair themselves).',
					`3. Add \`${EXPANSION_SOURCE}\` to the Lead Source picklist: our open suggestions are found by it.`,
					'',
					...RUN_IT_NOW,
					'',
					failure('CRM write', 'Salesforce'),
				].join('\n'),
				at(-1, -2.2),
				{ width: 520, height: 600 },
			),
			monthly('Every Month', 8, at(0)),
			scoreCustomers(['healthy', 'watch', 'at risk'], at(1)),
			openInSalesforce(
				'Open Suggestions',
				`SELECT Id, AccountId FROM Opportunity WHERE LeadSource = '${EXPANSION_SOURCE}' AND StageName != 'Closed Won' AND StageName != 'Closed Lost'`,
				at(2),
			),
			code(
				'New Expansion Candidates',
				at(3),
				[
					'// Customers with signals, linked to an Account without an open suggestion of ours.',
					'const open = new Set($input.all().map((i) => i.json.AccountId).filter(Boolean));',
					"return $('Score Customers').all()",
					'  .map((i) => i.json)',
					'  .filter((c) => c.customId && c.expansionSignals?.length && !open.has(c.customId))',
					'  .map((c) => ({ json: { accountId: c.customId, customerName: c.customerName, signals: c.expansionSignals } }));',
				].join('\n'),
				'runOnceForAllItems',
			),
			salesforce('Suggest Opportunity', at(4), {
				resource: 'opportunity',
				operation: 'create',
				name: '=Expansion: {{ $json.customerName }}',
				closeDate: '={{ $now.plus({ days: 90 }).toISODate() }}',
				stageName: 'Prospecting',
				additionalFields: {
					accountId: '={{ $json.accountId }}',
					leadSource: EXPANSION_SOURCE,
					type: 'Existing Customer - Upgrade',
					description: "={{ 'Signals from Replicated:\\n- ' + $json.signals.join('\\n- ') }}",
				},
			}),
		],
		[
			['Every Month', 'Score Customers'],
			['Score Customers', 'Open Suggestions'],
			['Open Suggestions', 'New Expansion Candidates'],
			['New Expansion Candidates', 'Suggest Opportunity'],
		],
		['Health', 'Salesforce'],
	),
};

const AIRGAP_SUBJECT = 'Replicated health: air-gap bundle overdue';

const airgapBundleLapsed: Template = {
	crm: 'health',
	slug: 'airgap-bundle-lapsed',
	summary:
		'Every Monday: air-gapped instances with no bundle or report for 45 days → a CS Task on the Account, once while it is open',
	prerequisites: [],
	userSets: [{ node: 'Score Customers', parameter: 'appId', what: 'the Replicated app' }],
	workflow: workflow(
		'Replicated health: air-gap bundle cadence lapsed to CS task',
		[
			sticky(
				'About',
				[
					'## Air-gap bundle cadence lapsed → CS task',
					'Air-gapped instances never check in; Replicated only hears from them when the customer uploads a support bundle or instance report. Every Monday at 08:00, customers with an air-gapped instance silent for **45 days** (the Score Customers threshold **Air-Gap Report Days**) get a Task on their Account asking CS to request a fresh bundle, unless one is still open.',
					'',
					'### Configure',
					'1. Credentials: **Replicated account** and **Salesforce account**.',
					'2. Pick your app in **Score Customers** (and change the threshold there if 45 days does not fit your customers).',
					`Open tasks are found by their subject, \`${AIRGAP_SUBJECT}\`.`,
					'',
					...RUN_IT_NOW,
					'',
					failure('CRM write', 'Salesforce'),
				].join('\n'),
				at(-1, -2),
				{ width: 520, height: 560 },
			),
			weekly('Every Monday', 8, at(0)),
			scoreCustomers(['at risk'], at(1)),
			openInSalesforce(
				'Open Air-Gap Tasks',
				`SELECT Id, WhatId FROM Task WHERE Subject = '${AIRGAP_SUBJECT}' AND Status != 'Completed'`,
				at(2),
			),
			code(
				'Lapsed, Not Yet Tasked',
				at(3),
				[
					'// The air-gap finding of each linked customer whose Account has no open task for it.',
					'const open = new Set($input.all().map((i) => i.json.WhatId).filter(Boolean));',
					"return $('Score Customers').all()",
					'  .map((i) => i.json)',
					'  .filter((c) => c.customId && !open.has(c.customId))',
					"  .flatMap((c) => c.findings.filter((f) => f.code === 'airgap_report_lapsed').slice(0, 1)",
					'    .map((f) => ({ json: { accountId: c.customId, customerName: c.customerName, message: f.message, instanceId: f.instanceId } })));',
				].join('\n'),
				'runOnceForAllItems',
			),
			salesforce('Create Air-Gap Task', at(4), {
				resource: 'task',
				operation: 'create',
				status: 'Not Started',
				additionalFields: {
					whatId: '={{ $json.accountId }}',
					subject: AIRGAP_SUBJECT,
					priority: 'Normal',
					description:
						"={{ $json.customerName + ': ' + $json.message + '. Ask the customer to upload a support bundle or instance report from the air-gapped install.' }}",
					activityDate: '={{ $now.plus({ days: 7 }).toISODate() }}',
				},
			}),
		],
		[
			['Every Monday', 'Score Customers'],
			['Score Customers', 'Open Air-Gap Tasks'],
			['Open Air-Gap Tasks', 'Lapsed, Not Yet Tasked'],
			['Lapsed, Not Yet Tasked', 'Create Air-Gap Task'],
		],
		['Health', 'Salesforce'],
	),
};

export const HEALTH_TEMPLATES: Template[] = [
	versionBehindEmail,
	stateAlertsSlack,
	inactiveToCs,
	weeklyExportToWarehouse,
	weeklyRiskDigest,
	licenseExpiringRenewal,
	monthlyExpansionScan,
	airgapBundleLapsed,
];

import { customerSuccessAssistant } from './assistant';
import { customerSuccessAssistantApprovals } from './assistant-approval';
import { customerHealthDashboard } from './dashboard';
import {
	at,
	crmWrite,
	equals,
	ifNode,
	isEmpty,
	noOp,
	replicated,
	replicatedTrigger,
	setFields,
	sticky,
	type Template,
	tryItWith,
	workflow,
} from '../kit';
import {
	CONFIG,
	email,
	failure,
	INACTIVE_SUBJECT,
	INACTIVE_TEXT,
	inactiveOnline,
	INSTANCE,
	instanceFromApi,
	PORTAL,
	POSTGRES,
	slack,
	T,
	THIS_INSTANCE,
	weekly,
} from './kit';
import { instanceField, instanceNamed } from '../crm/adapter';

/** Health routing that writes to no CRM: email, Slack and the warehouse. */

/** How many versions behind: the payload's count if it has one, else the trigger's threshold. */
const BEHIND = `(${T}.data.versions_behind || 'at least ' + ${T}.filters.versionsBehind)`;
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
					`={{ ${T}.customer.name }} (CRM ID {{ ${T}.customId || 'not linked' }}) runs {{ ${INSTANCE}.versionLabel || ${instanceField('appVersion')} || 'a version Replicated did not report' }} on {{ ${THIS_INSTANCE('one of its instances')} }}.`,
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
/** The state the event reports: its own (INFERRED field), else the instance's status, else ''. */
const STATE = `(${T}.data.state || ${instanceField('status')} || '')`;

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
						left: `={{ ${STATE} }}`,
						operator: equals,
						right: state,
					})),
					{ left: `={{ ${STATE} }}`, operator: isEmpty },
				],
				'or',
			),
			noOp('Healthy State: Nothing to Do', at(2, 0.8)),
			setFields('Config', at(2, -0.4), [['slackChannel', '#support-alerts', 'string']]),
			slack(
				'Alert Support',
				at(3, -0.4),
				[
					`={{ ${T}.event === 'instance.state.flapping' ? ':warning: *' + ${T}.customer.name + '*: ' + ${instanceNamed('an instance')} + ' is flapping (' + (${T}.data.state_changes || 'at least ' + ${T}.filters.minStateChanges) + ' state changes in ' + (${T}.data.window_minutes || ${T}.filters.windowMinutes) + ' minutes)' + (${instanceField('status')} ? ', now ' + ${instanceField('status')} : '') : ':rotating_light: *' + ${T}.customer.name + '*: ' + ${instanceNamed('an instance')} + ' has been ' + (${STATE} || [].concat(${T}.filters.state || []).join(' or ') || 'unhealthy') + ' for ' + (${T}.data.duration_minutes || 'at least ' + ${T}.filters.durationMinutes) + ' minutes (' + (${T}.data.state_since ? 'since ' + ${T}.data.state_since : 'reported ' + ${T}.occurredAt) + ')' }}`,
					`License: {{ ${T}.customer.licenseType }} · Version: {{ ${instanceField('appVersion')} || 'unknown' }} · CRM ID: {{ ${T}.customId || 'not linked' }}`,
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

const inactive = inactiveOnline('health/inactive-to-cs');

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
			...inactive.nodes,
			email('Email CS', at(5, 0.6), `={{ ${CONFIG}.csEmail }}`, INACTIVE_SUBJECT, INACTIVE_TEXT),
		],
		[...inactive.links, ['Config', 'Email CS']],
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

export const HEALTH_TEMPLATES: Template[] = [
	customerHealthDashboard,
	customerSuccessAssistant,
	customerSuccessAssistantApprovals,
	versionBehindEmail,
	stateAlertsSlack,
	inactiveToCs,
	weeklyExportToWarehouse,
];

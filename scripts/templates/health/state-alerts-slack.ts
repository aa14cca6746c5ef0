import { instanceField, instanceNamed } from '../crm/adapter';
import {
	at,
	equals,
	ifNode,
	isEmpty,
	noOp,
	replicatedTrigger,
	setFields,
	sticky,
	type Template,
	tryItWith,
	workflow,
} from '../kit';
import { failure, PORTAL, slack, T } from './kit';

const UNHEALTHY = ['degraded', 'unavailable', 'missing'];
/** The state the event reports: its own (INFERRED field), else the instance's status, else ''. */
const STATE = `(${T}.data.state || ${instanceField('status')} || '')`;

/** Health routing without a CRM: an instance flapping or unhealthy too long → Slack to support. */
export const stateAlertsSlack: Template = {
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

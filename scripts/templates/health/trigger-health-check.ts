import { at, credential, replicated, setFields, sticky, type Template, workflow } from '../kit';
import { failure, RUN_IT_NOW, schedule, slack } from './kit';

/** An API key of this n8n, for the check to read the published workflows (credentials/ReplicatedN8nApi). */
export const TRIGGER_HEALTH_CREDENTIAL = 'Replicated Trigger Health account';

/** The status in Slack: the worst stand out. */
const MARK = `({ deleted: ':x:', unregistered: ':x:', 'pointing elsewhere': ':x:', disabled: ':no_entry:', failing: ':warning:', orphaned: ':grey_question:', healthy: ':white_check_mark:' }[$json.status] || '')`;
/** What is checked, in words: the workflow and its trigger, or the subscription alone. */
const WHAT = `($json.workflow ? 'workflow ' + $json.workflow.name + ' (' + $json.triggerNode + ')' : 'subscription ' + ($json.subscription.name || $json.subscription.id))`;

/** Between activations nothing watches a trigger: this does, hourly, and speaks only on change. */
export const triggerHealthCheck: Template = {
	crm: 'health',
	slug: 'trigger-health-check',
	summary:
		"Every hour: each published Replicated Trigger's subscription (deleted in the Vendor Portal, disabled after failures, pointing elsewhere, failing deliveries) → a Slack message when a trigger's status changes, recovery included",
	prerequisites: [
		'An API key of this n8n (Settings → n8n API) for the **Replicated Trigger Health** credential',
		'A Slack app with the `chat:write` scope, invited to the alerts channel',
	],
	userSets: [{ node: 'Config', parameter: 'assignments', what: 'the Slack channel' }],
	workflow: workflow(
		'Replicated: trigger health check',
		[
			sticky(
				'About',
				[
					'## Are the Replicated Triggers still getting events?',
					'A trigger registers its subscription when its workflow is published; between publishes nothing looks. A subscription deleted in the Vendor Portal, or disabled by Replicated after 10 consecutive failed deliveries, stays so until someone notices: n8n does not register an unchanged trigger again on publish.',
					'',
					"Every hour **Check Trigger Health** reads this n8n's published workflows and, for each Replicated Trigger, its subscription and the last 24 hours of deliveries. It posts to Slack only when a trigger's status **changes** (deleted, unregistered, pointing elsewhere, disabled, failing, orphaned, or back to healthy), with what to do.",
					'',
					'### Configure',
					"1. Credentials: **Replicated account**, **Replicated Trigger Health account** (an API key of this n8n from Settings → n8n API, and this n8n's address followed by `/api/v1`), **Slack account** (`chat:write`, bot invited to the channel).",
					'2. In **Config**, set `slackChannel`.',
					'3. Optional, in **Check Trigger Health → Repair**: re-enable disabled subscriptions and retry failed deliveries on every check.',
					'',
					'The statuses are remembered between runs of the **published** workflow (n8n saves static data only then): a manual run does not change what is remembered.',
					'',
					...RUN_IT_NOW,
					'',
					failure('Slack post', 'Slack'),
				].join('\n'),
				at(-1, -2.4),
				{ height: 620 },
			),
			schedule('Every Hour', { field: 'hours', hoursInterval: 1 }, at(0)),
			setFields('Config', at(1), [['slackChannel', '#replicated-alerts', 'string']]),
			{
				...replicated('Check Trigger Health', at(2), {
					resource: 'notification',
					operation: 'checkTriggerHealth',
					compareWorkflows: true,
					windowHours: 24,
					outputMode: 'changes',
					repair: {},
				}),
				credentials: {
					...credential('replicatedApi', 'Replicated account'),
					...credential('replicatedN8nApi', TRIGGER_HEALTH_CREDENTIAL),
				},
			},
			slack(
				'Alert on Change',
				at(3),
				[
					`={{ ${MARK} }} *{{ ${WHAT} }}*: {{ $json.previousStatus }} → *{{ $json.status }}*`,
					'{{ $json.summary }}',
					"{{ $json.fix || '' }}",
				].join('\n'),
			),
		],
		[
			['Every Hour', 'Config'],
			['Config', 'Check Trigger Health'],
			['Check Trigger Health', 'Alert on Change'],
		],
		['Health', 'Slack'],
	),
};

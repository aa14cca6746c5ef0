import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { EVENT_TYPES } from './events';
import { eventSettingFields, filterFields } from './filter-fields';
import { DEFAULT_REPLAY_TOLERANCE_MINUTES } from '../delivery/verify';

/** What the editor's trigger panel says: how to get a first event while building, and after. */
export const TRIGGER_PANEL: TriggerPanelDefinition = {
	header: 'Waiting for a Replicated event',
	executionsHelp: {
		inactive:
			'<b>While building</b>: click <b>Listen for test event</b>. With <b>Automatic</b> registration the trigger registers its test URL with Replicated and asks Replicated for a test delivery of the first selected event (Customer: Created with All Events): it appears here within seconds. If this n8n is on localhost or a private network (no public <code>WEBHOOK_URL</code>), Replicated cannot reach it: the trigger then registers nothing, keeps listening, and the n8n log prints the command that delivers a signed sample from a clone of this package, <code>npm run send-event -- customer.created --url &lt;test URL&gt; --listen --test</code> with the API token in <code>REPLICATED_API_TOKEN</code>. With <b>Manual</b>, paste the test URL into the notification and use <b>Send test</b> on it in the Vendor Portal. Against the local sandbox of this package (<code>npm start</code>), <code>npm run send-event -- customer.created --emulator</code> plays any event as Replicated would.<br /><br /><b>In production</b>: <a data-key="activate">publish</a> the workflow. Replicated delivers to the production URL, which must be reachable from the internet (set <code>WEBHOOK_URL</code>), and each verified event runs the workflow; those executions appear in the executions list, not here.',
		active:
			'The workflow is published: each verified Replicated event runs it, and the executions appear in the executions list, not here. To see an event here while you change the workflow, click <b>Listen for test event</b>: with <b>Automatic</b> registration Replicated sends a test delivery of the first selected event.',
	},
	activationHint:
		'Once the workflow works, publish it: Replicated then delivers events to the production URL without this button.',
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Registration',
		name: 'registration',
		type: 'options',
		default: 'auto',
		options: [
			{
				name: 'Automatic',
				value: 'auto',
				description:
					'The trigger creates the notification subscription in Replicated when the workflow is activated, and deletes it when deactivated',
			},
			{
				name: 'Manual',
				value: 'manual',
				description:
					'You create the notification in the Vendor Portal and give the trigger its signing secret',
			},
		],
	},
	{
		displayName:
			'In the Vendor Portal: Notifications → Create notification → Webhook. Paste this node\'s Production URL, choose the same events, set a Webhook Secret and store that secret in a "Replicated Webhook API" credential here. Test deliveries from the Vendor Portal are signed too.',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['*'],
		description:
			'The events that start the workflow; other deliveries are acknowledged and ignored',
		options: [
			{
				name: 'All Events',
				value: '*',
				description: 'Every event, including ones Replicated adds later',
			},
			...EVENT_TYPES.map((e) => ({ name: e.name, value: e.key, description: e.description })),
		],
	},
	{
		displayName:
			'All Events registers every event type with Replicated. The events that need settings use the values below; Custom Metric Threshold Reached and Egress Threshold Reached are registered once their metric or threshold is filled in.',
		name: 'allEventsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { events: ['*'] } },
	},
	...eventSettingFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		description:
			'Limit the events to a scope. Each filter is registered with the events whose Replicated filter table lists it, and checked on every delivery that carries the field.',
		options: filterFields(),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Acknowledge Deliveries',
				name: 'acknowledge',
				type: 'options',
				default: 'onReceipt',
				description:
					'When Replicated is told a delivery arrived. Replicated retries a delivery that is not answered 2xx within 5 seconds, up to 8 times over about 4 hours.',
				options: [
					{
						name: 'On Receipt (Ignore Retries)',
						value: 'onReceipt',
						description:
							'Answer as soon as the delivery is verified, and ignore retries of it. An execution that fails, or is lost with a crashed worker, is not delivered again.',
					},
					{
						name: 'After the Workflow Succeeds (Redeliver Failures)',
						value: 'afterRun',
						description:
							'Answer when the execution has ended: 2xx if it succeeded, 500 if it failed or its worker died, so Replicated delivers it again. Every redelivery starts an execution: make writes idempotent (key them on deliveryId or a Custom ID) and keep the workflow under 5 seconds, or slow runs are delivered again too.',
					},
				],
			},
			{
				displayName: 'Allow Unsigned Deliveries',
				name: 'allowUnsigned',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept deliveries without a verifiable signature when no secret is configured. Anyone who learns the URL can then start the workflow: use only for local experiments.',
			},
			{
				displayName: 'Catch Up After Downtime',
				name: 'catchUp',
				type: 'boolean',
				default: true,
				displayOptions: { show: { '/registration': ['auto'] } },
				description:
					"Whether, on every activation (each n8n start), to ask Replicated to redeliver the events its delivery log shows as not delivered to this trigger: those that failed while n8n was down, even after Replicated's 8 retries gave up, up to 30 days back. Each runs once.",
			},
			{
				displayName: 'Enrich With Customer',
				name: 'enrichCustomer',
				type: 'boolean',
				default: true,
				description:
					'Whether to read the customer from Replicated so that customer.customId (the CRM join key), email and current license are always in the item',
			},
			{
				displayName: 'Failure Alert Email',
				name: 'failureContact',
				type: 'string',
				placeholder: 'e.g. revops-alerts@example.com',
				default: '',
				displayOptions: { show: { '/registration': ['auto'] } },
				description:
					"Who Replicated emails when deliveries to this workflow permanently fail, before it disables the subscription after 10 such failures (the subscription's failure alert contact). Empty: the subscription's creator (the API token's owner) and the team's admins; emptying it later keeps the address Replicated has (change it in the Vendor Portal).",
			},
			{
				displayName: 'Include Raw Delivery',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add the delivery exactly as received under "raw"',
			},
			{
				displayName: 'Max Body Size (KB)',
				name: 'maxBodyKb',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 256,
				description: "Larger deliveries are refused with 413 (Replicated's payloads are a few KB)",
			},
			{
				displayName: 'Replay Tolerance (Minutes)',
				name: 'replayToleranceMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_REPLAY_TOLERANCE_MINUTES,
				description:
					"Deliveries whose timestamp is older are refused as replays, unless Replicated's delivery log shows the event as not yet delivered to this trigger (a catch-up after downtime, a resend from Notifications → History): those run once. The default (6 hours) accepts all of Replicated's retries, the last of which comes about 4¼ hours after the event. 0 turns the check off.",
			},
			{
				displayName: 'Required Header',
				name: 'requiredHeader',
				type: 'fixedCollection',
				default: {},
				description:
					'Also require a custom header with a shared token (Replicated sends up to 5 custom headers per subscription)',
				options: [
					{
						displayName: 'Header',
						name: 'header',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: 'X-Webhook-Token' },
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								typeOptions: { password: true },
								default: '',
							},
						],
					},
				],
			},
			{
				displayName: 'Revoke Previous Secret Now',
				name: 'revokePreviousSecret',
				type: 'boolean',
				default: false,
				description:
					"Whether to refuse deliveries signed with the previous signing secret from now on, instead of accepting them for the replay window after a rotation (Automatic: raise Signing Secret Version with this on and publish; Manual: the credential's Previous Secret is ignored). Use it when a secret has leaked. A delivery Replicated signed with the old secret just before is refused too; Replicated retries it, signed with the new one.",
			},
			{
				displayName: 'Signing Secret Version',
				name: 'secretVersion',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				displayOptions: { show: { '/registration': ['auto'] } },
				description:
					'Raise by one and publish to rotate the signing secret: Replicated gets a new one, and deliveries signed with the previous one are still accepted for the replay window (at least 6 hours), then refused. A leaked secret: turn on Revoke Previous Secret Now too.',
			},
		],
	},
];

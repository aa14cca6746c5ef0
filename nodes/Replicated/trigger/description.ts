import type { INodeProperties } from 'n8n-workflow';

import { APP_PICKER } from '../actions/shared';
import { EVENT_TYPES } from './events';
import { DEFAULT_REPLAY_TOLERANCE_MINUTES } from './verify';

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
		displayName:
			'Replicated does not deliver to private or local addresses: n8n must be reachable at a public URL (set WEBHOOK_URL) for automatic registration.',
		name: 'autoNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['auto'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
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
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		description:
			'Limit the events to a scope. They are registered with Replicated and also checked on every delivery.',
		options: [
			APP_PICKER,
			{
				displayName: 'Channel Names or IDs',
				name: 'channelIds',
				type: 'multiOptions',
				typeOptions: {
					loadOptionsMethod: 'getChannels',
					loadOptionsDependsOn: ['filters.appId.value'],
				},
				default: [],
				description:
					'Only events of customers on these channels. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				description: 'Only events of this Replicated customer',
			},
			{
				displayName: 'Days Until Expiry (License Expiring)',
				name: 'daysUntilExpiry',
				type: 'options',
				default: '30',
				options: ['0', '1', '7', '14', '30', '60', '90'].map((d) => ({
					name: `${d} Days`,
					value: d,
				})),
				description: 'For customer.license_expiring: how long before expiry to notify',
			},
			{
				displayName: 'Flapping: Minimum State Changes',
				name: 'minStateChanges',
				type: 'number',
				default: 4,
				description: 'For instance.state.flapping: how many state changes count as flapping',
			},
			{
				displayName: 'Flapping: Window (Minutes)',
				name: 'windowMinutes',
				type: 'number',
				default: 60,
				description: 'For instance.state.flapping: the window the state changes are counted in',
			},
			{
				displayName: 'License Type',
				name: 'licenseType',
				type: 'options',
				default: 'paid',
				options: [
					{ name: 'Community', value: 'community' },
					{ name: 'Development', value: 'dev' },
					{ name: 'Paid', value: 'paid' },
					{ name: 'Trial', value: 'trial' },
				],
				description: 'Only events of customers with this license type',
			},
			{
				displayName: 'State (State Duration)',
				name: 'state',
				type: 'options',
				default: 'degraded',
				options: ['degraded', 'unavailable', 'updating', 'missing', 'ready'].map((s) => ({
					name: s[0].toUpperCase() + s.slice(1),
					value: s,
				})),
				description: 'For instance.state.duration: the state that lasted too long',
			},
			{
				displayName: 'State Duration (Minutes)',
				name: 'durationMinutes',
				type: 'number',
				default: 30,
				description: 'For instance.state.duration: how long the state must last',
			},
			{
				displayName: 'Versions Behind',
				name: 'versionsBehind',
				type: 'number',
				default: 3,
				description: 'For instance.version_behind: how many versions behind the latest release',
			},
		],
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
				displayName: 'Enrich With Customer',
				name: 'enrichCustomer',
				type: 'boolean',
				default: true,
				description:
					'Whether to read the customer from Replicated so that customer.customId (the CRM join key), email and current license are always in the item',
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
					"Deliveries whose timestamp is older are refused as replays. The default (6 hours) accepts all of Replicated's retries, the last of which comes about 4¼ hours after the event. 0 turns the check off.",
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
		],
	},
];

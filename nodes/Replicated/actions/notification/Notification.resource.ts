import type { INodeProperties } from 'n8n-workflow';

import * as deleteSubscription from './deleteSubscription.operation';
import * as getDeliveries from './getDeliveries.operation';
import * as getEventTypes from './getEventTypes.operation';
import * as getSubscription from './getSubscription.operation';
import * as getSubscriptions from './getSubscriptions.operation';
import * as retryDelivery from './retryDelivery.operation';
import * as sendTest from './sendTest.operation';

export {
	deleteSubscription,
	getDeliveries,
	getEventTypes,
	getSubscription,
	getSubscriptions,
	retryDelivery,
	sendTest,
};

export const description: INodeProperties[] = [
	{
		displayName:
			'Event notifications are team-level: the API token needs the team permissions team/notifications/subscriptions/read (subscriptions), /delete, /create (Send Test), team/notifications/events/read (deliveries), team/notifications/types/list (event types) and team/[:teamid]/notification/write (Retry).',
		name: 'notificationPermissions',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['notification'] } },
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['notification'] } },
		options: [
			{
				name: 'Delete Subscription',
				value: 'deleteSubscription',
				description: 'Remove a notification subscription (clean up orphans)',
				action: 'Delete a subscription',
			},
			{
				name: 'Get Deliveries',
				value: 'getDeliveries',
				description: "Read Replicated's delivery log: failed, pending or delivered events",
				action: 'Get many deliveries',
			},
			{
				name: 'Get Event Types',
				value: 'getEventTypes',
				description:
					"Replicated's catalogue of events: each one's filters and the fields of its data",
				action: 'Get many event types',
			},
			{
				name: 'Get Subscription',
				value: 'getSubscription',
				description: 'Get one notification subscription',
				action: 'Get a subscription',
			},
			{
				name: 'Get Subscriptions',
				value: 'getSubscriptions',
				description: "List the team's notification subscriptions",
				action: 'Get many subscriptions',
			},
			{
				name: 'Retry Delivery',
				value: 'retryDelivery',
				description: 'Deliver a logged event again now, also one Replicated gave up on',
				action: 'Retry a delivery',
			},
			{
				name: 'Send Test',
				value: 'sendTest',
				description: 'Have Replicated send a signed sample payload to a webhook URL',
				action: 'Send a test notification',
			},
		],
		default: 'getDeliveries',
	},
	...getSubscriptions.description,
	...getSubscription.description,
	...deleteSubscription.description,
	...getDeliveries.description,
	...getEventTypes.description,
	...retryDelivery.description,
	...sendTest.description,
];

import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../operation';
import * as checkTriggerHealth from './checkTriggerHealth.operation';
import * as deleteSubscription from './deleteSubscription.operation';
import * as getDeliveries from './getDeliveries.operation';
import * as getEventTypes from './getEventTypes.operation';
import * as getSubscription from './getSubscription.operation';
import * as getSubscriptions from './getSubscriptions.operation';
import * as retryDelivery from './retryDelivery.operation';
import * as sendTest from './sendTest.operation';

const notices: INodeProperties[] = [
	{
		displayName:
			'Event notifications are team-level: the API token needs the team permissions team/notifications/subscriptions/read (subscriptions), /delete, /create (Send Test), /update (Check Trigger Health → Re-Enable Disabled), team/notifications/events/read (deliveries, Check Trigger Health), team/notifications/types/list (event types) and team/[:teamid]/notification/write (Retry).',
		name: 'notificationPermissions',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['notification'] } },
	},
];

export const notification: Resource = {
	option: {
		name: 'Notification',
		value: 'notification',
		description:
			"Event-notification subscriptions and Replicated's delivery log: clean up, catch up, test",
	},
	defaultOperation: 'getDeliveries',
	notices,
	operations: [
		getSubscriptions,
		getSubscription,
		deleteSubscription,
		getDeliveries,
		getEventTypes,
		retryDelivery,
		sendTest,
		checkTriggerHealth,
	],
};

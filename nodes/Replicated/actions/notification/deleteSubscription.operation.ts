import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { deleteSubscriptionRequest } from '../../api/notifications';
import { subscriptionLocator } from './fields';
import { deletedSubscriptionItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Delete Subscription',
	value: 'deleteSubscription',
	description: 'Remove a notification subscription (clean up orphans)',
	action: 'Delete a subscription',
};

export const output = deletedSubscriptionItemSchema;

/** Changes Replicated: refused as an AI tool unless Allow Writes as a Tool is on. */
export const writes = true;

export const description: INodeProperties[] = [
	{
		displayName:
			'Deleting the subscription of an active Replicated Trigger stops its deliveries until the workflow is next activated (n8n start or publish), when the trigger registers it again',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['notification'], operation: ['deleteSubscription'] } },
	},
	subscriptionLocator(['deleteSubscription']),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = this.getNodeParameter('subscriptionId', itemIndex, '', {
		extractValue: true,
	}) as string;
	await deleteSubscriptionRequest(this, id);
	return [{ json: { id, deleted: true } }];
}

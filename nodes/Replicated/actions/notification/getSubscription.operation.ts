import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { getSubscription } from '../../api/notifications';
import { subscriptionLocator } from './fields';
import { subscriptionItem } from './subscription-item';
import { subscriptionItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Subscription',
	value: 'getSubscription',
	description: 'Get one notification subscription',
	action: 'Get a subscription',
};

export const output = subscriptionItemSchema;

export const description: INodeProperties[] = [subscriptionLocator(['getSubscription'])];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = this.getNodeParameter('subscriptionId', itemIndex, '', {
		extractValue: true,
	}) as string;
	const subscription = await getSubscription(this, id);
	if (!subscription)
		throw new NodeOperationError(this.getNode(), `No notification subscription ${id}`, {
			itemIndex,
			description: 'It was deleted, or belongs to another team. Pick one from the list.',
		});
	return [{ json: subscriptionItem(subscription) }];
}

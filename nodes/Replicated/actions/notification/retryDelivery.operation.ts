import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { retryEvent } from '../../api/notifications';
import { retriedDeliveryItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';
import { param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Retry Delivery',
	value: 'retryDelivery',
	description: 'Deliver a logged event again now, also one Replicated gave up on',
	action: 'Retry a delivery',
};

export const output = retriedDeliveryItemSchema;

/** Changes Replicated: refused as an AI tool unless Allow Writes as a Tool is on. */
export const writes = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2Hp4KofWx4kzzzUE6cZEAUj95Dj',
		description:
			'The delivery log entry to deliver again now (the "ID" of Get Many Deliveries); permanently failed ones too. A Replicated Trigger runs a redelivered event once, up to 30 days after it happened (older ones it refuses as replays). Outputs retried: false with Replicated\'s message when it declines (an event already delivered, say).',
		displayOptions: { show: { resource: ['notification'], operation: ['retryDelivery'] } },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { eventId } = readParams(this, itemIndex, {
		eventId: param(
			z.string().transform((id) => id.trim()),
			'Event ID',
		),
	});
	// `retried: false` with Replicated's message when it declines (one delivered already, say).
	const { retried, message } = await retryEvent(this, eventId);
	return [{ json: { eventId, retried, message } }];
}

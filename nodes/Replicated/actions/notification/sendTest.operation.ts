import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { testWebhook } from '../../api/notifications';
import { EVENT_TYPES } from '../../schemas/event-catalogue';
import { notificationShow } from './fields';
import { webhookTestItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';
import { param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Send Test',
	value: 'sendTest',
	description: 'Have Replicated send a signed sample payload to a webhook URL',
	action: 'Send a test notification',
};

export const output = webhookTestItemSchema;

/** Changes Replicated: refused as an AI tool unless Allow Writes as a Tool is on. */
export const writes = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/…/webhook',
		description:
			"Where Replicated sends a sample payload (a Replicated Trigger's Production URL, say). Replicated refuses localhost and private addresses.",
		displayOptions: notificationShow(['sendTest']),
	},
	{
		displayName: 'Event Type',
		name: 'eventType',
		type: 'options',
		default: 'customer.created',
		options: EVENT_TYPES.map((e) => ({ name: e.name, value: e.key })),
		displayOptions: notificationShow(['sendTest']),
	},
	{
		displayName: 'Signing Secret',
		name: 'webhookSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Signs the test like a real delivery (X-Replicated-Signature); empty sends it unsigned',
		displayOptions: notificationShow(['sendTest']),
	},
];

const params = {
	webhookSecret: param(z.string(), 'Signing Secret', { fallback: '' }),
	webhookUrl: param(z.string(), 'Webhook URL'),
	eventType: param(z.string(), 'Event Type'),
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { webhookSecret: secret, webhookUrl, eventType } = readParams(this, itemIndex, params);
	const body: IDataObject = {
		webhookUrl,
		eventType,
		...(secret ? { webhookSecret: secret } : {}),
	};
	const result = await testWebhook(this, body, secret);
	return [{ json: { ...result, webhookUrl: body.webhookUrl, eventType: body.eventType } }];
}

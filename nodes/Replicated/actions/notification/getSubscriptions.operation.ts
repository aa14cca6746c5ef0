import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { listSubscriptions } from '../../api/notifications';
import { limitReachedHint, showOutputHint } from '../output-hints';
import { resultLimit, returnAllOrLimit } from '../shared';
import { notificationShow } from './fields';
import { subscriptionItem } from './subscription-item';
import { subscriptionItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';
import { collection, param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Get Subscriptions',
	value: 'getSubscriptions',
	description: "List the team's notification subscriptions",
	action: 'Get many subscriptions',
};

export const output = subscriptionItemSchema;

export const description: INodeProperties[] = [
	...returnAllOrLimit('notification', 'getSubscriptions'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: notificationShow(['getSubscriptions']),
		options: [
			{
				displayName: 'Only Disabled',
				name: 'onlyDisabled',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only subscriptions that are off (Replicated disables one after 10 consecutive permanently failed deliveries)',
			},
			{
				displayName: 'Only Replicated Trigger Subscriptions',
				name: 'onlyN8n',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only subscriptions the Replicated Trigger registered ("n8n: …")',
			},
			{
				displayName: 'Webhook URL Contains',
				name: 'urlContains',
				type: 'string',
				default: '',
				placeholder: 'e.g. n8n.example.com',
				description: 'Only subscriptions whose webhook URL contains this text',
			},
		],
	},
];

const params = {
	filters: param(
		collection({
			onlyDisabled: z.boolean().optional(),
			onlyN8n: z.boolean().optional(),
			urlContains: z.string().optional(),
		}),
		'Filters',
		{ fallback: {} },
	),
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { filters } = readParams(this, itemIndex, params);
	const limit = resultLimit(this, itemIndex);
	const listed = (await listSubscriptions(this))
		.map(subscriptionItem)
		.filter((s) => !filters.onlyDisabled || s.isEnabled === false)
		.filter((s) => !filters.onlyN8n || s.fromN8n === true)
		.filter((s) => !filters.urlContains || String(s.webhookUrl ?? '').includes(filters.urlContains))
		.slice(0, limit);
	showOutputHint(this, limitReachedHint(limit, listed.length, 'subscriptions'));
	return listed.map((json) => ({ json }));
}

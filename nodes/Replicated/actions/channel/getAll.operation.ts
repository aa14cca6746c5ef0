import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { CHANNEL_PAGE_SIZE, channelPages, MAX_CHANNEL_PAGES } from '../../api/channels';
import { appLocator, pastPageCap, resultLimit, returnAllOrLimit, toJson } from '../shared';
import { limitReachedHint, showOutputHint } from '../output-hints';
import { channelItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';
import { collection, param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the release channels of an app (Stable, Beta …)',
	action: 'Get many channels',
};

export const output = channelItemSchema;

export const description: INodeProperties[] = [
	appLocator('channel', ['getAll']),
	...returnAllOrLimit('channel', 'getAll'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show: { resource: ['channel'], operation: ['getAll'] } },
		default: {},
		options: [
			{
				displayName: 'Name Contains',
				name: 'channelName',
				type: 'string',
				default: '',
				description: 'Only channels whose name contains this text',
			},
			{
				displayName: 'Include Archived',
				name: 'includeArchived',
				type: 'boolean',
				default: false,
				description: 'Whether to include archived channels',
			},
		],
	},
];

const params = {
	appId: param(z.string(), 'App', { fallback: '', locator: true }),
	options: param(
		collection({ channelName: z.string().optional(), includeArchived: z.boolean().optional() }),
		'Options',
		{ fallback: {} },
	),
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { appId, options } = readParams(this, itemIndex, params);
	const limit = resultLimit(this, itemIndex);
	const out: INodeExecutionData[] = [];
	const onCap = () => {
		throw pastPageCap(this, itemIndex, {
			what: 'channel list',
			items: 'channels',
			pages: MAX_CHANNEL_PAGES,
			pageSize: CHANNEL_PAGE_SIZE,
			fix: 'Narrow the list with Name Contains, or turn off Return All and set a Limit. An app rarely has this many channels: if yours does not, the server is serving pages wrongly (check the API Base URL in the Replicated credential).',
		});
	};
	// Each channel comes once, even from a server that serves a page twice.
	const pages = channelPages(this, appId, { channelName: options.channelName, onCap });
	for await (const channels of pages) {
		for (const channel of channels.filter((c) => options.includeArchived || !c.isArchived))
			if (out.length < limit) out.push({ json: toJson(channel) });
		if (out.length >= limit) break;
	}
	// Noted above the output: a list stopped at Limit.
	showOutputHint(this, limitReachedHint(limit, out.length, 'channels'));
	return out;
}

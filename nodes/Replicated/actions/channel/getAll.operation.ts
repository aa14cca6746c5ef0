import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { channelListSchema } from '../../schemas/app';
import { parseResponse } from '../../schemas/parse';
import { apiRequest } from '../../transport';
import { appLocator, pastPageCap, resultLimit, returnAllOrLimit, toJson } from '../shared';
import { channelItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';
import { collection, param, readParams } from '../params';

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

const PAGE_SIZE = 100;
/**
 * 5,000 channels: far beyond any app (as resolveChannelName reads them). Return All otherwise
 * read until the server sent a short page, and a server that serves full pages forever (the same
 * page again, or a `totalCount` it never reaches) kept the run going without end.
 */
export const MAX_CHANNEL_PAGES = 50;

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
	// A page served twice (a server that ignores currentPage) yields its channels once.
	const seen = new Set<string>();
	for (let currentPage = 0; out.length < limit; currentPage++) {
		if (currentPage === MAX_CHANNEL_PAGES) {
			throw pastPageCap(this, itemIndex, {
				what: 'channel list',
				items: 'channels',
				pages: MAX_CHANNEL_PAGES,
				pageSize: PAGE_SIZE,
				fix: 'Narrow the list with Name Contains, or turn off Return All and set a Limit. An app rarely has this many channels: if yours does not, the server is serving pages wrongly (check the API Base URL in the Replicated credential).',
			});
		}
		const body = await apiRequest(this, {
			method: 'GET',
			path: `/v3/app/${encodeURIComponent(appId)}/channels`,
			qs: {
				pageSize: PAGE_SIZE,
				currentPage,
				excludeDetail: 'true',
				...(options.channelName ? { channelName: options.channelName } : {}),
			},
		});
		const page = parseResponse(this.getNode(), channelListSchema, body, 'channel list');
		for (const channel of page.channels) {
			if (out.length >= limit) break;
			if (seen.has(channel.id) || (channel.isArchived && !options.includeArchived)) continue;
			seen.add(channel.id);
			out.push({ json: toJson(channel) });
		}
		const fetched = currentPage * PAGE_SIZE + page.channels.length;
		if (page.channels.length < PAGE_SIZE || fetched >= (page.totalCount ?? fetched)) break;
	}
	return out;
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { channelListSchema } from '../../schemas/app';
import { parseResponse } from '../../schemas/parse';
import { apiRequest } from '../../transport';
import { appLocator, resultLimit, returnAllOrLimit, toJson } from '../shared';

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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const appId = this.getNodeParameter('appId', itemIndex, '', { extractValue: true }) as string;
	const limit = resultLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		channelName?: string;
		includeArchived?: boolean;
	};
	const out: INodeExecutionData[] = [];
	for (let currentPage = 0; out.length < limit; currentPage++) {
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
			if (channel.isArchived && !options.includeArchived) continue;
			out.push({ json: toJson(channel) });
		}
		const fetched = currentPage * PAGE_SIZE + page.channels.length;
		if (page.channels.length < PAGE_SIZE || fetched >= (page.totalCount ?? fetched)) break;
	}
	return out;
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listApps } from '../../api/apps';
import { resultLimit, returnAllOrLimit, toJson } from '../shared';
import { limitReachedHint, showOutputHint } from '../output-hints';
import { appItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';
import { param, toggle } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the Replicated apps this API token can see',
	action: 'Get many apps',
};

export const output = appItemSchema;

export const description: INodeProperties[] = [
	...returnAllOrLimit('app', 'getAll'),
	{
		displayName: 'Include Channels',
		name: 'includeChannels',
		type: 'boolean',
		displayOptions: { show: { resource: ['app'], operation: ['getAll'] } },
		default: false,
		description: "Whether to include each app's release channels in its item",
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex);
	const { includeChannels } = readParams(this, itemIndex, {
		includeChannels: param(toggle, 'Include Channels'),
	});
	// SPEC `apps` has no query parameters (the CLI's `excludeChannels` is not in it): channels always come.
	const apps = await listApps(this);
	// Noted above the output: a list stopped at Limit.
	showOutputHint(this, limitReachedHint(limit, apps.length, 'apps'));
	return apps.slice(0, limit).map((app) => {
		const { channels, ...rest } = app;
		return { json: toJson(includeChannels ? { ...rest, channels } : rest) };
	});
}

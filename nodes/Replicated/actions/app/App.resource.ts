import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['app'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the Replicated apps this API token can see',
				action: 'Get many apps',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['milestone'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					"Get a customer's Enterprise Portal milestones (invite, first access, first download, confirmed running) and its revenue-recognition date",
				action: 'Get customer milestones',
			},
		],
		default: 'get',
	},
	...get.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as exportOperation from './export.operation';
import * as getAll from './getAll.operation';

export { exportOperation as export, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['instance'] } },
		options: [
			{
				name: 'Export',
				value: 'export',
				description:
					'Export every instance of an app with its customer, version, status and custom metrics (CSV or JSON, any size)',
				action: 'Export instance data',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List a customer's instances with version, status, last check-in and air-gap flag",
				action: 'Get many instances',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...exportOperation.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as convert from './convert.operation';

export { convert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['license'] } },
		options: [
			{
				name: 'Convert',
				value: 'convert',
				description:
					'Turn a license into another type (e.g. trial to paid when a deal is won), with a new expiry and entitlements',
				action: 'Convert a license',
			},
		],
		default: 'convert',
	},
	...convert.description,
];

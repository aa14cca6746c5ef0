import type { INodeProperties } from 'n8n-workflow';

import * as convert from './convert.operation';
import * as download from './download.operation';
import * as installInstructions from './installInstructions.operation';
import * as mapProducts from './mapProducts.operation';

export { convert, download, installInstructions, mapProducts };

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
			{
				name: 'Download',
				value: 'download',
				description:
					"The customer's license file (YAML) as binary data, to attach to an email or a CRM record",
				action: 'Download a license file',
			},
			{
				name: 'Get Install Instructions',
				value: 'installInstructions',
				description:
					"Step-by-step installation for the customer (Helm, Embedded Cluster, KOTS, air gap: what the license allows), with the app's custom domains, as Markdown and HTML",
				action: 'Get install instructions',
			},
			{
				name: 'Map Products',
				value: 'mapProducts',
				description:
					"The license a deal's products buy: app, channel, license type, expiry from the contract, install options and entitlements (add-ons added to the base product)",
				action: 'Map products to a license',
			},
		],
		default: 'convert',
	},
	...convert.description,
	...download.description,
	...installInstructions.description,
	...mapProducts.description,
];

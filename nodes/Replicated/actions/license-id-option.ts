import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runsAsTool } from './tool-mode';

/**
 * The operations whose items can carry the license ID: customer items (Create, Get, Get Many,
 * Update, and Convert's `customer`) and instance items (Instance → Get Many). One property for all:
 * n8n shows it when the resource AND the operation are in these lists, and no other pair matches.
 */
export const includeLicenseIdProperty: INodeProperties = {
	displayName: 'Include License ID',
	name: 'includeLicenseId',
	type: 'boolean',
	default: false,
	description:
		"Whether to add the customer's license ID (licenseId) to the items. It is the customer's registry password and download token, and every node, log and CRM field that copies an item copies it too: turn it on only where a step needs it. Never given to an AI tool.",
	displayOptions: {
		show: {
			resource: ['customer', 'license', 'instance'],
			operation: ['create', 'get', 'getAll', 'update', 'convert'],
		},
		hide: { '@tool': [true] },
	},
};

/** Whether this item's output may carry the license ID: asked for, and not run by a model. */
export function licenseIdWanted(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return !runsAsTool(ctx) && ctx.getNodeParameter('includeLicenseId', itemIndex, false) === true;
}

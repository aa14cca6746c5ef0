import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { customerItem } from '../../schemas/customer';
import { toJson } from '../shared';
import { customerLocator } from './fields';
import { resolveCustomer } from './lookup';
import { licenseIdWanted } from '../license-id-option';

export const description: INodeProperties[] = [
	customerLocator({ resource: ['customer'], operation: ['get'] }),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return [
		{
			json: toJson(
				customerItem(await resolveCustomer(this, itemIndex), licenseIdWanted(this, itemIndex)),
			),
		},
	];
}

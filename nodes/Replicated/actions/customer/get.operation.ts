import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { customerItem, customerItemSchema } from '../../schemas/customer';
import { toJson } from '../shared';
import { customerLocator } from './fields';
import { resolveCustomer } from './lookup';
import { withoutCustomIdHint } from './custom-id-hint';
import { showOutputHint } from '../output-hints';
import { licenseIdWanted } from '../license-id-option';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	description: 'Get one customer by Replicated ID or by Custom ID (CRM record ID)',
	action: 'Get a customer',
};

export const output = customerItemSchema;

export const description: INodeProperties[] = [
	customerLocator({ resource: ['customer'], operation: ['get'] }),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const customer = customerItem(
		await resolveCustomer(this, itemIndex),
		licenseIdWanted(this, itemIndex),
	);
	// Noted above the output: a customer the CRM flows cannot match.
	showOutputHint(this, withoutCustomIdHint([customer]));
	return [{ json: toJson(customer) }];
}

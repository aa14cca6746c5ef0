import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { customerLocator } from './fields';
import { resolveCustomer } from './lookup';

export const description: INodeProperties[] = [
	customerLocator({ resource: ['customer'], operation: ['archive'] }),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const customer = await resolveCustomer(this, itemIndex);
	// Archiving twice is harmless, so the request may be retried.
	await apiRequest(this, {
		method: 'POST',
		path: `/v3/customer/${encodeURIComponent(customer.id)}/archive`,
		idempotent: true,
	});
	return [
		{
			json: {
				id: customer.id,
				customId: customer.customId || null,
				name: customer.name,
				archived: true,
				wasArchived: customer.isArchived ?? false,
			},
		},
	];
}

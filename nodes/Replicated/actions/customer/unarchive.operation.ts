import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { customerLocator } from './fields';
import { resolveCustomer } from './lookup';

export const description: INodeProperties[] = [
	customerLocator({ resource: ['customer'], operation: ['unarchive'] }),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const customer = await resolveCustomer(this, itemIndex);
	// Unarchiving twice is harmless, so the request may be retried.
	await apiRequest(this, {
		method: 'POST',
		path: `/v3/customer/${encodeURIComponent(customer.id)}/unarchive`,
		idempotent: true,
	});
	return [
		{
			json: {
				id: customer.id,
				customId: customer.customId || null,
				name: customer.name,
				archived: false,
				wasArchived: customer.isArchived ?? false,
			},
		},
	];
}

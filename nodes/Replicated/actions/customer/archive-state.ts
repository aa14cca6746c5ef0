import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { archiveCustomer, unarchiveCustomer } from '../../api/customers';
import { customerLocator } from './fields';
import { resolveCustomer } from './lookup';

/** Archive and Unarchive: one POST to the customer's `archive` / `unarchive` path, then its state. */
export function archiveState(operation: 'archive' | 'unarchive') {
	const description: INodeProperties[] = [
		customerLocator({ resource: ['customer'], operation: [operation] }),
	];
	async function execute(
		this: IExecuteFunctions,
		itemIndex: number,
	): Promise<INodeExecutionData[]> {
		const customer = await resolveCustomer(this, itemIndex);
		await (operation === 'archive' ? archiveCustomer : unarchiveCustomer)(this, customer.id);
		return [
			{
				json: {
					id: customer.id,
					customId: customer.customId || null,
					name: customer.name,
					archived: operation === 'archive',
					wasArchived: customer.isArchived ?? false,
				},
			},
		];
	}
	return { description, execute };
}

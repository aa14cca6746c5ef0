import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { findCustomerByCustomId, getCustomer } from '../../api/customers';
import type { ApiCustomer } from '../../schemas/customer';
import { param } from '../../schemas/node-parameters';
import { readParams } from '../params';

/** The Customer picker's value: `{ mode, value }`, or an ID as text (an older node, an expression). */
const customerLocatorSchema = z.union(
	[z.string(), z.looseObject({ mode: z.string(), value: z.unknown() })],
	{ error: 'is not a customer (pick one, or give its ID or Custom ID)' },
);

/** Reads the "Customer" picker (From List / By ID / By Custom ID) and fetches that customer. */
export async function resolveCustomer(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter = 'customer',
): Promise<ApiCustomer> {
	const { [parameter]: locator } = readParams(ctx, itemIndex, {
		[parameter]: param(customerLocatorSchema, 'Customer'),
	});
	const mode = typeof locator === 'string' ? 'id' : locator.mode;
	const value = String(typeof locator === 'string' ? locator : (locator.value ?? '')).trim();
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), 'No customer selected', {
			itemIndex,
			description:
				'Pick a customer from the list, or give its Replicated customer ID or its Custom ID.',
		});
	}
	if (mode !== 'customId') return await getCustomer(ctx, value);
	const customer = await findCustomerByCustomId(ctx, value, { includeArchived: true });
	if (!customer) {
		throw new NodeOperationError(ctx.getNode(), `No Replicated customer has Custom ID "${value}"`, {
			itemIndex,
			description:
				'The Custom ID is matched exactly. Check the value (usually the CRM record ID), or create the customer first.',
		});
	}
	return customer;
}

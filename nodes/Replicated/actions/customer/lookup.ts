import { type IDataObject, type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { type ApiCustomer, customerEnvelopeSchema, customerSchema } from '../../schemas/customer';
import { parseResponse } from '../../schemas/parse';
import {
	apiRequest,
	collect,
	type ReplicatedContext,
	type RetryPolicy,
	searchCustomers,
} from '../../transport';
import { param, readParams } from '../params';

/** Every include_* flag of customer search set, so that only the query decides (they default to false). */
export function searchBody(
	query: string,
	options: { appId?: string; includeArchived?: boolean } = {},
): IDataObject {
	return {
		...(options.appId ? { app_id: options.appId } : {}),
		query,
		include_paid: true,
		include_trial: true,
		include_dev: true,
		include_community: true,
		include_test: true,
		include_active: true,
		include_inactive: true,
		include_archived: options.includeArchived ?? false,
	};
}

export async function getCustomerById(
	ctx: ReplicatedContext,
	customerId: string,
	tuning: { policy?: RetryPolicy; timeoutMs?: number } = {},
): Promise<ApiCustomer> {
	const body = await apiRequest(
		ctx,
		{
			method: 'GET',
			path: `/v3/customer/${encodeURIComponent(customerId)}`,
			timeoutMs: tuning.timeoutMs,
		},
		tuning.policy,
	);
	return parseResponse(ctx.getNode(), customerEnvelopeSchema, body, 'customer').customer;
}

/**
 * The customer whose Custom ID is exactly `customId`, or null. Search may return stale data
 * (official CLI), so the match is read again by ID before it is used.
 */
export async function findCustomerByCustomId(
	ctx: ReplicatedContext,
	customId: string,
	options: { appId?: string; includeArchived?: boolean } = {},
): Promise<ApiCustomer | null> {
	if (/\s/.test(customId)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Custom ID "${customId}" contains whitespace, which Replicated's search cannot match`,
			{
				description:
					'Custom IDs are matched exactly; use the CRM record ID as stored on the customer.',
			},
		);
	}
	const hits = (
		await collect(searchCustomers(ctx, searchBody(`customId:${customId}`, options), { limit: 10 }))
	).map((hit) => parseResponse(ctx.getNode(), customerSchema, hit, 'customer search'));
	const exact = hits.filter((c) => c.customId === customId);
	if (exact.length > 1) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${exact.length} customers have Custom ID "${customId}"`,
			{
				description: `Matches: ${exact.map((c) => `${c.name} (${c.id})`).join(', ')}. Select the customer by ID instead, or give each a unique Custom ID.`,
			},
		);
	}
	return exact.length ? await getCustomerById(ctx, exact[0].id) : null;
}

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
	if (mode !== 'customId') return await getCustomerById(ctx, value);
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

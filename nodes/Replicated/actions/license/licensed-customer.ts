import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { type ApiCustomer, customerItem, defaultChannelOf } from '../../schemas/customer';
import { resolveCustomer } from '../customer/lookup';

/**
 * The picked customer with its app and default channel: a license file and the install steps
 * belong to the app and channel the customer installs from, which only its channels tell.
 */
export async function licensedCustomer(ctx: IExecuteFunctions, itemIndex: number, purpose: string) {
	const customer: ApiCustomer = await resolveCustomer(ctx, itemIndex);
	const item = customerItem(customer);
	const channel = defaultChannelOf(customer.channels);
	if (!item.appId || !channel?.channelSlug) {
		throw new NodeOperationError(ctx.getNode(), `${customer.name} is in no channel`, {
			itemIndex,
			description: `${purpose} needs the app and channel the customer installs from. Assign the customer a channel (Customer → Update), then run again.`,
		});
	}
	return {
		customer,
		item,
		appId: item.appId,
		channel: { ...channel, channelSlug: channel.channelSlug },
	};
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { toApiLicenseType } from '../../schemas/license-type';
import { licenseTypeOptions } from '../customer/fields';
import { collection } from '../../schemas/node-parameters';
import { invalid, licenseType } from '../validate';
import { resolveChannelName } from './channel-name';

/** The export's customer filters, shared by Instance → Export and Insight → Score Customers. */
export const CHANNEL_FILTER: INodeProperties = {
	displayName: 'Channel Name or ID',
	name: 'channelName',
	type: 'options',
	typeOptions: {
		loadOptionsMethod: 'getChannelNamesOrAny',
		loadOptionsDependsOn: ['appId.value'],
	},
	default: '',
	description:
		'Only customers on this channel. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const CUSTOMER_IDS_FILTER: INodeProperties = {
	displayName: 'Customer IDs',
	name: 'customerIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2JBxR7eNpTA5vl2rkkmUbVozdLd,2Rjk2923481',
	description: 'Only these customers (Replicated customer IDs, comma-separated)',
};

export const LICENSE_TYPE_FILTER: INodeProperties = {
	displayName: 'License Type',
	name: 'licenseType',
	type: 'options',
	options: licenseTypeOptions,
	default: 'paid',
	description: 'Only customers with this license type',
};

/** The customer filters of Instance → Export and Insight → Score Customers (a collection). */
export const customerFiltersSchema = collection({
	channelName: z.string().optional(),
	customerIds: z.string().optional(),
	licenseType: z.string().optional(),
});
export type CustomerFilters = z.output<typeof customerFiltersSchema>;

/**
 * The customer filters as the export's query parameters, after checking the IDs and resolving the
 * channel to its name (resolveChannelName: the export filters by name only).
 */
export async function customerFilterQuery(
	ctx: IExecuteFunctions,
	itemIndex: number,
	appId: string,
	filters: CustomerFilters,
): Promise<IDataObject> {
	const ids = (filters.customerIds ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (ids.some((id) => !/^[A-Za-z0-9_-]+$/.test(id)))
		throw invalid(
			ctx,
			itemIndex,
			'Customer IDs',
			'contains something that is not a customer ID',
			'Give Replicated customer IDs separated by commas.',
		);
	return {
		...(ids.length ? { customerIds: ids.join(',') } : {}),
		...(filters.channelName?.trim()
			? { ChannelName: await resolveChannelName(ctx, itemIndex, appId, filters.channelName) }
			: {}),
		...(filters.licenseType
			? { LicenseType: toApiLicenseType(licenseType(ctx, itemIndex, filters.licenseType)) }
			: {}),
	};
}

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import {
	type CustomerItem,
	customerItem,
	customerItemSchema,
	customerSchema,
} from '../../schemas/customer';
import { LICENSE_TYPES } from '../../schemas/license-type';
import { searchCustomers } from '../../api/customers';
import { appLocator, resultLimit, returnAllOrLimit, toJson } from '../shared';
import { parseOrSkip, type Skip, warnSkipped } from '../skipped';
import { limitReachedHint, showOutputHint } from '../output-hints';
import { withoutCustomIdHint } from './custom-id-hint';
import { licenseTypeOptions } from './fields';
import { licenseIdWanted } from '../license-id-option';
import type { OperationOption } from '../operation';
import { collection, param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getAll',
	description: "Search an app's customers by name, license type, channel or activity",
	action: 'Get many customers',
};

export const output = customerItemSchema;

const show = { resource: ['customer'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	appLocator('customer', ['getAll']),
	...returnAllOrLimit('customer', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Activity',
				name: 'activity',
				type: 'options',
				default: 'any',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'With Active Instances', value: 'active' },
					{ name: 'Without Active Instances', value: 'inactive' },
				],
				description: 'Whether the customer has instances that checked in recently',
			},
			{
				displayName: 'Channel Names or IDs',
				name: 'channelNames',
				type: 'multiOptions',
				typeOptions: {
					loadOptionsMethod: 'getChannelNames',
					loadOptionsDependsOn: ['appId.value'],
				},
				default: [],
				description:
					'Only customers on these channels. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Include Archived',
				name: 'includeArchived',
				type: 'boolean',
				default: false,
				description: 'Whether to include archived customers',
			},
			{
				displayName: 'License Types',
				name: 'licenseTypes',
				type: 'multiOptions',
				options: licenseTypeOptions,
				default: [],
				description: 'Only customers with these license types (all when empty)',
			},
			{
				displayName: 'Search Query',
				name: 'query',
				type: 'string',
				default: '',
				placeholder: 'e.g. name:acme airgap:true',
				description:
					'Replicated search syntax: a name (fuzzy), or name:, type: (prod for paid, trial, dev, community), airgap:, channels.name:, customId: (exact), email: (exact), combined with spaces',
			},
		],
	},
];

const params = {
	appId: param(z.string(), 'App', { fallback: '', locator: true }),
	filters: param(
		collection({
			query: z.string().optional(),
			licenseTypes: z.array(z.string()).optional(),
			channelNames: z.array(z.string()).optional(),
			includeArchived: z.boolean().optional(),
			activity: z.string().optional(),
		}),
		'Filters',
		{ fallback: {} },
	),
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { appId, filters } = readParams(this, itemIndex, params);
	const limit = resultLimit(this, itemIndex);
	const types = filters.licenseTypes?.length ? filters.licenseTypes : [...LICENSE_TYPES];
	const activity = filters.activity ?? 'any';
	// Every include_* flag is explicit: the search API treats a missing one as false.
	const body: IDataObject = {
		app_id: appId,
		// SPEC's search knows `type:prod`; users (and this node's dropdowns) say paid.
		query: (filters.query ?? '').replace(/\btype:paid\b/gi, 'type:prod'),
		include_archived: filters.includeArchived ?? false,
		include_active: activity !== 'inactive',
		include_inactive: activity !== 'active',
		...Object.fromEntries(LICENSE_TYPES.map((t) => [`include_${t}`, types.includes(t)])),
		...(filters.channelNames?.length ? { channel_names: filters.channelNames } : {}),
	};
	const withLicenseId = licenseIdWanted(this, itemIndex);
	const customers: CustomerItem[] = [];
	// One customer Replicated serves in another shape is left out and named, not the whole search.
	const skipped: Skip[] = [];
	let n = 0;
	for await (const hit of searchCustomers(this, body, { limit })) {
		const customer = parseOrSkip(customerSchema, hit, `search hit ${++n}`, skipped);
		if (customer) customers.push(customerItem(customer, withLicenseId));
	}
	warnSkipped(this, 'customers of the search', skipped);
	// Noted above the output: a search stopped at Limit, customers the CRM flows cannot match.
	showOutputHint(this, limitReachedHint(limit, n, 'customers'));
	showOutputHint(this, withoutCustomIdHint(customers));
	return customers.map((customer) => ({ json: toJson(customer) }));
}

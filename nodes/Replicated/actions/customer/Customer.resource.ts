import type { INodeProperties } from 'n8n-workflow';

import * as archive from './archive.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as unarchive from './unarchive.operation';
import * as update from './update.operation';

export { archive, create, get, getAll, unarchive, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Archive',
				value: 'archive',
				description: 'Archive a customer (its license stops working for new installs)',
				action: 'Archive a customer',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a customer and its license; finds the existing one when the Custom ID is already used',
				action: 'Create a customer',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one customer by Replicated ID or by Custom ID (CRM record ID)',
				action: 'Get a customer',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Search an app's customers by name, license type, channel or activity",
				action: 'Get many customers',
			},
			{
				name: 'Unarchive',
				value: 'unarchive',
				description: 'Bring back an archived customer, e.g. a returning customer who signs again',
				action: 'Unarchive a customer',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change only the given fields of a customer (name, email, Custom ID, expiry, entitlements …)',
				action: 'Update a customer',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...archive.description,
	...unarchive.description,
];

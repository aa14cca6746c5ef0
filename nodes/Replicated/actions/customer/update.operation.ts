import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { patchCustomer } from '../../api/customers';
import { customerItem, customerItemSchema } from '../../schemas/customer';
import { toJson } from '../shared';
import { entitlementValues, expiryDate, invalid, licenseType, requireText } from '../validate';
import {
	customerLocator,
	entitlementValuesField,
	installOptionFields,
	licenseTypeOptions,
} from './fields';
import { resolveCustomer } from './lookup';
import { type CustomerChanges, patchBody } from './patch';
import { licenseIdWanted } from '../license-id-option';
import type { OperationOption } from '../operation';
import { collection, given, param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	description:
		'Change only the given fields of a customer (name, email, Custom ID, expiry, entitlements …)',
	action: 'Update a customer',
};

export const output = customerItemSchema;

const show = { resource: ['customer'], operation: ['update'] };

/** Changes Replicated: refused as an AI tool unless Allow Writes as a Tool is on. */
export const writes = true;

export const description: INodeProperties[] = [
	customerLocator(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		description: 'Only the fields added here are sent; everything else stays as it is',
		displayOptions: { show },
		options: [
			{
				displayName: 'Custom ID',
				name: 'customId',
				type: 'string',
				default: '',
				description: 'The CRM record ID to store on the customer',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'New expiry date',
			},
			{
				displayName: 'License Type',
				name: 'licenseType',
				type: 'options',
				options: licenseTypeOptions,
				default: 'paid',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Never Expires',
				name: 'removeExpiry',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the expiry date so the license never expires',
			},
		],
	},
	{
		...entitlementValuesField('entitlements', 'Entitlement Values', 'customer.value'),
		displayOptions: { show },
	},
	{
		displayName: 'Install Options',
		name: 'installOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: installOptionFields('patch'),
		displayOptions: { show },
	},
];

/** Update Fields' values are checked below, each by its validator (and its error text). */
const params = {
	updateFields: param(collection({}), 'Update Fields', { fallback: {} }),
	entitlements: param(given, 'Entitlement Values', { fallback: {} }),
	installOptions: param(z.record(z.string(), z.boolean()), 'Install Options', { fallback: {} }),
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const p = readParams(this, itemIndex, params);
	const fields = p.updateFields;
	const changes: CustomerChanges = {
		setEntitlements: entitlementValues(this, itemIndex, p.entitlements),
		installOptions: p.installOptions,
	};
	if ('name' in fields) changes.name = requireText(this, itemIndex, 'Name', fields.name);
	if ('email' in fields) changes.email = String(fields.email ?? '').trim();
	if ('customId' in fields) changes.customId = String(fields.customId ?? '').trim();
	if ('licenseType' in fields)
		changes.licenseType = licenseType(this, itemIndex, fields.licenseType);
	if (fields.removeExpiry === true) {
		if (fields.expiresAt)
			throw invalid(
				this,
				itemIndex,
				'Never Expires',
				'conflicts with Expires At',
				'Set either an expiry date or Never Expires, not both.',
			);
		changes.expiresAt = null;
	} else if (fields.expiresAt) {
		changes.expiresAt = expiryDate(this, itemIndex, fields.expiresAt);
	}
	const customer = await resolveCustomer(this, itemIndex);
	const body = patchBody(this, itemIndex, changes, customer);
	if (!Object.keys(body).length) {
		throw invalid(
			this,
			itemIndex,
			'Update Fields',
			'nothing to update',
			'Add at least one field, entitlement or install option to change.',
		);
	}
	const updated = await patchCustomer(this, customer.id, body);
	return [{ json: toJson(customerItem(updated, licenseIdWanted(this, itemIndex))) }];
}

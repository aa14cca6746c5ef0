import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { patchCustomer } from '../../api/customers';
import { type ApiCustomer, customerItem } from '../../schemas/customer';
import { normalizeLicenseType } from '../../schemas/license-type';
import { customerLocator, entitlementValuesField, licenseTypeOptions } from '../customer/fields';
import { resolveCustomer } from '../customer/lookup';
import { type CustomerChanges, patchBody } from '../customer/patch';
import {
	productTerms,
	productTermsField,
	withProductEntitlements,
} from '../customer/product-terms';
import { toJson } from '../shared';
import { checkTestLicenseExpiry, entitlementValues, expiryDate, licenseType } from '../validate';
import { licenseIdWanted } from '../license-id-option';

const show = { resource: ['license'], operation: ['convert'] };

/** Changes Replicated: refused as an AI tool unless Allow Writes as a Tool is on. */
export const writes = true;

export const description: INodeProperties[] = [
	customerLocator(show),
	{
		displayName: 'New License Type',
		name: 'licenseType',
		type: 'options',
		options: licenseTypeOptions,
		default: 'paid',
		description: 'The license type after conversion; Paid for a won deal',
		displayOptions: { show },
	},
	{
		displayName: 'Expiry',
		name: 'expiryMode',
		type: 'options',
		default: 'set',
		description: 'A converted trial keeps its trial expiry unless you change it here',
		options: [
			{
				name: 'Set a New Expiry Date',
				value: 'set',
				description: 'E.g. the contract end date from the deal.',
			},
			{
				name: 'Never Expires',
				value: 'never',
				description: 'Remove the expiry (perpetual license)',
			},
			{ name: 'Keep Current Expiry', value: 'keep' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Expires At',
		name: 'expiresAt',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'New expiry date, usually the contract end date',
		displayOptions: { show: { ...show, expiryMode: ['set'] } },
	},
	{
		...entitlementValuesField('entitlements', 'Entitlements to Set', 'customer.value'),
		displayOptions: { show },
	},
	{
		displayName: 'Entitlements to Reset Names or IDs',
		name: 'removeEntitlements',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getLicenseFields',
			loadOptionsDependsOn: ['customer.value'],
		},
		default: [],
		description:
			'License fields to return to their default values. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	{
		displayName: 'New Channel Name or ID',
		name: 'channelId',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getChannelsOrKeepCurrent',
			loadOptionsDependsOn: ['customer.value'],
		},
		default: '',
		description:
			'Move the customer to this release channel (e.g. from Beta to Stable); empty to keep the current channel. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	productTermsField(show),
];

function snapshot(customer: ApiCustomer) {
	const item = customerItem(customer);
	return {
		licenseType: item.licenseType,
		expiresAt: item.expiresAt,
		channel: item.channel?.name ?? null,
		entitlements: item.entitlements,
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const type = licenseType(
		this,
		itemIndex,
		this.getNodeParameter('licenseType', itemIndex),
		'New License Type',
	);
	const expiryMode = this.getNodeParameter('expiryMode', itemIndex, 'set') as
		| 'set'
		| 'never'
		| 'keep';
	const terms = productTerms(this, itemIndex);
	const changes: CustomerChanges = {
		licenseType: type,
		setEntitlements: withProductEntitlements(
			terms,
			entitlementValues(
				this,
				itemIndex,
				this.getNodeParameter('entitlements', itemIndex, {}),
				'Entitlements to Set',
			),
		),
		...(Object.keys(terms.installOptions).length ? { installOptions: terms.installOptions } : {}),
		removeEntitlements: (
			this.getNodeParameter('removeEntitlements', itemIndex, []) as string[]
		).filter(Boolean),
		channelId: String(this.getNodeParameter('channelId', itemIndex, '') ?? '').trim() || undefined,
	};
	if (expiryMode === 'set')
		changes.expiresAt = expiryDate(
			this,
			itemIndex,
			this.getNodeParameter('expiresAt', itemIndex, ''),
		);
	if (expiryMode === 'never') changes.expiresAt = null;

	const before = await resolveCustomer(this, itemIndex);
	checkTestLicenseExpiry(
		this,
		itemIndex,
		type,
		changes.expiresAt === undefined ? before.expiresAt : changes.expiresAt,
	);
	// PATCH, never PUT: PUT resets every field it is not given (API.md §1.6).
	const after = await patchCustomer(this, before.id, patchBody(this, itemIndex, changes, before));
	const was = snapshot(before);
	const now = snapshot(after);
	const names = new Set([...Object.keys(was.entitlements), ...Object.keys(now.entitlements)]);
	const changedEntitlements = [...names]
		.filter((name) => was.entitlements[name] !== now.entitlements[name])
		.map((name) => ({
			name,
			before: was.entitlements[name] ?? null,
			after: now.entitlements[name] ?? null,
		}));
	return [
		{
			json: toJson({
				customId: after.customId || null,
				customerId: after.id,
				name: after.name,
				converted: normalizeLicenseType(before.type) !== now.licenseType,
				before: was,
				after: now,
				changedEntitlements,
				customer: customerItem(after, licenseIdWanted(this, itemIndex)),
			}),
		},
	];
}

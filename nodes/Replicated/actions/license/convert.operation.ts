import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { patchCustomer } from '../../api/customers';
import { type ApiCustomer, customerItem } from '../../schemas/customer';
import { type LicenseType, normalizeLicenseType } from '../../schemas/license-type';
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
import { licenseConversionSchema } from '../../schemas/license-conversion';
import type { OperationOption } from '../operation';
import { given, param, text } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Convert',
	value: 'convert',
	description:
		'Turn a license into another type (e.g. trial to paid when a deal is won), with a new expiry and entitlements',
	action: 'Convert a license',
};

export const output = licenseConversionSchema;

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

/** License → Convert's parameters: checked by the validators their error texts come from. */
const params = {
	licenseType: param(given, 'New License Type'),
	// 'set' and 'never' as they say; anything else keeps the current expiry.
	expiryMode: param(z.string(), 'Expiry', { fallback: 'set' }),
	entitlements: param(given, 'Entitlements to Set', { fallback: {} }),
	removeEntitlements: param(z.array(z.string()), 'Entitlements to Reset Names or IDs', {
		fallback: [],
	}),
	channelId: param(text, 'New Channel Name or ID', { fallback: '' }),
	expiresAt: param(given, 'Expires At', { fallback: '' }),
};

/** Step 1: the changes the parameters ask for (Map Products terms merged in). */
function readChanges(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { type: LicenseType; changes: CustomerChanges } {
	const p = readParams(ctx, itemIndex, params);
	const type = licenseType(ctx, itemIndex, p.licenseType, 'New License Type');
	const terms = productTerms(ctx, itemIndex);
	const changes: CustomerChanges = {
		licenseType: type,
		setEntitlements: withProductEntitlements(
			terms,
			entitlementValues(ctx, itemIndex, p.entitlements, 'Entitlements to Set'),
		),
		...(Object.keys(terms.installOptions).length ? { installOptions: terms.installOptions } : {}),
		removeEntitlements: p.removeEntitlements.filter(Boolean),
		channelId: p.channelId || undefined,
	};
	if (p.expiryMode === 'set') changes.expiresAt = expiryDate(ctx, itemIndex, p.expiresAt);
	if (p.expiryMode === 'never') changes.expiresAt = null;
	return { type, changes };
}

/** Step 3: the item: the license before and after, and each entitlement that changed. */
function conversionItem(before: ApiCustomer, after: ApiCustomer, withLicenseId: boolean) {
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
	return toJson({
		customId: after.customId || null,
		customerId: after.id,
		name: after.name,
		converted: normalizeLicenseType(before.type) !== now.licenseType,
		before: was,
		after: now,
		changedEntitlements,
		customer: customerItem(after, withLicenseId),
	});
}

/** Read the changes → PATCH the customer → the item comparing before and after. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { type, changes } = readChanges(this, itemIndex);
	const before = await resolveCustomer(this, itemIndex);
	checkTestLicenseExpiry(
		this,
		itemIndex,
		type,
		changes.expiresAt === undefined ? before.expiresAt : changes.expiresAt,
	);
	// Step 2. PATCH, never PUT: PUT resets every field it is not given (API.md §1.6).
	const after = await patchCustomer(this, before.id, patchBody(this, itemIndex, changes, before));
	return [{ json: conversionItem(before, after, licenseIdWanted(this, itemIndex)) }];
}

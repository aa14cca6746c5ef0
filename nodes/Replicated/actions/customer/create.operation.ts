import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { z } from 'zod/v4';

import {
	createCustomer,
	findCustomerByCustomId,
	getCustomer,
	patchCustomer,
} from '../../api/customers';
import { type ApiCustomer, customerItem } from '../../schemas/customer';
import { type LicenseType, toApiLicenseType } from '../../schemas/license-type';
import { appLocator, toJson } from '../shared';
import {
	checkTestLicenseExpiry,
	type EntitlementInput,
	entitlementValues,
	expiryDate,
	invalid,
	licenseType,
	requireText,
} from '../validate';
import {
	entitlementValuesField,
	installOptionFields,
	licenseTypeOptions,
	PATCH_ONLY_OPTIONS,
} from './fields';
import { ensureInvited, ensurePortalAccess, type InviteResult } from './invite';
import { patchBody } from './patch';
import { productTerms, productTermsField, withProductEntitlements } from './product-terms';
import { licenseIdWanted } from '../license-id-option';
import { createdCustomerSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';
import { given, param, text, toggle } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	description:
		'Create a customer and its license; finds the existing one when the Custom ID is already used',
	action: 'Create a customer',
};

export const output = createdCustomerSchema;

const show = { resource: ['customer'], operation: ['create'] };

/** Changes Replicated: refused as an AI tool unless Allow Writes as a Tool is on. */
export const writes = true;

export const description: INodeProperties[] = [
	appLocator('customer', ['create']),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Acme Corp',
		description: 'Customer name as shown in the Vendor Portal',
		displayOptions: { show },
	},
	{
		displayName: 'Custom ID',
		name: 'customId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 0015g00000XyZ12AAB',
		description:
			"Your CRM's ID for this customer (Salesforce Account ID, HubSpot company ID, Attio record ID). It is the join key between Replicated and the CRM, and it makes this step safe to retry: a customer that already has this Custom ID is found instead of created twice.",
		hint: 'Strongly recommended: the CRM record ID',
		displayOptions: { show },
	},
	{
		displayName: 'If Custom ID Exists',
		name: 'onExisting',
		type: 'options',
		default: 'return',
		description: 'What to do when the app already has a customer with this Custom ID',
		options: [
			{ name: 'Return It', value: 'return', description: 'Output the existing customer unchanged' },
			{
				name: 'Update It',
				value: 'update',
				description: 'Apply the fields above to the existing customer (PATCH)',
			},
			{ name: 'Fail', value: 'fail', description: 'Stop with an error' },
		],
		// Beside the field it depends on, and only once it has a value.
		displayOptions: { show: { ...show, customId: [{ _cnd: { exists: true } }] } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description:
			"The customer's contact email. Needed for Helm installs and for an Enterprise Portal invite.",
		displayOptions: { show },
	},
	{
		displayName: 'License Type',
		name: 'licenseType',
		type: 'options',
		options: licenseTypeOptions,
		default: 'trial',
		displayOptions: { show },
	},
	{
		displayName: 'Channel Name or ID',
		name: 'channelId',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getChannelsOrAppDefault',
			loadOptionsDependsOn: ['appId.value'],
		},
		default: '',
		description:
			'Release channel the customer installs from; empty for the app\'s default channel. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	{
		displayName: 'Expires At',
		name: 'expiresAt',
		type: 'dateTime',
		default: '',
		description: 'When the license expires. Leave empty for a license that never expires.',
		displayOptions: { show },
	},
	{
		displayName:
			"This trial never expires. Set Expires At to when it should end, for example with the expression $now.plus(30, 'days').",
		name: 'trialNeverExpiresNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, licenseType: ['trial'], expiresAt: [''] } },
	},
	{
		...entitlementValuesField('entitlements', 'Entitlement Values', 'appId.value'),
		displayOptions: { show },
	},
	{
		displayName: 'Send Enterprise Portal Invite',
		name: 'sendInvite',
		type: 'boolean',
		default: false,
		description:
			"Whether to invite the email to the customer's Enterprise Portal after creating it (skipped if already invited)",
		displayOptions: { show },
	},
	{
		displayName: 'Install Options',
		name: 'installOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description: 'Install types and features this license enables',
		options: installOptionFields(),
		displayOptions: { show },
	},
	productTermsField(show),
];

/** Customer → Create's parameters: checked by the validators their error texts come from. */
const params = {
	appId: param(given, 'App', { fallback: '', locator: true }),
	name: param(given, 'Name'),
	customId: param(text, 'Custom ID', { fallback: '' }),
	email: param(text, 'Email', { fallback: '' }),
	licenseType: param(given, 'License Type'),
	channelId: param(text, 'Channel Name or ID', { fallback: '' }),
	expiresAt: param(given, 'Expires At', { fallback: '' }),
	entitlements: param(given, 'Entitlement Values', { fallback: {} }),
	sendInvite: param(toggle, 'Send Enterprise Portal Invite', { fallback: false }),
	// 'fail' and 'update' as they say; anything else returns the existing customer.
	onExisting: param(z.string(), 'If Custom ID Exists', { fallback: 'return' }),
	installOptions: param(z.record(z.string(), z.boolean()), 'Install Options', { fallback: {} }),
};

/** The customer to create, checked before any request. */
interface CreateInput {
	appId: string;
	name: string;
	customId: string;
	email: string;
	type: LicenseType;
	channelId: string;
	expiresAt: string | null;
	entitlements: EntitlementInput[];
	sendInvite: boolean;
	onExisting: string;
	installOptions: Record<string, boolean>;
}

/** Step 1: the parameters, checked (the Map Products terms merged in, the email fit to invite). */
function readInput(ctx: IExecuteFunctions, itemIndex: number): CreateInput {
	const p = readParams(ctx, itemIndex, params);
	const appId = requireText(ctx, itemIndex, 'App', p.appId);
	const name = requireText(ctx, itemIndex, 'Name', p.name);
	const type = licenseType(ctx, itemIndex, p.licenseType);
	const expiresAt = p.expiresAt ? expiryDate(ctx, itemIndex, p.expiresAt) : null;
	const terms = productTerms(ctx, itemIndex);
	const entitlements = withProductEntitlements(
		terms,
		entitlementValues(ctx, itemIndex, p.entitlements),
	);
	const installOptions = { ...terms.installOptions, ...p.installOptions };
	checkTestLicenseExpiry(ctx, itemIndex, type, expiresAt);
	checkEmail(ctx, itemIndex, p.email, p.sendInvite);
	const { customId, email, channelId, sendInvite, onExisting } = p;
	return {
		appId,
		name,
		customId,
		email,
		type,
		channelId,
		expiresAt,
		entitlements,
		sendInvite,
		onExisting,
		installOptions,
	};
}

function checkEmail(ctx: IExecuteFunctions, itemIndex: number, email: string, invite: boolean) {
	if (invite && !email) {
		throw invalid(
			ctx,
			itemIndex,
			'Email',
			'is needed to send an Enterprise Portal invite',
			'Enter the email to invite, or turn off Send Enterprise Portal Invite.',
		);
	}
	if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		throw invalid(
			ctx,
			itemIndex,
			'Email',
			`"${email}" is not an email address`,
			'Enter an address such as name@company.com.',
		);
	}
}

type Outcome = 'created' | 'found' | 'updated';

/**
 * Step 2: the customer that already has this Custom ID, returned or updated as If Custom ID Exists
 * says (or an error); null when there is none, or no Custom ID.
 */
async function onExisting(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: CreateInput,
): Promise<{ customer: ApiCustomer; outcome: Outcome } | null> {
	const { appId, customId } = input;
	const customer = customId
		? await findCustomerByCustomId(ctx, customId, { appId, includeArchived: true })
		: null;
	if (!customer) return null;
	if (input.onExisting === 'fail') {
		throw new NodeOperationError(
			ctx.getNode(),
			`A customer with Custom ID "${customId}" already exists: ${customer.name} (${customer.id})`,
			{
				itemIndex,
				description:
					'Choose "Return It" or "Update It" under "If Custom ID Exists" to continue with the existing customer.',
			},
		);
	}
	if (input.onExisting !== 'update') return { customer, outcome: 'found' };
	const body = patchBody(
		ctx,
		itemIndex,
		{
			name: input.name,
			email: input.email || undefined,
			licenseType: input.type,
			expiresAt: input.expiresAt,
			channelId: input.channelId || undefined,
			setEntitlements: input.entitlements,
			installOptions: input.installOptions,
		},
		customer,
	);
	return { customer: await patchCustomer(ctx, customer.id, body), outcome: 'updated' };
}

/** Step 3: a new customer (POST), then the install options only a PATCH sets. */
async function createNew(ctx: IExecuteFunctions, input: CreateInput): Promise<ApiCustomer> {
	const { name, appId, type, channelId, customId, email, expiresAt, entitlements } = input;
	const createOptions = Object.entries(input.installOptions).filter(
		([field]) => !PATCH_ONLY_OPTIONS.includes(field),
	);
	const body: IDataObject = {
		name,
		app_id: appId,
		type: toApiLicenseType(type),
		...(channelId ? { channel_id: channelId } : {}),
		...(customId ? { custom_id: customId } : {}),
		...(email ? { email } : {}),
		...(expiresAt ? { expires_at: expiresAt } : {}),
		...(entitlements.length ? { entitlementValues: entitlements } : {}),
		...Object.fromEntries(createOptions),
	};
	// Not retried automatically (a create); idempotency comes from the Custom ID lookup above.
	const customer = await createCustomer(ctx, body);
	const patchOnly = Object.entries(input.installOptions).filter(([field]) =>
		PATCH_ONLY_OPTIONS.includes(field),
	);
	if (!patchOnly.length) return customer;
	return patchCustomer(ctx, customer.id, Object.fromEntries(patchOnly));
}

/** Step 4: Enterprise Portal access and the invite, then the customer as it now is. */
async function invite(
	ctx: IExecuteFunctions,
	input: CreateInput,
	found: ApiCustomer,
): Promise<{ customer: ApiCustomer; invite: InviteResult }> {
	let customer = await ensurePortalAccess(ctx, found);
	const result = await ensureInvited(ctx, input.appId, customer.id, input.email);
	// The invite has gone out: the item must not fail now, so a failed re-read keeps what we have.
	if (result.status === 'invited')
		customer = await getCustomer(ctx, customer.id).catch(() => customer);
	return { customer, invite: result };
}

/** Read input → on existing (by Custom ID) → create (+ PATCH options) → invite. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const input = readInput(this, itemIndex);
	const existing = await onExisting(this, itemIndex, input);
	let customer = existing?.customer ?? (await createNew(this, input));
	const outcome: Outcome = existing?.outcome ?? 'created';
	let invited: InviteResult | undefined;
	if (input.sendInvite) ({ customer, invite: invited } = await invite(this, input, customer));
	const item = customerItem(customer, licenseIdWanted(this, itemIndex));
	return [{ json: toJson({ ...item, outcome, ...(invited ? { invite: invited } : {}) }) }];
}

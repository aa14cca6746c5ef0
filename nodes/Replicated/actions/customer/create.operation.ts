import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import {
	createCustomer,
	findCustomerByCustomId,
	getCustomer,
	patchCustomer,
} from '../../api/customers';
import { customerItem } from '../../schemas/customer';
import { toApiLicenseType } from '../../schemas/license-type';
import { appLocator, toJson } from '../shared';
import {
	checkTestLicenseExpiry,
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
import { ensureInvited, ensurePortalAccess } from './invite';
import { patchBody } from './patch';
import { productTerms, productTermsField, withProductEntitlements } from './product-terms';
import { licenseIdWanted } from '../license-id-option';

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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const appId = requireText(
		this,
		itemIndex,
		'App',
		this.getNodeParameter('appId', itemIndex, '', { extractValue: true }),
	);
	const name = requireText(this, itemIndex, 'Name', this.getNodeParameter('name', itemIndex));
	const customId = String(this.getNodeParameter('customId', itemIndex, '') ?? '').trim();
	const email = String(this.getNodeParameter('email', itemIndex, '') ?? '').trim();
	const type = licenseType(this, itemIndex, this.getNodeParameter('licenseType', itemIndex));
	const channelId = String(this.getNodeParameter('channelId', itemIndex, '') ?? '').trim();
	const rawExpiry = this.getNodeParameter('expiresAt', itemIndex, '');
	const expiresAt = rawExpiry ? expiryDate(this, itemIndex, rawExpiry) : null;
	const terms = productTerms(this, itemIndex);
	const entitlements = withProductEntitlements(
		terms,
		entitlementValues(this, itemIndex, this.getNodeParameter('entitlements', itemIndex, {})),
	);
	const sendInvite = this.getNodeParameter('sendInvite', itemIndex, false) as boolean;
	const onExisting = this.getNodeParameter('onExisting', itemIndex, 'return') as string;
	const installOptions = {
		...terms.installOptions,
		...(this.getNodeParameter('installOptions', itemIndex, {}) as Record<string, boolean>),
	};
	checkTestLicenseExpiry(this, itemIndex, type, expiresAt);
	if (sendInvite && !email) {
		throw invalid(
			this,
			itemIndex,
			'Email',
			'is needed to send an Enterprise Portal invite',
			'Enter the email to invite, or turn off Send Enterprise Portal Invite.',
		);
	}
	if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		throw invalid(
			this,
			itemIndex,
			'Email',
			`"${email}" is not an email address`,
			'Enter an address such as name@company.com.',
		);
	}

	let outcome: 'created' | 'found' | 'updated' = 'created';
	let customer = customId
		? await findCustomerByCustomId(this, customId, { appId, includeArchived: true })
		: null;
	if (customer) {
		if (onExisting === 'fail') {
			throw new NodeOperationError(
				this.getNode(),
				`A customer with Custom ID "${customId}" already exists: ${customer.name} (${customer.id})`,
				{
					itemIndex,
					description:
						'Choose "Return It" or "Update It" under "If Custom ID Exists" to continue with the existing customer.',
				},
			);
		}
		if (onExisting === 'update') {
			const body = patchBody(
				this,
				itemIndex,
				{
					name,
					email: email || undefined,
					licenseType: type,
					expiresAt,
					channelId: channelId || undefined,
					setEntitlements: entitlements,
					installOptions,
				},
				customer,
			);
			customer = await patchCustomer(this, customer.id, body);
			outcome = 'updated';
		} else {
			outcome = 'found';
		}
	} else {
		const createOptions = Object.entries(installOptions).filter(
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
		customer = await createCustomer(this, body);
		const patchOnly = Object.entries(installOptions).filter(([field]) =>
			PATCH_ONLY_OPTIONS.includes(field),
		);
		if (patchOnly.length) {
			customer = await patchCustomer(this, customer.id, Object.fromEntries(patchOnly));
		}
	}

	if (sendInvite) customer = await ensurePortalAccess(this, customer);
	const invite = sendInvite ? await ensureInvited(this, appId, customer.id, email) : undefined;
	// The invite has gone out: the item must not fail now, so a failed re-read keeps what we have.
	if (invite?.status === 'invited')
		customer = await getCustomer(this, customer.id).catch(() => customer!);
	const item = customerItem(customer, licenseIdWanted(this, itemIndex));
	return [{ json: toJson({ ...item, outcome, ...(invite ? { invite } : {}) }) }];
}

import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { listApps } from '../../api/apps';
import { licenseFromProducts, MappingError } from '../../fulfillment/product-mapping';
import {
	type LicenseTermsItem,
	licenseTermsItemSchema,
	type ProductLine,
	productLineSchema,
} from '../../schemas/product-line';
import { INSTALL_OPTIONS, licenseTypeOptions } from '../customer/fields';
import { toJson } from '../shared';
import { licenseType } from '../validate';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Map Products',
	value: 'mapProducts',
	description:
		"The license a deal's products buy: app, channel, license type, expiry from the contract, install options and entitlements (add-ons added to the base product)",
	action: 'Map products to a license',
};

export const output = licenseTermsItemSchema;

const show = { resource: ['license'], operation: ['mapProducts'] };
const DOCS =
	'https://github.com/n8n-nodes-replicated/n8n-nodes-replicated/blob/main/docs/product-mapping.md';

export const description: INodeProperties[] = [
	{
		displayName: 'Line Items',
		name: 'lineItems',
		type: 'json',
		default: '[]',
		required: true,
		description:
			'The deal\'s line items with their products\' Replicated fields: product, quantity, isAddOn, app, channel, licenseType, termMonths, installOptions, entitlements, quantityEntitlement. <a href="https://github.com/n8n-nodes-replicated/n8n-nodes-replicated/blob/main/docs/product-mapping.md">How products map to a license</a>.',
		hint: "Usually an expression that gives the deal's line items as an array",
		displayOptions: { show },
	},
	{
		displayName: 'Contract End',
		name: 'contractEnd',
		type: 'dateTime',
		default: '',
		description: 'The license expiry. Empty: the base product’s term from the contract start.',
		displayOptions: { show },
	},
	{
		displayName: 'Contract Start',
		name: 'contractStart',
		type: 'dateTime',
		default: '',
		description:
			'With the base product’s term (termMonths) when there is no contract end: the license expires at the end of the term’s last month',
		displayOptions: { show },
	},
	{
		displayName: 'Default License Type',
		name: 'licenseType',
		type: 'options',
		options: licenseTypeOptions,
		default: 'paid',
		description: 'For a base product that names no license type',
		displayOptions: { show },
	},
];

function lines(ctx: IExecuteFunctions, itemIndex: number): ProductLine[] {
	let value: unknown = ctx.getNodeParameter('lineItems', itemIndex, []);
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value || '[]');
		} catch {
			throw new NodeOperationError(ctx.getNode(), 'Line Items is not valid JSON', {
				itemIndex,
				description: 'Give an array of line items, e.g. {{ $json.lineItems }}.',
			});
		}
	}
	if (!Array.isArray(value) || !value.length) {
		throw new NodeOperationError(ctx.getNode(), 'Line Items: no line items', {
			itemIndex,
			description: 'Give the deal’s line items as an array (one object per line item).',
		});
	}
	return value.map((line, i) => {
		const parsed = productLineSchema.safeParse(line);
		if (parsed.success) return parsed.data;
		const issue = parsed.error.issues[0];
		const field = issue.path.join('.');
		throw new NodeOperationError(
			ctx.getNode(),
			`Line Items #${i + 1}${field ? ` "${field}"` : ''}: ${issue.message}`,
			{ itemIndex, description: `How products map to a license: ${DOCS}` },
		);
	});
}

const dateParameter = (ctx: IExecuteFunctions, name: string, itemIndex: number) =>
	String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim() || undefined;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	let terms;
	try {
		terms = licenseFromProducts({
			lines: lines(this, itemIndex),
			contractEnd: dateParameter(this, 'contractEnd', itemIndex),
			contractStart: dateParameter(this, 'contractStart', itemIndex),
			defaultLicenseType: licenseType(
				this,
				itemIndex,
				this.getNodeParameter('licenseType', itemIndex, 'paid'),
				'Default License Type',
			),
			installOptionFields: INSTALL_OPTIONS.map((o) => o.field),
		});
	} catch (error) {
		if (!(error instanceof MappingError))
			throw new NodeOperationError(this.getNode(), error as Error);
		throw new NodeOperationError(this.getNode(), error.message, {
			itemIndex,
			description: error.hint,
		});
	}
	const type = licenseType(
		this,
		itemIndex,
		terms.licenseType,
		`"${terms.baseProduct}" licenseType`,
	);
	// Products name the app and channel as people do (slug, name): Create and Convert need IDs.
	const apps = await listApps(this);
	const app = apps.find((a) => a.id === terms.app || a.slug === terms.app);
	if (!app) {
		throw new NodeOperationError(this.getNode(), `No Replicated app "${terms.app}"`, {
			itemIndex,
			description: `"${terms.baseProduct}" names it. Apps this token sees: ${apps.map((a) => `${a.slug} (${a.id})`).join(', ') || 'none'}.`,
		});
	}
	const wanted = terms.channel?.toLowerCase();
	const channel = wanted
		? (app.channels ?? []).find(
				(c) =>
					c.id === terms.channel || c.name.toLowerCase() === wanted || c.channelSlug === wanted,
			)
		: null;
	if (wanted && !channel) {
		throw new NodeOperationError(this.getNode(), `${app.name} has no channel "${terms.channel}"`, {
			itemIndex,
			description: `"${terms.baseProduct}" names it. Channels: ${(app.channels ?? []).map((c) => c.name).join(', ')}.`,
		});
	}
	const item: LicenseTermsItem = {
		...terms,
		licenseType: type,
		app: { id: app.id, name: app.name, slug: app.slug },
		channel: channel ? { id: channel.id, name: channel.name } : null,
	};
	return [{ json: toJson(item) }];
}

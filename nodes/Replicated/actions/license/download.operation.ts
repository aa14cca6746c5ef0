import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import type { ApiCustomer } from '../../schemas/customer';
import { downloadLicenseFile } from '../../api/licenses';
import { asNodeError } from '../../transport';
import { customerLocator } from '../customer/fields';
import { licensedCustomer } from './licensed-customer';
import { licenseFileItemSchema } from '../../schemas/install';
import type { OperationOption } from '../operation';
import { collection, param, text } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Download',
	value: 'download',
	description:
		"The customer's license file (YAML) as binary data, to attach to an email or a CRM record",
	action: 'Download a license file',
};

export const output = licenseFileItemSchema;

const show = { resource: ['license'], operation: ['download'] };

export const description: INodeProperties[] = [
	customerLocator(show),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the license file in. Files already on the item are kept.',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. acme-license.yaml',
				description:
					'Name of the license file (e.g. for an email attachment). Default: the customer and app, as in "acme-corp-my-app-license.yaml".',
			},
		],
	},
];

/**
 * Refused as an AI tool: the file is the license itself (its ID, the registry password, inside),
 * and n8n passes a tool's files to no model, so a tool could only fetch a secret for nobody.
 */
export const notATool =
	"The license file holds the license ID, the customer's registry password: it is for a workflow to send, never for a model. Use License → Download in a workflow (e.g. after a person approves).";

/** Lower-case words joined by dashes, accents dropped: a file name any system accepts. */
function fileWord(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.trim()
		.toLowerCase()
		.replace(/[\s_-]+/g, '-');
}

export function licenseFileName(customerName: string, appSlug: string | null): string {
	const words = [fileWord(customerName), appSlug ? fileWord(appSlug) : ''].filter(Boolean);
	return `${[...words, 'license'].join('-')}.yaml`;
}

/** A body that cannot be a license file: better an error than a broken attachment to a customer. */
function notALicense(bytes: Buffer): string | null {
	const text = bytes.toString('utf8').trimStart();
	if (!text) return 'an empty file';
	if (text.startsWith('<')) return 'an HTML page';
	return null;
}

/**
 * Replicated's own client (replicated-lib src/customers.ts) ignores a 403 on license-download "as
 * we could be using a trial license (on builders plan)": a plan limit, not a bad token. So the
 * error quotes Replicated's reason rather than the generic 403 advice about the token.
 */
function refused(ctx: IExecuteFunctions, customer: ApiCustomer, error: NodeApiError): NodeApiError {
	// apiError() keeps Replicated's own message (token redacted) in the error response.
	const reason = String(error.errorResponse?.message ?? 'Forbidden');
	return new NodeApiError(
		ctx.getNode(),
		{ status: 403, message: reason },
		{
			httpCode: '403',
			message: `Replicated refused the license file of ${customer.name}: ${reason}`,
			description:
				"Replicated's own client treats a 403 on license download as a plan limit (a trial or Builders plan may not include license files): check the team's plan in the Vendor Portal. If it does include them, the API token's role needs access to this app's licenses.",
		},
	);
}

async function download(ctx: IExecuteFunctions, customer: ApiCustomer, appId: string) {
	try {
		return await downloadLicenseFile(ctx, appId, customer.id);
	} catch (caught) {
		const error = asNodeError(ctx.getNode(), caught);
		if (error instanceof NodeApiError && error.httpCode === '403')
			throw refused(ctx, customer, error);
		// Whether Replicated serves an archived customer's license is not documented: if it refuses,
		// say what would make it work.
		if (customer.isArchived && error instanceof NodeApiError) {
			error.description = [
				error.description,
				`${customer.name} is archived: unarchive the customer first (Customer → Unarchive).`,
			]
				.filter(Boolean)
				.join(' ');
		}
		throw error;
	}
}

const params = {
	options: param(collection({ fileName: z.string().optional() }), 'Options', { fallback: {} }),
	binaryPropertyName: param(text, 'Put Output File in Field', { fallback: 'data' }),
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { customer, item, appId, channel } = await licensedCustomer(
		this,
		itemIndex,
		'A license file',
	);
	const file = await download(this, customer, appId);
	const problem = notALicense(file.bytes);
	if (problem) {
		throw new NodeOperationError(
			this.getNode(),
			`Replicated answered the license download with ${problem}`,
			{
				itemIndex,
				description:
					'Check the API Base URL in the Replicated credential: it must point at the Vendor API (https://api.replicated.com/vendor).',
			},
		);
	}
	const { options, binaryPropertyName } = readParams(this, itemIndex, params);
	const fileName = options.fileName?.trim() || licenseFileName(customer.name, channel.appSlug);
	const property = binaryPropertyName || 'data';
	const binary = await this.helpers.prepareBinaryData(file.bytes, fileName, file.contentType);
	// As HTTP Request does: files made earlier in the flow (the install instructions) stay on the
	// item, so one email or CRM upload can take them all.
	const incoming = this.getInputData()[itemIndex]?.binary ?? {};
	return [
		{
			json: {
				customerId: customer.id,
				customId: item.customId,
				name: customer.name,
				email: item.email,
				licenseType: item.licenseType,
				expiresAt: item.expiresAt,
				appId,
				appSlug: channel.appSlug,
				channel: item.channel?.name ?? null,
				isArchived: item.isArchived,
				fileName,
				fileSize: file.bytes.length,
			},
			binary: { ...incoming, [property]: binary },
		},
	];
}

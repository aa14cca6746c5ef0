import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { ExportFormatError } from '../../export/format-error';
import { typedRows } from '../../export/typed-rows';
import { openInstanceExport } from '../../api/instances';
import { asNodeError } from '../../transport';
import { customIdsOf, listAppCustomers } from '../customer/app-customers';
import { appLocator, toJson } from '../shared';
import { showOutputHint } from '../output-hints';
import {
	CHANNEL_FILTER,
	CUSTOMER_IDS_FILTER,
	customerFilterQuery,
	customerFiltersSchema,
	LICENSE_TYPE_FILTER,
} from './export-filters';
import { instanceRowSchema } from '../../schemas/instance-row';
import type { OperationOption } from '../operation';
import { param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Export',
	value: 'export',
	description:
		'Export every instance of an app with its customer, version, status and custom metrics (CSV or JSON, any size)',
	action: 'Export instance data',
};

export const output = instanceRowSchema;

const show = { resource: ['instance'], operation: ['export'] };

export const description: INodeProperties[] = [
	appLocator('instance', ['export']),
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		default: 'csv',
		options: [
			{
				name: 'CSV',
				value: 'csv',
				description: "The documented form: one column per field of Replicated's data dictionary",
			},
			{
				name: 'JSON',
				value: 'json',
				description:
					'Replicated does not document its shape: read as a list of rows named like the CSV columns, or of customers with their instances (one item per instance)',
			},
		],
		description: 'The format Replicated exports in (and of the file, when output as a file)',
		displayOptions: { show },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'items',
		options: [
			{
				name: 'Items',
				value: 'items',
				description:
					"One item per instance row, typed, with the customer's Custom ID (the CRM join key) joined from the customer list",
			},
			{
				name: 'File',
				value: 'binary',
				description:
					"Replicated's export file as is, streamed to storage (for a warehouse load). It has no Custom ID column: join on customer_id, or use Items, which carry customId.",
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { ...show, output: ['binary'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show },
		options: [
			CHANNEL_FILTER,
			CUSTOMER_IDS_FILTER,
			{
				displayName: 'Include Active Instances',
				name: 'includeActive',
				type: 'boolean',
				default: true,
				description: 'Whether to include instances that checked in within the last 24 hours',
			},
			{
				displayName: 'Include Archived Customers',
				name: 'includeArchivedCustomers',
				type: 'boolean',
				default: false,
				description: 'Whether to include instances of archived customers',
			},
			{
				displayName: 'Include Archived Instances',
				name: 'includeArchivedInstances',
				type: 'boolean',
				default: false,
				description: 'Whether to include archived instances',
			},
			{
				displayName: 'Include Inactive Instances',
				name: 'includeInactive',
				type: 'boolean',
				default: true,
				description: 'Whether to include instances that have not checked in for 24 hours',
			},
			LICENSE_TYPE_FILTER,
			{
				displayName: 'Max Rows',
				name: 'maxRows',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Stop after this many rows (items output only); 0 for all',
			},
		],
	},
];

const params = {
	appId: param(z.string(), 'App', { fallback: '', locator: true }),
	format: param(z.enum(['csv', 'json']), 'Format'),
	// 'binary', or items for any other value.
	output: param(z.string(), 'Output'),
	filters: param(
		customerFiltersSchema.extend({
			includeArchivedCustomers: z.boolean().optional(),
			includeArchivedInstances: z.boolean().optional(),
			includeActive: z.boolean().optional(),
			includeInactive: z.boolean().optional(),
			maxRows: z.number().optional(),
		}),
		'Filters',
		{ fallback: {} },
	),
};

type ExportFilters = z.output<typeof params.filters.schema>;

/**
 * The note for an export with no rows, saying why it may be empty: which of the filters narrow it
 * (DOCS instance-data-export.md: a filter "for an ID that does not exist ... an empty array is
 * returned", no warning), and what is left out by default.
 */
function emptyExportHint(filters: ExportFilters): string {
	const narrowing = [
		filters.channelName?.trim() && 'Channel Name or ID',
		filters.customerIds?.trim() && 'Customer IDs',
		filters.licenseType && 'License Type',
		filters.includeActive === false && 'Include Active Instances off',
		filters.includeInactive === false && 'Include Inactive Instances off',
	].filter(Boolean);
	const unknownIds = filters.customerIds?.trim()
		? ' A customer ID Replicated does not know gives no rows, not an error.'
		: '';
	const why = narrowing.length
		? `Filters in effect: ${narrowing.join(', ')}.${unknownIds}`
		: 'An instance is listed once it has reported to Replicated: an app nobody has installed yet has none.';
	const archived =
		filters.includeArchivedCustomers && filters.includeArchivedInstances
			? ''
			: ' Instances of archived customers, and archived instances, are left out unless Include Archived Customers and Include Archived Instances are on.';
	return `Replicated's export of this app has no instance rows. ${why}${archived}`;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { appId, format, output, filters } = readParams(this, itemIndex, params);
	// Both include flags always sent: Replicated documents no default for them.
	const qs: IDataObject = {
		IncludeActive: String(filters.includeActive ?? true),
		IncludeInactive: String(filters.includeInactive ?? true),
		IncludeArchivedCustomers: String(filters.includeArchivedCustomers ?? false),
		IncludeArchivedInstances: String(filters.includeArchivedInstances ?? false),
		...(await customerFilterQuery(this, itemIndex, appId, filters)),
	};

	if (output === 'binary') {
		const download = await openInstanceExport(this, appId, format, qs);
		const propertyName =
			String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')) || 'data';
		const binary = await this.helpers.prepareBinaryData(
			download.stream as unknown as Parameters<typeof this.helpers.prepareBinaryData>[0],
			download.fileName,
			download.contentType.split(';')[0],
		);
		return [
			{ json: { appId, format, fileName: download.fileName }, binary: { [propertyName]: binary } },
		];
	}

	// The export has no Custom ID column: joined from the customer list, read once beside it.
	const [customers, download] = await Promise.all([
		listAppCustomers(this, appId),
		openInstanceExport(this, appId, format, qs),
	]);
	const customIds = customIdsOf(customers);
	const max = filters.maxRows && filters.maxRows > 0 ? filters.maxRows : Infinity;
	const out: INodeExecutionData[] = [];
	try {
		for await (const row of typedRows(download.stream, format)) {
			if (row.customId === null && row.customerId !== null)
				row.customId = customIds.get(row.customerId) ?? null;
			out.push({ json: toJson(row) });
			if (out.length >= max) {
				download.stream.destroy();
				break;
			}
		}
	} catch (error) {
		if (!(error instanceof ExportFormatError)) throw asNodeError(this.getNode(), error);
		download.stream.destroy();
		if (format === 'csv')
			throw new NodeOperationError(
				this.getNode(),
				`Replicated's CSV export could not be read: ${error.message}`,
				{
					itemIndex,
					description:
						'Check the API Base URL in the Replicated credential (a proxy or another server may be answering), or choose Output: File to keep the export as it came.',
				},
			);
		throw new NodeOperationError(
			this.getNode(),
			`Replicated's JSON export came in a shape this node does not read: ${error.message}`,
			{
				itemIndex,
				description:
					"Choose Format: CSV, the form Replicated documents (one column per field of its data dictionary). The JSON export's shape is not documented.",
			},
		);
	}
	// Noted above the output: an empty export, and why it may be.
	if (!out.length) showOutputHint(this, emptyExportHint(filters));
	return out;
}

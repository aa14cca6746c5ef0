import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { EventDigest } from '../../insights/health/event-digest';
import { scoreCustomers } from '../../insights/health/score';
import {
	customerHealthSchema,
	type HealthRow,
	type HealthThresholds,
	healthThresholdsSchema,
	RISK_LEVELS,
} from '../../schemas/health';
import {
	CHANNEL_FILTER,
	CUSTOMER_IDS_FILTER,
	customerFilterQuery,
	customerFiltersSchema,
	LICENSE_TYPE_FILTER,
} from '../instance/export-filters';
import { type ApiCustomer, customerItem } from '../../schemas/customer';
import { appLocator, toJson } from '../shared';
import {
	type CustomerScope,
	customIdsOf,
	inScope,
	listAppCustomers,
	rowWithoutInstance,
} from '../customer/app-customers';
import { USAGE_LIMITS, usageLimits, usageLimitsSchema } from './fields';
import { type Skip, warnSkipped } from '../skipped';
import { invalid } from '../validate';
import { channelReleases } from '../../api/channels';
import { eventDigest, exportedRows, healthRowOrSkip, versionHistories } from './health-data';
import type { OperationOption } from '../operation';
import { collection, param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Score Customers',
	value: 'scoreCustomers',
	description:
		'Health per customer from its instances: versions behind, check-ins, app status, air-gap cadence, metric trends, license expiry; a risk level with reasons, and expansion signals',
	action: 'Score customer health',
};

export const output = customerHealthSchema;

const show = { resource: ['insight'], operation: ['scoreCustomers'] };
const DAY = 86_400_000;

export const description: INodeProperties[] = [
	appLocator('insight', ['scoreCustomers']),
	{
		displayName: 'Instances From',
		name: 'source',
		type: 'options',
		default: 'export',
		options: [
			{
				name: 'Instance Export',
				value: 'export',
				description:
					"This operation exports the app's instances itself; customers in scope with no instance are scored too",
			},
			{
				name: 'Input Items',
				value: 'input',
				description:
					'The items of a previous Instance → Export node (or rows with the same columns), all scored together. Only customers with a row are scored.',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show: { ...show, source: ['export'] } },
		options: [CHANNEL_FILTER, CUSTOMER_IDS_FILTER, LICENSE_TYPE_FILTER],
	},
	{
		displayName: 'Thresholds',
		name: 'thresholds',
		type: 'collection',
		placeholder: 'Change a threshold',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Air-Gap Report Days',
				name: 'airgapReportDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 45,
				description:
					'Days without a new bundle or report from an air-gapped instance before the customer is at risk',
			},
			{
				displayName: 'Check-In Days',
				name: 'checkInDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description:
					'Days without a check-in from an online instance before it counts as silent (instances check in every 4 hours, so 1 day = 6 missed check-ins). All online instances silent = at risk; some = watch.',
			},
			{
				displayName: 'Entitlement Usage %',
				name: 'entitlementUsagePct',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 80,
				description: 'Usage at this percentage of an entitlement limit is an expansion signal',
			},
			{
				displayName: 'License Expiry Days',
				name: 'licenseExpiryDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description:
					'Days before the license expires when the customer goes on watch (expired = at risk)',
			},
			{
				displayName: 'Metric Decline %',
				name: 'metricDeclinePct',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 20,
				description:
					'A custom metric falling by this percentage over the window puts the customer on watch',
			},
			{
				displayName: 'Metric Growth %',
				name: 'metricGrowthPct',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 20,
				description:
					'A custom metric rising by this percentage over the window is an expansion signal',
			},
			{
				displayName: 'New Instances',
				name: 'newInstances',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description:
					'New instances within the window (for a customer that already had instances) that signal expansion',
			},
			{
				displayName: 'Unhealthy Hours',
				name: 'unhealthyHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 24,
				description:
					'Hours an active instance may stay degraded, unavailable or missing before the customer is at risk (shorter = watch)',
			},
			{
				displayName: 'Versions Behind',
				name: 'versionsBehind',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 3,
				description:
					"Releases behind the channel's newest that put the customer on watch (twice as many = at risk)",
			},
			{
				displayName: 'Window Days',
				name: 'windowDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description: 'The period, in days, over which metric trends and new instances are measured',
			},
		],
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
				displayName: 'Read Customer List',
				name: 'customIds',
				type: 'boolean',
				default: true,
				description:
					"Whether to read the app's customer list (one request per 100 customers). It gives each customer's Custom ID (the CRM join key: the export has no such column) and, with Instances From: Instance Export, the customers that have no instance and so no export row (finding no_instances). Off: customers with instances only, without Custom IDs.",
			},
			{
				displayName: 'Metric Trends',
				name: 'metricTrends',
				type: 'boolean',
				default: true,
				description:
					"Whether to read the instance event series over the window, for custom-metric trends and how long an instance has been in its app status (one streamed request). Off: only the export's latest values.",
			},
			{
				displayName: 'Output',
				name: 'riskLevels',
				type: 'multiOptions',
				default: [...RISK_LEVELS],
				options: [
					{ name: 'At Risk', value: 'at risk' },
					{ name: 'Healthy', value: 'healthy' },
					{ name: 'Watch', value: 'watch' },
				],
				description: 'Which customers to output, by risk level',
			},
			{
				displayName: 'Upgrade Velocity',
				name: 'upgradeVelocity',
				type: 'boolean',
				default: false,
				description:
					"Whether to measure the median days from a release reaching the channel to an instance running it, from each instance's version history (one request per customer)",
			},
			USAGE_LIMITS,
		],
	},
];

/** Score Customers' parameters (Thresholds are checked by thresholdsOf, naming the threshold). */
const params = {
	appId: param(z.string(), 'App', { fallback: '', locator: true }),
	options: param(
		collection({
			customIds: z.boolean().optional(),
			metricTrends: z.boolean().optional(),
			riskLevels: z.array(z.string()).optional(),
			upgradeVelocity: z.boolean().optional(),
			usageLimits: usageLimitsSchema,
		}),
		'Options',
		{ fallback: {} },
	),
	// Anything but 'input' reads the export (as before: the field's other value, or an older one).
	source: param(z.string(), 'Instances From'),
};
const filtersParam = { filters: param(customerFiltersSchema, 'Filters', { fallback: {} }) };

/** With input items, the operation scores them all at once, whatever the number of items. */
export function runsOnce(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter('source', 0) === 'input';
}

function thresholdsOf(ctx: IExecuteFunctions, itemIndex: number): HealthThresholds {
	const parsed = healthThresholdsSchema.safeParse(
		ctx.getNodeParameter('thresholds', itemIndex, {}),
	);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const field = description
		.find((p) => p.name === 'thresholds')
		?.options?.find((o) => 'name' in o && o.name === issue.path[0]);
	throw invalid(
		ctx,
		itemIndex,
		field && 'displayName' in field ? field.displayName : String(issue.path[0]),
		issue.message,
		'Use a positive number (whole numbers for versions behind and new instances).',
	);
}

async function exportFilters(
	ctx: IExecuteFunctions,
	itemIndex: number,
	appId: string,
): Promise<IDataObject> {
	const { filters } = readParams(ctx, itemIndex, filtersParam);
	return await customerFilterQuery(ctx, itemIndex, appId, filters);
}

/** The same filters (as exportFilters made them), as customers without instances are held to them. */
function customerScope(
	ctx: IExecuteFunctions,
	itemIndex: number,
	query: IDataObject,
): CustomerScope {
	const { filters } = readParams(ctx, itemIndex, filtersParam);
	return {
		licenseType: filters.licenseType || undefined,
		// The name the channel filter resolved to (an ID given there is one of the names no more).
		channelName: query.ChannelName ? String(query.ChannelName) : undefined,
		customerIds: query.customerIds ? String(query.customerIds).split(',') : undefined,
	};
}

/** Input items as health rows, with the input item each came from. */
function inputRows(
	ctx: IExecuteFunctions,
	skipped: Skip[],
): Array<{ row: HealthRow; item: number }> {
	return ctx.getInputData().flatMap((item, index) => {
		const row = healthRowOrSkip(item.json, `input item ${index + 1}`, skipped);
		if (!row) return [];
		if (!row.customerId)
			throw new NodeOperationError(ctx.getNode(), `Input item ${index} has no customer ID`, {
				itemIndex: index,
				description:
					'With "Instances From: Input Items", feed the items of a Replicated Instance → Export node (or rows with its customerId / customer_id column).',
			});
		return { row, item: index };
	});
}

type Sourced = Array<{ row: HealthRow; item: number }>;

/** The export's rows, and a row without instance for each listed customer in scope that has none. */
async function exportRows(
	ctx: IExecuteFunctions,
	itemIndex: number,
	appId: string,
	listed: ApiCustomer[] | undefined,
	skippedRows: Skip[],
): Promise<Sourced> {
	const rows: Sourced = [];
	const query = await exportFilters(ctx, itemIndex, appId);
	for await (const row of exportedRows(ctx, appId, query, skippedRows))
		rows.push({ row, item: itemIndex });
	// A customer who never deployed has no export row, and is the one most at risk.
	const withRows = new Set(rows.map((r) => r.row.customerId));
	const scope = customerScope(ctx, itemIndex, query);
	for (const customer of listed ?? [])
		if (!withRows.has(customer.id) && inScope(customer, scope))
			rows.push({ row: rowWithoutInstance(customerItem(customer)), item: itemIndex });
	return rows;
}

/** The releases of each channel the instances run on (for versions behind). */
async function releasesByChannel(ctx: IExecuteFunctions, appId: string, rows: HealthRow[]) {
	const channels = [
		...new Set(rows.filter((r) => r.instanceId).map((r) => r.customer_channel_id)),
	].filter(Boolean) as string[];
	const releases = new Map<string, Awaited<ReturnType<typeof channelReleases>>>();
	for (const channel of channels) releases.set(channel, await channelReleases(ctx, appId, channel));
	return releases;
}

/** The input items each customer's score pairs with. */
function itemsByCustomer(sourced: Sourced): Map<string, number[]> {
	const itemsOf = new Map<string, number[]>();
	for (const s of sourced) {
		const list = itemsOf.get(s.row.customerId!) ?? [];
		if (!list.includes(s.item)) list.push(s.item);
		itemsOf.set(s.row.customerId!, list);
	}
	return itemsOf;
}

/** Rows (export or input) → releases, events, version histories → scores at the chosen levels. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { appId, options, source } = readParams(this, itemIndex, params);
	const thresholds = thresholdsOf(this, itemIndex);
	const now = new Date();
	const windowStart = now.getTime() - thresholds.windowDays * DAY;

	const fromExport = source !== 'input';
	const skippedCustomers: Skip[] = [];
	const skippedRows: Skip[] = [];
	const listed =
		options.customIds === false ? undefined : await listAppCustomers(this, appId, skippedCustomers);
	const sourced = fromExport
		? await exportRows(this, itemIndex, appId, listed, skippedRows)
		: inputRows(this, skippedRows);
	warnSkipped(this, 'customers of the list', skippedCustomers);
	warnSkipped(this, fromExport ? 'export rows' : 'input items', skippedRows);
	const rows = sourced.map((s) => s.row);
	const customers = [...new Set(rows.filter((r) => r.instanceId).map((r) => r.customerId!))];
	const releases = await releasesByChannel(this, appId, rows);

	// A status that began before the window shows as starting with it: long enough to count.
	const events =
		options.metricTrends === false || !customers.length
			? new EventDigest(windowStart)
			: await eventDigest(
					this,
					appId,
					windowStart,
					// A few customers: ask for theirs only, not the whole fleet's points.
					customers.length <= 100 ? { customerIds: customers.join(',') } : {},
				);
	const skippedInstances: Skip[] = [];
	const histories = options.upgradeVelocity
		? await versionHistories(this, appId, customers, 4, skippedInstances)
		: undefined;
	warnSkipped(this, 'instances (for upgrade velocity)', skippedInstances);
	const ids = listed && customIdsOf(listed);

	const levels = new Set(options.riskLevels ?? RISK_LEVELS);
	const itemsOf = itemsByCustomer(sourced);
	return scoreCustomers({
		rows,
		releases,
		events,
		histories,
		customIds: ids,
		usageLimits: usageLimits(options.usageLimits),
		thresholds,
		now,
	})
		.filter((score) => levels.has(score.riskLevel))
		.map((score) => ({
			json: toJson(score),
			pairedItem: itemsOf.get(score.customerId)!.map((item) => ({ item })),
		}));
}

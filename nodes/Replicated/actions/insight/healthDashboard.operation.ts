import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { summaryEmailHtml } from '../../insights/dashboard/email';
import { renderDashboard } from '../../insights/dashboard/page';
import { onChannel, riskLevelOf } from '../../insights/dashboard/summary';
import {
	type CustomerHealth,
	customerHealthSchema,
	type HealthDashboardItem,
	healthDashboardItemSchema,
} from '../../schemas/health';
import { toJson } from '../shared';
import { nameOf, problemOf, type Skip, warnSkipped } from '../skipped';
import type { OperationOption } from '../operation';
import { collection, param, text } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Health Dashboard',
	value: 'healthDashboard',
	description:
		"Score Customers' items as one HTML page: risk distribution, at-risk and watch lists with reasons and CRM links, versions behind, check-ins, metric sparklines, license expiries; and a summary for an email",
	action: 'Render a customer health dashboard',
};

export const output = healthDashboardItemSchema;

const show = { resource: ['insight'], operation: ['healthDashboard'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Customers come from the items of a Score Customers node placed before this one',
		name: 'dashboardNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Risk Level',
		name: 'riskLevel',
		type: 'options',
		default: 'all',
		description:
			'Which customers the page lists. From a request, map its query parameter by expression (risk=at-risk, watch or healthy); any other value lists at risk and watch.',
		options: [
			{ name: 'At Risk and Watch', value: 'all' },
			{ name: 'At Risk', value: 'at risk' },
			{ name: 'Watch', value: 'watch' },
			{ name: 'Healthy', value: 'healthy' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		default: '',
		placeholder: 'e.g. Stable',
		description:
			'Only customers on this release channel (its name); empty for every channel. From a request, map its query parameter by expression (channel=Stable).',
		displayOptions: { show },
	},
	{
		displayName: 'CRM Record URL',
		name: 'crmUrl',
		type: 'string',
		default: '',
		placeholder: 'https://acme.lightning.force.com/lightning/r/Account/{customId}/view',
		description:
			"Links each customer to its CRM record: {customId} is replaced by the customer's Custom ID. Empty for no links.",
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
				displayName: 'License Expiry Window (Days)',
				name: 'expiryDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 90,
				description: 'Licenses expiring within this many days are listed',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: 'Customer health',
			},
		],
	},
];

/** All input items at once: the page is one answer for the whole fleet. */
export function runsOnce(): boolean {
	return true;
}

/**
 * The scored customers among the input items. An item that is not one is left out and named in a
 * warning (one licensee's odd record must not stop the fleet's page); when none is, the node is
 * wired wrong, and that is an error naming the first item and its field.
 */
function customersOf(ctx: IExecuteFunctions): { customers: CustomerHealth[]; skipped: Skip[] } {
	const customers: CustomerHealth[] = [];
	const skipped: Skip[] = [];
	let first: { index: number; error: z.ZodError } | undefined;
	ctx.getInputData().forEach((item, index) => {
		// Score Customers outputs one empty item when it scored nobody (alwaysOutputData).
		if (!Object.keys(item.json).length) return;
		const parsed = customerHealthSchema.safeParse(item.json);
		if (parsed.success) {
			customers.push(parsed.data);
			return;
		}
		first ??= { index, error: parsed.error };
		skipped.push({
			name: nameOf(item.json, `input item ${index + 1}`),
			problem: problemOf(parsed.error),
		});
	});
	if (first && !customers.length) {
		const issue = first.error.issues[0];
		throw new NodeOperationError(
			ctx.getNode(),
			`Input item ${first.index + 1} is not a scored customer: "${issue.path.join('.')}" ${issue.message}`,
			{
				itemIndex: first.index,
				description:
					'Connect this node right after Insight → Score Customers (or pass its items through unchanged).',
			},
		);
	}
	return { customers, skipped };
}

const params = {
	riskLevel: param(text, 'Risk Level', { fallback: 'all' }),
	channel: param(text, 'Channel', { fallback: '' }),
	crmUrl: param(text, 'CRM Record URL', { fallback: '' }),
	options: param(
		collection({ expiryDays: z.number().optional(), title: z.string().optional() }),
		'Options',
		{ fallback: {} },
	),
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { customers, skipped } = customersOf(this);
	warnSkipped(this, 'input items', skipped);
	const p = readParams(this, itemIndex, params);
	const { crmUrl, options } = p;
	const riskLevel = riskLevelOf(p.riskLevel);
	const channel = p.channel || null;
	const expiryDays = options.expiryDays ?? 90;
	const { html, summary } = renderDashboard({
		customers,
		filters: { riskLevel, channel },
		title: options.title?.trim() || 'Customer health',
		crmUrl,
		expiryDays,
	});
	const onIt = onChannel(customers, channel);
	const item: HealthDashboardItem = {
		filters: { riskLevel, channel },
		counts: summary.counts,
		instances: summary.instances,
		atRisk: onIt.filter((c) => c.riskLevel === 'at risk').map((c) => c.customerId),
		expiring: summary.expiring.map((c) => c.customerId),
		html,
		summaryHtml: summaryEmailHtml(summary, onIt, crmUrl),
		skipped: skipped.length,
	};
	return [{ json: toJson(item), pairedItem: { item: 0 } }];
}

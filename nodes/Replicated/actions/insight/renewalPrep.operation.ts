import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { flattenMilestones } from '../../insights/milestones';
import { renewalBrief } from '../../insights/health/renewal';
import { scoreCustomers } from '../../insights/health/score';
import { type HealthRow, healthThresholdsSchema, renewalBriefSchema } from '../../schemas/health';
import { customerItem } from '../../schemas/customer';
import { rowWithoutInstance } from '../customer/app-customers';
import { customerLocator } from '../customer/fields';
import { resolveCustomer } from '../customer/lookup';
import { toJson } from '../shared';
import { customerAppId, invalid } from '../validate';
import { USAGE_LIMITS, usageLimits, usageLimitsSchema } from './fields';
import { channelReleases } from '../../api/channels';
import { eventDigest, exportedRows, versionHistories } from './health-data';
import type { OperationOption } from '../operation';
import { collection, count, param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Renewal Prep',
	value: 'renewalPrep',
	description:
		"A customer's usage story for the renewal conversation: versions and upgrades, instance health, metric trends, time on platform, Enterprise Portal milestones, entitlements vs usage; as data and Markdown",
	action: 'Prepare a renewal brief',
};

export const output = renewalBriefSchema;

const show = { resource: ['insight'], operation: ['renewalPrep'] };
const DAY = 86_400_000;

export const description: INodeProperties[] = [
	customerLocator(show),
	{
		displayName: 'Period (Days)',
		name: 'periodDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 365,
		description:
			'The period the brief covers, usually the license term: upgrades, app health and metric trends are measured over it',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [USAGE_LIMITS],
	},
];

function earliest(values: unknown[]): string | null {
	return values.filter((v): v is string => typeof v === 'string' && v !== '').sort()[0] ?? null;
}

const params = {
	periodDays: param(count, 'Period (Days)', { fallback: 365 }),
	options: param(collection({ usageLimits: usageLimitsSchema }), 'Options', { fallback: {} }),
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { periodDays, options } = readParams(this, itemIndex, params);
	if (!(periodDays >= 1))
		throw invalid(
			this,
			itemIndex,
			'Period (Days)',
			'must be 1 or more',
			'Use e.g. 365 for a year.',
		);
	const now = new Date();
	const from = now.getTime() - periodDays * DAY;
	const customer = customerItem(await resolveCustomer(this, itemIndex));
	const appId = customerAppId(this, itemIndex, customer);

	const rows: HealthRow[] = [];
	for await (const row of exportedRows(this, appId, { customerIds: customer.id })) rows.push(row);
	if (!rows.length) rows.push(rowWithoutInstance(customer));
	const channelId = rows[0].customer_channel_id ?? customer.channel?.id;
	const releases = new Map(
		channelId ? [[channelId, await channelReleases(this, appId, channelId)]] : [],
	);
	const digest = await eventDigest(this, appId, from, { customerIds: customer.id });
	const histories = await versionHistories(this, appId, [customer.id]);
	const limits = usageLimits(options.usageLimits);
	const [health] = scoreCustomers({
		rows,
		releases,
		events: digest,
		histories,
		customIds: new Map([[customer.id, customer.customId]]),
		usageLimits: limits,
		thresholds: healthThresholdsSchema.parse({ windowDays: periodDays }),
		now,
	});
	const milestones = flattenMilestones(customer.enterprise_portal);
	const brief = renewalBrief({
		health,
		digest,
		histories,
		entitlements: { ...customer.entitlements, ...rows[0].entitlements },
		usageLimits: limits,
		customerSince: customer.createdAt,
		milestones: {
			invitedAt: milestones.invitedAt,
			accessGrantedAt: milestones.accessGrantedAt,
			firstDownloadAt: milestones.firstDownloadAt,
			// The documented export column; the event series may not reach back that far.
			confirmedRunningAt: earliest(rows.map((r) => r.instance_first_ready_at)),
		},
		periodDays,
		now,
	});
	return [{ json: toJson(brief) }];
}

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import {
	changedSince,
	type LastStatuses,
	previousStatus,
	statusesOf,
} from '../../insights/trigger-health/changes';
import { triggerVerdict } from '../../insights/trigger-health/status';
import { collection, count, param, toggle } from '../../schemas/node-parameters';
import { triggerHealthItemSchema } from '../../schemas/outputs';
import { TRIGGER_STATUSES } from '../../schemas/trigger-health';
import type { OperationOption } from '../operation';
import { readParams } from '../params';
import { notificationShow } from './fields';
import { gatherFacts, type GatheredFacts } from './trigger-facts';
import { repair } from './trigger-repairs';

export const option: OperationOption = {
	name: 'Check Trigger Health',
	value: 'checkTriggerHealth',
	description:
		'Whether every published Replicated Trigger still gets events: its subscription there, enabled, pointing at it, deliveries not failing; optionally repairs',
	action: 'Check trigger health',
};

export const output = triggerHealthItemSchema;

/** Changes Replicated only when a repair is turned on. */
export function writes(ctx: IExecuteFunctions, itemIndex: number): boolean {
	const chosen = ctx.getNodeParameter('repair', itemIndex, {}) as IDataObject;
	return chosen.reEnable === true || chosen.retryFailed === true;
}

/** One check per run, whatever the input (a schedule gives one item). */
export function runsOnce(): boolean {
	return true;
}

const show = notificationShow(['checkTriggerHealth']);

export const description: INodeProperties[] = [
	{
		displayName: 'Compare With Published Workflows',
		name: 'compareWorkflows',
		type: 'boolean',
		default: false,
		description:
			'Whether to read this n8n\'s published workflows (with an API key of this n8n) and check each Replicated Trigger in them: a subscription deleted in the Vendor Portal, or a trigger with none, is found only so. Off: the subscriptions named "n8n: …" are checked alone.',
		displayOptions: show,
	},
	{
		displayName:
			"Needs a Replicated Trigger Health API credential: an API key of this n8n (Settings → n8n API → Create an API key; workflow:list is the scope it needs) and this n8n's address followed by /api/v1. Only the workflows' IDs, names and Replicated Triggers are read: their static data holds the triggers' signing secrets, which never leave this node.",
		name: 'n8nApiNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show.show, compareWorkflows: [true] } },
	},
	{
		displayName: 'Deliveries in the Last (Hours)',
		name: 'windowHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 720 },
		default: 24,
		description: "The window of Replicated's delivery log counted for each subscription",
		displayOptions: show,
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Triggers', value: 'all', description: 'One item per trigger, healthy or not' },
			{
				name: 'Only Changes Since Last Check',
				value: 'changes',
				description:
					'Triggers whose status differs from the last check of this node (a first check: those not healthy). Remembered between runs of the published workflow (n8n saves static data only then), not changed by a manual run.',
			},
		],
		displayOptions: show,
	},
	{
		displayName: 'Repair',
		name: 'repair',
		type: 'collection',
		placeholder: 'Add repair',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Re-Enable Disabled',
				name: 'reEnable',
				type: 'boolean',
				default: false,
				description:
					'Whether to enable a subscription Replicated disabled after 10 consecutive failed deliveries again (it stays disabled if deliveries keep failing)',
			},
			{
				displayName: 'Retry Failed Deliveries',
				name: 'retryFailed',
				type: 'boolean',
				default: false,
				description:
					'Whether to ask Replicated to deliver the failed deliveries of the window again (up to 100 per subscription and check)',
			},
		],
	},
	{
		displayName: 'Webhook URL Contains',
		name: 'urlContains',
		type: 'string',
		default: '',
		placeholder: 'e.g. n8n.example.com',
		description:
			"Only subscriptions whose webhook URL contains this text: this n8n's host, when the team has several n8n instances",
		displayOptions: show,
	},
];

const params = {
	compareWorkflows: param(toggle, 'Compare With Published Workflows', { fallback: false }),
	windowHours: param(count.int().min(1).max(720), 'Deliveries in the Last (Hours)', {
		fallback: 24,
	}),
	outputMode: param(z.enum(['all', 'changes']), 'Output', { fallback: 'all' }),
	repair: param(
		collection({ reEnable: z.boolean().optional(), retryFailed: z.boolean().optional() }),
		'Repair',
		{ fallback: {} },
	),
	urlContains: param(z.string(), 'Webhook URL Contains', { fallback: '' }),
};

const keyOf = (f: GatheredFacts) =>
	f.trigger
		? `${f.trigger.workflowId}/${f.trigger.nodeName}`
		: `subscription/${f.subscription?.id}`;

const rank = (status: string) =>
	TRIGGER_STATUSES.indexOf(status as (typeof TRIGGER_STATUSES)[number]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const p = readParams(this, itemIndex, params);
	const facts = await gatherFacts(this, {
		compareWorkflows: p.compareWorkflows,
		windowHours: p.windowHours,
		urlContains: p.urlContains,
	});
	const memory = this.getWorkflowStaticData('node') as { lastStatuses?: LastStatuses };
	const last = memory.lastStatuses ?? {};
	const checkedAt = new Date().toISOString();
	const checked = [];
	for (const f of facts) {
		const verdict = triggerVerdict(f);
		const repairs = await repair(this, f, verdict.status, {
			reEnable: p.repair.reEnable === true,
			retryFailed: p.repair.retryFailed === true,
		});
		const key = keyOf(f);
		checked.push({
			key,
			status: verdict.status,
			item: output.parse({
				status: verdict.status,
				previousStatus: previousStatus(last, key),
				summary: verdict.summary,
				fix: verdict.fix,
				workflow: f.trigger ? { id: f.trigger.workflowId, name: f.trigger.workflowName } : null,
				triggerNode: f.trigger?.nodeName ?? null,
				subscription: f.subscription ?? null,
				deliveries: f.deliveries ?? null,
				repairs,
				checkedAt,
			}),
		});
	}
	memory.lastStatuses = statusesOf(checked);
	const reported = p.outputMode === 'changes' ? changedSince(last, checked) : checked;
	return reported
		.sort((a, b) => rank(a.status) - rank(b.status))
		.map((c) => ({ json: c.item as IDataObject }));
}

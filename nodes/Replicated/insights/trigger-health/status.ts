/**
 * Where a Replicated Trigger stands with its subscription, from what Check Trigger Health read:
 * the trigger (from n8n's API, when compared), its subscription at Replicated, and the deliveries
 * of a window. Pure: the operation gathers the facts, this names the status and what to do.
 */

import type { TriggerStatus } from '../../schemas/trigger-health';

export type { TriggerStatus };

export interface TriggerRef {
	workflowId: string;
	workflowName: string;
	nodeName: string;
	webhookId: string;
	automatic: boolean;
}

export interface SubscriptionRef {
	id: string;
	name: string | null;
	webhookUrl: string | null;
	isEnabled: boolean | null;
	deletedAt: string | null;
}

export interface DeliveryCounts {
	windowHours: number;
	failed: number;
	/** Not delivered yet, with a failed attempt behind them: Replicated is retrying. */
	retrying: number;
	pending: number;
	delivered: number;
	lastDeliveredAt: string | null;
	/** The last failed attempt's error, clipped. */
	lastError: string | null;
	/** False when the log had more than was read: the counts are then lower bounds. */
	complete: boolean;
}

export interface TriggerFacts {
	/** Absent when the subscriptions are checked alone, or for a subscription no trigger has. */
	trigger?: TriggerRef;
	subscription?: SubscriptionRef;
	/** The subscription the trigger saved when it registered, found or not. */
	savedSubscriptionId?: string;
	/** Published workflows were compared, so a subscription without a trigger is an orphan. */
	comparedWithWorkflows: boolean;
	deliveries?: DeliveryCounts;
}

export interface TriggerVerdict {
	status: TriggerStatus;
	summary: string;
	fix: string | null;
}

/** The production URL of a trigger ends so (n8n: `<webhook base>/<webhookId>/<path>`, path `webhook`). */
export function isTriggerUrl(url: string | null | undefined, webhookId: string): boolean {
	return (
		typeof url === 'string' &&
		url.endsWith(`/${webhookId}/webhook`) &&
		!url.includes('/webhook-test/')
	);
}

const workflowOf = (t: TriggerRef) => `workflow "${t.workflowName}" (${t.workflowId})`;

/** Publishing an unchanged workflow does not register its trigger again (n8n's trigger diffing). */
const republish = (t: TriggerRef) =>
	t.automatic
		? `Unpublish ${workflowOf(t)} and publish it again: its trigger then registers a new subscription (publishing an unchanged workflow alone does not).`
		: `Its trigger registers manually: add a subscription in the Vendor Portal (Notifications) to the trigger's Production URL, with the secret of its Replicated Webhook API credential.`;

function missing(f: TriggerFacts & { trigger: TriggerRef }): TriggerVerdict {
	const t = f.trigger;
	if (f.savedSubscriptionId || f.subscription?.deletedAt)
		return {
			status: 'deleted',
			summary: `The subscription ${f.savedSubscriptionId ?? f.subscription?.id} of ${workflowOf(t)} is gone from Replicated (deleted in the Vendor Portal?): no event reaches its "${t.nodeName}".`,
			fix: republish(t),
		};
	return {
		status: 'unregistered',
		summary: `No subscription delivers to "${t.nodeName}" of ${workflowOf(t)}: it receives no event.`,
		fix: republish(t),
	};
}

function delivering(f: TriggerFacts, s: SubscriptionRef): TriggerVerdict {
	const d = f.deliveries;
	const where = f.trigger ? `${workflowOf(f.trigger)}` : `its webhook URL`;
	const counted = d
		? `${d.complete ? '' : 'at least '}${d.failed} failed, ${d.retrying} being retried and ${d.delivered} delivered in the last ${d.windowHours} h`
		: '';
	if (d && (d.failed > 0 || d.retrying > 0))
		return {
			status: 'failing',
			summary: `Deliveries of "${s.name ?? s.id}" to ${where} fail: ${counted}${d.lastError ? `; last error: ${d.lastError}` : ''}.`,
			fix: "Find why n8n refused them (the last error; the workflow's executions), then retry the failed ones (Repair → Retry Failed Deliveries). After 10 consecutive permanent failures Replicated disables the subscription.",
		};
	return {
		status: 'healthy',
		summary: `"${s.name ?? s.id}" is enabled and delivers to ${where}${counted ? `: ${counted}` : ''}${d?.lastDeliveredAt ? `, last at ${d.lastDeliveredAt}` : ''}.`,
		fix: null,
	};
}

export function triggerVerdict(f: TriggerFacts): TriggerVerdict {
	const s = f.subscription;
	if (f.trigger && (!s || s.deletedAt)) return missing({ ...f, trigger: f.trigger });
	if (!s) throw new Error('a fact without a trigger or a subscription');
	if (f.trigger && !isTriggerUrl(s.webhookUrl, f.trigger.webhookId))
		return {
			status: 'pointing elsewhere',
			summary: `The subscription "${s.name ?? s.id}" of ${workflowOf(f.trigger)} delivers to ${s.webhookUrl ?? 'no URL'}, not to its trigger "${f.trigger.nodeName}".`,
			fix: republish(f.trigger),
		};
	if (!f.trigger && f.comparedWithWorkflows)
		return {
			status: 'orphaned',
			summary: `The subscription "${s.name ?? s.id}" delivers to ${s.webhookUrl ?? 'no URL'}, where no published workflow has a Replicated Trigger: its events are refused.`,
			fix: 'Delete it (Notification → Delete Subscription, or the Vendor Portal), or publish the workflow it was made for.',
		};
	if (s.isEnabled === false)
		return {
			status: 'disabled',
			summary: `Replicated disabled "${s.name ?? s.id}" (it does so after 10 consecutive permanently failed deliveries): no event reaches ${f.trigger ? workflowOf(f.trigger) : (s.webhookUrl ?? 'it')}.`,
			fix: 'Find why deliveries failed (Notification → Get Deliveries, Status: Failed), then enable it again (Repair → Re-Enable Disabled, or the Vendor Portal) and retry what failed.',
		};
	return delivering(f, s);
}

import type { IExecuteFunctions } from 'n8n-workflow';

import {
	getSubscriptionRecord,
	listSubscriptions,
	notificationEventPages,
} from '../../api/notifications';
import {
	type DeliveryCounts,
	isTriggerUrl,
	type SubscriptionRef,
	type TriggerFacts,
} from '../../insights/trigger-health/status';
import { activeTriggers, type ActiveTrigger } from '../../n8n-api/active-triggers';
import {
	isFromN8n,
	type NotificationSubscription,
	TEST_LISTENER_SUFFIX,
	wasDelivered,
} from '../../schemas/notification';

/** A window's deliveries are read up to 10 pages of 100 (the counts then say "at least"). */
const DELIVERY_PAGES = 10;
/** The most failed deliveries one check retries per subscription. */
export const MAX_RETRIES = 100;
/** Replicated's error text is quoted this long at most. */
const ERROR_CLIP = 300;

export interface CheckScope {
	compareWorkflows: boolean;
	windowHours: number;
	/** Only subscriptions whose webhook URL contains this. */
	urlContains: string;
}

/** The facts of one trigger, with what a repair needs that the report does not show. */
export interface GatheredFacts extends TriggerFacts {
	readonly: boolean;
	failedEventIds: string[];
}

function subscriptionRef(s: NotificationSubscription): SubscriptionRef {
	return {
		id: s.id,
		name: s.name ?? null,
		webhookUrl: s.webhookUrl ?? null,
		isEnabled: s.isEnabled ?? null,
		deletedAt: s.deletedAt ?? null,
	};
}

export const clip = (text: string) =>
	text.length > ERROR_CLIP ? `${text.slice(0, ERROR_CLIP)}… (${text.length} characters)` : text;

/** The subscription's deliveries of the window, counted by where they stand. */
async function deliveriesOf(
	ctx: IExecuteFunctions,
	subscriptionId: string,
	windowHours: number,
): Promise<{ counts: DeliveryCounts; failedEventIds: string[] }> {
	const counts: DeliveryCounts = {
		windowHours,
		failed: 0,
		retrying: 0,
		pending: 0,
		delivered: 0,
		lastDeliveredAt: null,
		lastError: null,
		complete: true,
	};
	const failedEventIds: string[] = [];
	let lastErrorAt = '';
	const pages = notificationEventPages(
		ctx,
		{
			subscription_id: subscriptionId,
			start_time: new Date(Date.now() - windowHours * 3_600_000).toISOString(),
		},
		{ maxPages: DELIVERY_PAGES, onCap: () => (counts.complete = false) },
	);
	for await (const page of pages)
		for (const event of page.events) {
			const attempts = event.attempts ?? [];
			const failedAttempts = attempts.filter((a) => a.success === false);
			if (wasDelivered(event)) {
				counts.delivered++;
				const at = attempts.find((a) => a.success === true)?.attemptedAt ?? event.sentAt ?? null;
				if (at && (!counts.lastDeliveredAt || at > counts.lastDeliveredAt))
					counts.lastDeliveredAt = at;
				continue;
			}
			if (event.status === 'failed') {
				counts.failed++;
				if (failedEventIds.length < MAX_RETRIES) failedEventIds.push(event.id);
			} else {
				counts.pending++;
				if (failedAttempts.length) counts.retrying++;
			}
			const last = failedAttempts[failedAttempts.length - 1];
			const error =
				last?.errorMessage ??
				event.lastError ??
				(last?.statusCode ? `HTTP ${last.statusCode}` : null);
			const at = last?.attemptedAt ?? event.createdAt ?? '';
			if (error && at >= lastErrorAt) {
				lastErrorAt = at;
				counts.lastError = clip(error);
			}
		}
	return { counts, failedEventIds };
}

/** A published trigger's subscription: the one it saved, else one at its URL. */
async function subscriptionOf(
	ctx: IExecuteFunctions,
	trigger: ActiveTrigger,
	listed: NotificationSubscription[],
): Promise<NotificationSubscription | undefined> {
	if (trigger.automatic && trigger.subscriptionId) {
		return (
			listed.find((s) => s.id === trigger.subscriptionId) ??
			(await getSubscriptionRecord(ctx, trigger.subscriptionId)) ??
			undefined
		);
	}
	return listed.find((s) => isTriggerUrl(s.webhookUrl, trigger.webhookId));
}

const originOf = (url: string | null | undefined) => {
	try {
		return new URL(url ?? '').origin;
	} catch {
		return '';
	}
};

/** Published triggers, each with its subscription; then this n8n's subscriptions no trigger has. */
async function againstWorkflows(
	ctx: IExecuteFunctions,
	listed: NotificationSubscription[],
	inScope: (s: NotificationSubscription) => boolean,
): Promise<TriggerFacts[]> {
	const facts: TriggerFacts[] = [];
	const matched = new Set<string>();
	const origins = new Set([originOf(ctx.getInstanceBaseUrl())]);
	for (const trigger of await activeTriggers(ctx)) {
		const subscription = await subscriptionOf(ctx, trigger, listed);
		if (subscription) {
			matched.add(subscription.id);
			origins.add(originOf(subscription.webhookUrl));
		}
		facts.push({
			trigger: {
				workflowId: trigger.workflowId,
				workflowName: trigger.workflowName,
				nodeName: trigger.nodeName,
				webhookId: trigger.webhookId,
				automatic: trigger.automatic,
			},
			...(subscription ? { subscription: subscriptionRef(subscription) } : {}),
			...(trigger.automatic && trigger.subscriptionId
				? { savedSubscriptionId: trigger.subscriptionId }
				: {}),
			comparedWithWorkflows: true,
		});
	}
	const orphans = listed.filter(
		(s) => isFromN8n(s) && inScope(s) && !matched.has(s.id) && origins.has(originOf(s.webhookUrl)),
	);
	for (const s of orphans)
		facts.push({ subscription: subscriptionRef(s), comparedWithWorkflows: true });
	return facts;
}

/** What Check Trigger Health reports on, with each live subscription's deliveries. */
export async function gatherFacts(
	ctx: IExecuteFunctions,
	scope: CheckScope,
): Promise<GatheredFacts[]> {
	// The editor's test listeners come and go with the editor: not what a health check watches.
	const listed = (await listSubscriptions(ctx)).filter(
		(s) => !(s.name ?? '').endsWith(TEST_LISTENER_SUFFIX),
	);
	const inScope = (s: NotificationSubscription) =>
		String(s.webhookUrl ?? '').includes(scope.urlContains);
	const facts = scope.compareWorkflows
		? await againstWorkflows(ctx, listed, inScope)
		: listed
				.filter((s) => isFromN8n(s) && inScope(s))
				.map((s) => ({
					subscription: subscriptionRef(s),
					comparedWithWorkflows: false,
				}));
	const gathered: GatheredFacts[] = [];
	for (const fact of facts) {
		const s = fact.subscription;
		const readonly = listed.find((l) => l.id === s?.id)?.readonly === true;
		if (!s || s.deletedAt) {
			gathered.push({ ...fact, readonly, failedEventIds: [] });
			continue;
		}
		const { counts, failedEventIds } = await deliveriesOf(ctx, s.id, scope.windowHours);
		gathered.push({ ...fact, deliveries: counts, readonly, failedEventIds });
	}
	return gathered;
}

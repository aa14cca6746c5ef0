import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { type NotificationEvent, wasDelivered } from '../../schemas/notification';
import { remembered, sameDelivery } from '../delivery/redelivery';
import type { RedeliveryState } from '../delivery/stale-delivery';
import { EVENT_PAGE_SIZE, notificationEventPages, retryEvent } from '../../api/notifications';

/** More than a day of events for a busy trigger; the rest wait for the next catch-up (logged). */
export const MAX_CATCH_UP = 1000;
/**
 * How far back catch-up looks. Replicated retries for about 4¼ hours and then keeps the event as
 * failed (DOCS event-notifications-webhooks.mdx): an n8n down for days (a weekend, a holiday, a
 * broken upgrade) must still find the events of its first hour down. 30 days covers any downtime
 * someone notices and fixes; the work stays bounded by MAX_CATCH_UP and READ_BUDGET_MS, not by it.
 */
export const CATCH_UP_HORIZON_MS = 30 * 24 * 3600_000;
/** Reading the log stops after this long; what was read is asked for. */
const READ_BUDGET_MS = 20_000;
/** Retries asked for at once. */
const IN_FLIGHT = 4;

const createdAt = (e: NotificationEvent) => Date.parse(e.createdAt ?? '') || 0;

/**
 * Whether Replicated has given up on the event: SPEC's computed status `failed`, the only events
 * catch-up asks for. A `pending` one is still in Replicated's retry schedule, which delivers it.
 * Without a status, the attempts tell (no success and no retry scheduled).
 */
export function retryable(event: NotificationEvent): boolean {
	if (event.status) return event.status === 'failed';
	return !wasDelivered(event) && !event.nextRetryAt;
}

/**
 * The subscription's failed events of the last 30 days, newest first as Replicated lists them
 * (INFERRED), at most MAX_CATCH_UP; and how many more there are.
 */
async function failedEvents(
	ctx: IHookFunctions | IWebhookFunctions,
	subscriptionId: string,
	now: number,
): Promise<{ events: NotificationEvent[]; unread: number }> {
	const events: NotificationEvent[] = [];
	let read = 0;
	let total = 0;
	const pages = notificationEventPages(
		ctx,
		{
			subscription_id: subscriptionId,
			status: 'failed',
			start_time: new Date(now - CATCH_UP_HORIZON_MS).toISOString(),
		},
		// Two more than the cap needs: a page 0 repeated (pages counted from 1) and a short last page.
		{ maxPages: MAX_CATCH_UP / EVENT_PAGE_SIZE + 2, timeoutMs: 10_000 },
	);
	for await (const page of pages) {
		read += page.events.length;
		total = Math.max(total, page.totalCount ?? 0);
		events.push(...page.events.filter(retryable));
		if (events.length >= MAX_CATCH_UP || Date.now() - now > READ_BUDGET_MS) break;
	}
	const chosen = events.slice(0, MAX_CATCH_UP);
	return { events: chosen, unread: Math.max(0, total - read) + events.length - chosen.length };
}

/**
 * Asks Replicated to redeliver what it gave up delivering while this n8n was down or the
 * subscription disabled. A failure is logged, never thrown: the next catch-up tries again.
 * Replicated delivers the retried events after answering (INFERRED), to the URL n8n already serves.
 */
export async function catchUp(
	ctx: IHookFunctions | IWebhookFunctions,
	subscriptionId: string,
	label: string,
	/** The delivery being handled: it may be a retry of a failed event, whose answer is not logged yet. */
	current?: Record<string, unknown>,
): Promise<{ asked: number; missed: number }> {
	try {
		const { events, unread } = await failedEvents(ctx, subscriptionId, Date.now());
		// A redelivery the trigger ran already is refused as a replay: asking for it again would
		// only fail it again, every catch-up for 30 days (its execution is in n8n, to retry there).
		const { redeliveries } = ctx.getWorkflowStaticData('node') as RedeliveryState;
		const ran = events.filter((e) => remembered(e, redeliveries));
		const chosen = events
			.filter((e) => !ran.includes(e) && (!current || !sameDelivery(e, current)))
			.sort((a, b) => createdAt(a) - createdAt(b));
		if (ran.length)
			ctx.logger.info(
				`${label}: ${ran.length} event(s) of subscription ${subscriptionId} that Replicated has as undelivered ran here once already (as redeliveries); not asked for again: see their executions`,
			);
		const missed = chosen.length + unread;
		if (!missed) return { asked: 0, missed: 0 };
		let asked = 0;
		let next = 0;
		const worker = async () => {
			while (next < chosen.length) {
				const event = chosen[next++];
				const what = `event ${event.id} (${event.eventType ?? ''})`;
				try {
					const answer = await retryEvent(ctx, event.id);
					if (answer.retried) asked++;
					else
						ctx.logger.warn(`${label}: Replicated refused to redeliver ${what}: ${answer.message}`);
				} catch (error) {
					ctx.logger.warn(
						`${label}: Replicated did not redeliver ${what}: ${(error as Error).message}`,
					);
				}
			}
		};
		await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
		ctx.logger.info(
			`${label}: asked Replicated to redeliver ${asked} of ${missed} undelivered event(s) of subscription ${subscriptionId}${unread ? ` (${unread} more are left for the next catch-up, or Notifications → History)` : ''}`,
		);
		return { asked, missed };
	} catch (error) {
		ctx.logger.warn(
			`${label}: could not read the delivery log of subscription ${subscriptionId} to catch up: ${(error as Error).message}`,
		);
		return { asked: 0, missed: 0 };
	}
}

/** When this process last caught up each subscription (by ID). */
const caughtUp = new Map<string, number>();
export const CATCH_UP_EVERY_MS = 15 * 60_000;

/**
 * Whether this process should catch up the subscription now, and if so noted as done. Activation
 * always does. n8n 2.x's workflow publication service (on by default in 2.41) keeps webhook
 * registrations across restarts and so does not activate the trigger on start: the first delivery
 * a process handles for a subscription (and one every 15 minutes after) catches up instead.
 *
 * Catch-up runs inside n8n's call (activation, delivery), never after it: n8n releases the
 * expression isolate the credential's header needs once the call returns (n8n 2.x).
 */
export function catchUpDue(subscriptionId: string, always = false, now = Date.now()): boolean {
	const last = caughtUp.get(subscriptionId);
	if (!always && last !== undefined && now - last < CATCH_UP_EVERY_MS) return false;
	if (caughtUp.size > 1000) caughtUp.clear();
	caughtUp.set(subscriptionId, now);
	return true;
}

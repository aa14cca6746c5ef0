import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { type NotificationEvent, wasDelivered } from '../schemas/notification';
import { sameDelivery } from './redelivery';
import { retryEvent, subscriptionEvents } from './subscription-api';

/** More than a day of events for a busy trigger; the oldest beyond this are left (and logged). */
export const MAX_CATCH_UP = 1000;
/** Retries asked for at once. */
const IN_FLIGHT = 4;

const createdAt = (e: NotificationEvent) => Date.parse(e.createdAt ?? '') || 0;

/**
 * The events Replicated has not delivered to this subscription, oldest first: those still in its
 * retry schedule (pending) and those it gave up on (failed). All of them, not only the ones after
 * the last success: an event that fires between n8n's start and this read may be delivered first.
 */
export function undelivered(events: NotificationEvent[]): NotificationEvent[] {
	return events.filter((e) => !wasDelivered(e)).sort((a, b) => createdAt(a) - createdAt(b));
}

/**
 * Asks Replicated to redeliver what it could not deliver while this n8n was down or the
 * subscription disabled. A failure is logged, never thrown: Replicated's own retries go on, and the
 * next catch-up tries again. Replicated delivers the retried events after answering (INFERRED), to
 * the URL n8n already serves.
 */
export async function catchUp(
	ctx: IHookFunctions | IWebhookFunctions,
	subscriptionId: string,
	label: string,
	during: {
		/** The delivery being handled, whose own attempt is not logged as answered yet. */
		current?: Record<string, unknown>;
		/** The log as read moments ago for that delivery (a read of its own otherwise). */
		log?: Promise<NotificationEvent[]>;
	} = {},
): Promise<{ asked: number; missed: number }> {
	const { current } = during;
	try {
		const missed = undelivered(
			await (during.log ?? subscriptionEvents(ctx, subscriptionId)),
		).filter((e) => !current || !sameDelivery(e, current));
		if (!missed.length) return { asked: 0, missed: 0 };
		const chosen = missed.slice(-MAX_CATCH_UP);
		let asked = 0;
		let next = 0;
		const worker = async () => {
			while (next < chosen.length) {
				const event = chosen[next++];
				try {
					await retryEvent(ctx, event.id);
					asked++;
				} catch (error) {
					ctx.logger.warn(
						`${label}: Replicated did not redeliver event ${event.id} (${event.eventType ?? ''}): ${(error as Error).message}`,
					);
				}
			}
		};
		await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
		const left = missed.length - chosen.length;
		ctx.logger.info(
			`${label}: asked Replicated to redeliver ${asked} of ${missed.length} undelivered event(s) of subscription ${subscriptionId}${left ? ` (the ${left} oldest left: redeliver them from Notifications → History)` : ''}`,
		);
		return { asked, missed: missed.length };
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

import { z } from 'zod/v4';

/**
 * Replicated's notification subscription and delivery log (SPEC definitions NotificationSubscription,
 * NotificationEventWithAttempts / TeamNotificationEventWithAttempts, NotificationEventAttempt).
 * Loose: only what the trigger and the Notification resource read is required.
 */
export const notificationSubscriptionSchema = z.looseObject({
	id: z.string(),
	name: z.string().nullish(),
	isEnabled: z.boolean().nullish(),
	webhookUrl: z.string().nullish(),
	emailAddress: z.string().nullish(),
	createdAt: z.string().nullish(),
	updatedAt: z.string().nullish(),
});
export type NotificationSubscription = z.output<typeof notificationSubscriptionSchema>;

export const subscriptionListSchema = z.looseObject({
	subscriptions: z.array(notificationSubscriptionSchema).nullish(),
	totalCount: z.number().nullish(),
});

export const deliveryAttemptSchema = z.looseObject({
	id: z.string().nullish(),
	attemptedAt: z.string().nullish(),
	statusCode: z.number().nullish(),
	success: z.boolean().nullish(),
	durationMs: z.number().nullish(),
	errorMessage: z.string().nullish(),
});

export const notificationEventSchema = z.looseObject({
	id: z.string(),
	subscriptionId: z.string().nullish(),
	eventType: z.string().nullish(),
	createdAt: z.string().nullish(),
	sentAt: z.string().nullish(),
	/** SPEC "Computed fields": success, pending or failed (the listNotificationEvents filter). */
	status: z.string().nullish(),
	retryCount: z.number().nullish(),
	nextRetryAt: z.string().nullish(),
	lastError: z.string().nullish(),
	/** What was (or will be) POSTed: the delivery's body. INFERRED from the name; see sameDelivery. */
	payload: z.record(z.string(), z.unknown()).nullish(),
	eventData: z.record(z.string(), z.unknown()).nullish(),
	attempts: z.array(deliveryAttemptSchema).nullish(),
});
export type NotificationEvent = z.output<typeof notificationEventSchema>;

export const eventListSchema = z.looseObject({
	events: z.array(notificationEventSchema).nullish(),
	totalCount: z.number().nullish(),
});

/**
 * Whether Replicated has this event as delivered: its computed status, or (should a deployment
 * compute it differently) any successful attempt.
 */
export function wasDelivered(event: NotificationEvent): boolean {
	return event.status === 'success' || (event.attempts ?? []).some((a) => a.success === true);
}

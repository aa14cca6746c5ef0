import { z } from 'zod/v4';

import { keyedBy } from './keyed';

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
	/** SPEC NotificationSubscription.userId: the team member who made it. */
	userId: z.string().nullish(),
	/** SPEC NotificationSubscription.createdBy (Actor); `description` names the member. */
	createdBy: z
		.looseObject({ id: z.string().nullish(), description: z.string().nullish() })
		.nullish(),
	/** SPEC NotificationSubscription.readonly: this token may not change it. */
	readonly: z.boolean().nullish(),
	/** SPEC NotificationSubscription.deletedAt: set, the subscription is deleted (kept for its log). */
	deletedAt: z.string().nullish(),
	/** SPEC CustomHeaderMasked: the value never comes back. */
	customHeaders: z
		.array(z.looseObject({ name: z.string().nullish(), maskedValue: z.string().nullish() }))
		.nullish(),
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
	/** SPEC NotificationEventAttempt.requestBody: the body this attempt POSTed (the CLI: raw JSON). */
	requestBody: z.unknown().optional(),
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
	/** What was (or will be) POSTed, whole or in part (INFERRED from the name; see sameDelivery). */
	payload: keyedBy(z.unknown()).nullish(),
	/**
	 * Replicated's internal record of the event, in camelCase (the CLI's pact:
	 * `eventData: {"releaseId": ...}`), not the delivery's `data`: never compared with a delivery.
	 */
	eventData: keyedBy(z.unknown()).nullish(),
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

/**
 * SPEC retryNotificationEvent answers 200 with no schema (responseOk); the CLI decodes
 * `{success, message}` (pkg/types/notification.go:130, NotificationRetryResponse), and its pact has
 * `{"success": true, "message": "Notification event queued for retry"}`.
 */
export const retryAnswerSchema = z.looseObject({
	success: z.boolean().nullish(),
	message: z.string().nullish(),
});

/**
 * How the Replicated Trigger names what it registers: "n8n: <workflow>", and " (test)" after it for
 * the editor's test listener (trigger/lifecycle/subscription-name.ts). The Notification resource
 * tells the trigger's subscriptions apart by it.
 */
export const N8N_SUBSCRIPTION_PREFIX = 'n8n: ';
export const TEST_LISTENER_SUFFIX = ' (test)';

/** Registered by this package's trigger. */
export function isFromN8n(subscription: Pick<NotificationSubscription, 'name'>): boolean {
	return (subscription.name ?? '').startsWith(N8N_SUBSCRIPTION_PREFIX);
}

/** Whether Replicated has the subscription as deleted (SPEC NotificationSubscription.deletedAt). */
export function isDeleted(subscription: NotificationSubscription): boolean {
	return Boolean(subscription.deletedAt);
}

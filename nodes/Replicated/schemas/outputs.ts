import { z } from 'zod/v4';

import { appSchema, channelSchema } from './app';
import { customerItemSchema } from './customer';
import { notificationEventSchema, notificationSubscriptionSchema } from './notification';
import { TRIGGER_STATUSES } from './trigger-health';

/**
 * The items operations emit that have no schema of their own elsewhere. Each operation exports its
 * output schema (`output`); `NODE_OUTPUTS` (node-outputs.ts) collects them for tests and templates.
 */

/** Customer → Create: the customer, whether it was made now or found by Custom ID, and the invite. */
export const createdCustomerSchema = customerItemSchema.extend({
	outcome: z.enum(['created', 'found', 'updated']),
	invite: z
		.object({
			email: z.string(),
			status: z.enum(['invited', 'alreadyInvited']),
			invitedAt: z.string().nullable(),
		})
		.optional(),
});

/** App → Get Many: the app (SPEC `AppWithChannels`); `channels` only with Include Channels. */
export const appItemSchema = appSchema.extend({
	channels: z.array(channelSchema).nullish(),
});

/** Channel → Get Many: the channel as Replicated lists it (SPEC `Channel`, listChannels). */
export const channelItemSchema = channelSchema;

/** Customer → Archive and Unarchive: the customer, and its state before and after. */
export const archiveStateItemSchema = z.object({
	/** SPEC Customer.id. */
	id: z.string(),
	/** SPEC Customer.customId; null when the customer has none. */
	customId: z.string().nullable(),
	/** SPEC Customer.name. */
	name: z.string(),
	/** Ours: true after Archive, false after Unarchive. */
	archived: z.boolean(),
	/** SPEC Customer.isArchived before the call (false when Replicated did not say). */
	wasArchived: z.boolean(),
});

/**
 * Notification → Get Subscription and Get Subscriptions: the subscription (SPEC
 * NotificationSubscription) without any signing secret, header values masked.
 */
export const subscriptionItemSchema = notificationSubscriptionSchema.extend({
	/** SPEC NotificationSubscription.eventConfigs[].eventType, listed flat. */
	events: z.array(z.string()),
	/** Ours: registered by this package's trigger (its name starts with "n8n: "). */
	fromN8n: z.boolean(),
});

/** Notification → Delete Subscription: the ID given (SPEC deleteNotificationSubscription). */
export const deletedSubscriptionItemSchema = z.object({
	id: z.string(),
	deleted: z.literal(true),
});

/**
 * Notification → Get Deliveries: the delivery log entry (SPEC NotificationEventWithAttempts)
 * without its attempts, their count and the last one.
 */
export const deliveryItemSchema = notificationEventSchema.omit({ attempts: true }).extend({
	/** Ours: the length of SPEC `attempts`. */
	attemptCount: z.number(),
	/** SPEC NotificationEventAttempt: the last of `attempts`, null when there is none. */
	lastAttempt: z
		.object({
			attemptedAt: z.string().nullable(),
			statusCode: z.number().nullable(),
			success: z.boolean().nullable(),
			errorMessage: z.string().nullable(),
		})
		.nullable(),
});

/** Notification → Retry Delivery (SPEC retryNotificationEvent; the CLI's NotificationRetryResponse). */
export const retriedDeliveryItemSchema = z.object({
	/** The Event ID given. */
	eventId: z.string(),
	/** Ours: false when Replicated declined (`success: false`, or a refusal status). */
	retried: z.boolean(),
	/** Replicated's `message`, or its refusal; empty when it said nothing. */
	message: z.string(),
});

/**
 * Notification → Check Trigger Health: one item per published Replicated Trigger (and per
 * subscription of this n8n that no trigger has), ours throughout (insights/trigger-health/); the
 * subscription's fields are SPEC NotificationSubscription's, the counts SPEC listNotificationEvents'
 * computed `status` (success, pending, failed).
 */
export const triggerHealthItemSchema = z.object({
	status: z.enum(TRIGGER_STATUSES),
	/** The last check's status (published workflows keep it); "healthy" for one not seen before. */
	previousStatus: z.string(),
	summary: z.string(),
	/** What to do, in words; null when healthy. */
	fix: z.string().nullable(),
	workflow: z.object({ id: z.string(), name: z.string() }).nullable(),
	triggerNode: z.string().nullable(),
	subscription: z
		.object({
			id: z.string(),
			name: z.string().nullable(),
			webhookUrl: z.string().nullable(),
			isEnabled: z.boolean().nullable(),
			deletedAt: z.string().nullable(),
		})
		.nullable(),
	deliveries: z
		.object({
			windowHours: z.number(),
			failed: z.number(),
			retrying: z.number(),
			pending: z.number(),
			delivered: z.number(),
			lastDeliveredAt: z.string().nullable(),
			lastError: z.string().nullable(),
			complete: z.boolean(),
		})
		.nullable(),
	/** What Repair did, in words. */
	repairs: z.array(z.string()),
	checkedAt: z.string(),
});

/**
 * Notification → Send Test: Replicated's answer (SPEC testWebhook → TestWebhookResponseBody) with
 * the URL and event type sent.
 */
export const webhookTestItemSchema = z.looseObject({
	success: z.boolean().optional(),
	statusCode: z.number().optional(),
	durationMs: z.number().optional(),
	error: z.string().optional(),
	/** The Webhook URL parameter. */
	webhookUrl: z.string(),
	/** The Event Type parameter. */
	eventType: z.string(),
});

import { z } from 'zod/v4';

import { deliverySchema } from './event';
import { keyedBy } from './keyed';

const text = z.string().nullable();

/**
 * The item the Replicated Trigger emits: the contract templates build on. Only the keys declared
 * here are guaranteed; `data` holds every event-specific field as Replicated sent it.
 */
export const eventItemSchema = z.object({
	/** The CRM join key, when the delivery or the enrichment knows it. */
	customId: text,
	event: z.string(),
	category: z.string(),
	occurredAt: z.string(),
	isTest: z.boolean(),
	/**
	 * SHA-256 (hex) of the delivery's body: the same for Replicated's retries of one delivery, so
	 * downstream writes can be made idempotent with it. Null only for items built outside a delivery.
	 */
	deliveryId: text,
	/**
	 * True when Replicated delivered the event again after its replay window (catch-up after
	 * downtime, a resend from Notifications → History): `occurredAt` is then hours old.
	 */
	redelivered: z.boolean().optional(),
	text,
	app: z.object({ id: text, name: text, slug: text }),
	customer: z
		.looseObject({
			id: z.string(),
			name: text,
			customId: text,
			licenseType: text,
			/** Only with Enrich With Customer (the payload has no email or expiry). */
			email: text.optional(),
			expiresAt: text.optional(),
			channel: text.optional(),
			enrichmentError: z.string().optional(),
		})
		.nullable(),
	instance: z.looseObject({ id: z.string(), status: text, appVersion: text }).nullable(),
	/**
	 * The trigger's filter settings for this event, as automatic registration sends them to
	 * Replicated (e.g. `versionsBehind: "3"`): what the event means, whether or not `data` says it.
	 */
	filters: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
	/**
	 * The delivery's `data` as sent. Which fields each event carries, and which of them Replicated
	 * documents or are INFERRED: schemas/event-data.ts.
	 */
	data: keyedBy(z.unknown()),
	raw: deliverySchema.optional(),
});
export type EventItem = z.infer<typeof eventItemSchema>;

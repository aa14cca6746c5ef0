import { z } from 'zod/v4';

/**
 * Replicated's catalogue of event types (SPEC searchNotificationEventTypes →
 * SearchNotificationEventTypesResponse; the CLI's pkg/types/notification.go:55-89), and the item
 * Notification → Get Event Types makes of each. Loose: the CLI marks filters, options, payload
 * fields and most of their properties omitempty, so every one of them may be missing.
 */
const text = z.string().nullish();

/** SPEC Option: "an option for select/multiselect fields" (CLI NotificationEventTypeFilterOption). */
const optionSchema = z.looseObject({
	value: z.string(),
	label: text,
	appId: text,
	metricType: text,
});

/** SPEC FilterField (CLI NotificationEventTypeFilterField). */
const filterFieldSchema = z.looseObject({
	key: z.string(),
	label: text,
	type: text,
	placeholder: text,
	required: z.boolean().nullish(),
	options: z.array(optionSchema).nullish(),
});

/** SPEC PayloadField: one field of a delivery's `data` (CLI NotificationPayloadField). */
const payloadFieldSchema = z.looseObject({
	key: z.string(),
	type: text,
	description: text,
});

/** SPEC EventTypeResponse (CLI NotificationEventType). */
export const eventTypeSchema = z.looseObject({
	key: z.string(),
	displayName: text,
	description: text,
	category: text,
	filters: z.array(filterFieldSchema).nullish(),
	/** SPEC EventTypeResponse.webhookPayloadFormat: "ordered to preserve display order in the UI". */
	webhookPayloadFormat: z.array(payloadFieldSchema).nullish(),
});
export type EventType = z.output<typeof eventTypeSchema>;

/** SPEC SearchNotificationEventTypesResponse {eventTypes, total}. */
export const eventTypeListSchema = z.looseObject({
	eventTypes: z.array(eventTypeSchema).nullish(),
	total: z.number().nullish(),
});

const shown = z.string().nullable();

/** Notification → Get Event Types: one item per event type, every list present, missing as null. */
export const eventTypeItemSchema = z.object({
	/** The event key: the trigger's `event` and a subscription's `eventType`. */
	key: z.string(),
	displayName: shown,
	description: shown,
	category: shown,
	/** The filters a subscription to this event takes, and which are required. */
	filters: z.array(
		z.object({
			key: z.string(),
			label: shown,
			type: shown,
			placeholder: shown,
			required: z.boolean(),
			options: z.array(
				z.object({ value: z.string(), label: shown, appId: shown, metricType: shown }),
			),
		}),
	),
	/** Replicated's `webhookPayloadFormat`: the fields of a delivery's `data` (the trigger's `data`). */
	dataFields: z.array(z.object({ key: z.string(), type: shown, description: shown })),
});
export type EventTypeItem = z.infer<typeof eventTypeItemSchema>;

const orNull = (value: string | null | undefined) => value ?? null;

/** The item of one event type: Replicated's names, each list present, nothing invented. */
export function eventTypeItem(eventType: EventType): EventTypeItem {
	return {
		key: eventType.key,
		displayName: orNull(eventType.displayName),
		description: orNull(eventType.description),
		category: orNull(eventType.category),
		filters: (eventType.filters ?? []).map((filter) => ({
			key: filter.key,
			label: orNull(filter.label),
			type: orNull(filter.type),
			placeholder: orNull(filter.placeholder),
			required: filter.required === true,
			options: (filter.options ?? []).map((option) => ({
				value: option.value,
				label: orNull(option.label),
				appId: orNull(option.appId),
				metricType: orNull(option.metricType),
			})),
		})),
		dataFields: (eventType.webhookPayloadFormat ?? []).map((field) => ({
			key: field.key,
			type: orNull(field.type),
			description: orNull(field.description),
		})),
	};
}

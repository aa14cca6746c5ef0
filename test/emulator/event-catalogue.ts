import { EVENT_TYPES } from '../../nodes/Replicated/trigger/panel/events';
import {
	EVENT_FILTERS,
	FILTER_KEYS,
	type FilterKeyName,
	type FilterRule,
} from '../../nodes/Replicated/trigger/panel/filter-catalogue';
import { eventsDocSections } from './events-doc';
import type { EmulatorState } from './state';
import { sampleDelivery } from './samples';

/**
 * Replicated's catalogue of event types as `GET /v3/notification_event_types` serves it (SPEC
 * searchNotificationEventTypes → SearchNotificationEventTypesResponse {eventTypes: EventTypeResponse
 * [], total}), built from what Replicated publishes: the events, their names, descriptions and
 * categories from its docs page of event types (test/fixtures/replicated/), their filters from the
 * package's filter catalogue (held to that page by test/unit/filter-catalogue.test.ts), and their
 * `data` fields (`webhookPayloadFormat`) from the docs' webhook payload format, the only one
 * Replicated documents. The emulator's route and the tests read this one model.
 */

/** SPEC Option: "an option for select/multiselect fields". */
export interface EventTypeOption {
	value: string;
	label: string;
	appId?: string;
	metricType?: string;
}

/** SPEC FilterField. */
export interface EventTypeFilter {
	key: string;
	label: string;
	type: string;
	placeholder?: string;
	required: boolean;
	options?: EventTypeOption[];
}

/**
 * SPEC PayloadField: one field of a delivery's `data` ("returned as an ordered slice to preserve
 * display order in the UI"). `source` is the emulator's own mark of where the field is known from
 * and is not served: `docs` for Replicated's documented payload, `emulator` for a field of the
 * emulator's own deliveries (samples.ts) that no Replicated list confirms.
 */
export interface PayloadField {
	key: string;
	type: string;
	description?: string;
	source: 'docs' | 'emulator';
}

/** SPEC EventTypeResponse, with the emulator's source marks on its payload fields. */
export interface EventTypeEntry {
	key: string;
	displayName: string;
	description: string;
	category: string;
	filters: EventTypeFilter[];
	webhookPayloadFormat: PayloadField[];
}

/**
 * DOCS `static/images/webhook-payload.png`, the Vendor Portal's "Webhook Payload Format" modal,
 * transcribed verbatim in API.md §2.1: the one payload Replicated documents, in its order. The
 * placeholders are read as each field's `type` (INFERRED: the modal shows a PayloadField list,
 * which the spec says is ordered "to preserve display order in the UI", as `"<type>"`).
 */
export const DOCUMENTED_PAYLOAD = {
	event: 'release.asset_downloaded',
	timestamp: '<ISO-8601-timestamp>',
	data: {
		event_type: '<string>',
		team_id: '<string>',
		customer_id: '<string>',
		customer_name: '<string>',
		service_account_name: '<string>',
		app_id: '<string>',
		app_name: '<string>',
		app_slug: '<string>',
		channel_id: '<string>',
		channel_name: '<string>',
		asset_type: '<string>',
		asset_name: '<string>',
		asset_version: '<string>',
		license_type: '<string>',
		downloaded_at: '<ISO-8601-timestamp>',
		is_first_customer_pull: '<boolean>',
	},
	text: '<human-readable-summary>',
} as const;

/**
 * What Replicated's docs say of two documented fields, as their descriptions: the asset types of
 * the Asset Type filter, and the Pull Type note on `is_first_customer_pull` (filters page).
 */
const DOCUMENTED_DESCRIPTIONS: Record<string, string> = {
	asset_type: 'helm_chart, embedded_cluster_bundle or proxy_image',
	is_first_customer_pull:
		'Whether this is the customer’s first pull; false on every pull of customers who pulled before March 18, 2026',
};

function documentedFields(): PayloadField[] {
	return Object.entries(DOCUMENTED_PAYLOAD.data).map(([key, placeholder]) => ({
		key,
		type: placeholder.slice(1, -1),
		...(DOCUMENTED_DESCRIPTIONS[key] ? { description: DOCUMENTED_DESCRIPTIONS[key] } : {}),
		source: 'docs' as const,
	}));
}

/**
 * INFERRED: Replicated publishes no field list for the other events. The emulator lists the fields
 * its own deliveries of the event carry (samples.ts, from API.md §2.1–2.2), typed as the documented
 * payload types them, so that its catalogue and its deliveries agree.
 */
function emulatorFields(event: string): PayloadField[] {
	return Object.entries(sampleDelivery(event).data).map(([key, value]) => ({
		key,
		type:
			typeof value === 'string'
				? /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)
					? 'ISO-8601-timestamp'
					: 'string'
				: Array.isArray(value)
					? 'array'
					: typeof value,
		source: 'emulator' as const,
	}));
}

/**
 * INFERRED: the form control of a filter. SPEC Option is for "select/multiselect fields"; the
 * docs' JSON shape says which: an array is a multiselect, a closed set or a picker of the team's
 * apps and channels a select, anything else free text.
 */
function filterType(name: FilterKeyName, hasOptions: boolean): string {
	const key = FILTER_KEYS[name];
	if (key.shape === 'array') return 'multiselect';
	return key.values || name === 'appId' || (name === 'metricName' && hasOptions)
		? 'select'
		: 'text';
}

/**
 * INFERRED: the options of a filter. A closed set of the docs lists its values (labelled as
 * written); Application and Channel offer the team's apps and channels ("Any application in your
 * account", "Any channel for the selected application": each channel carries its app, SPEC
 * Option.appId); a metric name offers the custom metrics the team's instances report, typed (SPEC
 * Option.metricType). Customers are not listed (a team has too many for a dropdown).
 */
function optionsOf(name: FilterKeyName, state: EmulatorState): EventTypeOption[] | undefined {
	if (name === 'appId')
		return [...state.apps.values()].map((a) => ({ value: a.id, label: a.name }));
	if (name === 'channelId')
		return [...state.channels.values()]
			.filter((c) => !c.isArchived)
			.map((c) => ({ value: c.id, label: c.name, appId: c.appId }));
	if (name === 'metricName') {
		const metrics = new Map<string, EventTypeOption>();
		for (const instance of state.instances.values())
			for (const [metric, value] of Object.entries(instance.customMetrics))
				metrics.set(metric, {
					value: metric,
					label: metric,
					appId: instance.appId,
					metricType: typeof value,
				});
		return metrics.size ? [...metrics.values()] : undefined;
	}
	return FILTER_KEYS[name].values?.map((value) => ({ value, label: value }));
}

function filtersOf(
	event: string,
	example: Record<string, unknown>,
	state: EmulatorState,
): EventTypeFilter[] {
	return (Object.entries(EVENT_FILTERS[event] ?? {}) as Array<[FilterKeyName, FilterRule]>).map(
		([name, rule]) => {
			const options = optionsOf(name, state);
			// The docs' JSON definition's value, where it shows one, as the placeholder (INFERRED).
			const shown = example[name];
			return {
				key: name,
				label: FILTER_KEYS[name].label,
				type: filterType(name, options !== undefined),
				...(typeof shown === 'string' && !options ? { placeholder: shown } : {}),
				// INFERRED: "Conditional" (Threshold Value) cannot be said by a boolean: not required.
				required: rule === 'required',
				...(options ? { options } : {}),
			};
		},
	);
}

/** Every event type, in the docs page's order (INFERRED: Replicated's own order is not known). */
export function eventTypeCatalogue(state: EmulatorState): EventTypeEntry[] {
	return eventsDocSections()
		.filter((section) => EVENT_TYPES.some((e) => e.key === section.eventType))
		.map((section) => ({
			key: section.eventType,
			// INFERRED: the docs' heading is the name the Vendor Portal shows (the CLI's pact example,
			// "Release Promoted", is one), its first paragraph the description.
			displayName: section.heading,
			description: section.lead,
			category: section.category,
			filters: filtersOf(section.eventType, section.example, state),
			webhookPayloadFormat:
				section.eventType === DOCUMENTED_PAYLOAD.event
					? documentedFields()
					: emulatorFields(section.eventType),
		}));
}

/**
 * SPEC searchNotificationEventTypes: `q` "matching key, display name, description, or category"
 * (INFERRED: case-insensitive substring), at most `limit`; `total` counts every match (INFERRED).
 */
export function searchEventTypes(
	catalogue: EventTypeEntry[],
	q: string,
	limit?: number,
): { eventTypes: EventTypeEntry[]; total: number } {
	const needle = q.trim().toLowerCase();
	const matching = catalogue.filter(
		(e) =>
			!needle ||
			[e.key, e.displayName, e.description, e.category].some((text) =>
				text.toLowerCase().includes(needle),
			),
	);
	return { eventTypes: matching.slice(0, limit ?? matching.length), total: matching.length };
}

/** The answer as Replicated serves it: the emulator's source marks left out. */
export function served(entry: EventTypeEntry): Omit<EventTypeEntry, 'webhookPayloadFormat'> & {
	webhookPayloadFormat: Array<Omit<PayloadField, 'source'>>;
} {
	return {
		...entry,
		webhookPayloadFormat: entry.webhookPayloadFormat.map(({ key, type, description }) => ({
			key,
			type,
			...(description ? { description } : {}),
		})),
	};
}

import { EVENT_TYPES } from './events';
import {
	EVENT_FILTERS,
	eventConfigProblem,
	FILTER_KEYS,
	type FilterKeyName,
	isRequired,
} from './filter-catalogue';
import { EVENT_SETTING_KEYS, FILTER_PARAMETER } from './filter-fields';

/** What the user chose, per filter key: one value or a list, as text. */
export type FilterValues = Partial<Record<FilterKeyName, string | string[]>>;

export interface EventConfig {
	eventType: string;
	filters: Record<string, string | string[]>;
}

/**
 * The subscription's event configs and the events All Events left out for want of a setting; or,
 * when the chosen settings cannot be registered, what to fill in.
 */
export interface Registration {
	eventConfigs: EventConfig[];
	leftOut: Array<{ eventType: string; missing: string[] }>;
	problem?: { message: string; description: string };
}

/** Reads a node parameter the way n8n hands it over. */
type ReadParameter = (name: string, fallback: unknown) => unknown;

function asText(value: unknown): string | string[] | undefined {
	if (Array.isArray(value)) {
		const list = value.map((v) => String(v).trim()).filter(Boolean);
		return list.length ? list : undefined;
	}
	if (value === undefined || value === null) return undefined;
	// The App picker holds {mode, value}.
	const raw = typeof value === 'object' ? (value as { value?: unknown }).value : value;
	const text = String(raw ?? '').trim();
	return text || undefined;
}

/** The Filters collection (the scope), as filter values. */
export function scopeFilters(collection: Record<string, unknown> | undefined): FilterValues {
	const values: FilterValues = {};
	for (const key of Object.keys(FILTER_KEYS) as FilterKeyName[]) {
		if (EVENT_SETTING_KEYS.includes(key)) continue;
		const value = asText(collection?.[FILTER_PARAMETER[key] ?? key]);
		if (value !== undefined) values[key] = value;
	}
	return values;
}

/**
 * The event settings (the fields shown per event) and the scope (the Filters collection, parsed by
 * panel/parameters.ts), as filter values; for one event, only the settings its table lists (each
 * parameter read costs n8n a lookup per delivery).
 */
export function chosenFilters(
	scope: Record<string, unknown>,
	read: ReadParameter,
	eventType?: string,
): FilterValues {
	const values = scopeFilters(scope);
	const accepted = eventType ? (EVENT_FILTERS[eventType] ?? {}) : null;
	for (const key of EVENT_SETTING_KEYS) {
		if (accepted && !accepted[key]) continue;
		// n8n throws for a hidden parameter read without a fallback.
		const value = asText(read(key, ''));
		if (value !== undefined) values[key] = value;
	}
	return values;
}

export function selectedEvents(events: string[]): string[] {
	return events.includes('*') || events.length === 0
		? EVENT_TYPES.map((e) => e.key)
		: [...new Set(events)].sort();
}

function eventName(eventType: string): string {
	return EVENT_TYPES.find((e) => e.key === eventType)?.name ?? eventType;
}

/** The filters one event is registered with: those its table lists, in the docs' JSON shape. */
export function filtersFor(
	eventType: string,
	values: FilterValues,
): Record<string, string | string[]> {
	const filters: Record<string, string | string[]> = {};
	for (const key of Object.keys(EVENT_FILTERS[eventType] ?? {}) as FilterKeyName[]) {
		const value = values[key];
		if (value === undefined) continue;
		const list = Array.isArray(value) ? value : [value];
		filters[key] = FILTER_KEYS[key].shape === 'array' ? list : list[0];
	}
	return filters;
}

/**
 * Subscription event configs from Replicated's filter tables: each event gets only the filters its
 * table lists, lists where the docs use arrays, numbers as strings. An event chosen by name whose
 * Required filter is empty is a problem; All Events leaves such an event out and says so.
 */
export function eventConfigs(events: string[], values: FilterValues): Registration {
	const all = events.includes('*') || events.length === 0;
	const registration: Registration = { eventConfigs: [], leftOut: [] };
	for (const eventType of selectedEvents(events)) {
		const accepted = EVENT_FILTERS[eventType] ?? {};
		const filters = filtersFor(eventType, values);
		const missing = (Object.entries(accepted) as Array<[FilterKeyName, never]>)
			.filter(([key, rule]) => filters[key] === undefined && isRequired(rule, values))
			.map(([key]) => FILTER_KEYS[key].label);
		if (missing.length) {
			if (all) {
				registration.leftOut.push({ eventType, missing });
				continue;
			}
			return {
				...registration,
				problem: {
					message: `${eventName(eventType)} needs ${missing.join(' and ')}`,
					description: `Replicated registers ${eventType} only with ${missing.join(' and ')}. Fill in the field${missing.length > 1 ? 's' : ''} shown for it under Events, or remove the event.`,
				},
			};
		}
		const problem = eventConfigProblem(eventType, filters);
		if (problem) {
			return {
				...registration,
				problem: {
					message: `${eventName(eventType)}: ${problem}`,
					description:
						'Choose one of the values the field offers (an expression must resolve to one of them).',
				},
			};
		}
		registration.eventConfigs.push({ eventType, filters });
	}
	return registration;
}

/**
 * The same scope applied to each delivery, so manual subscriptions set up in the Vendor Portal
 * behave like automatic ones. Only filters whose delivery field Replicated's sources name are
 * checked, and a delivery without that field (a release event has no customer) is not filtered
 * out by it.
 */
export function outOfScope(data: Record<string, unknown>, values: FilterValues): string | null {
	for (const [name, value] of Object.entries(values) as Array<[FilterKeyName, string | string[]]>) {
		const { dataField, label } = FILTER_KEYS[name];
		const actual = dataField ? data[dataField] : undefined;
		if (typeof actual !== 'string' || actual === '') continue;
		// Deliveries say `paid`; Replicated's own objects say `prod`.
		const seen = name === 'licenseType' && actual === 'prod' ? 'paid' : actual;
		if (!(Array.isArray(value) ? value : [value]).includes(seen)) return label.toLowerCase();
	}
	return null;
}

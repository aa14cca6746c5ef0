import type { NodeHint } from 'n8n-workflow';

import { dataFields, FIELD_SOURCES, type FieldSource } from '../../schemas/event-data';
import { EVENT_TYPES } from './events';

/**
 * What the trigger's output pane says about an item's `data`: which of its fields Replicated
 * documents and which are INFERRED, from the one list of them (schemas/event-data.ts). One hint
 * per selected event; with All Events, one that says where to find them all.
 */
const code = (keys: string[]) => keys.map((k) => `<code>${k}</code>`).join(', ');

const PER_SOURCE: Record<FieldSource, string> = {
	documented: `${FIELD_SOURCES.documented}`,
	backend: `from ${FIELD_SOURCES.backend}`,
	inferred: `${FIELD_SOURCES.inferred}, may be missing: read with a fallback`,
};

/** One event's fields, by source, in a sentence. */
export function dataFieldsMessage(event: string): string {
	const name = EVENT_TYPES.find((e) => e.key === event)?.name ?? event;
	const fields = dataFields(event);
	const parts = (['documented', 'backend', 'inferred'] as const)
		.map((source) => [source, fields.filter((f) => f.source === source).map((f) => f.key)] as const)
		.filter(([, keys]) => keys.length)
		.map(([source, keys]) => `${PER_SOURCE[source]}: ${code(keys)}`);
	const none = fields.some((f) => f.source !== 'inferred')
		? ''
		: ' Replicated documents none of them.';
	return `<b>${name}</b>: <code>data</code> fields ${parts.join('; ')}.${none}`;
}

const ALL_EVENTS =
	"<code>data</code> holds each event's fields as Replicated sent them. Replicated documents them only for Release: Asset Downloaded; for the other events they are quoted from Replicated's backend by its reference integration, or INFERRED and may be missing. Select an event to see its fields and their sources here, or list Replicated's own with Replicated → Notification → Get Event Types.";

const selected = (key: string) =>
	`={{ ($parameter.events || []).includes(${JSON.stringify(key)}) }}`;

export const DATA_FIELD_HINTS: NodeHint[] = [
	{
		message: ALL_EVENTS,
		type: 'info',
		location: 'outputPane',
		whenToDisplay: 'always',
		displayCondition: selected('*'),
	},
	...EVENT_TYPES.map(
		(e): NodeHint => ({
			message: dataFieldsMessage(e.key),
			type: 'info',
			location: 'outputPane',
			whenToDisplay: 'always',
			displayCondition: selected(e.key),
			group: {
				key: 'data-fields',
				summary: 'Where the data fields of the {count} selected events come from',
				label: e.name,
			},
		}),
	),
];

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- build script: writes the README */
/**
 * The README's "Trigger events" table and docs/trigger.md's table of event data fields, written
 * from the trigger's own catalogues (the events it offers, the filters Replicated's tables give
 * each, the `data` fields and where each is known from), so the pages cannot drift from the node.
 * `npm run docs` rewrites them; test/unit/docs.test.ts fails when they hold anything else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	dataFields,
	ENVELOPE_FIELDS,
	FIELD_SOURCES,
	type FieldSource,
} from '../../nodes/Replicated/schemas/event-data';
import { EVENT_TYPES } from '../../nodes/Replicated/trigger/panel/events';
import {
	EVENT_FILTERS,
	FILTER_KEYS,
	type FilterKeyName,
} from '../../nodes/Replicated/trigger/panel/filter-catalogue';

export const README = path.join(__dirname, '../../README.md');
export const TRIGGER_DOC = path.join(__dirname, '../../docs/trigger.md');
const START = '<!-- trigger-events:start (npm run docs) -->';
const END = '<!-- trigger-events:end -->';
const DATA_START = '<!-- event-data:start (npm run docs) -->';
const DATA_END = '<!-- event-data:end -->';

function filtersOf(key: string): string {
	const entries = Object.entries(EVENT_FILTERS[key] ?? {}) as Array<[FilterKeyName, string]>;
	if (!entries.length) return '';
	return entries
		.map(([name, rule]) => {
			const label = FILTER_KEYS[name].label;
			if (rule === 'required') return `**${label}** (required)`;
			if (rule === 'conditional')
				return `${label} (required unless the operator compares with nothing)`;
			return label;
		})
		.join(', ');
}

export function triggerEventsTable(): string {
	const rows = EVENT_TYPES.map(
		(e) => `| ${e.name} | \`${e.key}\` | ${e.description} | ${filtersOf(e.key) || 'none'} |`,
	);
	return [
		START,
		`All ${EVENT_TYPES.length} event keys Replicated notifies about. **Bold** filters must be set before the event can be registered; the others narrow it down.`,
		'',
		'| Event | Key | What it means | Filters |',
		'| --- | --- | --- | --- |',
		...rows,
		END,
	].join('\n');
}

const SOURCES: FieldSource[] = ['documented', 'backend', 'inferred'];

/** Per event, its `data` fields under the source each is known from. */
export function eventDataTable(): string {
	const cell = (event: string, source: FieldSource) =>
		dataFields(event)
			.filter((f) => f.source === source)
			.map((f) => `\`${f.key}\``)
			.join(', ') || '–';
	return [
		DATA_START,
		`Every delivery's envelope is documented: ${ENVELOPE_FIELDS.map((f) => `\`${f}\``).join(', ')} and \`test: true\` on a test delivery. The fields of \`data\` per event, by where each is known from: **${FIELD_SOURCES.documented}** (the webhook payload format in Replicated's docs), **${FIELD_SOURCES.backend}** (Replicated's private backend as the Salesforce reference integration quotes it: secondary), **${FIELD_SOURCES.inferred}** (no Replicated source names the field for this event: it may be missing or named otherwise). More fields may arrive: the trigger passes \`data\` on whole.`,
		'',
		`| Event | ${SOURCES.map((s) => FIELD_SOURCES[s]).join(' | ')} |`,
		`| --- | ${SOURCES.map(() => '---').join(' | ')} |`,
		...EVENT_TYPES.map(
			(e) => `| ${e.name} (\`${e.key}\`) | ${SOURCES.map((s) => cell(e.key, s)).join(' | ')} |`,
		),
		DATA_END,
	].join('\n');
}

/** `text` with the block between `start` and `end` replaced by `block` (unchanged elsewhere). */
function withBlock(text: string, start: string, end: string, block: string, file: string): string {
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} block`);
	return text.slice(0, from) + block + text.slice(to + end.length);
}

/** The README with its table as the catalogues say (unchanged elsewhere). */
export function readmeWithTable(readme: string): string {
	return withBlock(readme, START, END, triggerEventsTable(), 'README.md');
}

/** docs/trigger.md with its table of event data fields as event-data.ts says. */
export function triggerDocWithTable(doc: string): string {
	return withBlock(doc, DATA_START, DATA_END, eventDataTable(), 'docs/trigger.md');
}

if (require.main === module) {
	writeFileSync(README, readmeWithTable(readFileSync(README, 'utf8')));
	writeFileSync(TRIGGER_DOC, triggerDocWithTable(readFileSync(TRIGGER_DOC, 'utf8')));
}

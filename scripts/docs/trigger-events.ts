/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- build script: writes the README */
/**
 * The README's "Trigger events" table, written from the trigger's own catalogues (the events it
 * offers, the filters Replicated's tables give each), so the page cannot drift from the node.
 * `npm run docs` rewrites it; test/unit/docs.test.ts fails when the README holds anything else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { EVENT_TYPES } from '../../nodes/Replicated/trigger/events';
import {
	EVENT_FILTERS,
	FILTER_KEYS,
	type FilterKeyName,
} from '../../nodes/Replicated/trigger/filter-catalogue';

export const README = path.join(__dirname, '../../README.md');
const START = '<!-- trigger-events:start (npm run docs) -->';
const END = '<!-- trigger-events:end -->';

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

/** The README with its table as the catalogues say (unchanged elsewhere). */
export function readmeWithTable(readme: string): string {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
	return readme.slice(0, start) + triggerEventsTable() + readme.slice(end + END.length);
}

if (require.main === module) {
	writeFileSync(README, readmeWithTable(readFileSync(README, 'utf8')));
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Replicated's page of event types and filters (replicated-docs
 * `docs/reference/notifications-events-filters.md`, copied in test/fixtures/replicated/), read
 * section by section: the emulator's event-type catalogue takes each event's name, description and
 * category from it, and test/unit/filter-catalogue.test.ts its filter tables.
 */
export const EVENTS_DOC_FILE = join(
	__dirname,
	'../fixtures/replicated/notifications-events-filters.md',
);

export interface EventsDocSection {
	/** The key of the section's JSON definition, e.g. `release.asset_downloaded`. */
	eventType: string;
	/** The section's heading, without its anchor: "Release Assets Downloaded". */
	heading: string;
	/** The paragraph under the heading: "When a customer pulls a release asset (…). …". */
	lead: string;
	/** The `## … events` part it sits in, without " events": "Release". */
	category: string;
	/** The section's own markdown (its filter tables and JSON definition). */
	body: string;
	/** The filters of the section's JSON definition, as written. */
	example: Record<string, unknown>;
}

let read: { text: string; sections: EventsDocSection[] } | undefined;

/** The page's text. */
export function eventsDocText(): string {
	return eventsDoc().text;
}

/** One entry per event section of the page, in the page's order. */
export function eventsDocSections(): EventsDocSection[] {
	return eventsDoc().sections;
}

function eventsDoc(): { text: string; sections: EventsDocSection[] } {
	if (read) return read;
	const text = readFileSync(EVENTS_DOC_FILE, 'utf8');
	const sections: EventsDocSection[] = [];
	for (const part of text.split(/\n## /).slice(1)) {
		const category = part.split('\n')[0].replace(/ events$/, '');
		for (const body of part.split(/\n### /).slice(1)) {
			const definition = /```json\n([\s\S]*?)```/.exec(body);
			if (!definition) continue;
			const { eventType, filters } = JSON.parse(definition[1]) as {
				eventType: string;
				filters: Record<string, unknown>;
			};
			const [heading, ...rest] = body.split('\n');
			const lead = rest
				.join('\n')
				.split(/\n\s*\n/)
				.map((p) => p.trim())
				.find((p) => p && !/^[#|<:`]/.test(p));
			sections.push({
				eventType,
				heading: heading.replace(/\s*\{#[^}]*\}\s*$/, '').trim(),
				lead: (lead ?? '').replace(/\s*\n\s*/g, ' '),
				category,
				body,
				example: filters,
			});
		}
	}
	read = { text, sections };
	return read;
}

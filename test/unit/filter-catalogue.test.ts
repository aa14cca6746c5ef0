import { EVENT_TYPES } from '../../nodes/Replicated/trigger/panel/events';
import {
	EVENT_FILTERS,
	eventConfigProblem,
	FILTER_KEYS,
	type FilterKeyName,
	OPERATORS_WITHOUT_THRESHOLD,
} from '../../nodes/Replicated/trigger/panel/filter-catalogue';
import { eventsDocSections, eventsDocText } from '../emulator/events-doc';

/** What the docs' page says, read from its tables: the catalogue must say the same. */
interface DocEvent {
	eventType: string;
	rows: Array<{
		key: string;
		required: string;
		header: string;
		options: string[];
		default?: string;
	}>;
	example: Record<string, unknown>;
}

const DOC = eventsDocText();

const codes = (cell: string) =>
	[...cell.matchAll(/`([^`]+)`|<code>([^<]+)<\/code>/g)].map((m) =>
		(m[1] ?? m[2]).replace(/^"|"$/g, ''),
	);

function readDoc(): DocEvent[] {
	return eventsDocSections().map(({ eventType, body: section, example }) => {
		const rows: DocEvent['rows'] = [];
		// Markdown tables: | Filter | JSON key | Required | Options or Description |
		const header = /\| Filter \| JSON key \| Required \| (\w+) \|/.exec(section)?.[1] ?? 'Options';
		for (const line of section.split('\n')) {
			const cells = line.split('|').map((c) => c.trim());
			if (cells.length < 6 || !/^`\w+`$/.test(cells[2])) continue;
			const text = cells[4];
			rows.push({
				key: cells[2].slice(1, -1),
				required: cells[3].replace(/\*/g, ''),
				header,
				options: header === 'Options' ? [...new Set(codes(text))] : [],
				default: /\(default: `"?([^`"]+)"?`\)/.exec(text)?.[1],
			});
		}
		// HTML tables: <td>Label</td><td><code>key</code></td><td>No</td><td>options</td>
		for (const tr of section.matchAll(
			/<tr>\s*<td>[^<]*<\/td>\s*<td><code>(\w+)<\/code><\/td>\s*<td>(\w+)<\/td>\s*<td>([\s\S]*?)<\/td>\s*<\/tr>/g,
		)) {
			const cell = tr[3];
			const listed = [...cell.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => li[1]);
			rows.push({
				key: tr[1],
				required: tr[2],
				header: 'Options',
				options: listed.length ? listed.map((li) => codes(li)[0]) : codes(cell),
				default:
					listed.find((li) => li.includes('(default)')) &&
					codes(listed.find((li) => li.includes('(default)'))!)[0],
			});
		}
		return { eventType, rows, example };
	});
}

/** The operator and frequency tables of Custom Metric Threshold Reached. */
function valuesOfTable(title: string): string[] {
	const table = DOC.split(`#### ${title}`)[1].split('\n#')[0];
	return [
		...new Set(
			table
				.split('\n')
				.filter((l) => l.startsWith('|'))
				.flatMap((l) => codes(l)),
		),
	];
}

describe("the filter catalogue says what Replicated's filter tables say", () => {
	const doc = readDoc();

	it('covers every event of the docs and of our event list, and no other', () => {
		const documented = doc.map((e) => e.eventType).sort();
		expect(documented).toHaveLength(28);
		expect(Object.keys(EVENT_FILTERS).sort()).toEqual(documented);
		expect(EVENT_TYPES.map((e) => e.key).sort()).toEqual(documented);
	});

	it("puts each event in the category of the docs' section it is in", () => {
		expect(eventsDocSections().map((e) => [e.eventType, e.category.toLowerCase()])).toEqual(
			eventsDocSections().map((e) => [
				e.eventType,
				EVENT_TYPES.find((t) => t.key === e.eventType)?.category,
			]),
		);
	});

	it.each(readDoc().map((e) => [e.eventType, e] as const))(
		'%s: the same keys, each as Required',
		(_, event) => {
			const expected = Object.fromEntries(
				event.rows.map((row) => [
					row.key,
					row.required === 'Yes'
						? 'required'
						: row.required === 'Conditional'
							? 'conditional'
							: 'optional',
				]),
			);
			expect(EVENT_FILTERS[event.eventType]).toEqual(expected);
		},
	);

	it("lists each key's allowed values and defaults where a table gives them", () => {
		for (const event of doc) {
			for (const row of event.rows) {
				const key = FILTER_KEYS[row.key as FilterKeyName];
				if (row.options.length)
					expect([row.key, [...(key.values ?? [])].sort()]).toEqual([
						row.key,
						[...row.options].sort(),
					]);
				if (row.default) expect([row.key, key.default]).toEqual([row.key, row.default]);
			}
		}
		expect([...FILTER_KEYS.operator.values!].sort()).toEqual(
			valuesOfTable('Available operators').sort(),
		);
		expect(FILTER_KEYS.frequency.values).toEqual(valuesOfTable('Frequency options'));
		expect(OPERATORS_WITHOUT_THRESHOLD).toEqual(['is_true', 'is_false', 'exists', 'not_exists']);
	});

	it("gives each key the JSON shape of the docs' examples, and marks keys no example shows as INFERRED", () => {
		const shown = new Map<string, 'array' | 'string'>();
		for (const event of doc)
			for (const [key, value] of Object.entries(event.example))
				shown.set(key, Array.isArray(value) ? 'array' : 'string');
		// The text says so where no example does: "The state filter accepts one or more values as an array".
		expect(DOC).toContain('The `state` filter accepts one or more values as an array');
		shown.set('state', 'array');
		for (const [name, key] of Object.entries(FILTER_KEYS)) {
			if (shown.has(name))
				expect([name, key.shape, key.shapeInferred]).toEqual([name, shown.get(name), undefined]);
			else expect([name, key.shapeInferred]).toEqual([name, true]);
		}
		expect(
			Object.entries(FILTER_KEYS)
				.filter(([, k]) => k.shapeInferred)
				.map(([n]) => n),
		).toEqual(['customerId', 'expirationStatus', 'accessMethod']);
	});

	it('accepts each JSON definition of the docs, as written', () => {
		for (const event of doc)
			expect([event.eventType, eventConfigProblem(event.eventType, event.example)]).toEqual([
				event.eventType,
				null,
			]);
	});

	describe('what Replicated would refuse', () => {
		it.each([
			[
				'instance.version_behind',
				{},
				'filter "versionsBehind" (Versions Behind) is required for instance.version_behind',
			],
			[
				'instance.version_behind',
				{ versionsBehind: 3 },
				'filter "versionsBehind" of instance.version_behind must hold strings (numbers as strings, e.g. "3")',
			],
			[
				'instance.version_behind',
				{ versionsBehind: '3', licenseType: ['paid'] },
				'filter "licenseType" is not accepted by instance.version_behind',
			],
			[
				'release.created',
				{ channelId: ['c'] },
				'filter "channelId" is not accepted by release.created',
			],
			[
				'customer.created',
				{ licenseType: 'paid' },
				'filter "licenseType" of customer.created must be an array of strings',
			],
			[
				'customer.created',
				{ licenseType: ['prod'] },
				'filter "licenseType" of customer.created must be one of paid, trial, community, dev; got "prod"',
			],
			[
				'instance.state.flapping',
				{ minStateChanges: '4', windowMinutes: '60' },
				'filter "minStateChanges" of instance.state.flapping must be one of 3, 5, 10, 15, 20; got "4"',
			],
			[
				'instance.state.duration',
				{ state: 'degraded', durationMinutes: '30' },
				'filter "state" of instance.state.duration must be an array of strings',
			],
			[
				'instance.custom_metric_threshold_reached',
				{ metricName: 'seats', operator: 'gt', frequency: 'once' },
				'filter "thresholdValue" (Threshold Value) is required for instance.custom_metric_threshold_reached',
			],
			[
				'platform.egress_threshold_reached',
				{ thresholdTiB: 'five' },
				'filter "thresholdTiB" of platform.egress_threshold_reached must be a number written as a string; got "five"',
			],
			['instance.restarted', {}, 'eventType "instance.restarted" is not a Replicated event type'],
		])('%s %j', (event, filters, problem) => {
			expect(eventConfigProblem(event, filters)).toBe(problem);
		});

		it('needs no threshold for operators that compare with nothing, and takes either shape where the docs show none', () => {
			expect(
				eventConfigProblem('instance.custom_metric_threshold_reached', {
					metricName: 'sso',
					operator: 'is_true',
					frequency: 'once',
				}),
			).toBeNull();
			expect(eventConfigProblem('customer.ep_user_joined', { accessMethod: 'invite' })).toBeNull();
			expect(
				eventConfigProblem('customer.ep_user_joined', { accessMethod: ['invite', 'saml_jit'] }),
			).toBeNull();
		});
	});
});

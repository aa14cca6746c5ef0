import { EventDigest, SERIES_POINTS } from '../../nodes/Replicated/insights/health/event-digest';
import type { InstanceEvent } from '../../nodes/Replicated/schemas/health';

const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00Z');

/** A custom-metric report `days` (fractional) after the window start. */
const point = (
	instanceId: string,
	value: number,
	days: number,
	metric = 'active_users',
): InstanceEvent => ({
	customerId: 'cust-1',
	instanceId,
	fieldName: metric,
	isCustom: true,
	newValue: value,
	previousValue: null,
	reportedAt: new Date(START + days * DAY).toISOString(),
});

describe("the event digest's metric series (the dashboard's sparklines)", () => {
	it("sums instances per day, each day's latest report carried forward to the days without one", () => {
		const digest = EventDigest.of(
			[
				point('i-1', 10, 0.1),
				point('i-1', 12, 0.9),
				point('i-1', 11, 0.5),
				point('i-2', 5, 1.2),
				point('i-1', 20, 3.5),
				point('i-2', 7, 3.1),
			],
			START,
		);
		// Day 0: i-1's latest of the day is 12 (at 0.9), i-2 not yet; day 1: 12 + 5; day 2: carried;
		// day 3: 20 + 7.
		expect(digest.trends('cust-1').active_users.series).toEqual([12, 17, 17, 27]);
	});

	it('thins a long window evenly to at most 31 points, keeping the first and last day', () => {
		const digest = EventDigest.of(
			Array.from({ length: 90 }, (_, day) => point('i-1', day, day + 0.5)),
			START,
		);
		const { series } = digest.trends('cust-1').active_users;
		expect(series).toHaveLength(SERIES_POINTS);
		expect(series[0]).toBe(0);
		expect(series.at(-1)).toBe(89);
		expect([...series].sort((a, b) => a - b)).toEqual(series);
	});

	it('leaves out reports before the window and metrics that are not custom', () => {
		const digest = EventDigest.of(
			[point('i-1', 99, -2), point('i-1', 4, 1), { ...point('i-1', 8, 2, 'cpu'), isCustom: false }],
			START,
		);
		expect(digest.trends('cust-1')).toEqual({
			active_users: {
				start: 4,
				latest: 4,
				changePct: 0,
				slopePerDay: null,
				points: 1,
				series: [4],
			},
		});
	});
});

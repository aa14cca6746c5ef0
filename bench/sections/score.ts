/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark: runs beside n8n, never inside it */
import { healthRow } from '../../nodes/Replicated/actions/insight/health-data';
import { EventDigest } from '../../nodes/Replicated/insights/health/event-digest';
import { scoreCustomers } from '../../nodes/Replicated/insights/health/score';
import { healthThresholdsSchema, type InstanceEvent } from '../../nodes/Replicated/schemas/health';
import { SEED_VERSIONS } from '../../test/emulator/state';
import { syntheticRow } from '../../test/emulator/export-rows';
import { round, type Row } from '../row';

const DAY = 86_400_000;
const channel = {
	id: 'bench-channel',
	appId: 'bench-app',
	appSlug: 'bench',
	name: 'Stable',
	channelSlug: 'stable',
	isDefault: true,
	isArchived: false,
};
const releases = new Map([
	[
		channel.id,
		SEED_VERSIONS.map((semver, i) => ({
			channelSequence: i,
			sequence: i + 1,
			semver,
			created: new Date(Date.now() - (6 - i) * 30 * DAY).toISOString(),
			releasedAt: new Date(Date.now() - (6 - i) * 30 * DAY).toISOString(),
			isDemoted: false,
		})),
	],
]);

/** One scoring run over `instances` synthetic rows (4 per customer) and 30 days of metric points. */
function measure(instances: number): { ms: number; heapMb: number; customers: number } {
	const now = Date.now();
	const rows = Array.from({ length: instances }, (_, i) =>
		healthRow(syntheticRow('bench-app', channel, i, now)),
	);
	// A day's metric point per instance for 30 days: the event series scoring reads.
	const digest = new EventDigest(now - 30 * DAY);
	for (const row of rows)
		for (let d = 29; d >= 0; d--) {
			const event: InstanceEvent = {
				customerId: row.customerId,
				instanceId: row.instanceId,
				fieldName: 'active_users',
				isCustom: true,
				newValue: String(100 + d),
				previousValue: null,
				reportedAt: new Date(now - d * DAY).toISOString(),
			};
			digest.add(event);
		}
	const input = {
		rows,
		releases,
		events: digest,
		thresholds: healthThresholdsSchema.parse({}),
		now: new Date(now),
	};
	// Median of five runs over the same data: one run is at the mercy of a GC pause.
	const times: number[] = [];
	let heapMb = 0;
	let scored: unknown[] = [];
	for (let i = 0; i < 5; i++) {
		const heap0 = process.memoryUsage().heapUsed;
		const t0 = performance.now();
		scored = scoreCustomers(input);
		times.push(performance.now() - t0);
		heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - heap0) / 1048576);
	}
	const ms = times.sort((a, b) => a - b)[2];
	return { ms, heapMb, customers: scored.length };
}

/** Row 6: Score Customers over 5k customers / 20k instances, and whether it grows linearly. */
export function scoreRows(): Row[] {
	measure(4000); // warm up
	const half = measure(10_000);
	const full = measure(20_000);
	const double = measure(40_000);
	const growth = (a: { ms: number }, b: { ms: number }) => b.ms / (2 * a.ms);
	return [
		{
			name: `Score Customers: ${full.customers} customers / 20k instances`,
			ours: round(full.ms, 0),
			baseline: round(half.ms, 0),
			unit: 'ms (baseline: 10k instances)',
			ratio: round(growth(half, full)),
			target: 'linear: time(2n) ≤ 1.3 × 2·time(n)',
			met: growth(half, full) <= 1.3 && growth(full, double) <= 1.3,
		},
		{
			name: 'Score Customers: 40k instances vs 2 × 20k',
			ours: round(double.ms, 0),
			baseline: round(2 * full.ms, 0),
			unit: 'ms',
			ratio: round(growth(full, double)),
			target: 'linear (≤ 1.3)',
			met: growth(full, double) <= 1.3,
		},
		{
			name: 'Score Customers: heap growth while scoring 20k instances',
			ours: round(full.heapMb, 1),
			baseline: round(half.heapMb, 1),
			unit: 'MB (baseline: 10k)',
			ratio: half.heapMb > 0 ? round(full.heapMb / half.heapMb) : null,
			target: 'reported (linear)',
			met: true,
		},
	];
}

/** Custom-metric values and usage against entitlements. Pure: no n8n, no HTTP. */
import type { MetricTrend } from '../../schemas/health';
import { own } from '../../schemas/keyed';

function numeric(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || value.trim() === '') return null;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The export's latest value of each metric, summed over instances, for metrics the event series
 * had no points for in the window (so usage against limits is still known).
 */
export function withCurrentValues(
	trends: Record<string, MetricTrend>,
	current: Array<Record<string, unknown>>,
): Record<string, MetricTrend> {
	const seen = new Set(Object.keys(trends));
	for (const values of current) {
		for (const [metric, raw] of Object.entries(values)) {
			const v = numeric(raw);
			if (v === null || seen.has(metric)) continue;
			// Own entries only: `trends` may be a plain object, where `constructor` is inherited.
			const trend = own(trends, metric) ?? {
				start: null,
				latest: 0,
				changePct: null,
				slopePerDay: null,
				points: 0,
				series: [],
			};
			trends[metric] = trend;
			trend.latest = (trend.latest ?? 0) + v;
		}
	}
	return trends;
}

/** Metric and entitlement names compared loosely: `active_users` matches `active-users`. */
export const looseName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export interface Usage {
	metric: string;
	entitlement: string;
	used: number;
	limit: number;
	pct: number;
}

/**
 * Usage of each metric against the entitlement that limits it: the pairs the user named, else
 * any entitlement whose name matches the metric's, ignoring case and punctuation.
 */
export function entitlementUsage(
	trends: Record<string, MetricTrend>,
	entitlements: Record<string, unknown>,
	pairs: Array<{ metric: string; entitlement: string }>,
): Usage[] {
	const byLooseName = new Map(Object.keys(entitlements).map((k) => [looseName(k), k]));
	const usage: Usage[] = [];
	for (const [metric, trend] of Object.entries(trends)) {
		const named = pairs.find((p) => p.metric === metric)?.entitlement;
		const entitlement = named ?? byLooseName.get(looseName(metric));
		const limit = entitlement === undefined ? null : numeric(own(entitlements, entitlement));
		if (!entitlement || limit === null || limit <= 0 || trend.latest === null) continue;
		usage.push({
			metric,
			entitlement,
			used: trend.latest,
			limit,
			pct: round((trend.latest / limit) * 100, 1),
		});
	}
	return usage;
}

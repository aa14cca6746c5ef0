import type { Signal } from '../../../schemas/health';
import { type ExpansionRule, plural } from './rule';

/** Each custom metric that rose by the threshold's percentage over the window. */
export const metricGrowth: ExpansionRule = ({ metrics }, t) => {
	const found: Signal[] = [];
	for (const [name, m] of Object.entries(metrics))
		if (m.changePct !== null && m.changePct >= t.metricGrowthPct)
			found.push({
				code: 'metric_growing',
				message: `${name} up ${m.changePct}% in ${plural(t.windowDays, 'day')} (${m.start} → ${m.latest})`,
			});
	return found;
};

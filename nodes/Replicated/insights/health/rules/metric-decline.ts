import type { Finding } from '../../../schemas/health';
import { finding, plural, type RiskRule } from './rule';

/** Each custom metric that fell by the threshold's percentage over the window: a watch. */
export const metricDecline: RiskRule = ({ metrics }, t) => {
	const found: Finding[] = [];
	for (const [name, m] of Object.entries(metrics))
		if (m.changePct !== null && m.changePct <= -t.metricDeclinePct)
			found.push(
				finding(
					'metric_declining',
					'watch',
					`${name} down ${Math.abs(m.changePct)}% in ${plural(t.windowDays, 'day')} (${m.start} → ${m.latest})`,
				),
			);
	return found;
};

import { dateOf, finding, type RiskRule, wholeDays } from './rule';

/**
 * Online instances check in every 4 hours; a silent one is down, offline or uninstalled. All of
 * them silent is at risk; some of them a watch.
 */
export const checkIns: RiskRule = ({ online }, t) => {
	const silent = online
		.filter((i) => i.daysSinceCheckIn !== null && i.daysSinceCheckIn >= t.checkInDays)
		.sort((a, b) => b.daysSinceCheckIn! - a.daysSinceCheckIn!);
	if (silent.length && silent.length === online.length) {
		const latest = online.reduce((a, b) => (a.daysSinceCheckIn! <= b.daysSinceCheckIn! ? a : b));
		return [
			finding(
				'no_check_in',
				'at risk',
				`No check-in from ${online.length === 1 ? 'its online instance' : `any of its ${online.length} online instances`} for ${wholeDays(latest.daysSinceCheckIn!)} (last ${dateOf(latest.lastCheckInAt!)})`,
				latest.instanceId,
			),
		];
	}
	if (!silent.length) return [];
	return [
		finding(
			'instance_silent',
			'watch',
			`${silent.length} of ${online.length} online instances not checking in: ${silent
				.slice(0, 3)
				.map((i) => `${i.instanceId} (${wholeDays(i.daysSinceCheckIn!)})`)
				.join(', ')}${silent.length > 3 ? ', …' : ''}`,
			silent[0].instanceId,
		),
	];
};

import { dateOf, finding, type RiskRule, wholeDays } from './rule';

/**
 * Air-gapped instances report by bundle: none for longer than the threshold is at risk.
 * INFERRED: an air-gapped instance's last report is its last uploaded bundle or instance report.
 */
export const airgapReports: RiskRule = ({ airgapped }, t) => {
	const lapsed = airgapped
		.filter((i) => i.daysSinceCheckIn !== null && i.daysSinceCheckIn >= t.airgapReportDays)
		.sort((a, b) => b.daysSinceCheckIn! - a.daysSinceCheckIn!);
	if (!lapsed.length) return [];
	return [
		finding(
			'airgap_report_lapsed',
			'at risk',
			`No air-gap bundle or report for ${wholeDays(lapsed[0].daysSinceCheckIn!)} from ${lapsed.length === 1 ? `instance ${lapsed[0].instanceId}` : `${lapsed.length} air-gapped instances`} (last ${dateOf(lapsed[0].lastCheckInAt!)})`,
			lapsed[0].instanceId,
		),
	];
};

import { finding, plural, type RiskRule } from './rule';

/** The instance furthest behind the channel: a watch at the threshold, at risk at twice it. */
export const versionsBehind: RiskRule = ({ behind }, t) => {
	if (!behind || behind.versionsBehind! < t.versionsBehind) return [];
	return [
		finding(
			'versions_behind',
			behind.versionsBehind! >= 2 * t.versionsBehind ? 'at risk' : 'watch',
			`${plural(behind.versionsBehind!, 'version')} behind on instance ${behind.instanceId} (runs ${behind.appVersion}, latest ${behind.latestVersion})`,
			behind.instanceId,
		),
	];
};

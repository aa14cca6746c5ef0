/** Version currency and upgrade velocity, from a channel's releases. Pure: no n8n, no HTTP. */
import type { ChannelRelease, VersionHistory } from '../../schemas/health';

const DAY = 86_400_000;

/** The channel's live releases, newest first (demoted ones are not offered to instances). */
export function liveReleases(releases: ChannelRelease[]): ChannelRelease[] {
	return releases
		.filter((r) => !r.isDemoted && r.channelSequence !== null)
		.sort((a, b) => b.channelSequence! - a.channelSequence!);
}

export interface Currency {
	versionsBehind: number | null;
	latestVersion: string | null;
}

/**
 * How many live releases on the channel are newer than the one the instance runs (matched by
 * version label). Unknown (null) when the instance's version is not among the channel's releases,
 * e.g. it was installed from another channel: guessing would raise false alarms.
 */
export function currency(appVersion: string | null, newestFirst: ChannelRelease[]): Currency {
	const latestVersion = newestFirst[0]?.semver ?? null;
	if (!appVersion || !newestFirst.length) return { versionsBehind: null, latestVersion };
	const index = newestFirst.findIndex((r) => r.semver === appVersion);
	return { versionsBehind: index === -1 ? null : index, latestVersion };
}

/** When a release became available on the channel. */
function availableAt(release: ChannelRelease): number | null {
	const at = Date.parse(release.releasedAt ?? release.created ?? '');
	return Number.isNaN(at) ? null : at;
}

/**
 * Days from each release reaching the channel to an instance starting to run it, for every upgrade
 * in the instances' version histories (the first entry is the install, not an upgrade).
 */
export function upgradeDelays(histories: VersionHistory[][], releases: ChannelRelease[]): number[] {
	const released = new Map<string, number>();
	for (const r of releases) {
		const at = availableAt(r);
		if (r.semver && at !== null && !(released.get(r.semver)! <= at)) released.set(r.semver, at);
	}
	const delays: number[] = [];
	for (const history of histories) {
		const ordered = [...history].sort(
			(a, b) => Date.parse(a.intervalStart ?? '') - Date.parse(b.intervalStart ?? ''),
		);
		for (const entry of ordered.slice(1)) {
			const from = released.get(entry.versionLabel ?? '');
			const to = Date.parse(entry.intervalStart ?? '');
			if (from === undefined || Number.isNaN(to)) continue;
			delays.push(Math.max(0, (to - from) / DAY));
		}
	}
	return delays;
}

export function median(values: number[]): number | null {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

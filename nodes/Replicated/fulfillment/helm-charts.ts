/**
 * Which charts the Helm section installs: every chart of the channel's current release that the
 * Helm CLI installs (SPEC `CustomerChannelWithDetail.chartReleases`, as the CLI's `customer
 * inspect` loops over them: cli/print/customer_attributes.go installCommand), or the one chart the
 * user named. Pure: no n8n, no HTTP.
 */
import { printable, quoteText } from './text';

/** SPEC `HelmChart` (the fields used). */
export interface ChannelChart {
	name: string;
	version: string | null;
	weight: number | null;
	error: string | null;
	isKotsInstallerOnly: boolean | null;
}

export interface HelmChartEntry {
	name: string;
	version: string | null;
	/** The channel's release, or the Helm Chart Name option. */
	source: 'channel' | 'option';
	included: boolean;
	/** Why a chart is left out, when it is for a reason of its own. */
	reason: string | null;
}

export interface HelmChartPlan {
	/** Every chart considered, in install order. */
	charts: HelmChartEntry[];
	/** The chart names to install, in order; empty when `problem` says why there is no Helm section. */
	install: string[];
	problem: string | null;
}

/**
 * Helm's own rule for a release name (helm pkg/chartutil ValidateReleaseName): the CLI names each
 * release after its chart, so a chart whose name breaks it cannot be installed that way; checking
 * it also keeps anything else a server could send out of the command.
 */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const isReleaseName = (name: string) => name.length <= 53 && RELEASE_NAME.test(name);

/** More than any real release has; a longer list would make instructions nobody can follow. */
const MAX_CHARTS = 50;

const OVERRIDE = 'or set the Helm Chart Name option';

function fromOption(name: string): HelmChartPlan {
	const ok = isReleaseName(name);
	return {
		charts: [
			{
				name,
				version: null,
				source: 'option',
				included: ok,
				reason: ok ? null : 'not a name Helm accepts for a release',
			},
		],
		install: ok ? [name] : [],
		problem: ok
			? null
			: `the Helm Chart Name option ${quoteText(name)} is not a name Helm accepts for a release`,
	};
}

/** Why a chart of the channel is not installed with Helm, if it is not. */
function exclusion(chart: ChannelChart): { reason: string; blocks: boolean } | null {
	// SPEC names the flag only; INFERRED from it and the docs' `kots.io/installer-only` annotation
	// (licenses-install-types: resources "used only by the Replicated installers"): such a chart is
	// not for a Helm CLI customer, and the rest of the release installs without it.
	if (chart.isKotsInstallerOnly)
		return {
			reason: "only Replicated's installers deploy it (isKotsInstallerOnly)",
			blocks: false,
		};
	// SPEC names the field only; INFERRED: Replicated could not read the chart. Installing the rest
	// would leave the application incomplete, so no Helm section at all (the user can name a chart).
	if (chart.error)
		return { reason: `Replicated reports an error: ${quoteText(chart.error, 200)}`, blocks: true };
	if (!isReleaseName(chart.name))
		return { reason: 'not a name Helm accepts for a release', blocks: true };
	return null;
}

export function helmChartPlan(input: {
	channelCharts: ChannelChart[];
	override: string;
	channelName: string;
}): HelmChartPlan {
	if (input.override) return fromOption(input.override);
	const channel = printable(input.channelName, 80);
	if (input.channelCharts.length > MAX_CHARTS)
		return {
			charts: [],
			install: [],
			problem: `the ${channel} channel's release lists ${input.channelCharts.length} charts, more than these instructions write (${MAX_CHARTS}): set the Helm Chart Name option`,
		};
	// KOTS installs charts by ascending weight (docs helm-native-helm-install-order); the CLI keeps
	// the API's order, which a stable sort keeps for equal weights.
	const ordered = [...input.channelCharts].sort((a, b) => (a.weight ?? 0) - (b.weight ?? 0));
	const judged = ordered.map((chart) => ({ chart, out: exclusion(chart) }));
	const blocker = judged.find((j) => j.out?.blocks)?.chart;
	const install = blocker ? [] : judged.filter((j) => !j.out).map((j) => j.chart.name);
	const charts = judged.map(({ chart, out }) => ({
		name: printable(chart.name, 253),
		version: chart.version,
		source: 'channel' as const,
		included: install.includes(chart.name),
		reason: out?.reason ?? null,
	}));
	let problem: string | null = null;
	if (blocker?.error)
		problem = `Replicated reports an error for chart ${quoteText(blocker.name)} of the ${channel} channel's release: promote a release whose charts Replicated reads without error, ${OVERRIDE}`;
	else if (blocker)
		problem = `chart ${quoteText(blocker.name)} of the ${channel} channel's release is not a name Helm accepts for a release: promote a release with valid chart names, ${OVERRIDE}`;
	else if (!install.length)
		problem = `no chart of the ${channel} channel's current release installs with the Helm CLI: promote a release with a Helm chart to ${channel}, ${OVERRIDE}`;
	return { charts, install, problem };
}

/**
 * The channel's own install commands (SPEC `existingClusterInstallCommand` and
 * `embeddedClusterInstallCommand` on `CustomerChannelWithDetail` and `Channel`) checked against
 * what the instructions build. Their content is undocumented (INFERRED: the CLI's `channel inspect`
 * prints a KOTS `kubectl kots install` and a kURL command for a channel, and a Helm-only channel
 * may show `helm install`), so they are only read, piece by piece, and reported in the output: a
 * server's text is never pasted into a command the customer runs. Pure: no n8n, no HTTP.
 */
import type { InstallFacts } from './install-instructions';
import { embeddedPath, helmChartRef, kotsTarget } from './install-sections';
import { quoteText } from './text';

export type ChannelCommandField = 'existingClusterInstallCommand' | 'embeddedClusterInstallCommand';

export interface ChannelCommandCheck {
	field: ChannelCommandField;
	/** `unrecognised`: not a command these instructions build, so nothing to compare. */
	result: 'agrees' | 'differs' | 'unrecognised';
	detail: string;
}

/** Enough for any install command; the rest of a huge value is never looked at. */
const MAX_READ = 4096;

/** Whitespace-separated words, one layer of surrounding quotes removed: read, never run. */
function words(command: string): string[] {
	return command
		.slice(0, MAX_READ)
		.split(/\s+/)
		.filter(Boolean)
		.map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
}

const agrees = (
	field: ChannelCommandField,
	what: string,
	several = false,
): ChannelCommandCheck => ({
	field,
	result: 'agrees',
	detail: `${what}, as these instructions have ${several ? 'them' : 'it'}`,
});

const differs = (
	field: ChannelCommandField,
	piece: string,
	theirs: string,
	ours: string,
): ChannelCommandCheck => ({
	field,
	result: 'differs',
	detail: `${piece}: the channel's command has ${quoteText(theirs)}, these instructions ${quoteText(ours)}`,
});

const unrecognised = (field: ChannelCommandField, detail: string): ChannelCommandCheck => ({
	field,
	result: 'unrecognised',
	detail,
});

const NOT_RECOGNISED = 'not a command these instructions recognise';

function parseUrl(text: string): URL | null {
	try {
		return new URL(text);
	} catch {
		return null;
	}
}

function existingCluster(f: InstallFacts, command: string): ChannelCommandCheck {
	const field = 'existingClusterInstallCommand';
	const w = words(command);
	const kots = w.findIndex(
		(x, i) => x === 'kubectl' && w[i + 1] === 'kots' && w[i + 2] === 'install',
	);
	if (kots >= 0 && w[kots + 3]) {
		const target = w[kots + 3];
		const ours = kotsTarget(f);
		return target === ours
			? agrees(field, `kubectl kots install ${ours}`)
			: differs(field, 'app and channel', target, ours);
	}
	const installs = w.flatMap((x, i) =>
		x === 'helm' && w[i + 1] === 'install' && w[i + 3]?.startsWith('oci://')
			? [{ name: w[i + 2], ref: parseUrl(w[i + 3]) }]
			: [],
	);
	for (const { name, ref } of installs) {
		if (!ref) return unrecognised(field, NOT_RECOGNISED);
		const chart = ref.pathname.split('/').pop() ?? '';
		const ours = helmChartRef(f, chart);
		if (ref.host !== ours.host) return differs(field, 'registry host', ref.host, ours.host);
		const path = decodeURIComponent(ref.pathname.slice(1));
		if (path !== ours.path) return differs(field, 'chart path', path, ours.path);
		if (name !== chart) return differs(field, 'release name', name, chart);
	}
	if (installs.length)
		return installs.length === 1
			? agrees(field, 'its helm install')
			: agrees(field, `its ${installs.length} helm installs`, true);
	return unrecognised(field, NOT_RECOGNISED);
}

function embeddedCluster(f: InstallFacts, command: string): ChannelCommandCheck {
	const field = 'embeddedClusterInstallCommand';
	const urls = words(command).flatMap((x) => parseUrl(x) ?? []);
	const download = urls.find((u) => u.pathname.startsWith('/embedded/'));
	if (download) {
		const ours = embeddedPath(f);
		if (download.host !== f.hosts.replicatedApp)
			return differs(field, 'download host', download.host, f.hosts.replicatedApp);
		if (download.pathname !== ours)
			return differs(field, 'app and channel', download.pathname, ours);
		return agrees(field, `the download from https://${f.hosts.replicatedApp}${ours}`);
	}
	if (urls.some((u) => u.hostname === 'kurl.sh' || u.hostname.endsWith('.kurl.sh')))
		return unrecognised(
			field,
			'a kURL install (k8s.kurl.sh), which these instructions do not build',
		);
	return unrecognised(field, NOT_RECOGNISED);
}

export function checkChannelCommands(
	f: InstallFacts,
	channel: {
		existingClusterInstallCommand: string | null;
		embeddedClusterInstallCommand: string | null;
	},
): ChannelCommandCheck[] {
	const checks: ChannelCommandCheck[] = [];
	if (channel.existingClusterInstallCommand)
		checks.push(existingCluster(f, channel.existingClusterInstallCommand));
	if (channel.embeddedClusterInstallCommand)
		checks.push(embeddedCluster(f, channel.embeddedClusterInstallCommand));
	return checks;
}

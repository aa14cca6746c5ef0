import type { Channel } from './model';

/**
 * SPEC `Channel.existingClusterInstallCommand` / `embeddedClusterInstallCommand`, undocumented
 * (INFERRED): as the CLI's `channel inspect` prints a channel's commands
 * (cli/print/channel_attributes.go existingInstallCommand, embeddedInstallCommand), which is also
 * what the Vendor Portal's channel card shows (docs releases-sharing-license-install-script: the
 * KOTS tab, and the Embedded K8s tab whose channel-wide command is kURL's, Embedded Cluster's being
 * customer-specific). Stable leaves the channel out, as there.
 */
function installCommands(channel: Channel) {
	const stable = channel.channelSlug === 'stable';
	const kots = stable ? channel.appSlug : `${channel.appSlug}/${channel.channelSlug}`;
	const kurl = stable ? channel.appSlug : `${channel.appSlug}-${channel.channelSlug}`;
	return {
		existingClusterInstallCommand:
			channel.installCommands?.existingCluster ??
			`curl -fsSL https://kots.io/install | bash\nkubectl kots install ${kots}`,
		embeddedClusterInstallCommand:
			channel.installCommands?.embeddedCluster ??
			`curl -fsSL https://k8s.kurl.sh/${kurl} | sudo bash`,
	};
}

/**
 * The channel's details as SPEC `Channel` and `CustomerChannelWithDetail` both carry them, read
 * when served (a test may change a channel after its customers were made).
 */
export function channelDetail(channel: Channel) {
	return {
		...(channel.customHostnameOverrides
			? { customHostnameOverrides: channel.customHostnameOverrides }
			: {}),
		replicatedRegistryDomain: channel.replicatedRegistryDomain,
		chartReleases: channel.chartReleases,
		...installCommands(channel),
	};
}

/** SPEC `Channel`, as the channel endpoints and an app's `channels` serve it. */
export function channelView(channel: Channel) {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { installCommands: _staged, customHostnameOverrides: _own, ...own } = channel;
	return { ...own, ...channelDetail(channel) };
}

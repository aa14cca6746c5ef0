import type { IExecuteFunctions } from 'n8n-workflow';

import { getChannel } from '../../api/channels';
import { type InstallChannel, installChannelSchema } from '../../schemas/install';

const NONE: InstallChannel = {
	chartReleases: null,
	replicatedRegistryDomain: null,
	customHostnameOverrides: null,
	existingClusterInstallCommand: null,
	embeddedClusterInstallCommand: null,
};

/**
 * The customer's channel with what the instructions need: its charts, domains and install
 * commands. SPEC `CustomerChannelWithDetail` lists them on the customer's `channels[]`, but the CLI
 * reads the channel itself for them (cli/cmd/customer_inspect.go customerChannel: SPEC
 * getChannelProperties, pkg/kotsclient/channel.go GetKotsChannel), and no source
 * says whether a customer's channels have them filled in (INFERRED). So: the customer's channel
 * when it carries its charts, else the channel as the CLI reads it, each field falling back to the
 * customer's copy.
 */
export async function installChannel(
	ctx: IExecuteFunctions,
	appId: string,
	channel: { id: string } & Record<string, unknown>,
	needed: boolean,
): Promise<InstallChannel> {
	const own = installChannelSchema.safeParse(channel);
	const fromCustomer = own.success ? own.data : NONE;
	if (!needed || fromCustomer.chartReleases?.length) return fromCustomer;
	const read = await getChannel(ctx, appId, channel.id);
	return {
		chartReleases: read.chartReleases ?? fromCustomer.chartReleases,
		replicatedRegistryDomain:
			read.replicatedRegistryDomain ?? fromCustomer.replicatedRegistryDomain,
		customHostnameOverrides: read.customHostnameOverrides ?? fromCustomer.customHostnameOverrides,
		existingClusterInstallCommand:
			read.existingClusterInstallCommand ?? fromCustomer.existingClusterInstallCommand,
		embeddedClusterInstallCommand:
			read.embeddedClusterInstallCommand ?? fromCustomer.embeddedClusterInstallCommand,
	};
}

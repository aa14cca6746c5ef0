import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { customHostnames, getApp } from '../../api/apps';
import { checkChannelCommands } from '../../fulfillment/channel-commands';
import { helmChartPlan } from '../../fulfillment/helm-charts';
import { downloadPortalLink, installHosts } from '../../fulfillment/install-hosts';
import {
	type InstallFacts,
	type InstallMethod,
	installInstructions,
	installPlan,
} from '../../fulfillment/install-instructions';
import {
	instructionsDocument,
	instructionsHtml,
	instructionsMarkdown,
} from '../../fulfillment/render';
import { type InstallInstructionsItem, installOptionsSchema } from '../../schemas/install';
import { parseResponse } from '../../schemas/parse';
import { customerLocator } from '../customer/fields';
import { resetAirgapPassword } from './airgap-password';
import { installChannel } from './install-channel';
import { runsAsTool } from '../tool-mode';
import { licensedCustomer } from './licensed-customer';

const show = { resource: ['license'], operation: ['installInstructions'] };
const INSTALL_METHODS: InstallMethod[] = ['helm', 'embeddedCluster', 'kots'];

export const description: INodeProperties[] = [
	customerLocator(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Also Output as File',
				name: 'asFile',
				type: 'options',
				default: 'none',
				description:
					'Adds the instructions as a file on the item, e.g. to attach to an email or upload to the CRM record. Files already on the item are kept.',
				options: [
					{ name: 'No', value: 'none' },
					{ name: 'HTML File', value: 'html', description: 'A page that opens in any browser' },
					{ name: 'Markdown File', value: 'markdown' },
				],
			},
			{
				displayName: 'Embedded Cluster Version',
				name: 'embeddedClusterVersion',
				type: 'options',
				default: 2,
				description:
					'The air gap install flag differs: --airgap-bundle in version 2, --airgap in 3',
				options: [
					{ name: 'Version 2', value: 2 },
					{ name: 'Version 3 (Beta)', value: 3 },
				],
			},
			{
				displayName: 'Helm Chart Name',
				name: 'chartName',
				type: 'string',
				default: '',
				placeholder: 'e.g. my-app',
				description:
					"Installs this one chart with Helm instead of the charts of the customer's channel. Leave empty to install every chart of the channel's current release that the Helm CLI installs, in weight order, as Replicated's CLI lists them.",
			},
			{
				displayName: 'Only These Methods',
				name: 'only',
				type: 'multiOptions',
				default: [],
				description:
					'Leave empty for every method the license allows (its install options); a method the license does not allow is never shown',
				options: [
					{ name: 'Embedded Cluster', value: 'embeddedCluster' },
					{ name: 'Helm', value: 'helm' },
					{ name: 'KOTS', value: 'kots' },
				],
			},
			{
				displayName: 'Put File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'instructions',
				description: 'With Also Output as File: the binary field the file goes in',
			},
			{
				displayName: 'Reset Download Portal Password',
				name: 'resetAirgapPassword',
				type: 'boolean',
				default: false,
				description:
					"Whether to give the customer a new Download Portal password and put it in the air gap steps. This RESETS the customer's current password: it stops working, for them and anyone they shared it with. Off, the steps say the password comes from you separately. Used only when the steps send the customer to the portal (KOTS or Helm air gap).",
			},
		],
	},
];

interface Options {
	asFile?: 'none' | 'html' | 'markdown';
	binaryPropertyName?: string;
	embeddedClusterVersion?: 2 | 3;
	chartName?: string;
	only?: InstallMethod[];
	resetAirgapPassword?: boolean;
}

/** Only Reset Download Portal Password changes Replicated (the customer's password). */
export function writes(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return (ctx.getNodeParameter('options', itemIndex, {}) as Options).resetAirgapPassword === true;
}

export const TOOL_NOTE =
	"The install commands are left out: they carry the customer's license ID, which is their registry password and download token, and a model must not see it. Send the instructions from a workflow (License → Get Install Instructions outside an AI tool).";

/** As an AI tool: what the instructions cover, without the commands (the license ID is in them). */
function forTool(out: InstallInstructionsItem): INodeExecutionData[] {
	const summary: Partial<InstallInstructionsItem> = { ...out };
	delete summary.markdown;
	delete summary.html;
	return [{ json: { ...summary, commands: TOOL_NOTE } }];
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { customer, item, appId, channel } = await licensedCustomer(
		this,
		itemIndex,
		'Install instructions',
	);
	if (!customer.installationId) {
		throw new NodeOperationError(
			this.getNode(),
			`Replicated gave no license ID for ${customer.name}`,
			{
				itemIndex,
				description: 'The instructions need the license ID (installationId) of the customer.',
			},
		);
	}
	const [app, domains] = await Promise.all([getApp(this, appId), customHostnames(this, appId)]);
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const license = parseResponse(this.getNode(), installOptionsSchema, customer, 'customer');
	const allows = {
		helm: license.isHelmInstallEnabled === true,
		helmAirgap: license.isHelmAirgapEnabled === true,
		embeddedCluster: license.isEmbeddedClusterDownloadEnabled === true,
		kots: license.isKotsInstallEnabled === true,
		airgap: license.airgap === true,
	};
	const wanted = (m: InstallMethod) =>
		allows[m] && (!options.only?.length || options.only.includes(m));
	const details = await installChannel(this, appId, channel, INSTALL_METHODS.some(wanted));
	const channelName = channel.name ?? channel.channelSlug;
	const charts = helmChartPlan({
		channelCharts: details.chartReleases ?? [],
		override: options.chartName?.trim() ?? '',
		channelName,
	});
	const hosts = installHosts(details, domains);
	const facts: InstallFacts = {
		appName: app.name,
		appSlug: app.slug,
		channelName,
		channelSlug: channel.channelSlug,
		customerName: customer.name,
		email: item.email,
		licenseId: customer.installationId,
		hosts,
		allows,
		helmCharts: charts.install,
		helmProblem: charts.problem,
		embeddedClusterVersion: options.embeddedClusterVersion === 3 ? 3 : 2,
		only: options.only,
		downloadPortal: {
			url: downloadPortalLink(license.downloadPortalUrl, hosts.downloadPortal),
			password: null,
		},
	};
	if (options.resetAirgapPassword === true && installPlan(facts).portal)
		facts.downloadPortal.password = await resetAirgapPassword(this, customer.id, itemIndex);
	const instructions = installInstructions(facts);
	const out: InstallInstructionsItem = {
		customId: item.customId,
		customerId: customer.id,
		name: customer.name,
		email: item.email,
		app: { id: appId, name: app.name, slug: app.slug },
		channel: { name: channelName, slug: channel.channelSlug },
		methods: instructions.methods,
		omitted: instructions.omitted,
		hosts,
		// The charts Helm would install, each `included` only when the Helm section is there.
		helmCharts: !wanted('helm')
			? []
			: instructions.methods.includes('helm')
				? charts.charts
				: charts.charts.map((c) => ({ ...c, included: false })),
		airgap: instructions.airgap,
		channelCommands: checkChannelCommands(facts, details),
		markdown: instructionsMarkdown(facts, instructions),
		html: instructionsHtml(facts, instructions),
	};
	if (runsAsTool(this)) return forTool(out);
	if (!options.asFile || options.asFile === 'none') return [{ json: out }];
	const file =
		options.asFile === 'html'
			? {
					text: instructionsDocument(facts, out.html),
					name: `install-${app.slug}.html`,
					type: 'text/html',
				}
			: { text: out.markdown, name: `install-${app.slug}.md`, type: 'text/markdown' };
	const property = options.binaryPropertyName?.trim() || 'instructions';
	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(file.text, 'utf8'),
		file.name,
		file.type,
	);
	// As HTTP Request does: files made earlier in the flow stay on the item.
	const incoming = this.getInputData()[itemIndex]?.binary ?? {};
	return [{ json: out, binary: { ...incoming, [property]: binary } }];
}

import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';
import { z } from 'zod/v4';

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
import {
	type InstallInstructionsItem,
	installInstructionsItemSchema,
	installOptionsSchema,
} from '../../schemas/install';
import { parseResponse } from '../../schemas/parse';
import { customerLocator } from '../customer/fields';
import { resetAirgapPassword } from './airgap-password';
import { installChannel } from './install-channel';
import { runsAsTool } from '../tool-mode';
import { licensedCustomer } from './licensed-customer';
import type { OperationOption } from '../operation';
import { collection, param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Get Install Instructions',
	value: 'installInstructions',
	description:
		"Step-by-step installation for the customer (Helm, Embedded Cluster, KOTS, air gap: what the license allows), with the app's custom domains, as Markdown and HTML",
	action: 'Get install instructions',
};

export const output = installInstructionsItemSchema;

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

/** The Options collection: each field as its description offers it. */
const options = param(
	collection({
		// 'html', or Markdown for any other value but 'none'.
		asFile: z.string().optional(),
		binaryPropertyName: z.string().optional(),
		// 3, or 2 for any other number.
		embeddedClusterVersion: z.number().optional(),
		chartName: z.string().optional(),
		only: z.array(z.enum(['helm', 'embeddedCluster', 'kots'])).optional(),
		resetAirgapPassword: z.boolean().optional(),
	}),
	'Options',
	{ fallback: {} },
);
type Options = z.output<typeof options.schema>;

const readOptions = (ctx: IExecuteFunctions, itemIndex: number): Options =>
	readParams(ctx, itemIndex, { options }).options;

/** Only Reset Download Portal Password changes Replicated (the customer's password). */
export function writes(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return readOptions(ctx, itemIndex).resetAirgapPassword === true;
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

/** The customer with its license ID, its app and the app's custom domains. */
async function licensedApp(ctx: IExecuteFunctions, itemIndex: number) {
	const licensed = await licensedCustomer(ctx, itemIndex, 'Install instructions');
	const { customer, appId } = licensed;
	if (!customer.installationId) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Replicated gave no license ID for ${customer.name}`,
			{
				itemIndex,
				description: 'The instructions need the license ID (installationId) of the customer.',
			},
		);
	}
	const [app, domains] = await Promise.all([getApp(ctx, appId), customHostnames(ctx, appId)]);
	return { ...licensed, licenseId: customer.installationId, app, domains };
}
type LicensedApp = Awaited<ReturnType<typeof licensedApp>>;

/** What the instructions are made from: what the license allows, the channel, hosts and charts. */
async function installFacts(ctx: IExecuteFunctions, target: LicensedApp, options: Options) {
	const { customer, item, appId, channel, app, domains } = target;
	const license = parseResponse(ctx.getNode(), installOptionsSchema, customer, 'customer');
	const allows = {
		helm: license.isHelmInstallEnabled === true,
		helmAirgap: license.isHelmAirgapEnabled === true,
		embeddedCluster: license.isEmbeddedClusterDownloadEnabled === true,
		kots: license.isKotsInstallEnabled === true,
		airgap: license.airgap === true,
	};
	const wanted = (m: InstallMethod) =>
		allows[m] && (!options.only?.length || options.only.includes(m));
	const details = await installChannel(ctx, appId, channel, INSTALL_METHODS.some(wanted));
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
		licenseId: target.licenseId,
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
	return { facts, details, charts, wanted };
}
type Facts = Awaited<ReturnType<typeof installFacts>>;

/** The item: the instructions as Markdown and HTML, with what they cover. */
function instructionsItem(target: LicensedApp, plan: Facts): InstallInstructionsItem {
	const { customer, item, appId, app } = target;
	const { facts, details, charts, wanted } = plan;
	const instructions = installInstructions(facts);
	return {
		customId: item.customId,
		customerId: customer.id,
		name: customer.name,
		email: item.email,
		app: { id: appId, name: app.name, slug: app.slug },
		channel: { name: facts.channelName, slug: facts.channelSlug },
		methods: instructions.methods,
		omitted: instructions.omitted,
		hosts: facts.hosts,
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
}

/** With Also Output as File: the item with the instructions as a file beside the item's own. */
async function withFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	out: InstallInstructionsItem,
	facts: InstallFacts,
	options: Options,
): Promise<INodeExecutionData[]> {
	const file =
		options.asFile === 'html'
			? {
					text: instructionsDocument(facts, out.html),
					name: `install-${out.app.slug}.html`,
					type: 'text/html',
				}
			: { text: out.markdown, name: `install-${out.app.slug}.md`, type: 'text/markdown' };
	const property = options.binaryPropertyName?.trim() || 'instructions';
	const binary = await ctx.helpers.prepareBinaryData(
		Buffer.from(file.text, 'utf8'),
		file.name,
		file.type,
	);
	// As HTTP Request does: files made earlier in the flow stay on the item.
	const incoming = ctx.getInputData()[itemIndex]?.binary ?? {};
	return [{ json: out, binary: { ...incoming, [property]: binary } }];
}

/** The customer's app → the facts (+ a new portal password when asked) → the item, or a file. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const target = await licensedApp(this, itemIndex);
	const options = readOptions(this, itemIndex);
	const plan = await installFacts(this, target, options);
	const { facts } = plan;
	if (options.resetAirgapPassword === true && installPlan(facts).portal)
		facts.downloadPortal.password = await resetAirgapPassword(this, target.customer.id, itemIndex);
	const out = instructionsItem(target, plan);
	if (runsAsTool(this)) return forTool(out);
	if (!options.asFile || options.asFile === 'none') return [{ json: out }];
	return await withFile(this, itemIndex, out, facts, options);
}

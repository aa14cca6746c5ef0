import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import {
	type InstallHosts,
	type InstallMethod,
	installInstructions,
	REPLICATED_HOSTS,
} from '../../fulfillment/install-instructions';
import {
	instructionsDocument,
	instructionsHtml,
	instructionsMarkdown,
} from '../../fulfillment/render';
import { appEnvelopeSchema } from '../../schemas/app';
import {
	type CustomHostnames,
	customHostnamesSchema,
	hostnameOverridesSchema,
	type InstallInstructionsItem,
	installOptionsSchema,
} from '../../schemas/install';
import { parseResponse } from '../../schemas/parse';
import { apiRequest } from '../../transport';
import { customerLocator } from '../customer/fields';
import { licensedCustomer } from './licensed-customer';

const show = { resource: ['license'], operation: ['installInstructions'] };

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
				description: "The chart customers install with Helm. Default: the app's slug.",
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
		],
	},
];

/**
 * The CLI's order (customer inspect): the channel's own domain, then the app's default one.
 * `channel` is the customer's default channel, as licensedCustomer() found it.
 */
function hostsFor(channel: Record<string, unknown>, domains: CustomHostnames): InstallHosts {
	const overrides = hostnameOverridesSchema.safeParse(channel.customHostnameOverrides ?? {});
	const pick = (kind: keyof InstallHosts) =>
		(overrides.success ? overrides.data[kind]?.hostname : null) ||
		domains[kind].find((d) => d.is_default)?.hostname ||
		REPLICATED_HOSTS[kind];
	return {
		registry: pick('registry'),
		replicatedApp: pick('replicatedApp'),
		downloadPortal: pick('downloadPortal'),
	};
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
	const appPath = `/v3/app/${encodeURIComponent(appId)}`;
	const [appBody, domainsBody] = await Promise.all([
		apiRequest(this, { method: 'GET', path: appPath }),
		apiRequest(this, { method: 'GET', path: `${appPath}/custom-hostnames` }),
	]);
	const { app } = parseResponse(this.getNode(), appEnvelopeSchema, appBody, 'app');
	const domains = parseResponse(
		this.getNode(),
		customHostnamesSchema,
		domainsBody,
		'custom hostnames',
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		asFile?: 'none' | 'html' | 'markdown';
		binaryPropertyName?: string;
		embeddedClusterVersion?: 2 | 3;
		chartName?: string;
		only?: InstallMethod[];
	};
	const flags = installOptionsSchema.parse(customer);
	const facts = {
		appName: app.name,
		appSlug: app.slug,
		channelName: channel.name ?? channel.channelSlug,
		channelSlug: channel.channelSlug,
		customerName: customer.name,
		email: item.email,
		licenseId: customer.installationId,
		hosts: hostsFor(channel, domains),
		allows: {
			helm: flags.isHelmInstallEnabled === true,
			embeddedCluster: flags.isEmbeddedClusterDownloadEnabled === true,
			kots: flags.isKotsInstallEnabled === true,
			airgap: flags.airgap === true,
		},
		chartName: options.chartName?.trim() || app.slug,
		embeddedClusterVersion: options.embeddedClusterVersion === 3 ? 3 : 2,
		only: options.only,
	} as const;
	const instructions = installInstructions(facts);
	const out: InstallInstructionsItem = {
		customId: item.customId,
		customerId: customer.id,
		name: customer.name,
		email: item.email,
		app: { id: appId, name: app.name, slug: app.slug },
		channel: { name: facts.channelName, slug: channel.channelSlug },
		methods: instructions.methods,
		omitted: instructions.omitted,
		hosts: facts.hosts,
		markdown: instructionsMarkdown(facts, instructions),
		html: instructionsHtml(facts, instructions),
	};
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

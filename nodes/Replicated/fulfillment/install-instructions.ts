/**
 * A customer's installation instructions, one section per install method their license allows,
 * built the way Replicated's Vendor Portal shows them (docs/install-instructions.md lists the
 * sources). Pure: no n8n, no HTTP. SPEC's `install-commands` endpoint is not used: it is per
 * release, not per customer, and its answer is undocumented.
 */

export type InstallMethod = 'helm' | 'embeddedCluster' | 'kots';

export interface InstallHosts {
	/** registry.replicated.com or the app's custom domain: Helm charts and images. */
	registry: string;
	/** replicated.app or the app's custom domain: the Embedded Cluster download. */
	replicatedApp: string;
	/** get.replicated.com or the app's custom domain: the Download Portal. */
	downloadPortal: string;
}

export const REPLICATED_HOSTS: InstallHosts = {
	registry: 'registry.replicated.com',
	replicatedApp: 'replicated.app',
	downloadPortal: 'get.replicated.com',
};

export interface InstallFacts {
	appName: string;
	appSlug: string;
	channelName: string;
	channelSlug: string;
	customerName: string;
	/** The Replicated registry's user name for Helm (never contacted, but required). */
	email: string | null;
	/** The registry password and the download token: it belongs in the instructions, never in a log. */
	licenseId: string;
	hosts: InstallHosts;
	/** What the license allows (its install options). */
	allows: { helm: boolean; embeddedCluster: boolean; kots: boolean; airgap: boolean };
	/** The chart to install with Helm (usually the app slug). */
	chartName: string;
	/** Embedded Cluster 2 takes `--airgap-bundle APP.airgap`; version 3 (Beta) takes `--airgap`. */
	embeddedClusterVersion: 2 | 3;
	/** Only these methods (empty: every one the license allows). */
	only?: InstallMethod[];
}

export interface Step {
	text: string;
	command?: string;
}

export interface InstallSection {
	method: InstallMethod | 'airgap';
	title: string;
	steps: Step[];
}

export interface InstallInstructions {
	/** Methods with a section, in the order shown. */
	methods: Array<InstallSection['method']>;
	sections: InstallSection[];
	/** Why a method the license allows has no section (e.g. Helm without an email). */
	omitted: Array<{ method: InstallMethod; reason: string }>;
}

/** Stable is the channel Helm and KOTS address without a slug (Replicated docs, CLI). */
const isStable = (slug: string) => slug === 'stable';

function helm(f: InstallFacts): InstallSection {
	const path = isStable(f.channelSlug)
		? `${f.appSlug}/${f.chartName}`
		: `${f.appSlug}/${f.channelSlug}/${f.chartName}`;
	return {
		method: 'helm',
		title: 'Helm (existing Kubernetes cluster)',
		steps: [
			{
				text: 'Log in to the registry with your email address and license ID:',
				command: `helm registry login ${f.hosts.registry} --username ${f.email} --password ${f.licenseId}`,
			},
			{
				text: `Install ${f.appName}:`,
				command: `helm install ${f.chartName} oci://${f.hosts.registry}/${path}`,
			},
		],
	};
}

function embeddedDownload(f: InstallFacts, airgap: boolean): Step {
	const query = airgap ? '?airgap=true' : '';
	return {
		text: airgap
			? 'On a machine with internet access, download the installer with the air gap bundle:'
			: 'On the Linux machine to install on, download the installer:',
		command: `curl -f "https://${f.hosts.replicatedApp}/embedded/${f.appSlug}/${f.channelSlug}${query}" -H "Authorization: ${f.licenseId}" -o ${f.appSlug}-${f.channelSlug}.tgz`,
	};
}

function embeddedCluster(f: InstallFacts): InstallSection {
	return {
		method: 'embeddedCluster',
		title: 'Embedded Cluster (a Linux machine, no Kubernetes needed)',
		steps: [
			embeddedDownload(f, false),
			{ text: 'Extract it:', command: `tar -xvzf ${f.appSlug}-${f.channelSlug}.tgz` },
			{
				text: 'Install (the license file is in the archive):',
				command: `sudo ./${f.appSlug} install --license license.yaml`,
			},
		],
	};
}

function kots(f: InstallFacts): InstallSection {
	const app = isStable(f.channelSlug) ? f.appSlug : `${f.appSlug}/${f.channelSlug}`;
	return {
		method: 'kots',
		title: 'KOTS Admin Console (existing Kubernetes cluster)',
		steps: [
			{
				text: 'Install the KOTS plugin for kubectl:',
				command: 'curl https://kots.io/install | bash',
			},
			{
				text: 'Install, with the attached license file saved as license.yaml:',
				command: `kubectl kots install ${app} --license-file ./license.yaml`,
			},
		],
	};
}

function airgap(f: InstallFacts, methods: InstallMethod[]): InstallSection {
	const steps: Step[] = [];
	if (methods.includes('embeddedCluster')) {
		steps.push(
			embeddedDownload(f, true),
			{
				text: 'Copy it to the machine to install on and extract it:',
				command: `tar -xvzf ${f.appSlug}-${f.channelSlug}.tgz`,
			},
			{
				text: 'Install from the bundle:',
				command:
					f.embeddedClusterVersion === 3
						? `sudo ./${f.appSlug} install --license license.yaml --airgap`
						: `sudo ./${f.appSlug} install --license license.yaml --airgap-bundle ${f.appSlug}.airgap`,
			},
		);
	}
	if (methods.some((m) => m === 'helm' || m === 'kots')) {
		steps.push({
			text: `For Helm or KOTS without internet access, download the air gap bundle and its instructions from the Download Portal: https://${f.hosts.downloadPortal}`,
		});
	}
	return { method: 'airgap', title: 'Air gap (no internet access)', steps };
}

export function installInstructions(facts: InstallFacts): InstallInstructions {
	const wanted = (m: InstallMethod) => !facts.only?.length || facts.only.includes(m);
	const omitted: InstallInstructions['omitted'] = [];
	const methods: InstallMethod[] = [];
	for (const method of ['helm', 'embeddedCluster', 'kots'] as const) {
		if (!facts.allows[method] || !wanted(method)) continue;
		if (method === 'helm' && !facts.email) {
			omitted.push({
				method,
				reason:
					"the customer has no email address, which the registry login needs: set the customer's email",
			});
			continue;
		}
		methods.push(method);
	}
	const build = { helm, embeddedCluster, kots };
	const sections = methods.map((m) => build[m](facts));
	if (facts.allows.airgap && methods.length) sections.push(airgap(facts, methods));
	return { methods: sections.map((s) => s.method), sections, omitted };
}

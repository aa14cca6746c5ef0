/**
 * One section of the instructions per install method, every value in a command quoted as one shell
 * word (shell.ts). Sources per command: docs/install-instructions.md. Pure: no n8n, no HTTP.
 */
import type { AirgapPlan, InstallFacts, InstallSection, Step } from './install-instructions';
import { shellWord as w } from '../escape/shell';

/** Stable is the channel Helm and KOTS address without a slug (Replicated docs, CLI). */
const isStable = (f: InstallFacts) => f.channelSlug === 'stable';

/** A file name of the slugs: any character a path or an option could misuse becomes `-`. */
const fileName = (f: InstallFacts, ext: string) =>
	`${f.appSlug}-${f.channelSlug}`.replace(/[^A-Za-z0-9._-]/g, '-') + ext;

/** The OCI reference of a chart (the CLI's installCommand: the channel slug left out on Stable). */
export function helmChartRef(f: InstallFacts, chart: string): { host: string; path: string } {
	const app = isStable(f) ? f.appSlug : `${f.appSlug}/${f.channelSlug}`;
	return { host: f.hosts.registry, path: `${app}/${chart}` };
}

/** What `kubectl kots install` takes: the app, and the channel unless it is Stable. */
export const kotsTarget = (f: InstallFacts) =>
	isStable(f) ? f.appSlug : `${f.appSlug}/${f.channelSlug}`;

/** The Embedded Cluster download (docs releases-sharing-license-install-script). */
export function embeddedPath(f: InstallFacts): string {
	return `/embedded/${encodeURIComponent(f.appSlug)}/${encodeURIComponent(f.channelSlug)}`;
}

export function helm(f: InstallFacts): InstallSection {
	const several = f.helmCharts.length > 1;
	return {
		method: 'helm',
		title: 'Helm (existing Kubernetes cluster)',
		steps: [
			{
				text: 'Log in to the registry with your email address and license ID:',
				command: `helm registry login ${w(f.hosts.registry)} --username ${w(f.email ?? '')} --password ${w(f.licenseId)}`,
			},
			...f.helmCharts.map((chart, i) => {
				const ref = helmChartRef(f, chart);
				return {
					text: several
						? `Install the ${chart} chart (${i + 1} of ${f.helmCharts.length}):`
						: `Install ${f.appName}:`,
					command: `helm install ${w(chart)} ${w(`oci://${ref.host}/${ref.path}`)}`,
				};
			}),
		],
	};
}

function embeddedDownload(f: InstallFacts, airgap: boolean): Step {
	const url = `https://${f.hosts.replicatedApp}${embeddedPath(f)}${airgap ? '?airgap=true' : ''}`;
	return {
		text: airgap
			? 'On a machine with internet access, download the installer with the air gap bundle:'
			: 'On the Linux machine to install on, download the installer:',
		command: `curl -f ${w(url)} -H ${w(`Authorization: ${f.licenseId}`)} -o ${w(fileName(f, '.tgz'))}`,
	};
}

export function embeddedCluster(f: InstallFacts): InstallSection {
	return {
		method: 'embeddedCluster',
		title: 'Embedded Cluster (a Linux machine, no Kubernetes needed)',
		steps: [
			embeddedDownload(f, false),
			{ text: 'Extract it:', command: `tar -xvzf ${w(fileName(f, '.tgz'))}` },
			{
				text: 'Install (the license file is in the archive):',
				command: `sudo ${w(`./${f.appSlug}`)} install --license license.yaml`,
			},
		],
	};
}

export function kots(f: InstallFacts): InstallSection {
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
				command: `kubectl kots install ${w(kotsTarget(f))} --license-file ./license.yaml`,
			},
		],
	};
}

function embeddedAirgap(f: InstallFacts): Step[] {
	const bundle =
		f.embeddedClusterVersion === 3 ? '--airgap' : `--airgap-bundle ${w(`${f.appSlug}.airgap`)}`;
	return [
		embeddedDownload(f, true),
		{
			text: 'Copy it to the machine to install on and extract it:',
			command: `tar -xvzf ${w(fileName(f, '.tgz'))}`,
		},
		{
			text: 'Install from the bundle:',
			command: `sudo ${w(`./${f.appSlug}`)} install --license license.yaml ${bundle}`,
		},
	];
}

/**
 * KOTS's and Helm's air gap steps live in the customer's Download Portal (docs helm-install-airgap,
 * releases-share-download-portal), behind a password the vendor gives the customer.
 */
function portalSteps(f: InstallFacts, plan: AirgapPlan): Step[] {
	const who = [plan.kots && 'KOTS', plan.helm && 'Helm'].filter(Boolean).join(' or ');
	const { url, password } = f.downloadPortal;
	const steps: Step[] = [
		{ text: `For ${who}, open your Download Portal:`, link: url },
		password
			? { text: 'Log in with this password (it replaces any earlier one):', value: password }
			: {
					text: 'Log in with the Download Portal password we send you separately. If it has not reached you, ask us for it.',
				},
	];
	if (plan.kots)
		steps.push({
			text: "KOTS: download the air gap bundle there and follow the portal's KOTS air gap steps.",
		});
	if (plan.helm)
		steps.push({
			text: "Helm: follow the portal's Helm air gap steps; they list the images to copy to your own registry.",
		});
	return steps;
}

export function airgap(f: InstallFacts, plan: AirgapPlan): InstallSection {
	return {
		method: 'airgap',
		title: 'Air gap (no internet access)',
		steps: [
			...(plan.embeddedCluster ? embeddedAirgap(f) : []),
			...(plan.kots || plan.helm ? portalSteps(f, plan) : []),
		],
	};
}

/**
 * A customer's installation instructions, one section per install method their license allows,
 * built the way Replicated's Vendor Portal and CLI show them (docs/install-instructions.md lists
 * the sources and why the package builds them rather than asking Replicated's Enterprise Portal
 * endpoint for them). Pure: no n8n, no HTTP.
 */
import type { InstallHosts } from './install-hosts';
import { airgap, embeddedCluster, helm, kots } from './install-sections';

export type InstallMethod = 'helm' | 'embeddedCluster' | 'kots';

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
	/**
	 * What the license allows (SPEC `Customer` install options): `airgap` is the Replicated
	 * installers' air gap (Embedded Cluster, KOTS), `helmAirgap` (`isHelmAirgapEnabled`) Helm's, an
	 * option of its own (docs licenses-install-types: "Helm CLI Air Gap Instructions").
	 */
	allows: {
		helm: boolean;
		helmAirgap: boolean;
		embeddedCluster: boolean;
		kots: boolean;
		airgap: boolean;
	};
	/** The charts to install with Helm, in order (see helm-charts.ts). */
	helmCharts: string[];
	/** Why there is no chart to install, when `helmCharts` is empty. */
	helmProblem?: string | null;
	/** Embedded Cluster 2 takes `--airgap-bundle APP.airgap`; version 3 (Beta) takes `--airgap`. */
	embeddedClusterVersion: 2 | 3;
	/** Only these methods (empty: every one the license allows). */
	only?: InstallMethod[];
	/** The customer's Download Portal, and its new password when the user had it reset. */
	downloadPortal: { url: string; password: string | null };
}

export interface Step {
	/** Prose (escaped where it goes). */
	text: string;
	/** A checked https URL, shown as a link after the text. */
	link?: string;
	/** A value to copy exactly (the Download Portal password), shown as code after the text. */
	value?: string;
	/** One shell command, every value in it quoted (shell.ts). */
	command?: string;
}

export interface InstallSection {
	method: InstallMethod | 'airgap';
	title: string;
	steps: Step[];
}

/** Which air gap steps the instructions carry, each only when its option is on. */
export interface AirgapPlan {
	embeddedCluster: boolean;
	kots: boolean;
	helm: boolean;
}

export interface InstallPlan {
	/** Methods with a section, in the order shown (air gap apart). */
	methods: InstallMethod[];
	omitted: Array<{ method: InstallMethod; reason: string }>;
	airgap: AirgapPlan;
	/** Whether a step sends the customer to the Download Portal (KOTS's or Helm's air gap). */
	portal: boolean;
}

export interface InstallInstructions {
	/** Methods with a section, in the order shown. */
	methods: Array<InstallSection['method']>;
	sections: InstallSection[];
	/** Why a method the license allows has no section (e.g. Helm without an email). */
	omitted: InstallPlan['omitted'];
	airgap: {
		/** Air gap steps for the Replicated installers (Embedded Cluster, KOTS). */
		installers: boolean;
		/** Helm air gap steps. */
		helm: boolean;
		/** The Download Portal link the steps give, when they send the customer there. */
		downloadPortalUrl: string | null;
		/** How the customer gets the portal's password, when they need it. */
		password: 'included' | 'sentSeparately' | null;
	};
}

const NO_EMAIL =
	"the customer has no email address, which the registry login needs: set the customer's email";

/** What the instructions will hold, before anything is built (the portal password depends on it). */
export function installPlan(facts: InstallFacts): InstallPlan {
	const wanted = (m: InstallMethod) => !facts.only?.length || facts.only.includes(m);
	const omitted: InstallPlan['omitted'] = [];
	const methods: InstallMethod[] = [];
	for (const method of ['helm', 'embeddedCluster', 'kots'] as const) {
		if (!facts.allows[method] || !wanted(method)) continue;
		if (method === 'helm' && !facts.email) {
			omitted.push({ method, reason: NO_EMAIL });
			continue;
		}
		if (method === 'helm' && !facts.helmCharts.length) {
			omitted.push({ method, reason: facts.helmProblem ?? 'the channel has no Helm chart' });
			continue;
		}
		methods.push(method);
	}
	const airgap: AirgapPlan = {
		embeddedCluster: facts.allows.airgap && methods.includes('embeddedCluster'),
		kots: facts.allows.airgap && methods.includes('kots'),
		helm: facts.allows.helmAirgap && methods.includes('helm'),
	};
	return { methods, omitted, airgap, portal: airgap.kots || airgap.helm };
}

export function installInstructions(facts: InstallFacts): InstallInstructions {
	const plan = installPlan(facts);
	const build = { helm, embeddedCluster, kots };
	const sections = plan.methods.map((m) => build[m](facts));
	const { embeddedCluster: ec, kots: kotsAirgap, helm: helmAirgap } = plan.airgap;
	if (ec || kotsAirgap || helmAirgap) sections.push(airgap(facts, plan.airgap));
	return {
		methods: sections.map((s) => s.method),
		sections,
		omitted: plan.omitted,
		airgap: {
			installers: ec || kotsAirgap,
			helm: helmAirgap,
			downloadPortalUrl: plan.portal ? facts.downloadPortal.url : null,
			password: !plan.portal ? null : facts.downloadPortal.password ? 'included' : 'sentSeparately',
		},
	};
}

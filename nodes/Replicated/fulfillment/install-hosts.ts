/**
 * Which host each command of the instructions uses, and the customer's Download Portal link.
 * Pure: no n8n, no HTTP. Sources: docs/install-instructions.md.
 */

export interface InstallHosts {
	/** registry.replicated.com or a custom domain: Helm charts and images. */
	registry: string;
	/** replicated.app or a custom domain: the Embedded Cluster download. */
	replicatedApp: string;
	/** get.replicated.com or a custom domain: the Download Portal. */
	downloadPortal: string;
}

export const REPLICATED_HOSTS: InstallHosts = {
	registry: 'registry.replicated.com',
	replicatedApp: 'replicated.app',
	downloadPortal: 'get.replicated.com',
};

type Service = keyof InstallHosts;

/** What the customer's channel says about hosts (SPEC `CustomerChannelWithDetail` / `Channel`). */
export interface ChannelHosts {
	/** SPEC `CustomHostnameOverrides`: the channel's own domains. */
	customHostnameOverrides: Partial<Record<Service, { hostname: string | null } | null>> | null;
	/** SPEC `replicatedRegistryDomain`. */
	replicatedRegistryDomain: string | null;
}

/** SPEC `listCustomHostnames`: the app's custom domains per service (the fields used). */
export type AppDomains = Record<Service, Array<{ hostname: string; is_default: boolean | null }>>;

/** A DNS name (labels of letters, digits and inner hyphens), with an optional port. */
const HOSTNAME =
	/^(?=[^:]{1,253}(?::|$))[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::\d{1,5})?$/;

export function isHostname(value: unknown): value is string {
	return typeof value === 'string' && HOSTNAME.test(value);
}

/**
 * For each service, the first of these that is a host name (anything else from the API is passed
 * over: it would change the meaning of a URL or a command). The order is the CLI's
 * (cli/cmd/customer_inspect.go registryHostname): the channel's own domain, the app's default
 * custom domain, for the registry the channel's `replicatedRegistryDomain` (the CLI's environment
 * override is a developer's, not a customer's), then Replicated's host.
 */
export function installHosts(channel: ChannelHosts, domains: AppDomains): InstallHosts {
	const pick = (service: Service) =>
		[
			channel.customHostnameOverrides?.[service]?.hostname,
			domains[service].find((d) => d.is_default === true)?.hostname,
			service === 'registry' ? channel.replicatedRegistryDomain : null,
		].find(isHostname) ?? REPLICATED_HOSTS[service];
	return {
		registry: pick('registry'),
		replicatedApp: pick('replicatedApp'),
		downloadPortal: pick('downloadPortal'),
	};
}

/** Characters RFC 3986 allows in a URL: nothing that could end a Markdown link or an attribute. */
const URL_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]{1,2048}$/;

/**
 * The customer's own Download Portal link (SPEC `Customer.downloadPortalUrl`; docs
 * releases-share-download-portal: "A unique Download Portal link is available for each customer"),
 * when it is an https URL to a host; otherwise (none, or anything else) the portal's host, where the
 * customer logs in all the same (INFERRED: the sources do not say what a customer without a link
 * sees).
 */
export function downloadPortalLink(customerUrl: string | null, host: string): string {
	if (customerUrl) {
		try {
			const url = new URL(customerUrl);
			if (
				url.protocol === 'https:' &&
				!url.username &&
				!url.password &&
				isHostname(url.host) &&
				URL_CHARACTERS.test(url.href)
			)
				return url.href;
		} catch {
			// Not a URL: the portal's host below.
		}
	}
	return `https://${host}`;
}

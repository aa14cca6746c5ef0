/**
 * Replicated blocks webhook URLs on "private and internal IP addresses (localhost, RFC 1918 ranges,
 * link-local, cloud metadata endpoints)" (event-notifications-webhooks.mdx).
 */
const PRIVATE_HOST =
	/^(localhost|.*\.localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.0\.0\.0|\[?::1?\]?$|\[?f[cd][0-9a-f]{2}:|\[?fe80:)/i;

export function isPrivateHost(hostname: string): boolean {
	return PRIVATE_HOST.test(hostname);
}

function hostOf(url: string): string | null {
	try {
		return new URL(url).hostname;
	} catch {
		return null;
	}
}

/**
 * Why Replicated would refuse to deliver to this n8n, if it would: its webhook URL is private (what
 * n8n computes when WEBHOOK_URL is unset) and the credential has not opted into the local sandbox.
 */
export function unreachableWebhook(webhookUrl: string, allowPrivate: boolean): string | null {
	const why = blockedWebhook(webhookUrl, allowPrivate);
	return why
		? `${why} Set WEBHOOK_URL to this n8n's public address (or a tunnel to it), restart n8n and publish again.`
		: null;
}

/** The first sentence of `unreachableWebhook`: why, without what to do about it. */
export function blockedWebhook(webhookUrl: string, allowPrivate: boolean): string | null {
	const webhookHost = hostOf(webhookUrl);
	if (!webhookHost || !isPrivateHost(webhookHost) || allowPrivate) return null;
	return `Replicated cannot deliver to ${webhookUrl}: it blocks localhost and private addresses.`;
}

import { N8N_SUBSCRIPTION_PREFIX, TEST_LISTENER_SUFFIX } from '../../schemas/notification';

/** Replicated: "Subscription names can contain up to 255 ASCII characters" (DOCS event-notifications-create). */
const MAX_LENGTH = 255;

/**
 * The subscription's name in the Vendor Portal: the workflow's name in printable ASCII (accents
 * dropped, other characters removed), marked "(test)" for the editor's test URL so that the two
 * subscriptions of one trigger are told apart.
 */
export function subscriptionName(workflowName: string, webhookUrl: string): string {
	const suffix = /\/webhook-test\//.test(webhookUrl) ? TEST_LISTENER_SUFFIX : '';
	const ascii = workflowName
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\x20-\x7e]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	const base = `${N8N_SUBSCRIPTION_PREFIX}${ascii || 'workflow'}`;
	return `${base.slice(0, MAX_LENGTH - suffix.length).trimEnd()}${suffix}`;
}

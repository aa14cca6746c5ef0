import type { IDataObject } from 'n8n-workflow';

import { isFromN8n, type NotificationSubscription } from '../../schemas/notification';

/** How every custom header value is shown, whatever Replicated sent. */
export const HEADER_MASK = '********';

/**
 * A subscription's custom headers, names only: a header's value is a shared token (the Replicated
 * Trigger's Required Header). Replicated masks it (SPEC CustomHeaderMasked), in a form no source
 * shows (part of it, perhaps), and a loose answer may carry more: only the name is kept.
 */
function maskedHeaders(subscription: NotificationSubscription): IDataObject[] | undefined {
	const headers = subscription.customHeaders;
	if (!Array.isArray(headers)) return undefined;
	return headers.map((h) => ({ name: h?.name ?? null, maskedValue: HEADER_MASK }));
}

/** A subscription as an item: its event types listed flat, beside what Replicated returned. */
export function subscriptionItem(subscription: NotificationSubscription): IDataObject {
	const configs = (subscription.eventConfigs ?? []) as Array<{ eventType?: string }>;
	const item: IDataObject = { ...(subscription as IDataObject) };
	// Replicated never returns the signing secret (SPEC); should an answer carry it, it stays here.
	delete item.webhookSecret;
	const headers = maskedHeaders(subscription);
	if (headers) item.customHeaders = headers;
	return {
		...item,
		events: configs.map((c) => c.eventType ?? '').filter(Boolean),
		/** Registered by this package's trigger ("n8n: <workflow>"). */
		fromN8n: isFromN8n(subscription),
	};
}

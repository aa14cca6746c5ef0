import type { IDataObject } from 'n8n-workflow';

import type { NotificationSubscription } from '../../schemas/notification';

/** A subscription as an item: its event types listed flat, beside what Replicated returned. */
export function subscriptionItem(subscription: NotificationSubscription): IDataObject {
	const configs = (subscription.eventConfigs ?? []) as Array<{ eventType?: string }>;
	return {
		...(subscription as IDataObject),
		events: configs.map((c) => c.eventType ?? '').filter(Boolean),
		/** Registered by this package's trigger ("n8n: <workflow>"). */
		fromN8n: /^n8n: /.test(subscription.name ?? ''),
	};
}

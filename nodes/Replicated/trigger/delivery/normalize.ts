import type { Delivery } from '../../schemas/event';
import type { EventItem } from '../../schemas/event-item';
import { normalizeLicenseType } from '../../schemas/license-type';
import { categoryOf } from '../panel/events';

export type { EventItem };

const str = (value: unknown): string | null =>
	typeof value === 'string' && value !== ''
		? value
		: value === undefined || value === null || value === ''
			? null
			: String(value);

/**
 * One clean item per delivery. Payload fields beyond the envelope are not all documented per event
 * (API.md §2.2, partly INFERRED), so `data` is kept whole and only well-known fields are lifted.
 */
export function eventItem(
	delivery: Delivery,
	options: {
		includeRaw?: boolean;
		deliveryId?: string;
		filters?: Record<string, string | string[]>;
	} = {},
): EventItem {
	const data = delivery.data;
	const customerId = str(data.customer_id);
	const instanceId = str(data.instance_id);
	// `custom_id` is not in every payload (INFERRED field name when present); enrichment fills it in.
	const customId = str(data.custom_id) ?? str(data.customer_custom_id);
	return {
		customId,
		event: delivery.event,
		category: categoryOf(delivery.event),
		occurredAt: delivery.timestamp,
		isTest: delivery.test === true,
		deliveryId: options.deliveryId ?? null,
		text: delivery.text ?? null,
		app: { id: str(data.app_id), name: str(data.app_name), slug: str(data.app_slug) },
		customer: customerId
			? {
					id: customerId,
					name: str(data.customer_name),
					customId,
					licenseType: normalizeLicenseType(str(data.license_type)),
				}
			: null,
		instance: instanceId
			? {
					id: instanceId,
					status: str(data.status) ?? str(data.app_status),
					appVersion: str(data.app_version) ?? str(data.version_label),
				}
			: null,
		filters: options.filters ?? {},
		data,
		...(options.includeRaw ? { raw: delivery } : {}),
	};
}

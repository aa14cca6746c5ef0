import { z } from 'zod/v4';

import { keyedBy } from './keyed';

import { type Scalar, scalarSchema as scalar } from './common';

export type { Scalar };
const text = z.string().nullable();
const flag = z.boolean().nullable();

/**
 * Replicated's data dictionary for the customer_instances export (DOCS instance-data-export.md):
 * the documented columns a template may read; an export may carry them or not (optional).
 */
const DICTIONARY = {
	customer_created_date: text,
	customer_license_expiration_date: text,
	customer_channel_id: text,
	customer_channel_name: text,
	customer_app_id: text,
	customer_last_active: text,
	customer_type: text,
	customer_status: text,
	customer_is_airgap_enabled: flag,
	customer_has_entitlements: flag,
	instance_is_active: flag,
	instance_first_reported_at: text,
	instance_last_reported_at: text,
	instance_first_ready_at: text,
	instance_kots_version: text,
	instance_k8s_version: text,
	instance_is_airgap: flag,
	instance_is_kurl: flag,
	instance_last_app_status: text,
	instance_client: text,
	instance_kurl_node_count_total: z.number().nullable(),
	instance_kurl_node_count_ready: z.number().nullable(),
	instance_cloud_provider: text,
	instance_cloud_provider_region: text,
	instance_app_version: text,
	/** Days the deployed release is behind the channel's latest, as a string per the dictionary. */
	instance_version_age: z.union([z.string(), z.number()]).nullable(),
	instance_k8s_distribution: text,
	instance_has_custom_metrics: flag,
	instance_custom_metrics_reported_at: text,
	instance_has_tags: flag,
};

/**
 * What Instance → Export emits per row: the join keys first, the dictionary's columns as typed
 * values, and the `customer_entitlement__*`, `custom_metric__*` and `instance_tag__*` families
 * collected by name. Undocumented columns pass through as they come.
 */
export const instanceRowSchema = z.looseObject({
	customId: text,
	customerId: text,
	customerName: text,
	licenseType: text,
	instanceId: text,
	...Object.fromEntries(
		Object.entries(DICTIONARY).map(([column, schema]) => [column, schema.optional()]),
	),
	// Keyed by the names a vendor or an instance chose: any name, `constructor` included.
	entitlements: keyedBy(scalar),
	customMetrics: keyedBy(scalar),
	tags: keyedBy(scalar),
});
export type InstanceRowItem = z.infer<typeof instanceRowSchema>;

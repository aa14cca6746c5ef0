import { z } from 'zod/v4';

/**
 * The event-specific `data` fields known per event key (API.md §2.1–2.2). Replicated copies every
 * field of its internal event into `data`, so more may arrive: these are the ones a template may
 * read, each optional because Replicated documents payloads only for some events. Where the source
 * is not Replicated's own documentation the field list is INFERRED (see each comment); the trigger
 * never rejects a delivery for these fields, it only passes them on.
 */
const s = z.string().optional();
const b = z.boolean().optional();

const app = {
	event_type: s,
	team_id: s,
	app_id: s,
	app_name: s,
	app_slug: s,
	subscription_name: s,
};
const customer = {
	...app,
	customer_id: s,
	customer_name: s,
	license_type: s,
	channel_id: s,
	channel_name: s,
};
/** INFERRED: the instance fields of the Salesforce reference integration's fixtures. */
const instance = {
	...customer,
	instance_id: s,
	status: s,
	app_version: s,
	cloud_provider: s,
	k8s_distribution: s,
	created_at: s,
	last_check_in: s,
};
const release = {
	...app,
	channel_id: s,
	channel_name: s,
	release_sequence: z.number().optional(),
	version_label: s,
};
const change = z.array(z.looseObject({ name: s, old_value: s, new_value: s })).optional();

export const EVENT_DATA = {
	/** INFERRED: no payload is documented; the fields are whatever the signup form collects. */
	'customer.pending_signup': z.looseObject({ ...app, email: s }),
	/** Salesforce reference example (API.md §2.1). */
	'customer.created': z.looseObject({ ...customer, expires_at: s }),
	/** CONFIRMED via the vandoor schema quoted in API.md §2.2. */
	'customer.updated': z.looseObject({
		...customer,
		old_customer_name: s,
		old_license_type: s,
		expires_at: s,
		old_expires_at: s,
		expiration_changed: b,
		old_channel_id: s,
		old_channel_name: s,
		channel_changed: b,
		helm_email: s,
		old_helm_email: s,
		changed_install_options: change,
		changed_entitlements: change,
		updated_at: s,
	}),
	'customer.archived': z.looseObject(customer),
	'customer.unarchived': z.looseObject(customer),
	/** INFERRED: expiry fields by analogy with customer.created and the daysUntilExpiry filter. */
	'customer.license_expiring': z.looseObject({ ...customer, expires_at: s, days_until_expiry: s }),
	'customer.ep_invite_sent': z.looseObject({
		...customer,
		invited_email: s,
		is_first_user: b,
		sent_at: s,
	}),
	'customer.ep_access_granted': z.looseObject({
		...customer,
		activated_email: s,
		access_method: s,
		granted_at: s,
	}),
	'customer.ep_user_joined': z.looseObject({
		...customer,
		joined_email: s,
		access_method: s,
		is_first_user: b,
		joined_at: s,
	}),
	'instance.created': z.looseObject(instance),
	'instance.ready': z.looseObject(instance),
	/** INFERRED beyond the instance fields: the versions an upgrade moves between. */
	'instance.upgrade_started': z.looseObject({ ...instance, from_version: s, to_version: s }),
	'instance.upgrade_completed': z.looseObject({ ...instance, from_version: s, to_version: s }),
	/** INFERRED beyond the instance fields (the versionsBehind filter). */
	'instance.version_behind': z.looseObject({ ...instance, latest_version: s, versions_behind: s }),
	'instance.inactive': z.looseObject(instance),
	/** INFERRED beyond the instance fields (the state + durationMinutes filters). */
	'instance.state.duration': z.looseObject({
		...instance,
		state: s,
		duration_minutes: s,
		state_since: s,
	}),
	/** INFERRED beyond the instance fields (the minStateChanges + windowMinutes filters). */
	'instance.state.flapping': z.looseObject({ ...instance, state_changes: s, window_minutes: s }),
	/** INFERRED beyond the instance fields (the metricName/operator/thresholdValue filters). */
	'instance.custom_metric_threshold_reached': z.looseObject({
		...instance,
		metric_name: s,
		metric_value: s,
		operator: s,
		threshold_value: s,
	}),
	'release.created': z.looseObject(release),
	'release.promoted': z.looseObject(release),
	'release.unpublished': z.looseObject(release),
	'release.build_failed': z.looseObject(release),
	/** CONFIRMED: the payload shown in Replicated's docs (API.md §2.1). */
	'release.asset_downloaded': z.looseObject({
		...customer,
		service_account_name: s,
		asset_type: s,
		asset_name: s,
		asset_version: s,
		downloaded_at: s,
		is_first_customer_pull: b,
	}),
	'channel.created': z.looseObject({ ...app, channel_id: s, channel_name: s }),
	'channel.archived': z.looseObject({ ...app, channel_id: s, channel_name: s }),
	/** INFERRED: the bundle's identifiers. */
	'support.bundle.uploaded': z.looseObject({
		...customer,
		instance_id: s,
		bundle_id: s,
		bundle_name: s,
	}),
	'support.bundle.analyzed': z.looseObject({
		...customer,
		instance_id: s,
		bundle_id: s,
		bundle_name: s,
	}),
	/** INFERRED from the thresholdTiB filter. */
	'platform.egress_threshold_reached': z.looseObject({ ...app, threshold_tib: s, egress_tib: s }),
} as const satisfies Record<string, z.ZodType>;

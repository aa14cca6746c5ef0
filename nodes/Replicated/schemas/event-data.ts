import { z } from 'zod/v4';

/**
 * The event-specific `data` fields known per event key, each with where it is known from: the one
 * place the trigger's docs (`npm run docs`), its output-pane hints and the template checks read.
 * Replicated copies every field of its internal event into `data` (API.md §2.2), so more may arrive
 * and any may be missing: the trigger never rejects a delivery for these fields, it passes them on,
 * and a template that reads a field no source confirms keeps a fallback without it.
 */
export type FieldSource = 'documented' | 'backend' | 'inferred';

/** How each source is named to users. */
export const FIELD_SOURCES: Record<FieldSource, string> = {
	/** DOCS: the "Webhook Payload Format" image of Replicated's docs (API.md §2.1). */
	documented: 'documented by Replicated',
	/**
	 * Replicated's backend (vandoor) as the Salesforce reference integration quotes it (API.md §2.2,
	 * "Confirmed Payload Schemas"): secondary, vandoor is private.
	 */
	backend: "Replicated's backend, as quoted by its reference integration",
	/** No Replicated source names the field for this event. */
	inferred: 'INFERRED',
};

export type FieldType = 'string' | 'boolean' | 'number' | 'changes';
export interface DataField {
	key: string;
	type: FieldType;
	source: FieldSource;
}
type Fields = Record<string, FieldType>;
type EventFields = Partial<Record<FieldSource, Fields>>;

const S = 'string' as const;
const B = 'boolean' as const;

/**
 * DOCS `static/images/webhook-payload.png` (API.md §2.1): Release Assets Downloaded's `data`, the
 * only payload Replicated documents, in its order.
 */
const ASSET_DOWNLOADED: Fields = {
	event_type: S,
	team_id: S,
	customer_id: S,
	customer_name: S,
	service_account_name: S,
	app_id: S,
	app_name: S,
	app_slug: S,
	channel_id: S,
	channel_name: S,
	asset_type: S,
	asset_name: S,
	asset_version: S,
	license_type: S,
	downloaded_at: S,
	is_first_customer_pull: B,
};

/** The app fields every event is taken to carry, named as in the documented payload. */
const APP: Fields = { event_type: S, team_id: S, app_id: S, app_name: S, app_slug: S };
const CHANNEL: Fields = { channel_id: S, channel_name: S };
/** A customer's fields, named as in the documented payload. */
const CUSTOMER: Fields = { ...APP, customer_id: S, customer_name: S, license_type: S, ...CHANNEL };
/**
 * DOCS: the subscription's name "is also included in … webhook payloads"; its key is the
 * reference integration's research (INFERRED).
 */
const SUBSCRIPTION: Fields = { subscription_name: S };
/** The reference integration's test fixtures for instance events: not Replicated's (API.md §2.2). */
const INSTANCE: Fields = {
	...CUSTOMER,
	instance_id: S,
	status: S,
	app_version: S,
	cloud_provider: S,
	k8s_distribution: S,
	created_at: S,
	last_check_in: S,
};
const RELEASE: Fields = { ...APP, ...CHANNEL, release_sequence: 'number', version_label: S };
/** The common fields of the Enterprise Portal events, as the reference integration quotes them. */
const PORTAL: Fields = {
	event_type: S,
	team_id: S,
	customer_id: S,
	customer_name: S,
	app_id: S,
	app_name: S,
	app_slug: S,
};
const inferred = (...parts: Fields[]): EventFields => ({
	inferred: Object.assign({}, ...parts, SUBSCRIPTION) as Fields,
});

const EVENT_FIELDS: Record<string, EventFields> = {
	/** The emulator's signup form fields: what arrives is whatever trial signup collects. */
	'customer.pending_signup': inferred(APP, {
		email: S,
		first_name: S,
		last_name: S,
		company: S,
		job_title: S,
		company_size: S,
		use_case: S,
		signed_up_at: S,
	}),
	/** The reference integration's research example (API.md §2.1), not verified by Replicated. */
	'customer.created': inferred(CUSTOMER, { expires_at: S }),
	'customer.updated': {
		backend: {
			...PORTAL,
			old_customer_name: S,
			license_type: S,
			old_license_type: S,
			expires_at: S,
			old_expires_at: S,
			expiration_changed: B,
			...CHANNEL,
			old_channel_id: S,
			old_channel_name: S,
			channel_changed: B,
			helm_email: S,
			old_helm_email: S,
			changed_install_options: 'changes',
			changed_entitlements: 'changes',
			updated_at: S,
		},
		inferred: SUBSCRIPTION,
	},
	'customer.archived': inferred(CUSTOMER),
	'customer.unarchived': inferred(CUSTOMER),
	/** By analogy with customer.created and the daysUntilExpiry filter. */
	'customer.license_expiring': inferred(CUSTOMER, { expires_at: S, days_until_expiry: S }),
	'customer.ep_invite_sent': {
		backend: { ...PORTAL, invited_email: S, is_first_user: B, license_type: S, sent_at: S },
		inferred: { ...CHANNEL, ...SUBSCRIPTION },
	},
	'customer.ep_access_granted': {
		backend: { ...PORTAL, activated_email: S, access_method: S, license_type: S, granted_at: S },
		inferred: { ...CHANNEL, ...SUBSCRIPTION },
	},
	'customer.ep_user_joined': {
		backend: {
			...PORTAL,
			joined_email: S,
			access_method: S,
			is_first_user: B,
			license_type: S,
			joined_at: S,
		},
		inferred: { ...CHANNEL, ...SUBSCRIPTION },
	},
	'instance.created': inferred(INSTANCE),
	'instance.ready': inferred(INSTANCE),
	/** Beyond the instance fields: the versions an upgrade moves between. */
	'instance.upgrade_started': inferred(INSTANCE, { from_version: S, to_version: S }),
	'instance.upgrade_completed': inferred(INSTANCE, { from_version: S, to_version: S }),
	/** Beyond the instance fields: the versionsBehind filter. */
	'instance.version_behind': inferred(INSTANCE, { latest_version: S, versions_behind: S }),
	'instance.inactive': inferred(INSTANCE),
	/** Beyond the instance fields: the state + durationMinutes filters. */
	'instance.state.duration': inferred(INSTANCE, {
		state: S,
		duration_minutes: S,
		state_since: S,
	}),
	/** Beyond the instance fields: the minStateChanges + windowMinutes filters. */
	'instance.state.flapping': inferred(INSTANCE, { state_changes: S, window_minutes: S }),
	/** Beyond the instance fields: the metricName / operator / thresholdValue filters. */
	'instance.custom_metric_threshold_reached': inferred(INSTANCE, {
		metric_name: S,
		metric_value: S,
		operator: S,
		threshold_value: S,
	}),
	'release.created': inferred(RELEASE),
	'release.promoted': inferred(RELEASE),
	'release.unpublished': inferred(RELEASE),
	'release.build_failed': inferred(RELEASE),
	'release.asset_downloaded': { documented: ASSET_DOWNLOADED, inferred: SUBSCRIPTION },
	'channel.created': inferred(APP, CHANNEL),
	'channel.archived': inferred(APP, CHANNEL),
	/** The bundle's identifiers. */
	'support.bundle.uploaded': inferred(CUSTOMER, { instance_id: S, bundle_id: S, bundle_name: S }),
	'support.bundle.analyzed': inferred(CUSTOMER, { instance_id: S, bundle_id: S, bundle_name: S }),
	/** From the thresholdTiB filter. */
	'platform.egress_threshold_reached': inferred(APP, { threshold_tib: S, egress_tib: S }),
};

const SOURCE_ORDER: FieldSource[] = ['documented', 'backend', 'inferred'];

/** An event's known `data` fields with their source: documented first, INFERRED last. */
export function dataFields(event: string): DataField[] {
	const known = EVENT_FIELDS[event] ?? {};
	return SOURCE_ORDER.flatMap((source) =>
		Object.entries(known[source] ?? {}).map(([key, type]) => ({ key, type, source })),
	);
}

/** The event keys this file knows fields of. */
export const EVENTS_WITH_DATA = Object.keys(EVENT_FIELDS);

/** The top-level fields of every delivery (DOCS webhook-payload.png); test ones add `test: true`. */
export const ENVELOPE_FIELDS = ['event', 'timestamp', 'data', 'text'] as const;

const s = z.string().optional();
const ZOD: Record<FieldType, z.ZodType> = {
	string: s,
	boolean: z.boolean().optional(),
	number: z.number().optional(),
	changes: z.array(z.looseObject({ name: s, old_value: s, new_value: s })).optional(),
};

/** Per event, the shape of its known fields (each optional), for the templates' checks. */
export const EVENT_DATA: Record<string, z.ZodType> = Object.fromEntries(
	EVENTS_WITH_DATA.map((event) => [
		event,
		z.looseObject(Object.fromEntries(dataFields(event).map((f) => [f.key, ZOD[f.type]]))),
	]),
);

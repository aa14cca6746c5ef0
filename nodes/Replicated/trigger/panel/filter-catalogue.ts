/**
 * Replicated's event-notification filters, as data: per event, the filter keys it accepts and
 * which are Required; per key, the JSON shape and the allowed values. Transcribed from the docs'
 * tables (replicated-docs `docs/reference/notifications-events-filters.md`, copied in
 * test/fixtures/replicated/); test/unit/filter-catalogue.test.ts reads those tables and fails when
 * this file says anything else. The trigger's fields, its registration, its check of each delivery
 * and the emulator all use it.
 */

export type FilterKeyName =
	| 'appId'
	| 'licenseType'
	| 'channelId'
	| 'customerId'
	| 'expirationStatus'
	| 'changeType'
	| 'daysUntilExpiry'
	| 'accessMethod'
	| 'accessType'
	| 'assetType'
	| 'pullType'
	| 'versionsBehind'
	| 'state'
	| 'durationMinutes'
	| 'minStateChanges'
	| 'windowMinutes'
	| 'cooldownMinutes'
	| 'metricName'
	| 'operator'
	| 'thresholdValue'
	| 'frequency'
	| 'thresholdTiB';

export interface FilterKey {
	/** The label the docs' tables give it. */
	label: string;
	/** A JSON array of strings, or one string (numbers are sent as strings). */
	shape: 'array' | 'string';
	/**
	 * INFERRED shape: no JSON example in Replicated's sources shows this key. Sent as one string,
	 * as the table's single-choice wording suggests; the emulator accepts an array too.
	 */
	shapeInferred?: true;
	/** The closed set of values, where the docs list one. */
	values?: readonly string[];
	/** The docs' stated default. */
	default?: string;
	/** A number written as a string ("3", "5.5"). */
	numeric?: true;
	/** The field of a delivery's `data` the same filter reads, where Replicated's sources name it. */
	dataField?: string;
}

export const LICENSE_TYPE_VALUES = ['paid', 'trial', 'community', 'dev'] as const;
export const INSTANCE_STATE_VALUES = ['ready', 'unavailable', 'degraded', 'updating', 'missing'];
/** Operators that compare with nothing: `thresholdValue` is not required with them. */
export const OPERATORS_WITHOUT_THRESHOLD = ['is_true', 'is_false', 'exists', 'not_exists'];

export const FILTER_KEYS: Record<FilterKeyName, FilterKey> = {
	appId: { label: 'Application', shape: 'string', dataField: 'app_id' },
	licenseType: {
		label: 'License Type',
		shape: 'array',
		values: LICENSE_TYPE_VALUES,
		dataField: 'license_type',
	},
	channelId: { label: 'Channel', shape: 'array', dataField: 'channel_id' },
	customerId: { label: 'Customer', shape: 'string', shapeInferred: true, dataField: 'customer_id' },
	expirationStatus: {
		label: 'Expiration Status',
		shape: 'string',
		shapeInferred: true,
		values: ['active', 'expiring_soon', 'perpetual'],
	},
	changeType: {
		label: 'Change Type',
		shape: 'array',
		values: [
			'customer_name',
			'license_type',
			'expiration',
			'channel',
			'install_options',
			'helm_email',
			'entitlement',
		],
	},
	daysUntilExpiry: {
		label: 'Days Until Expiry',
		shape: 'array',
		numeric: true,
		values: ['0', '1', '7', '14', '30', '60', '90'],
	},
	accessMethod: {
		label: 'Access Method',
		shape: 'string',
		shapeInferred: true,
		values: ['invite', 'self_signup', 'saml_jit'],
		dataField: 'access_method',
	},
	accessType: {
		label: 'Access Type',
		shape: 'string',
		values: ['any', 'first_for_license_type'],
		default: 'any',
	},
	assetType: {
		label: 'Asset Type',
		shape: 'string',
		values: ['helm_chart', 'embedded_cluster_bundle', 'proxy_image'],
		dataField: 'asset_type',
	},
	pullType: {
		label: 'Pull Type',
		shape: 'string',
		values: ['any', 'first', 'first_for_license_type'],
		default: 'any',
	},
	versionsBehind: { label: 'Versions Behind', shape: 'string', numeric: true },
	state: { label: 'State', shape: 'array', values: INSTANCE_STATE_VALUES },
	durationMinutes: {
		label: 'Duration (minutes)',
		shape: 'string',
		numeric: true,
		values: ['5', '10', '15', '30', '60', '120', '240', '480', '1440'],
	},
	minStateChanges: {
		label: 'Minimum State Changes',
		shape: 'string',
		numeric: true,
		values: ['3', '5', '10', '15', '20'],
	},
	windowMinutes: {
		label: 'Time Window (minutes)',
		shape: 'string',
		numeric: true,
		values: ['30', '60', '120'],
	},
	cooldownMinutes: {
		label: 'Cooldown Period (minutes)',
		shape: 'string',
		numeric: true,
		values: ['15', '30', '60', '120', '1440'],
		default: '60',
	},
	metricName: { label: 'Metric Name', shape: 'string' },
	operator: {
		label: 'Operator',
		shape: 'string',
		values: [
			'gt',
			'gte',
			'lt',
			'lte',
			'eq',
			'neq',
			'exists',
			'not_exists',
			'is_true',
			'is_false',
			'contains',
			'starts_with',
			'ends_with',
		],
	},
	thresholdValue: { label: 'Threshold Value', shape: 'string' },
	frequency: { label: 'Frequency', shape: 'string', values: ['once', 'when_changed', 'each_time'] },
	thresholdTiB: { label: 'Threshold (TiB)', shape: 'string', numeric: true },
};

/** Optional, Required, or (thresholdValue) required unless the operator compares with nothing. */
export type FilterRule = 'optional' | 'required' | 'conditional';
export type EventFilters = Partial<Record<FilterKeyName, FilterRule>>;

const o = 'optional' as const;
const r = 'required' as const;
const APP_ONLY: EventFilters = { appId: o };
const APP_CHANNEL: EventFilters = { appId: o, channelId: o };
/** The scope most customer, instance and support events accept. */
const SCOPE: EventFilters = { appId: o, licenseType: o, channelId: o, customerId: o };

export const EVENT_FILTERS: Record<string, EventFilters> = {
	'channel.created': APP_ONLY,
	'channel.archived': APP_CHANNEL,
	'customer.created': { appId: o, licenseType: o, channelId: o, expirationStatus: o },
	'customer.updated': { ...SCOPE, changeType: o },
	'customer.archived': SCOPE,
	'customer.unarchived': SCOPE,
	'customer.license_expiring': { ...SCOPE, daysUntilExpiry: o },
	'customer.pending_signup': APP_ONLY,
	'customer.ep_invite_sent': { appId: o, customerId: o, licenseType: o },
	'customer.ep_access_granted': {
		appId: o,
		customerId: o,
		accessMethod: o,
		licenseType: o,
		accessType: o,
	},
	'customer.ep_user_joined': { appId: o, customerId: o, accessMethod: o, licenseType: o },
	'instance.created': SCOPE,
	'instance.ready': SCOPE,
	'instance.upgrade_started': SCOPE,
	'instance.upgrade_completed': SCOPE,
	'instance.version_behind': { versionsBehind: r, appId: o, channelId: o, customerId: o },
	'instance.inactive': SCOPE,
	'instance.state.duration': { state: r, durationMinutes: r, ...SCOPE },
	'instance.state.flapping': {
		minStateChanges: r,
		windowMinutes: r,
		cooldownMinutes: o,
		...SCOPE,
	},
	'instance.custom_metric_threshold_reached': {
		metricName: r,
		operator: r,
		thresholdValue: 'conditional',
		frequency: r,
		appId: o,
		customerId: o,
	},
	'platform.egress_threshold_reached': { thresholdTiB: r },
	'release.created': APP_ONLY,
	'release.promoted': APP_CHANNEL,
	'release.unpublished': APP_CHANNEL,
	'release.build_failed': APP_CHANNEL,
	'release.asset_downloaded': {
		appId: o,
		channelId: o,
		customerId: o,
		licenseType: o,
		assetType: o,
		pullType: o,
	},
	'support.bundle.uploaded': SCOPE,
	'support.bundle.analyzed': SCOPE,
};

/** Events a subscription may hold at most once (the docs: "Only one ... per subscription"). */
export const ONCE_PER_SUBSCRIPTION = [
	'instance.state.duration',
	'instance.custom_metric_threshold_reached',
];

/** Whether a filter must be given, for this event and the other filters chosen with it. */
export function isRequired(
	rule: FilterRule | undefined,
	filters: Partial<Record<FilterKeyName, unknown>>,
): boolean {
	if (rule === 'required') return true;
	if (rule !== 'conditional') return false;
	return !OPERATORS_WITHOUT_THRESHOLD.includes(String(filters.operator ?? ''));
}

/**
 * Why Replicated would refuse this event config, or null when the docs allow it: an unknown event,
 * a filter the event's table does not list, a missing Required filter, a value of the wrong shape
 * or outside the documented set.
 */
export function eventConfigProblem(
	eventType: string,
	filters: Record<string, unknown>,
): string | null {
	const accepted = EVENT_FILTERS[eventType];
	if (!accepted) return `eventType "${eventType}" is not a Replicated event type`;
	for (const [name, value] of Object.entries(filters)) {
		const rule = accepted[name as FilterKeyName];
		if (!rule) return `filter "${name}" is not accepted by ${eventType}`;
		const key = FILTER_KEYS[name as FilterKeyName];
		const isList = Array.isArray(value);
		if (isList ? key.shape !== 'array' && !key.shapeInferred : key.shape === 'array')
			return `filter "${name}" of ${eventType} must be ${key.shape === 'array' ? 'an array of strings' : 'a string'}`;
		const values: unknown[] = isList ? value : [value];
		for (const v of values) {
			if (typeof v !== 'string')
				return `filter "${name}" of ${eventType} must hold strings (numbers as strings, e.g. "3")`;
			if (key.values && !key.values.includes(v))
				return `filter "${name}" of ${eventType} must be one of ${key.values.join(', ')}; got "${v}"`;
			if (key.numeric && !/^\d+(\.\d+)?$/.test(v))
				return `filter "${name}" of ${eventType} must be a number written as a string; got "${v}"`;
		}
	}
	for (const [name, rule] of Object.entries(accepted)) {
		const value = filters[name];
		const empty = value === undefined || value === '' || (Array.isArray(value) && !value.length);
		if (empty && isRequired(rule, filters))
			return `filter "${name}" (${FILTER_KEYS[name as FilterKeyName].label}) is required for ${eventType}`;
	}
	return null;
}

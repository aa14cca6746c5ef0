import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { APP_PICKER } from '../../methods/app-picker';
import { EVENT_TYPES } from './events';
import { EVENT_FILTERS, FILTER_KEYS, type FilterKeyName } from './filter-catalogue';

/** How the docs' values read in a dropdown. */
const VALUE_NAMES: Record<string, string> = {
	paid: 'Paid',
	trial: 'Trial',
	community: 'Community',
	dev: 'Development',
	active: 'Active',
	expiring_soon: 'Expiring Soon',
	perpetual: 'Perpetual (Never Expires)',
	customer_name: 'Customer Name',
	license_type: 'License Type',
	expiration: 'Expiration',
	channel: 'Channel',
	install_options: 'Install Options',
	helm_email: 'Helm Email',
	entitlement: 'Entitlement',
	invite: 'Invite',
	self_signup: 'Self Signup',
	saml_jit: 'SAML Just-in-Time',
	any: 'Any',
	first: 'First Pull of the Customer',
	first_for_license_type: 'First for the Selected License Type',
	helm_chart: 'Helm Chart',
	embedded_cluster_bundle: 'Embedded Cluster Bundle',
	proxy_image: 'Proxy Registry Image',
	ready: 'Ready',
	unavailable: 'Unavailable',
	degraded: 'Degraded',
	updating: 'Updating',
	missing: 'Missing',
	gt: 'Greater Than',
	gte: 'Greater Than or Equal',
	lt: 'Less Than',
	lte: 'Less Than or Equal',
	eq: 'Equals',
	neq: 'Does Not Equal',
	exists: 'Exists',
	not_exists: 'Does Not Exist',
	is_true: 'Is True (Boolean)',
	is_false: 'Is False (Boolean)',
	contains: 'Contains (Text)',
	starts_with: 'Starts With (Text)',
	ends_with: 'Ends With (Text)',
	once: 'Send Once',
	when_changed: 'When Changed',
	each_time: 'Each Time',
};

function minutes(value: string): string {
	const n = Number(value);
	if (n >= 60 && n % 60 === 0) return n === 60 ? '1 Hour' : `${n / 60} Hours`;
	return `${n} Minutes`;
}

/** The catalogue's values of a key as dropdown options. */
function optionsOf(key: FilterKeyName): INodePropertyOptions[] {
	const numericName = (v: string) =>
		key === 'daysUntilExpiry'
			? `${v} ${v === '1' ? 'Day' : 'Days'}`
			: key.endsWith('Minutes')
				? minutes(v)
				: v;
	return (FILTER_KEYS[key].values ?? []).map((value) => ({
		name: FILTER_KEYS[key].numeric ? numericName(value) : (VALUE_NAMES[value] ?? value),
		value,
	}));
}

/** The events whose filter table lists the key, by their names in the Events list. */
function eventsWith(key: FilterKeyName): string[] {
	return Object.keys(EVENT_FILTERS).filter((event) => EVENT_FILTERS[event][key]);
}
function eventNames(key: FilterKeyName): string {
	return eventsWith(key)
		.map((event) => EVENT_TYPES.find((e) => e.key === event)?.name ?? event)
		.join(', ');
}

type Setting = Omit<INodeProperties, 'name' | 'displayOptions'> & { name: FilterKeyName };

/**
 * Settings of the events Replicated registers only with Required filters. Shown when their event
 * (or All Events) is selected, with a value a user can accept: Replicated's documented default or
 * the docs' example, so that activating with the defaults never fails.
 */
const EVENT_SETTINGS: Setting[] = [
	{
		displayName: 'Version Behind: Versions Behind',
		name: 'versionsBehind',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 3,
		description: 'Notify when an instance is at least this many versions behind the newest release',
	},
	{
		displayName: 'State Duration: States',
		name: 'state',
		type: 'multiOptions',
		options: optionsOf('state'),
		default: ['unavailable', 'degraded'],
		description: 'Notify when an instance has been in one of these states for the time below',
	},
	{
		displayName: 'State Duration: For at Least',
		name: 'durationMinutes',
		type: 'options',
		options: optionsOf('durationMinutes'),
		default: '60',
		description: 'How long the instance must stay in the state',
	},
	{
		displayName: 'Flapping: Minimum State Changes',
		name: 'minStateChanges',
		type: 'options',
		options: optionsOf('minStateChanges'),
		default: '5',
		description: 'How many state changes within the window count as flapping',
	},
	{
		displayName: 'Flapping: Time Window',
		name: 'windowMinutes',
		type: 'options',
		options: optionsOf('windowMinutes'),
		default: '60',
		description: 'The window the state changes are counted in',
	},
	{
		displayName: 'Flapping: Cooldown',
		name: 'cooldownMinutes',
		type: 'options',
		options: optionsOf('cooldownMinutes'),
		default: '60',
		description:
			"How long Replicated waits before it notifies about the same instance again (Replicated's default: 1 hour)",
	},
	{
		displayName: 'Custom Metric: Metric Name',
		name: 'metricName',
		type: 'string',
		default: '',
		placeholder: 'e.g. active_users',
		description:
			'The custom metric to watch, as your application reports it. Required to register Custom Metric Threshold Reached.',
	},
	{
		displayName: 'Custom Metric: Operator',
		name: 'operator',
		type: 'options',
		options: optionsOf('operator'),
		default: 'gt',
		description:
			'How the metric is compared: number metrics take the comparisons, text metrics Contains / Starts With / Ends With, boolean metrics Is True / Is False',
	},
	{
		displayName: 'Custom Metric: Threshold Value',
		name: 'thresholdValue',
		type: 'string',
		default: '',
		placeholder: 'e.g. 100',
		description:
			'The value the metric is compared with (not needed for Exists, Does Not Exist, Is True and Is False)',
	},
	{
		displayName: 'Custom Metric: Frequency',
		name: 'frequency',
		type: 'options',
		options: [
			{
				name: 'Send Once',
				value: 'once',
				description: 'The first time the metric meets the threshold, again only after it cleared',
			},
			{
				name: 'When Changed',
				value: 'when_changed',
				description:
					'When the metric meets the threshold and its value changed since the last notice',
			},
			{
				name: 'Each Time',
				value: 'each_time',
				description: 'Every metric report that meets the threshold',
			},
		],
		default: 'when_changed',
		description: 'How often Replicated notifies',
	},
	{
		displayName: 'Egress: Threshold (TiB)',
		name: 'thresholdTiB',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5 or 5.5',
		description:
			"Notify once a month when the team's registry egress reaches this many tebibytes. Required to register Egress Threshold Reached.",
	},
];

export const EVENT_SETTING_KEYS: readonly FilterKeyName[] = EVENT_SETTINGS.map((s) => s.name);

export function eventSettingFields(): INodeProperties[] {
	return EVENT_SETTINGS.map((setting) => ({
		...setting,
		displayOptions: { show: { events: ['*', ...eventsWith(setting.name)] } },
	}));
}

/** The Filters collection's parameter for each scope filter key, where it is not the key itself. */
export const FILTER_PARAMETER: Partial<Record<FilterKeyName, string>> = {
	channelId: 'channelIds',
	licenseType: 'licenseTypes',
	changeType: 'changeTypes',
};

const only = (key: FilterKeyName) => `Applies to: ${eventNames(key)}`;

/** The catalogue key a Filters field stands for. */
function keyOf(parameter: string): FilterKeyName {
	const mapped = Object.entries(FILTER_PARAMETER).find(([, name]) => name === parameter);
	return (mapped?.[0] ?? parameter) as FilterKeyName;
}

/** Each filter is offered only while an event that takes it (or All Events) is selected. */
export function filterFields(): INodeProperties[] {
	return allFilterFields().map((field) => ({
		...field,
		displayOptions: { show: { '/events': ['*', ...eventsWith(keyOf(field.name))] } },
	}));
}

/** A field whose values are the catalogue key's; its description ends with where it applies. */
function catalogueField(
	key: FilterKeyName,
	displayName: string,
	type: 'options' | 'multiOptions',
	fallback: string | string[],
	says: string,
): INodeProperties {
	const description = `${says} ${only(key)}.`;
	const name = FILTER_PARAMETER[key] ?? key;
	return { displayName, name, type, options: optionsOf(key), default: fallback, description };
}

/** Portal accesses: every one, or the first for a license type (its own wording, not the docs'). */
function accessTypeField(): INodeProperties {
	return {
		displayName: 'Access Type (Portal)',
		name: 'accessType',
		type: 'options',
		options: [
			{ name: 'Any Access', value: 'any', description: 'Every time a user accesses the portal' },
			{
				name: 'First for the Selected License Type',
				value: 'first_for_license_type',
				description:
					'The first access by a customer with the License Types chosen here, even if they used the portal on a trial before (tracked since 27 March 2026)',
			},
		],
		default: 'any',
		description: `Which accesses notify. ${only('accessType')}.`,
	};
}

/** Asset pulls: every one, the customer's first, or the first for a license type. */
function pullTypeField(): INodeProperties {
	return {
		displayName: 'Pull Type (Downloads)',
		name: 'pullType',
		type: 'options',
		options: [
			{ name: 'Any Pull', value: 'any', description: 'Every asset pull' },
			{
				name: 'First Pull of the Customer',
				value: 'first',
				description: 'Only the first time a customer pulls an asset',
			},
			{
				name: 'First for the Selected License Type',
				value: 'first_for_license_type',
				description:
					'The first pull with the License Types chosen here, even after pulls on a trial (tracked since 27 March 2026)',
			},
		],
		default: 'any',
		description: `Which pulls notify. ${only('pullType')}.`,
	};
}

/** Channels come from the app picked above, so they are loaded, not catalogued. */
const CHANNELS_FIELD: INodeProperties = {
	displayName: 'Channel Names or IDs',
	name: 'channelIds',
	type: 'multiOptions',
	typeOptions: {
		loadOptionsMethod: 'getChannels',
		loadOptionsDependsOn: ['filters.appId.value'],
	},
	default: [],
	description:
		'Only events of these channels. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The Filters collection, in the order the panel shows it. */
function allFilterFields(): INodeProperties[] {
	return [
		APP_PICKER,
		catalogueField(
			'accessMethod',
			'Access Method (Portal)',
			'options',
			'invite',
			'How the user reached the Enterprise Portal.',
		),
		accessTypeField(),
		catalogueField(
			'assetType',
			'Asset Type (Downloads)',
			'options',
			'helm_chart',
			'Only pulls of this kind of asset.',
		),
		catalogueField(
			'changeType',
			'Change Types (Updates)',
			'multiOptions',
			[],
			'Only updates that changed one of these.',
		),
		CHANNELS_FIELD,
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			description: `Only events of this Replicated customer. ${only('customerId')}.`,
		},
		catalogueField(
			'daysUntilExpiry',
			'Days Before Expiry',
			'multiOptions',
			['30'],
			'How long before expiry to notify; one notice per value.',
		),
		catalogueField(
			'expirationStatus',
			'Expiration Status',
			'options',
			'active',
			'Only customers whose license is in this state.',
		),
		catalogueField(
			'licenseType',
			'License Types',
			'multiOptions',
			['paid'],
			'Only events of customers with one of these license types.',
		),
		pullTypeField(),
	];
}

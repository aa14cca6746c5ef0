/**
 * The JSON export's records as export rows, one per instance. SPEC describes the JSON answer only
 * as "the list of customers" (getCustomerInstances), so a record is read either as a row named
 * like the CSV columns (DOCS instance-data-export.md), or as a customer (SPEC `Customer` fields)
 * holding its `instances` (SPEC `CustomerInstance`), which becomes one row per instance with the
 * documented column names. Both readings are INFERRED. Fields that are neither a documented
 * column nor mapped here are left out of a customer's rows: nested lists (channels, version
 * history) and the license ID (`installationId`, `licenseId`) among them.
 */

type Record_ = Record<string, unknown>;

const isObject = (v: unknown): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SPEC `Customer` → the data dictionary's customer columns. */
const CUSTOMER_COLUMNS: Record<string, string> = {
	id: 'customer_id',
	name: 'customer_name',
	customId: 'customer_custom_id',
	type: 'customer_type',
	createdAt: 'customer_created_date',
	expiresAt: 'customer_license_expiration_date',
	lastActive: 'customer_last_active',
	airgap: 'customer_is_airgap_enabled',
	isArchived: 'customer_is_archived',
};

/** SPEC `CustomerInstance` → the data dictionary's instance columns. */
const INSTANCE_COLUMNS: Record<string, string> = {
	instanceId: 'instance_id',
	active: 'instance_is_active',
	createdAt: 'instance_first_reported_at',
	lastActive: 'instance_last_reported_at',
	appStatus: 'instance_last_app_status',
	isAirgap: 'instance_is_airgap',
	isKurl: 'instance_is_kurl',
	k8sVersion: 'instance_k8s_version',
	kotsVersion: 'instance_kots_version',
	cloud: 'instance_cloud_provider',
	client: 'instance_client',
	kurlNodeCountTotal: 'instance_kurl_node_count_total',
	kurlNodeCountReady: 'instance_kurl_node_count_ready',
};

const DOCUMENTED = /^(customer|instance|custom_metric)_/;

/** The documented columns a record already has, and its mapped fields under their column names. */
function columns(record: Record_, mapped: Record<string, string>): Record_ {
	const out: Record_ = {};
	for (const [key, value] of Object.entries(record)) {
		if (DOCUMENTED.test(key)) out[key] = value;
		else if (Object.prototype.hasOwnProperty.call(mapped, key) && !isObject(value))
			out[mapped[key]] = value;
	}
	return out;
}

/** SPEC `CustomerChannelWithDetail`: the customer's default channel (API.md Corrections 3). */
function channelColumns(channels: unknown): Record_ {
	if (!Array.isArray(channels)) return {};
	const list = channels.filter(isObject);
	const channel = list.find((c) => c.is_default_for_customer === true) ?? list[0];
	if (!channel) return {};
	return {
		customer_channel_id: channel.id ?? channel.channel_id ?? null,
		customer_channel_name: channel.name ?? null,
		customer_app_id: channel.appId ?? null,
	};
}

/** SPEC `EntitlementValues` / `InstanceTags`: lists of name (key) and value, as column families. */
function family(list: unknown, prefix: string, name: 'name' | 'key'): Record_ {
	if (!Array.isArray(list)) return {};
	const out: Record_ = {};
	for (const entry of list)
		if (isObject(entry) && typeof entry[name] === 'string')
			out[`${prefix}${entry[name] as string}`] = entry.value ?? null;
	return out;
}

/** The customer's part of each of its rows. */
function customerPart(customer: Record_): Record_ {
	return {
		...columns(customer, CUSTOMER_COLUMNS),
		...channelColumns(customer.channels),
		...family(customer.entitlements, 'customer_entitlement__', 'name'),
	};
}

function instancePart(instance: Record_): Record_ {
	// The CLI (pkg/types/instance.go): versionHistory comes latest first.
	const latest = Array.isArray(instance.versionHistory) ? instance.versionHistory[0] : undefined;
	return {
		...columns(instance, INSTANCE_COLUMNS),
		...(isObject(latest) && typeof latest.versionLabel === 'string'
			? { instance_app_version: latest.versionLabel }
			: {}),
		...family(instance.tags, 'instance_tag__', 'key'),
	};
}

/** One export record as the rows it stands for: itself, or one per instance of a customer. */
export function* customerInstanceRows(record: unknown): Generator<Record_> {
	if (!isObject(record)) return;
	const instances = record.instances;
	if (!Array.isArray(instances)) {
		yield record;
		return;
	}
	const customer = customerPart(record);
	for (const instance of instances)
		if (isObject(instance)) yield { ...customer, ...instancePart(instance) };
}

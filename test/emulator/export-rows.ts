import { seededRandom } from './ids';
import type { Channel, Customer, Instance } from './model';

/**
 * Rows of GET /v3/app/{appId}/customer_instances, with column names from the documented data
 * dictionary (DOCS instance-data-export). The JSON form using the same keys is INFERRED.
 */
export type ExportRow = Record<string, string | number | boolean | null>;

export const EXPORT_COLUMNS = [
	'customer_id',
	'customer_name',
	'customer_created_date',
	'customer_license_expiration_date',
	'customer_channel_id',
	'customer_channel_name',
	'customer_app_id',
	'customer_last_active',
	'customer_type',
	'customer_status',
	'customer_is_airgap_enabled',
	'customer_has_entitlements',
	'customer_entitlement__seats',
	'customer_entitlement__tier',
	'instance_id',
	'instance_is_active',
	'instance_first_reported_at',
	'instance_last_reported_at',
	'instance_first_ready_at',
	'instance_kots_version',
	'instance_k8s_version',
	'instance_is_airgap',
	'instance_last_app_status',
	'instance_client',
	'instance_cloud_provider',
	'instance_cloud_provider_region',
	'instance_app_version',
	'instance_version_age',
	'instance_k8s_distribution',
	'instance_has_custom_metrics',
	'instance_custom_metrics_reported_at',
	'custom_metric__active_users',
	'custom_metric__num_projects',
	'instance_has_tags',
	'instance_tag__env',
] as const;

/**
 * The family columns one customer's instance adds to the fixed ones: DOCS name
 * `customer_entitlement__*`, `custom_metric__*` and `instance_tag__*` as "the values of any" such
 * field, metric or tag, so every name a customer has or an instance reported is a column (the
 * documented examples above stay columns even when nobody has them).
 */
function familyCells(customer: Customer, instance: Instance): Array<[string, ExportRow[string]]> {
	return [
		...customer.entitlements.map((e): [string, string] => [
			`customer_entitlement__${e.name}`,
			e.value,
		]),
		...Object.entries(instance.customMetrics).map(([name, value]): [string, number] => [
			`custom_metric__${name}`,
			value,
		]),
		...instance.tags.map((t): [string, string] => [`instance_tag__${t.key}`, t.value]),
	];
}

/** The export's header: the fixed columns, then each family column any of these instances has. */
export function exportColumns(of: Iterable<{ customer: Customer; instance: Instance }>): string[] {
	const columns = new Set<string>(EXPORT_COLUMNS);
	for (const { customer, instance } of of)
		for (const [column] of familyCells(customer, instance)) columns.add(column);
	return [...columns];
}

export function rowFromInstance(customer: Customer, instance: Instance): ExportRow {
	const channel = customer.channels.find((c) => c.is_default_for_customer) ?? customer.channels[0];
	const entitlement = (name: string) =>
		customer.entitlements.find((e) => e.name === name)?.value ?? null;
	return {
		customer_id: customer.id,
		customer_name: customer.name,
		customer_created_date: customer.createdAt,
		customer_license_expiration_date: customer.expiresAt,
		customer_channel_id: channel?.id ?? null,
		customer_channel_name: channel?.name ?? null,
		customer_app_id: customer.appId,
		customer_last_active: customer.lastActive,
		customer_type: customer.type,
		customer_status: customer.isArchived ? 'archived' : instance.active ? 'active' : 'inactive',
		customer_is_airgap_enabled: customer.airgap,
		customer_has_entitlements: customer.entitlements.length > 0,
		customer_entitlement__seats: entitlement('seats'),
		customer_entitlement__tier: entitlement('tier'),
		instance_id: instance.instanceId,
		instance_is_active: instance.active,
		instance_first_reported_at: instance.createdAt,
		instance_last_reported_at: instance.lastActive,
		instance_first_ready_at:
			instance.appStatus.toLowerCase() === 'ready' ? instance.createdAt : null,
		instance_kots_version: instance.kotsVersion || instance.replicatedSdkVersion,
		instance_k8s_version: instance.k8sVersion,
		instance_is_airgap: instance.isAirgap,
		instance_last_app_status: instance.appStatus,
		instance_client: instance.kotsVersion ? 'kots' : 'helm',
		instance_cloud_provider: instance.cloud,
		instance_cloud_provider_region: null,
		instance_app_version: instance.versionLabel,
		instance_version_age: '0',
		instance_k8s_distribution: 'eks',
		instance_has_custom_metrics: Object.keys(instance.customMetrics).length > 0,
		instance_custom_metrics_reported_at: Object.keys(instance.customMetrics).length
			? instance.lastActive
			: null,
		custom_metric__active_users: instance.customMetrics.active_users ?? null,
		custom_metric__num_projects: instance.customMetrics.num_projects ?? null,
		instance_has_tags: instance.tags.length > 0,
		instance_tag__env: instance.tags.find((t) => t.key === 'env')?.value ?? null,
		// Prefixed, so a metric named `__proto__` or `constructor` is an ordinary column here.
		...Object.fromEntries(familyCells(customer, instance)),
	};
}

/** Weighted picks: a fleet that looks like a vendor's, mostly healthy with a tail of trouble. */
type Weighted<T> = Array<[T, number]>;
const STATUSES: Weighted<string> = [
	['ready', 85],
	['updating', 5],
	['degraded', 4],
	['unavailable', 3],
	['missing', 3],
];
/** Stable's releases, newest first: most instances run a recent one. */
const VERSIONS: Weighted<string> = [
	['2.4.0', 40],
	['2.3.2', 25],
	['2.3.1', 15],
	['2.2.0', 10],
	['2.1.5', 6],
	['1.9.9', 4],
];
const CLOUDS = ['aws', 'gcp', 'azure', 'digitalocean', 'private'];
const TYPES = ['prod', 'prod', 'trial', 'dev', 'community'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EPOCH = Date.UTC(2026, 10, 1);

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function pick<T>(choices: Weighted<T>, roll: number): T {
	const total = choices.reduce((sum, [, w]) => sum + w, 0);
	let at = roll * total;
	for (const [value, weight] of choices) if ((at -= weight) < 0) return value;
	return choices[choices.length - 1][0];
}

/**
 * Row `index` of a deterministic synthetic fleet: same index and epoch, same row, on every run.
 * Four instances per customer. Online instances mostly checked in within the last 6 hours, some
 * 1–3 days ago, a few weeks ago; air-gapped ones reported by bundle within the last 60 days. The
 * epoch is a fixed date unless the app sets `syntheticEpoch` (e.g. now, for health scoring).
 */
export function syntheticRow(
	appId: string,
	channel: Pick<Channel, 'id' | 'name'>,
	index: number,
	epoch = EPOCH,
): ExportRow {
	const rand = seededRandom(index + 1);
	const customerIndex = Math.floor(index / 4);
	const created = epoch - Math.floor(rand() * 400) * DAY;
	const airgap = rand() < 0.1;
	const silence = rand();
	const lastReported = airgap
		? epoch - Math.floor(rand() * 60 * DAY)
		: silence < 0.85
			? epoch - Math.floor(rand() * 6 * HOUR)
			: silence < 0.95
				? epoch - Math.floor((1 + rand() * 2) * DAY)
				: epoch - Math.floor((10 + rand() * 50) * DAY);
	const active = epoch - lastReported < DAY;
	const metrics = rand() < 0.7;
	const type = TYPES[customerIndex % TYPES.length];
	// Paid licenses renew on a yearly cycle spread over the year; trials run 30 days.
	const expires =
		type === 'trial'
			? iso(epoch + 30 * DAY)
			: type === 'prod'
				? iso(epoch + (((customerIndex * 37) % 365) + 1) * DAY)
				: null;
	return {
		customer_id: `synthetic-customer-${customerIndex}`,
		customer_name: `Synthetic Customer ${customerIndex}`,
		customer_created_date: iso(created),
		customer_license_expiration_date: expires,
		customer_channel_id: channel.id,
		customer_channel_name: channel.name,
		customer_app_id: appId,
		customer_last_active: iso(lastReported),
		customer_type: type,
		customer_status: active ? 'active' : 'inactive',
		customer_is_airgap_enabled: airgap,
		customer_has_entitlements: true,
		customer_entitlement__seats: String(10 + (customerIndex % 50) * 10),
		customer_entitlement__tier: customerIndex % 3 === 0 ? 'premium' : 'standard',
		instance_id: `synthetic-instance-${index}`,
		instance_is_active: active,
		instance_first_reported_at: iso(created + DAY),
		instance_last_reported_at: iso(lastReported),
		instance_first_ready_at: iso(created + DAY + HOUR),
		instance_kots_version: '1.124.3',
		instance_k8s_version: 'v1.31.2',
		instance_is_airgap: airgap,
		instance_last_app_status: pick(STATUSES, rand()),
		instance_client: 'kots',
		instance_cloud_provider: CLOUDS[Math.floor(rand() * CLOUDS.length)],
		instance_cloud_provider_region: 'us-east-1',
		instance_app_version: pick(VERSIONS, rand()),
		instance_version_age: String(Math.floor(rand() * 120)),
		instance_k8s_distribution: 'eks',
		instance_has_custom_metrics: metrics,
		instance_custom_metrics_reported_at: metrics ? iso(lastReported) : null,
		custom_metric__active_users: metrics ? Math.floor(rand() * 500) : null,
		custom_metric__num_projects: metrics ? Math.floor(rand() * 80) : null,
		instance_has_tags: index % 5 === 0,
		instance_tag__env: index % 5 === 0 ? 'production' : null,
	};
}

function csvCell(value: ExportRow[string]): string {
	if (value === null || value === undefined) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: Array<ExportRow[string]>): string {
	return values.map(csvCell).join(',') + '\n';
}

/** Encodes rows in chunks of about 64 KiB so the server streams with backpressure. */
export async function* encodeExport(
	rows: Iterable<ExportRow>,
	format: 'csv' | 'json',
	columns: readonly string[] = EXPORT_COLUMNS,
): AsyncGenerator<string> {
	let buffer = format === 'csv' ? csvLine([...columns]) : '[';
	let first = true;
	for (const row of rows) {
		if (format === 'csv') buffer += csvLine(columns.map((c) => row[c] ?? null));
		else {
			// Each row with every column, as in the CSV (INFERRED, like the JSON form itself).
			const full = Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
			buffer += (first ? '' : ',') + JSON.stringify(full);
			first = false;
		}
		if (buffer.length >= 65_536) {
			yield buffer;
			buffer = '';
		}
	}
	if (format === 'json') buffer += ']';
	if (buffer) yield buffer;
}

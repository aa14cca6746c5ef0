/**
 * One row of the customer_instances export, typed for n8n items. Column names follow Replicated's
 * data dictionary; the `customer_entitlement__*`, `custom_metric__*` and `instance_tag__*` families
 * are collected into `entitlements`, `customMetrics` and `tags` (keys without the prefix).
 */
export type Scalar = string | number | boolean | null;

export interface InstanceRowItem {
	customId: string | null;
	customerId: string | null;
	customerName: string | null;
	licenseType: string | null;
	instanceId: string | null;
	entitlements: Record<string, Scalar>;
	customMetrics: Record<string, Scalar>;
	tags: Record<string, Scalar>;
	[column: string]: Scalar | Record<string, Scalar>;
}

const INTEGER_COLUMNS = new Set([
	'instance_kurl_node_count_total',
	'instance_kurl_node_count_ready',
	'instance_version_age',
]);
const BOOLEAN_COLUMN = /(^|_)(is|has)_/;

/** Values of the families are "string/integer/boolean" per the dictionary: read them as such. */
function loose(value: unknown): Scalar {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	const text = String(value);
	if (text === 'true' || text === 'false') return text === 'true';
	if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) && text.length < 16) return Number(text);
	return text;
}

function typed(column: string, value: unknown): Scalar {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value !== 'string') return value as Scalar;
	if (BOOLEAN_COLUMN.test(column) && (value === 'true' || value === 'false'))
		return value === 'true';
	if (INTEGER_COLUMNS.has(column) && /^-?\d+$/.test(value)) return Number(value);
	return value;
}

export function instanceRowItem(row: Record<string, unknown>): InstanceRowItem {
	const entitlements: Record<string, Scalar> = {};
	const customMetrics: Record<string, Scalar> = {};
	const tags: Record<string, Scalar> = {};
	const columns: Record<string, Scalar> = {};
	for (const [column, value] of Object.entries(row)) {
		if (column.startsWith('customer_entitlement__')) entitlements[column.slice(22)] = loose(value);
		else if (column.startsWith('custom_metric__')) customMetrics[column.slice(15)] = loose(value);
		else if (column.startsWith('instance_tag__')) tags[column.slice(14)] = loose(value);
		else columns[column] = typed(column, value);
	}
	const text = (column: string) =>
		typeof columns[column] === 'string' ? (columns[column] as string) : null;
	const type = text('customer_type');
	return {
		// INFERRED: the dictionary lists no custom ID column; read one if the export carries it.
		customId: text('customer_custom_id'),
		customerId: text('customer_id'),
		customerName: text('customer_name'),
		licenseType: type === 'prod' ? 'paid' : type,
		instanceId: text('instance_id'),
		...columns,
		entitlements,
		customMetrics,
		tags,
	};
}

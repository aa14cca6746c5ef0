/**
 * One row of the customer_instances export, typed for n8n items. Column names follow Replicated's
 * data dictionary; the `customer_entitlement__*`, `custom_metric__*` and `instance_tag__*` families
 * are collected into `entitlements`, `customMetrics` and `tags` (keys without the prefix).
 */
import type { InstanceRowItem, Scalar } from '../schemas/instance-row';

export type { InstanceRowItem };

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

type ColumnKind =
	| { family: 'entitlements' | 'customMetrics' | 'tags'; key: string }
	| { family: null; key: string };

/** Column classification, computed once per column name (an export repeats the same header). */
const columnKinds = new Map<string, ColumnKind>();

function kindOf(column: string): ColumnKind {
	let kind = columnKinds.get(column);
	if (!kind) {
		if (column.startsWith('customer_entitlement__'))
			kind = { family: 'entitlements', key: column.slice(22) };
		else if (column.startsWith('custom_metric__'))
			kind = { family: 'customMetrics', key: column.slice(15) };
		else if (column.startsWith('instance_tag__')) kind = { family: 'tags', key: column.slice(14) };
		else kind = { family: null, key: column };
		if (columnKinds.size < 10_000) columnKinds.set(column, kind);
	}
	return kind;
}

export function instanceRowItem(row: Record<string, unknown>): InstanceRowItem {
	const families = {
		entitlements: {} as Record<string, Scalar>,
		customMetrics: {} as Record<string, Scalar>,
		tags: {} as Record<string, Scalar>,
	};
	const columns: Record<string, Scalar> = {};
	for (const column in row) {
		const kind = kindOf(column);
		if (kind.family) families[kind.family][kind.key] = loose(row[column]);
		else columns[column] = typed(column, row[column]);
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
		...families,
	};
}

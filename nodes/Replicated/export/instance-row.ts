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

/** How a documented column's text is typed, decided once per column. */
function typedReader(column: string): (value: unknown) => Scalar {
	const flag = BOOLEAN_COLUMN.test(column);
	const integer = INTEGER_COLUMNS.has(column);
	return (value) => {
		if (value === null || value === undefined || value === '') return null;
		if (typeof value !== 'string') return value as Scalar;
		if (flag && (value === 'true' || value === 'false')) return value === 'true';
		if (integer && /^-?\d+$/.test(value)) return Number(value);
		return value;
	};
}

type Family = 'entitlements' | 'customMetrics' | 'tags';

interface Column {
	family: Family | null;
	/** The name in the item: the column's, or the family member's without the prefix. */
	key: string;
	read: (value: unknown) => Scalar;
}

/** Column classification, computed once per column name (an export repeats the same header). */
const columns = new Map<string, Column>();

function columnOf(name: string): Column {
	let column = columns.get(name);
	if (!column) {
		const family = (prefix: string, of: Family): Column | null =>
			name.startsWith(prefix) ? { family: of, key: name.slice(prefix.length), read: loose } : null;
		column = family('customer_entitlement__', 'entitlements') ??
			family('custom_metric__', 'customMetrics') ??
			family('instance_tag__', 'tags') ?? {
				family: null,
				key: name,
				read: typedReader(name),
			};
		if (columns.size < 10_000) columns.set(name, column);
	}
	return column;
}

/** Puts the join keys first, as every output of ours does, read from the typed columns. */
function item(values: Record<string, Scalar>, families: Record<Family, Record<string, Scalar>>) {
	const text = (column: string) =>
		typeof values[column] === 'string' ? (values[column] as string) : null;
	const type = text('customer_type');
	// A spread builds a fast-properties object; one filled key by key would be a dictionary, 2× the memory.
	return {
		// INFERRED: the dictionary lists no custom ID column; read one if the export carries it.
		customId: text('customer_custom_id'),
		customerId: text('customer_id'),
		customerName: text('customer_name'),
		licenseType: type === 'prod' ? 'paid' : type,
		instanceId: text('instance_id'),
		...values,
		...families,
	} as InstanceRowItem;
}

/** One export row given as an object (the JSON export, or CSV keyed by its header). */
export function instanceRowItem(row: Record<string, unknown>): InstanceRowItem {
	const families: Record<Family, Record<string, Scalar>> = {
		entitlements: {},
		customMetrics: {},
		tags: {},
	};
	const values: Record<string, Scalar> = {};
	for (const name in row) {
		const column = columnOf(name);
		(column.family ? families[column.family] : values)[column.key] = column.read(row[name]);
	}
	return item(values, families);
}

/** Distinct values remembered per column; a column with more is an ID or a time, not worth it. */
const SHARED_VALUES = 256;

/**
 * The CSV export's reader: classifies the header's columns once, then types each record (an array
 * of cells in header order). Values that repeat down a column (channel, versions, cloud, status,
 * customer) are shared between rows, which keeps a held export of 100k items small.
 */
export function instanceRowReader(
	header: readonly string[],
): (cells: readonly string[]) => InstanceRowItem {
	const cols = header.map(columnOf);
	const shared: Array<Map<string, Scalar> | null> = cols.map(() => new Map());
	return (cells) => {
		const families: Record<Family, Record<string, Scalar>> = {
			entitlements: {},
			customMetrics: {},
			tags: {},
		};
		const values: Record<string, Scalar> = {};
		for (let i = 0; i < cols.length; i++) {
			const column = cols[i];
			const cell = cells[i] ?? '';
			const seen = shared[i];
			let value: Scalar | undefined = seen?.get(cell);
			if (value === undefined) {
				value = column.read(cell);
				if (seen) {
					// Copies, so the shared key and value do not keep the chunk it was cut from alive.
					if (seen.size < SHARED_VALUES) {
						const key = copy(cell);
						if (value === cell) value = key;
						seen.set(key, value);
					} else shared[i] = null;
				}
			}
			(column.family ? families[column.family] : values)[column.key] = value;
		}
		return item(values, families);
	};
}

/** A string of its own: V8 cuts substrings as views on their parent (here a 64 KB chunk). */
function copy(text: string): string {
	return text.length < 13 ? text : (' ' + text).slice(1);
}

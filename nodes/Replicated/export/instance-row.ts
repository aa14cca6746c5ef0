/**
 * One row of the customer_instances export, typed for n8n items. Column names follow Replicated's
 * data dictionary; the `customer_entitlement__*`, `custom_metric__*` and `instance_tag__*` families
 * are collected into `entitlements`, `customMetrics` and `tags` (keys without the prefix).
 */
import { looseScalar as loose } from '../schemas/common';
import { dict } from '../schemas/keyed';
import type { InstanceRowItem, Scalar } from '../schemas/instance-row';

export type { InstanceRowItem };

const INTEGER_COLUMNS = new Set([
	'instance_kurl_node_count_total',
	'instance_kurl_node_count_ready',
	'instance_version_age',
]);
const BOOLEAN_COLUMN = /(^|_)(is|has)_/;

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

/** Distinct values remembered per column; a column with more is an ID or a time, not worth it. */
const SHARED_VALUES = 256;

/**
 * Types the rows of one export, given as arrays of cells in header order. Built once per header:
 * each item is a copy of a template with the final shape (join keys first, as in every output of
 * ours, then the columns, then the families), filled in place. An object grown key by key would
 * fall back to a dictionary, twice the memory and much slower. Values that repeat down a column
 * (channel, versions, cloud, status, customer) are shared between rows, which keeps a held export
 * of 100k items small.
 */
export function instanceRowReader(
	header: readonly string[],
): (cells: readonly unknown[]) => InstanceRowItem {
	const cols = header.map(columnOf);
	// A dict, so even a column named `__proto__` is an own key, which the copies below keep (a
	// spread defines keys, and an own `__proto__` then takes writes like any other key).
	const shape = dict<null>([
		['customId', null],
		['customerId', null],
		['customerName', null],
		['licenseType', null],
		['instanceId', null],
	]);
	for (const column of cols) if (!column.family) shape[column.key] = null;
	Object.assign(shape, { entitlements: null, customMetrics: null, tags: null });
	const template = { ...shape }; // a spread copy has fast properties, and so do its copies
	const shared: Array<Map<unknown, Scalar> | null> = cols.map(() => new Map());
	const given = new Set(cols.filter((column) => !column.family).map((column) => column.key));
	return (cells) => {
		const out: Record<string, unknown> = { ...template };
		// Keyed by names the vendor and its instances chose (`custom_metric__constructor`): dicts.
		const families: Record<Family, Record<string, Scalar>> = {
			entitlements: dict(),
			customMetrics: dict(),
			tags: dict(),
		};
		for (let i = 0; i < cols.length; i++) {
			const column = cols[i];
			const cell = cells[i] ?? '';
			const seen = shared[i];
			let value: Scalar | undefined = seen?.get(cell);
			if (value === undefined) {
				value = column.read(cell);
				if (seen) {
					if (seen.size < SHARED_VALUES) {
						// Copies, so the shared key and value do not keep the chunk they were cut from alive.
						const key = typeof cell === 'string' ? copy(cell) : cell;
						if (value === cell) value = key as Scalar;
						seen.set(key, value);
					} else shared[i] = null;
				}
			}
			if (column.family) families[column.family][column.key] = value;
			else out[column.key] = value;
		}
		const text = (column: string) =>
			typeof out[column] === 'string' ? (out[column] as string) : null;
		const type = text('customer_type');
		// A row that already has a join key (an item typed before) keeps it.
		const join = (key: string, value: string | null) => {
			if (!given.has(key)) out[key] = value;
		};
		// INFERRED: the dictionary lists no custom ID column; read one if the export carries it.
		join('customId', text('customer_custom_id'));
		join('customerId', text('customer_id'));
		join('customerName', text('customer_name'));
		join('licenseType', type === 'prod' ? 'paid' : type);
		join('instanceId', text('instance_id'));
		out.entitlements = families.entitlements;
		out.customMetrics = families.customMetrics;
		out.tags = families.tags;
		return out as InstanceRowItem;
	};
}

/** Types export rows given as objects (the JSON export), reusing the reader while keys repeat. */
export function instanceRowTyper(): (row: Record<string, unknown>) => InstanceRowItem {
	let keys: string[] = [];
	let read: ((cells: readonly unknown[]) => InstanceRowItem) | null = null;
	return (row) => {
		const names = Object.keys(row);
		if (!read || names.length !== keys.length || names.some((name, i) => name !== keys[i])) {
			keys = names;
			read = instanceRowReader(names);
		}
		return read(names.map((name) => row[name]));
	};
}

/** One export row given as an object. */
export function instanceRowItem(row: Record<string, unknown>): InstanceRowItem {
	return instanceRowTyper()(row);
}

/** A string of its own: V8 cuts substrings as views on their parent (here a 64 KB chunk). */
function copy(text: string): string {
	return text.length < 13 ? text : (' ' + text).slice(1);
}

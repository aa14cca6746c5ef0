import type { ExportFormat } from '../transport';
import { csvHeader, csvRecordBatches } from './csv-records';
import { customerInstanceRows } from './customer-instance-rows';
import { instanceRowReader, instanceRowTyper, type InstanceRowItem } from './instance-row';
import { jsonArrayItems, JsonShapeError } from './json-array-items';

/** A record that is a row has one of the join columns (DOCS data dictionary). */
function checkRow(row: Record<string, unknown>): void {
	if ('instance_id' in row || 'customer_id' in row) return;
	const keys = Object.keys(row)
		.slice(0, 10)
		.map((k) => JSON.stringify(k.slice(0, 40)));
	throw new JsonShapeError(
		`the export's records have neither instance_id nor customer_id${keys.length ? ` (their fields: ${keys.join(', ')})` : ''}`,
	);
}

/** The customer_instances export's rows, typed, streamed, whichever format it comes in. */
export async function* typedRows(
	stream: AsyncIterable<Buffer | string>,
	format: ExportFormat,
): AsyncGenerator<InstanceRowItem> {
	if (format !== 'csv') {
		const type = instanceRowTyper();
		let checked = false;
		for await (const record of jsonArrayItems(stream))
			for (const row of customerInstanceRows(record)) {
				if (!checked) checkRow(row);
				checked = true;
				yield type(row);
			}
		return;
	}
	let read: ((cells: readonly string[]) => InstanceRowItem) | null = null;
	for await (const batch of csvRecordBatches(stream)) {
		for (const record of batch) {
			if (read) yield read(record);
			else read = instanceRowReader(csvHeader(record));
		}
	}
}

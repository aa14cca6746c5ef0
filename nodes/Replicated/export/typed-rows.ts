import type { ExportFormat } from '../transport';
import { csvHeader, csvRecordBatches } from './csv-records';
import { instanceRowReader, instanceRowTyper, type InstanceRowItem } from './instance-row';
import { jsonArrayItems } from './json-array-items';

/** The customer_instances export's rows, typed, streamed, whichever format it comes in. */
export async function* typedRows(
	stream: AsyncIterable<Buffer | string>,
	format: ExportFormat,
): AsyncGenerator<InstanceRowItem> {
	if (format !== 'csv') {
		const type = instanceRowTyper();
		for await (const row of jsonArrayItems(stream)) yield type(row as Record<string, unknown>);
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

import type { IDataObject } from 'n8n-workflow';

import type { ReplicatedContext } from './context';
import { type ByteStream, send } from './request';

export type ExportFormat = 'csv' | 'json';

export interface ExportDownload {
	stream: ByteStream;
	format: ExportFormat;
	contentType: string;
	fileName: string;
}

/**
 * Opens `GET /v3/app/{appId}/customer_instances` as a stream: the export can be hundreds of
 * thousands of rows, so it is never read into one string here.
 */
export async function openInstanceExport(
	ctx: ReplicatedContext,
	appId: string,
	format: ExportFormat,
	filters: IDataObject = {},
): Promise<ExportDownload> {
	const response = await send<ByteStream>(ctx, {
		method: 'GET',
		path: `/v3/app/${encodeURIComponent(appId)}/customer_instances`,
		qs: { ...filters, format },
		stream: true,
	});
	const disposition = String(response.headers['content-disposition'] ?? '');
	const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `customer_instances.${format}`;
	const contentType = String(
		response.headers['content-type'] ?? (format === 'csv' ? 'text/csv' : 'application/json'),
	);
	return { stream: response.body, format, contentType, fileName };
}

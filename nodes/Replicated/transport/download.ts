import { type IDataObject, NodeOperationError } from 'n8n-workflow';

import type { ReplicatedContext } from './context';
import { exportFileName } from './file-name';
import { type ByteStream, send } from './request';

export type ExportFormat = 'csv' | 'json';

export interface ExportDownload {
	stream: ByteStream;
	format: ExportFormat;
	contentType: string;
	fileName: string;
}

/**
 * Opens an export (`path`, api/ names it) as a stream: the export can be hundreds of thousands of
 * rows, so it is never read into one string here.
 */
export async function openExport(
	ctx: ReplicatedContext,
	path: string,
	format: ExportFormat,
	filters: IDataObject = {},
): Promise<ExportDownload> {
	const response = await send<ByteStream>(ctx, {
		method: 'GET',
		path,
		qs: { ...filters, format },
		stream: true,
	});
	const fileName = exportFileName(response.headers['content-disposition'], format);
	const contentType = String(
		response.headers['content-type'] ?? (format === 'csv' ? 'text/csv' : 'application/json'),
	);
	return { stream: response.body, format, contentType, fileName };
}

/**
 * The most a license file may weigh. A license is a YAML of a few kilobytes (its entitlements
 * included); the body was read whole into memory, so a server answering with gigabytes could
 * take all of n8n's.
 */
export const MAX_LICENSE_BYTES = 10 * 1024 * 1024;

export interface LicenseFile {
	/** The license YAML, exactly as Replicated serves it. */
	bytes: Buffer;
	contentType: string;
}

/**
 * A license file (`path`, api/ names it), read whole up to MAX_LICENSE_BYTES. SPEC lists two
 * answer types, text/yaml and application/json, with the schema "string": a JSON answer is taken
 * to be that string, JSON-encoded, and decoded to the YAML.
 */
export async function readLicenseFile(ctx: ReplicatedContext, path: string): Promise<LicenseFile> {
	const response = await send<ByteStream>(ctx, {
		method: 'GET',
		path,
		stream: true,
		accept: 'text/yaml, application/json;q=0.5',
	});
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of response.body) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		size += bytes.length;
		if (size > MAX_LICENSE_BYTES) {
			response.body.destroy();
			throw new NodeOperationError(
				ctx.getNode(),
				`Replicated's license file is larger than ${MAX_LICENSE_BYTES / 1024 / 1024} MB, the most a license file can be here`,
				{
					description:
						'A license file is a few kilobytes. Check the API Base URL in the Replicated credential: it must point at the Vendor API (https://api.replicated.com/vendor).',
				},
			);
		}
		chunks.push(bytes);
	}
	const bytes = Buffer.concat(chunks);
	const contentType = String(response.headers['content-type'] ?? '')
		.split(';')[0]
		.trim();
	if (contentType === 'application/json') {
		const decoded = jsonString(bytes.toString('utf8'));
		if (decoded !== undefined) return { bytes: Buffer.from(decoded), contentType: 'text/yaml' };
	}
	return { bytes, contentType: contentType || 'text/yaml' };
}

function jsonString(text: string): string | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test infrastructure: runs beside n8n, never inside it */
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { request } from 'undici';

import { csvRecordBatches } from '../nodes/Replicated/export/csv-records';
import { ExportFormatError } from '../nodes/Replicated/export/format-error';
import { typedRows } from '../nodes/Replicated/export/typed-rows';
import { openInstanceExport } from '../nodes/Replicated/api/instances';
import { executeContext } from '../test/support/n8n-engine';

/** Phases that read generated CSV from memory: no emulator, no n8n. */
const GENERATED = new Set(['plain32', 'quote32']);

/**
 * 32 MB of CSV through the reader, from memory in 64 KiB chunks: well-formed rows (plain32), or a
 * quote that never closes (quote32, hostile: the reader refuses it at its row cap, or, before the
 * cap, re-read everything since the quote at every chunk). Returns the rows read; -1 if refused.
 */
async function generatedCsv(quote: boolean): Promise<number> {
	const row = Buffer.from('i-0000000000,c-0000000000,Acme Corp,2026-01-01T00:00:00Z,true,1.2.3\n');
	const chunk = quote
		? Buffer.alloc(64 * 1024, 'x')
		: Buffer.concat(Array<Buffer>(Math.floor(65536 / row.length)).fill(row));
	async function* chunks() {
		yield Buffer.from(`instance_id,customer_id,name,at,active,version\n${quote ? 'i-1,"' : ''}`);
		for (let sent = 0; sent < 32 * 1024 * 1024; sent += chunk.length) yield chunk;
	}
	const read = async () => {
		let rows = 0;
		for await (const batch of csvRecordBatches(chunks())) rows += batch.length;
		return rows;
	};
	return await read().catch((error: unknown) =>
		error instanceof ExportFormatError ? -1 : Promise.reject(error),
	);
}

/**
 * One measurement, in its own process so that its peak RSS is its own:
 *   floor   raw download + split into lines + JSON of each line's fields (no n8n, no typing)
 *   stream  our transport (n8n's HTTP client) + streaming CSV reader + row typing, rows discarded
 *   items   the same, keeping every typed item in an array as n8n holds a node's output
 *   file    our transport piped to a file, as n8n's filesystem binary mode stores the export
 *   plain32 / quote32   32 MB of generated CSV read from memory, well-formed / a quote never closed
 * Prints one JSON line: {phase, rows, ms, rssGrowthMb}.
 */
async function main(): Promise<void> {
	const [phase, baseUrl, token, appId] = process.argv.slice(2);
	if (phase !== 'floor' && !GENERATED.has(phase)) {
		// Load n8n's HTTP client and open a connection before measuring, as a running n8n has.
		const warm = executeContext({ credentials: { replicatedApi: { apiToken: token, baseUrl } } });
		await warm.helpers.httpRequestWithAuthentication.call(warm, 'replicatedApi', {
			url: `${baseUrl}/v3/apps`,
			method: 'GET',
			json: true,
		});
	}
	const started = process.memoryUsage().rss;
	let peak = started;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	const t0 = performance.now();
	let rows = 0;
	// Both include flags, as every caller sends them: Replicated documents no default for them.
	const url = `${baseUrl}/v3/app/${appId}/customer_instances?format=csv&IncludeActive=true&IncludeInactive=true`;
	if (GENERATED.has(phase)) {
		rows = await generatedCsv(phase === 'quote32');
	} else if (phase === 'floor') {
		const res = await request(url, { headers: { authorization: token } });
		let rest = '';
		let header: string[] | null = null;
		for await (const chunk of res.body) {
			const lines = (rest + chunk.toString()).split('\n');
			rest = lines.pop() ?? '';
			for (const line of lines) {
				const cells = line.split(',');
				if (!header) header = cells;
				else {
					const row: Record<string, string> = {};
					for (let i = 0; i < header.length; i++) row[header[i]] = cells[i];
					rows += 1;
				}
			}
		}
	} else {
		const ctx = executeContext({ credentials: { replicatedApi: { apiToken: token, baseUrl } } });
		const download = await openInstanceExport(ctx, appId, 'csv', {
			IncludeActive: 'true',
			IncludeInactive: 'true',
		});
		if (phase === 'file') {
			const file = path.join(tmpdir(), `bench-export-${process.pid}.csv`);
			await pipeline(download.stream as unknown as NodeJS.ReadableStream, createWriteStream(file));
			rows = -1;
		} else {
			const kept: unknown[] = [];
			for await (const item of typedRows(download.stream, 'csv')) {
				if (phase === 'items') kept.push({ json: item });
				rows += 1;
			}
			if (phase === 'items') rows = kept.length;
		}
	}
	const ms = performance.now() - t0;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	console.log(
		JSON.stringify({
			phase,
			rows,
			ms: Math.round(ms),
			rssGrowthMb: Math.round((peak - started) / 1048576),
		}),
	);
}

void main();

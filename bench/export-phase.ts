/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test infrastructure: runs beside n8n, never inside it */
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { request } from 'undici';

import { typedRows } from '../nodes/Replicated/export/typed-rows';
import { openInstanceExport } from '../nodes/Replicated/transport';
import { executeContext } from '../test/support/n8n-engine';

/**
 * One measurement, in its own process so that its peak RSS is its own:
 *   floor   raw download + split into lines + JSON of each line's fields (no n8n, no typing)
 *   stream  our transport (n8n's HTTP client) + streaming CSV reader + row typing, rows discarded
 *   items   the same, keeping every typed item in an array as n8n holds a node's output
 *   file    our transport piped to a file, as n8n's filesystem binary mode stores the export
 * Prints one JSON line: {phase, rows, ms, rssGrowthMb}.
 */
async function main(): Promise<void> {
	const [phase, baseUrl, token, appId] = process.argv.slice(2);
	if (phase !== 'floor') {
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
	if (phase === 'floor') {
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

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark: runs beside n8n, never inside it */
import { readFileSync } from 'node:fs';

import { request } from 'undici';

import { startEmulator } from '../../test/emulator/server';
import { startN8n } from '../../test/support/n8n-process';
import { round, type Row } from '../row';

const ROWS = 100_000;

type Way = 'ours-csv' | 'ours-json' | 'naive-json';

/** Webhook (answers when the workflow is done, with its last node's first item) → the export. */
function workflow(way: Way, baseUrl: string, token: string, appId: string) {
	const exporter = way.startsWith('ours')
		? {
				name: 'Export',
				type: 'n8n-nodes-replicated.replicated',
				typeVersion: 1,
				parameters: {
					resource: 'instance',
					operation: 'export',
					appId: { __rl: true, mode: 'id', value: appId },
					format: way === 'ours-csv' ? 'csv' : 'json',
					output: 'items',
					filters: {},
				},
				credentials: { replicatedApi: { id: 'benchExportCred', name: 'Replicated (bench)' } },
			}
		: {
				// What a user does today: HTTP Request, whole response buffered, the array split into items.
				name: 'Export',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					url: `${baseUrl}/v3/app/${appId}/customer_instances?format=json&IncludeActive=true&IncludeInactive=true`,
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Authorization', value: token }] },
					options: {},
				},
			};
	const id = `benchExport${way.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`;
	return {
		id,
		name: id,
		active: true,
		// Execution data is not kept: the comparison is of the node, not of n8n's database.
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none' },
		nodes: [
			{
				id: `${id}-w`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `b0b0b0b0-0000-4000-8000-0000000e${(['ours-csv', 'ours-json', 'naive-json'].indexOf(way) + 1).toString().padStart(4, '0')}`,
				parameters: {
					httpMethod: 'POST',
					path: `bench-export-${way}`,
					responseMode: 'lastNode',
					responseData: 'firstEntryJson',
					options: {},
				},
			},
			{ id: `${id}-e`, position: [240, 0], ...exporter },
		],
		connections: { Webhook: { main: [[{ node: 'Export', type: 'main', index: 0 }]] } },
	};
}

function rssMb(pid: number): number {
	const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return line ? Number(line[1]) / 1024 : NaN;
}

/** One run in a fresh n8n, so that no earlier run's heap flatters or burdens it. */
export async function runOnce(
	way: Way,
	baseUrl: string,
	token: string,
	appId: string,
	env: Record<string, string> = {},
) {
	const n8n = await startN8n({
		credentials: [
			{
				id: 'benchExportCred',
				name: 'Replicated (bench)',
				type: 'replicatedApi',
				data: { apiToken: token, baseUrl },
			},
		],
		workflows: [workflow(way, baseUrl, token, appId)],
		env,
	});
	try {
		await new Promise((r) => setTimeout(r, 3000)); // let n8n settle after its start
		const before = rssMb(n8n.pid);
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, rssMb(n8n.pid))), 25);
		const t0 = performance.now();
		const res = await request(`${n8n.origin}/webhook/bench-export-${way}`, {
			method: 'POST',
			headersTimeout: 600_000,
			bodyTimeout: 600_000,
		});
		const text = await res.body.text();
		const ms = performance.now() - t0;
		clearInterval(sampler);
		if (res.statusCode !== 200)
			throw new Error(`${way}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
		// One item per row, not one item holding the array.
		if (!(JSON.parse(text) as Record<string, unknown>).instance_id)
			throw new Error(`${way}: the first item is not a row: ${text.slice(0, 300)}`);
		return { ms, rss: Math.max(0, peak - before) };
	} finally {
		await n8n.stop();
	}
}

/**
 * Row 3, inside a real n8n: a workflow exporting 100k instance rows as items with our node (CSV and
 * JSON) against the same with the HTTP Request node, which buffers the whole response. Time to the
 * workflow's end and growth of n8n's resident memory over its level before the run.
 */
export async function exportInN8nRows(): Promise<Row[]> {
	// The bench measures the package, not our model of Replicated: the emulator's spec check (ajv over
	// every request and answer) would run in this process and be counted as ours. Tests keep it on.
	const emulator = await startEmulator({ specCheck: false });
	const app = [...emulator.state.apps.values()][0];
	app.syntheticInstances = ROWS;
	const results: Record<string, { ms: number; rss: number }> = {};
	try {
		for (const way of ['ours-csv', 'ours-json', 'naive-json'] as const)
			results[way] = await runOnce(way, emulator.baseUrl, emulator.token, app.id);
	} finally {
		await emulator.close();
	}
	const naive = results['naive-json'];
	return (['ours-csv', 'ours-json'] as const).flatMap((way): Row[] => {
		const ours = results[way];
		const label = `export ${ROWS / 1000}k rows as items in n8n (${way === 'ours-csv' ? 'CSV' : 'JSON'}) vs HTTP Request node`;
		return [
			{
				name: `${label}: time`,
				ours: round(ours.ms, 0),
				baseline: round(naive.ms, 0),
				unit: 'ms to the end of the workflow',
				ratio: round(ours.ms / naive.ms),
				target: 'reported (the floor comparison is the target)',
				met: true,
			},
			{
				name: `${label}: n8n RSS growth`,
				ours: round(ours.rss, 0),
				baseline: round(naive.rss, 0),
				unit: 'MB',
				ratio: round(ours.rss / naive.rss),
				target: 'reported',
				met: true,
			},
		];
	});
}

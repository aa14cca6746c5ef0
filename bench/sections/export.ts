/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- benchmark: runs beside n8n, never inside it */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { request } from 'undici';

import { n8nInstall } from '../../test/support/n8n-runtime';
import type { Row } from '../row';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

async function startEmulator(port: number, token: string) {
	const proc = spawn(TSX, [path.join(ROOT, 'test/emulator/main.ts')], {
		env: { ...process.env, EMULATOR_PORT: String(port), EMULATOR_TOKEN: token },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	while (!/seeded app: .*\((\w+)\)/.test(out)) await new Promise((r) => setTimeout(r, 100));
	return { proc, appId: /seeded app: .*\((\w+)\)/.exec(out)![1] };
}

/** Runs one measurement in its own process (asynchronously: the emulator child must stay served). */
async function phase(name: string, baseUrl: string, token: string, appId: string) {
	const { stdout } = await promisify(execFile)(
		TSX,
		[path.join(__dirname, '..', 'export-phase.ts'), name, baseUrl, token, appId],
		{
			encoding: 'utf8',
			maxBuffer: 1024 * 1024,
		},
	);
	return JSON.parse(stdout.trim().split('\n').pop()!) as {
		rows: number;
		ms: number;
		rssGrowthMb: number;
	};
}

/** Row 3: the instance export at 10k / 100k / 300k rows, each phase in its own process. */
export async function exportRows(): Promise<Row[]> {
	n8nInstall(); // the transport is measured with n8n's own HTTP client
	const port = 5790;
	const token = 'bench-token-0123456789';
	const { proc, appId } = await startEmulator(port, token);
	const baseUrl = `http://127.0.0.1:${port}/vendor`;
	const rows: Row[] = [];
	try {
		for (const count of [10_000, 100_000, 300_000]) {
			const res = await request(
				`http://127.0.0.1:${port}/_emulator/apps/${appId}/synthetic-instances`,
				{
					method: 'PUT',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ count }),
				},
			);
			await res.body.dump();
			const floor = await phase('floor', baseUrl, token, appId);
			const stream = await phase('stream', baseUrl, token, appId);
			// A figure over an export that came back short measures nothing.
			for (const [name, got] of [
				['floor', floor],
				['stream', stream],
			] as const)
				if (got.rows < count) throw new Error(`export bench ${name}: ${got.rows} rows of ${count}`);
			const label = `${count / 1000}k`;
			rows.push({
				name: `export ${label} rows streamed + typed: time`,
				ours: stream.ms,
				baseline: floor.ms,
				unit: 'ms',
				ratio: +(stream.ms / floor.ms).toFixed(2),
				target: '≤ 1.3× floor',
				met: stream.ms <= floor.ms * 1.3,
			});
			rows.push({
				name: `export ${label} rows streamed + typed: RSS growth`,
				ours: stream.rssGrowthMb,
				baseline: floor.rssGrowthMb,
				unit: 'MB',
				ratio: null,
				target: '< 150 MB',
				met: stream.rssGrowthMb < 150,
			});
			if (count === 100_000) {
				const items = await phase('items', baseUrl, token, appId);
				const file = await phase('file', baseUrl, token, appId);
				rows.push({
					name: 'export 100k rows as n8n items (all held): RSS growth',
					ours: items.rssGrowthMb,
					baseline: floor.rssGrowthMb,
					unit: 'MB',
					ratio: null,
					target: '< 150 MB',
					met: items.rssGrowthMb < 150,
				});
				rows.push({
					name: 'export 100k rows to a file (binary output): RSS growth',
					ours: file.rssGrowthMb,
					baseline: floor.rssGrowthMb,
					unit: 'MB',
					ratio: null,
					target: '< 150 MB',
					met: file.rssGrowthMb < 150,
				});
				rows.push({
					name: 'export 100k rows to a file (binary output): time',
					ours: file.ms,
					baseline: floor.ms,
					unit: 'ms',
					ratio: +(file.ms / floor.ms).toFixed(2),
					target: '≤ 1.3× floor',
					met: file.ms <= floor.ms * 1.3,
				});
			}
		}
		// Hostile input: a quote never closed, against the same size of well-formed rows.
		const plain = await phase('plain32', baseUrl, token, appId);
		const quote = await phase('quote32', baseUrl, token, appId);
		rows.push({
			name: 'export CSV, a quote never closed in 32 MB: time',
			ours: quote.ms,
			baseline: plain.ms,
			unit: 'ms',
			ratio: +(quote.ms / plain.ms).toFixed(2),
			target: '≤ 1× 32 MB of rows',
			met: quote.ms <= plain.ms,
		});
		rows.push({
			name: 'export CSV, a quote never closed in 32 MB: RSS growth',
			ours: quote.rssGrowthMb,
			baseline: plain.rssGrowthMb,
			unit: 'MB',
			ratio: null,
			target: '< 150 MB',
			met: quote.rssGrowthMb < 150,
		});
	} finally {
		proc.kill();
	}
	return rows;
}

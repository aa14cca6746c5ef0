/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- scripts and tests: run beside n8n, never inside it */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort } from './free-port';
import type { Kept } from './postgres';

export interface Redis {
	host: string;
	port: number;
	/** Stops Redis (SIGTERM: it writes its append-only file) and starts it again on the same port. */
	restart(): Promise<{ downMs: number }>;
	stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/**
 * Redis from Debian's packages on a loopback port. The queue is kept in an append-only file synced
 * on every write, as a production queue should be: a restart then loses no queued execution.
 * Throwaway by default (a temporary folder, removed on stop); `kept` keeps it in a folder, with its
 * output in redis.log there.
 */
export async function startRedis(kept?: Kept): Promise<Redis> {
	const bin = execFileSync('bash', [path.join(ROOT, 'scripts/services/ensure-redis.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
	const dir = kept ? kept.dir : mkdtempSync(path.join(tmpdir(), 'replicated-redis-'));
	mkdirSync(dir, { recursive: true });
	const port = kept ? kept.port : await freePort();
	let proc: ChildProcess;
	const launch = async () => {
		let log = '';
		const keep = (d: Buffer) => {
			log += d.toString();
			if (kept) appendFileSync(path.join(dir, 'redis.log'), d);
		};
		proc = spawn(
			bin,
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--dir',
				dir,
				'--save',
				'',
				'--appendonly',
				'yes',
				'--appendfsync',
				'always',
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		proc.stdout!.on('data', keep);
		proc.stderr!.on('data', keep);
		const deadline = Date.now() + 20_000;
		while (!log.includes('Ready to accept connections')) {
			if (proc.exitCode !== null) throw new Error(`redis-server exited: ${log}`);
			if (Date.now() > deadline) throw new Error(`redis-server not ready: ${log}`);
			await new Promise((r) => setTimeout(r, 50));
		}
	};
	const halt = async () => {
		if (proc.exitCode !== null) return;
		const exited = new Promise((r) => proc.once('exit', r));
		proc.kill('SIGTERM');
		await exited;
	};
	await launch();
	return {
		host: '127.0.0.1',
		port,
		restart: async () => {
			const t0 = Date.now();
			await halt();
			await launch();
			return { downMs: Date.now() - t0 };
		},
		stop: async () => {
			await halt();
			if (!kept) rmSync(dir, { recursive: true, force: true });
		},
	};
}

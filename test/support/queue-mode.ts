/* eslint-disable @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	freePort,
	type N8nInstance,
	type N8nOptions,
	spawnN8nUp,
	startN8n,
	waitFor,
	waitForWebhooks,
	webhookPaths,
} from './n8n-process';
import type { Postgres } from '../../scripts/services/postgres';
import {
	QUEUE_DEFAULTS,
	type QueueProcess,
	queueEnv,
	startQueueServices,
	WORKERS,
	webhookProcess,
	workerProcess,
} from '../../scripts/services/queue-mode';
import type { Redis } from '../../scripts/services/redis';

type N8nProcess = ReturnType<typeof spawnN8nUp>;

export interface QueueMode {
	/** The main process: editor, public API, trigger registration; no production webhooks. */
	main: N8nInstance;
	/** Origin of the webhook process (`n8n webhook`), where Replicated delivers. */
	webhookOrigin: string;
	/** The webhook process's pid, e.g. to read its memory from /proc. */
	webhookPid(): number;
	redis: Redis;
	postgres: Postgres;
	/** Everything every process printed so far, each line prefixed with the process. */
	logs(): string;
	/** Everything one process printed: `main`, `webhook`, `worker-1` … (the latest of that name). */
	log(name: string): string;
	/** Kills worker `index` with the signal (SIGKILL: no chance to hand its jobs back). */
	killWorker(index: number, signal?: NodeJS.Signals): Promise<void>;
	/** Starts worker `index` again and waits until it takes jobs. */
	startWorker(index: number): Promise<{ readyMs: number }>;
	/** Starts another process, with settings of its own, and waits until it takes work. */
	start(process: QueueProcess, env?: Record<string, string>): Promise<N8nProcess>;
	/** Stops a process (SIGTERM, as a redeploy does); main then starts with `main.startAgain`. */
	stopProcess(name: string): Promise<void>;
	stop(): Promise<void>;
}

export interface QueueModeOptions extends N8nOptions {
	/** Workers started with main (default WORKERS). */
	workers?: number;
	/**
	 * Each process besides main on an empty user folder of its own, as separate hosts or containers
	 * run them: it has the package only if n8n installs it there. Default: main's user folder.
	 */
	ownUserFolders?: boolean;
}

/**
 * n8n in queue mode as `npm run start:queue` runs it (scripts/services/queue-mode.ts: the services,
 * the settings, the processes), on throwaway services and free ports, with an owner and API key on
 * main (startN8n) and every process's output kept.
 */
export async function startQueueMode(options: QueueModeOptions = {}): Promise<QueueMode> {
	const { postgres, redis } = await startQueueServices();
	const webhookPort = await freePort();
	const env: Record<string, string> = {
		...QUEUE_DEFAULTS,
		...queueEnv(postgres, redis, webhookPort),
		...options.env,
	};
	const procs: Array<{ name: string; proc: N8nProcess }> = [];
	const workers: Array<N8nProcess | null> = [];
	let main: N8nInstance | undefined;
	const logs = () =>
		[
			...(main ? [{ name: 'main', text: main.log() }] : []),
			...procs.map((p) => ({ name: p.name, text: p.proc.log() })),
		]
			.map(({ name, text }) =>
				text
					.split('\n')
					.map((line) => `[${name}] ${line}`)
					.join('\n'),
			)
			.join('\n');
	const latest = (name: string) => [...procs].reverse().find((p) => p.name === name)?.proc;
	const userFolder = (name: string): Record<string, string> =>
		options.ownUserFolders ? { N8N_HOME: `${main!.home}-${name}`, FRESH: '1' } : { FRESH: '0' };
	const spawnProcess = async (
		{ name, ready, env: own }: QueueProcess,
		extra: Record<string, string> = {},
	) => {
		const proc = spawnN8nUp({
			...main!.env,
			...env,
			...userFolder(name),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...own,
			...extra,
		});
		procs.push({ name, proc });
		// A process on an empty user folder may install the package first.
		await waitFor(proc.proc, proc.log, ready, 180_000);
		return proc;
	};
	const stopAll = async () => {
		// With E2E_LOG_DIR set, every process's output is kept there, to read a failure.
		if (process.env.E2E_LOG_DIR)
			writeFileSync(path.join(process.env.E2E_LOG_DIR, `queue-${webhookPort}.log`), logs());
		await Promise.all(procs.map((p) => p.proc.stop()));
		await main?.stop();
		await redis.stop();
		postgres.stop();
	};
	try {
		main = await startN8n({ ...options, env, waitForWebhooks: false });
		const startWorker = async (index: number) => {
			const t0 = Date.now();
			workers[index] = await spawnProcess(workerProcess(index));
			return { readyMs: Date.now() - t0 };
		};
		// The webhook process and the workers only join what main set up: they boot side by side.
		const [webhook] = await Promise.all([
			spawnProcess(webhookProcess(webhookPort)),
			...Array.from({ length: options.workers ?? WORKERS }, (_, i) => startWorker(i)),
		]);
		const webhookOrigin = `http://127.0.0.1:${webhookPort}`;
		await waitForWebhooks(webhookOrigin, webhookPaths(options.workflows ?? []), 60_000);
		return {
			main,
			webhookOrigin,
			webhookPid: () => webhook.proc.pid!,
			redis,
			postgres,
			logs,
			log: (name) => (name === 'main' ? main!.log() : (latest(name)?.log() ?? '')),
			killWorker: async (index, signal = 'SIGKILL') => {
				await workers[index]?.stop(signal);
				workers[index] = null;
			},
			startWorker,
			start: spawnProcess,
			stopProcess: async (name) => await (name === 'main' ? main!.stop() : latest(name)?.stop()),
			stop: stopAll,
		};
	} catch (error) {
		const text = logs().slice(-6000);
		await stopAll();
		throw new Error(`${(error as Error).message}\n${text}`);
	}
}

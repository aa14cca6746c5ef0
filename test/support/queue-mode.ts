/* eslint-disable @n8n/community-nodes/require-node-api-error -- test infrastructure: runs beside n8n, never inside it */
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
	/** Kills worker `index` with the signal (SIGKILL: no chance to hand its jobs back). */
	killWorker(index: number, signal?: NodeJS.Signals): Promise<void>;
	/** Starts worker `index` again and waits until it takes jobs. */
	startWorker(index: number): Promise<{ readyMs: number }>;
	stop(): Promise<void>;
}

/**
 * n8n in queue mode as `npm run start:queue` runs it (scripts/services/queue-mode.ts: the services,
 * the settings, the processes), on throwaway services and free ports, with an owner and API key on
 * main (startN8n) and every process's output kept.
 */
export async function startQueueMode(
	options: N8nOptions & { workers?: number } = {},
): Promise<QueueMode> {
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
	const spawnProcess = async ({ name, ready, env: own }: QueueProcess) => {
		const proc = spawnN8nUp({
			...main!.env,
			...env,
			FRESH: '0',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...own,
		});
		procs.push({ name, proc });
		await waitFor(proc.proc, proc.log, ready, 120_000);
		return proc;
	};
	const stopAll = async () => {
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
			killWorker: async (index, signal = 'SIGKILL') => {
				await workers[index]?.stop(signal);
				workers[index] = null;
			},
			startWorker,
			stop: stopAll,
		};
	} catch (error) {
		const text = logs().slice(-6000);
		await stopAll();
		throw new Error(`${(error as Error).message}\n${text}`);
	}
}

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
import { type Postgres, startPostgres } from '../../scripts/services/postgres';
import { type Redis, startRedis } from '../../scripts/services/redis';

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
 * n8n in queue mode as n8n documents it for one host: PostgreSQL as the shared database, Redis as
 * the queue, a main process (editor, API, activation), one webhook process that answers production
 * webhooks and enqueues executions, and workers that run them. All share one user folder, so every
 * process loads this package from the same install.
 */
export async function startQueueMode(
	options: N8nOptions & { workers?: number } = {},
): Promise<QueueMode> {
	const postgres = await startPostgres('n8n');
	const redis = await startRedis();
	const webhookPort = await freePort();
	const queueEnv: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: 'trust-auth',
		// Production webhooks go to the webhook process only; registrations advertise its URL.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
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
	const spawnProcess = async (name: string, command: 'webhook' | 'worker', env: object) => {
		const proc = spawnN8nUp({
			...main!.env,
			...queueEnv,
			FRESH: '0',
			IMPORT_CREDENTIALS: '',
			IMPORT_WORKFLOWS: '',
			N8N_COMMAND: command,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...env,
		} as Record<string, string>);
		procs.push({ name, proc });
		await waitFor(
			proc.proc,
			proc.log,
			command === 'webhook' ? 'Webhook listener waiting for requests' : 'n8n worker is now ready',
			120_000,
		);
		return proc;
	};
	const stopAll = async () => {
		await Promise.all(procs.map((p) => p.proc.stop()));
		await main?.stop();
		await redis.stop();
		postgres.stop();
	};
	try {
		main = await startN8n({ ...options, env: queueEnv, waitForWebhooks: false });
		const startWorker = async (index: number) => {
			const t0 = Date.now();
			workers[index] = await spawnProcess(`worker-${index + 1}`, 'worker', {
				N8N_WORKER_CONCURRENCY: '10',
			});
			return { readyMs: Date.now() - t0 };
		};
		// The webhook process and the workers only join what main set up: they boot side by side.
		const [webhook] = await Promise.all([
			spawnProcess('webhook', 'webhook', { N8N_PORT: String(webhookPort) }),
			...Array.from({ length: options.workers ?? 2 }, (_, i) => startWorker(i)),
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

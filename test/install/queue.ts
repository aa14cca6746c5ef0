/* eslint-disable @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Postgres } from '../../scripts/services/postgres';
import {
	type QueueProcess,
	queueEnv,
	startQueueServices,
	webhookProcess,
	workerProcess,
} from '../../scripts/services/queue-mode';
import type { Redis } from '../../scripts/services/redis';
import { freePort, type N8nInstance, spawnN8nUp, startN8n, waitFor } from '../support/n8n-process';
import type { InstallRig } from './rig';

type N8nProcess = ReturnType<typeof spawnN8nUp>;

/**
 * n8n's queue mode as separate hosts or containers run it: main, a webhook process and workers on
 * one PostgreSQL and Redis (scripts/services/queue-mode.ts), each process with a user folder of its
 * own and nothing installed in it, so each has the package only if n8n installs it there.
 */
export interface Queue {
	main: N8nInstance;
	webhookOrigin: string;
	/** Starts another process (own, empty user folder) and waits until it takes work. */
	start(process: QueueProcess, env?: Record<string, string>): Promise<N8nProcess>;
	/** Stops a process (SIGTERM, as a redeploy does); main then starts with `main.startAgain`. */
	stopProcess(name: string): Promise<void>;
	/** Everything a process printed: `main`, `webhook`, `worker-1` … */
	log(name: string): string;
	stop(): Promise<void>;
}

export async function startQueue(
	rig: InstallRig,
	options: { env?: Record<string, string>; worker?: Record<string, string> } = {},
): Promise<Queue> {
	const { postgres, redis }: { postgres: Postgres; redis: Redis } = await startQueueServices();
	const webhookPort = await freePort();
	const env = { ...queueEnv(postgres, redis, webhookPort), ...rig.env(), ...options.env };
	const procs = new Map<string, N8nProcess>();
	let main: N8nInstance | undefined;
	const stop = async () => {
		// With E2E_LOG_DIR set, every process's output is kept there, to read a failure.
		if (process.env.E2E_LOG_DIR)
			for (const [name, proc] of procs)
				writeFileSync(
					path.join(process.env.E2E_LOG_DIR, `queue-${webhookPort}-${name}.log`),
					proc.log(),
				);
		await Promise.all([...procs.values()].map((p) => p.stop()));
		await main?.stop();
		await redis.stop();
		postgres.stop();
	};
	const start = async (
		{ name, ready, env: own }: QueueProcess,
		extra: Record<string, string> = {},
	) => {
		const proc = spawnN8nUp({
			...main!.env,
			...env,
			N8N_HOME: `${main!.home}-${name}`,
			FRESH: '1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...own,
			...extra,
		});
		procs.set(name, proc);
		await waitFor(proc.proc, proc.log, ready, 180_000);
		return proc;
	};
	try {
		main = await startN8n({
			installPackage: false,
			credentials: rig.credentials(),
			env,
			waitForWebhooks: false,
		});
		await Promise.all([
			start(webhookProcess(webhookPort)),
			start(workerProcess(0), options.worker),
		]);
	} catch (error) {
		const logs = [...procs.entries()].map(([n, p]) => `[${n}] ${p.log().slice(-3000)}`);
		await stop();
		throw new Error(`${(error as Error).message}\n${logs.join('\n')}`);
	}
	return {
		main,
		webhookOrigin: `http://127.0.0.1:${webhookPort}`,
		start,
		stopProcess: async (name) => await (name === 'main' ? main!.stop() : procs.get(name)?.stop()),
		log: (name) => (name === 'main' ? main!.log() : (procs.get(name)?.log() ?? '')),
		stop,
	};
}

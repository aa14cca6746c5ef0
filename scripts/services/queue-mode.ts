/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- scripts and tests: run beside n8n, never inside it */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { type Postgres, startPostgres } from './postgres';
import { type Redis, startRedis } from './redis';

/**
 * n8n's queue mode as n8n documents it for one host, written once for `npm run start:queue`
 * (scripts/local/start.sh runs this file) and the reliability tests (test/support/queue-mode.ts):
 * PostgreSQL as the shared database, Redis as the queue, a main process (editor, API, activation),
 * one webhook process that answers production webhooks and enqueues executions, and workers that
 * run them. Every process runs scripts/n8n/n8n-up.sh on one user folder, so all load this package
 * from the same install.
 */

/** The ports `npm run start:queue` uses unless PG_PORT, REDIS_PORT, WEBHOOK_PORT say otherwise. */
export const LOCAL_PORTS = { postgres: 5690, redis: 5691, webhook: 5682 };
/** Workers beside the main and the webhook process, each running this many jobs at once. */
export const WORKERS = 2;
const WORKER_CONCURRENCY = '10';

/**
 * Settings a caller may override. Build an expression isolate only when an expression needs one
 * (docs/trigger.md#throughput): `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE` is n8n's
 * ExpressionEngineConfig.lazyAcquire (@n8n/config, default false).
 */
export const QUEUE_DEFAULTS: Record<string, string> = {
	N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
};

/**
 * Manual executions on the workers, which n8n 3 always does in queue mode. n8n 2.41.1 runs them on
 * main unless this is set (WorkflowRunner.run's `shouldEnqueue`, n8n/dist/workflow-runner.js),
 * warns at start that running them on main is deprecated (DeprecationService), and starts main
 * without a task runner when it is set (Start.init, n8n/dist/commands/start.js); n8n 2.41.1's own
 * v3 migration rule (offload-manual-executions) finds an instance with it "not affected". n8n 3
 * removes the variable ("Remove the variable": docs/compatibility.md), so it is kept apart here:
 * drop it, and this constant, with n8n 2.x.
 */
export const N8N2_MANUAL_EXECUTIONS_ON_WORKERS = { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' };

/** The environment every n8n process of the queue needs. */
export function queueEnv(postgres: Postgres, redis: Redis, webhookPort: number) {
	return {
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
		...N8N2_MANUAL_EXECUTIONS_ON_WORKERS,
	};
}

/**
 * A process of the queue besides main, on main's user folder: what n8n-up.sh is given (it imports
 * nothing: main did) and the line it prints once it takes work. Each also needs a task-broker port
 * of its own (N8N_RUNNERS_BROKER_PORT), which the caller picks.
 */
export interface QueueProcess {
	name: string;
	ready: string;
	env: Record<string, string>;
}

export function webhookProcess(port: number): QueueProcess {
	return {
		name: 'webhook',
		ready: 'Webhook listener waiting for requests',
		env: {
			IMPORT_CREDENTIALS: '',
			IMPORT_WORKFLOWS: '',
			N8N_COMMAND: 'webhook',
			N8N_PORT: String(port),
		},
	};
}

/** Worker `index` (from 0), named worker-1, worker-2 …. */
export function workerProcess(index: number): QueueProcess {
	return {
		name: `worker-${index + 1}`,
		ready: 'n8n worker is now ready',
		env: {
			IMPORT_CREDENTIALS: '',
			IMPORT_WORKFLOWS: '',
			N8N_COMMAND: 'worker',
			N8N_WORKER_CONCURRENCY: WORKER_CONCURRENCY,
		},
	};
}

/** PostgreSQL with n8n's database and Redis: throwaway on free ports, or kept under `dir`. */
export async function startQueueServices(kept?: {
	dir: string;
	postgresPort: number;
	redisPort: number;
}): Promise<{ postgres: Postgres; redis: Redis }> {
	const postgres = await startPostgres(
		'n8n',
		kept && { dir: path.join(kept.dir, 'pg'), port: kept.postgresPort },
	);
	const redis = await startRedis(
		kept && { dir: path.join(kept.dir, 'redis'), port: kept.redisPort },
	);
	return { postgres, redis };
}

/** `'…'` for bash: the value as it is. */
const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

type Ports = typeof LOCAL_PORTS;

/**
 * What start.sh sources: the ports, the queue's environment (exported), and the processes to start
 * beside main (QUEUE_PROCESSES, each "name|ready line|NAME=value …"), their task brokers on the
 * ports after the webhook's.
 */
function startEnv(ports: Ports, env: Record<string, string>): string {
	const others = [
		webhookProcess(ports.webhook),
		...Array.from({ length: WORKERS }, (_, i) => workerProcess(i)),
	];
	const processes = others.map(({ name, ready, env: own }, i) => {
		const vars = { ...own, N8N_RUNNERS_BROKER_PORT: String(ports.webhook + 1 + i) };
		const words = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
		return `${name}|${ready}|${words.join(' ')}`;
	});
	return [
		`PG_PORT=${ports.postgres} REDIS_PORT=${ports.redis} WEBHOOK_PORT=${ports.webhook}`,
		...Object.entries(env).map(([k, v]) => `export ${k}=${quote(v)}`),
		`QUEUE_PROCESSES=(${processes.map(quote).join(' ')})`,
		'',
	].join('\n');
}

/**
 * `npm run start:queue` (scripts/local/start.sh runs this): PostgreSQL and Redis kept in the state
 * folder (STATE) on LOCAL_PORTS or PG_PORT, REDIS_PORT, WEBHOOK_PORT; STATE/queue.env for start.sh
 * (the user's own N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE wins over the default). Prints "queue services
 * ready" and keeps them until SIGTERM or SIGINT.
 */
async function main(): Promise<void> {
	const state = process.env.STATE!;
	const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
	const ports: Ports = {
		postgres: port('PG_PORT', LOCAL_PORTS.postgres),
		redis: port('REDIS_PORT', LOCAL_PORTS.redis),
		webhook: port('WEBHOOK_PORT', LOCAL_PORTS.webhook),
	};
	const { postgres, redis } = await startQueueServices({
		dir: state,
		postgresPort: ports.postgres,
		redisPort: ports.redis,
	});
	const defaults = Object.entries(QUEUE_DEFAULTS).map(([k, v]) => [k, process.env[k] ?? v]);
	const env = { ...Object.fromEntries(defaults), ...queueEnv(postgres, redis, ports.webhook) };
	writeFileSync(path.join(state, 'queue.env'), startEnv(ports, env));
	process.stdout.write('queue services ready\n');
	const stop = async () => {
		await redis.stop();
		postgres.stop();
		process.exit(0);
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
	setInterval(() => {}, 1 << 30);
}

if (require.main === module) void main();

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a test: sets the environment n8n's check reads, beside n8n, never inside it */
import type { Postgres } from '../../scripts/services/postgres';
import {
	LOCAL_PORTS,
	QUEUE_DEFAULTS,
	queueEnv,
	WORKERS,
	webhookProcess,
	workerProcess,
} from '../../scripts/services/queue-mode';
import type { Redis } from '../../scripts/services/redis';
import { instanceRule } from '../support/n8n3-rules';

/** `npm run start:queue` and the reliability tests read these from one module. */
describe('queue mode: the settings npm run start:queue and the reliability tests share', () => {
	const postgres = { host: '127.0.0.1', port: 5690, user: 'postgres', database: 'n8n' } as Postgres;
	const redis = { host: '127.0.0.1', port: 5691 } as Redis;

	it('gives every process PostgreSQL, the Redis queue and the webhook process as the webhook URL', () => {
		expect(queueEnv(postgres, redis, 5682)).toEqual({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: '5691',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: '5690',
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: 'trust-auth',
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			WEBHOOK_URL: 'http://127.0.0.1:5682/',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		});
	});

	it("runs manual executions on the workers as n8n 3 does: n8n's own v3 migration check finds nothing", async () => {
		// n8n 2.41.1's check reads the process's environment, as n8n's Migration Report does.
		const rule = instanceRule('offload-manual-executions.rule.js', { mode: 'queue' });
		const env = queueEnv(postgres, redis, 5682);
		const before = { ...process.env };
		try {
			delete process.env.OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS;
			expect((await rule.detect()).isAffected).toBe(true);
			Object.assign(process.env, env);
			expect((await rule.detect()).isAffected).toBe(false);
		} finally {
			for (const name of [...Object.keys(env), 'OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS']) {
				if (before[name] === undefined) delete process.env[name];
				else process.env[name] = before[name];
			}
		}
	});

	it('builds expression isolates lazily unless the caller says otherwise', () => {
		expect(QUEUE_DEFAULTS).toEqual({ N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' });
	});

	it('runs one webhook process and two workers of concurrency 10 beside main, importing nothing', () => {
		expect(LOCAL_PORTS).toEqual({ postgres: 5690, redis: 5691, webhook: 5682 });
		expect(WORKERS).toBe(2);
		expect(webhookProcess(5682)).toEqual({
			name: 'webhook',
			ready: 'Webhook listener waiting for requests',
			env: {
				IMPORT_CREDENTIALS: '',
				IMPORT_WORKFLOWS: '',
				N8N_COMMAND: 'webhook',
				N8N_PORT: '5682',
			},
		});
		expect(workerProcess(1)).toEqual({
			name: 'worker-2',
			ready: 'n8n worker is now ready',
			env: {
				IMPORT_CREDENTIALS: '',
				IMPORT_WORKFLOWS: '',
				N8N_COMMAND: 'worker',
				N8N_WORKER_CONCURRENCY: '10',
			},
		});
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- scripts and tests: run beside n8n, never inside it */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

import { freePort } from './free-port';

export interface Postgres {
	host: string;
	port: number;
	user: string;
	database: string;
	/** Runs SQL through psql: the rows as arrays of text, SQL NULL as `null` (not psql's ''). */
	query(sql: string): Array<Array<string | null>>;
	stop(): void;
}

/** A cluster kept in `dir` on a fixed port (`npm run start:queue`), instead of a throwaway one. */
export interface Kept {
	dir: string;
	port: number;
}

const ROOT = path.resolve(__dirname, '../..');
/** What psql prints for NULL: unlike its default (''), never a value a test writes. */
const NULL = '<SQL NULL>';

/**
 * A PostgreSQL cluster from Debian's packages on a loopback port (trust auth), with `database` in
 * it. Throwaway by default (a temporary folder, no fsync, removed on stop), for the tests; `kept`
 * keeps it in a folder across restarts, durable. PostgreSQL refuses to run as root, so as root the
 * cluster belongs to Debian's `postgres` user.
 */
export async function startPostgres(database = 'warehouse', kept?: Kept): Promise<Postgres> {
	const bin = execFileSync('bash', [path.join(ROOT, 'scripts/services/ensure-postgres.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
	const dir = kept ? kept.dir : mkdtempSync(path.join(tmpdir(), 'replicated-pg-'));
	mkdirSync(dir, { recursive: true });
	if (!kept) chmodSync(dir, 0o755);
	const asRoot = userInfo().uid === 0;
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
		chownSync(dir, uid, gid);
	}
	const run = (cmd: string, args: string[]) => {
		const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
		const result = spawnSync(file, argv, { encoding: 'utf8' });
		if (result.status !== 0)
			throw new Error(`${path.basename(cmd)} failed: ${result.stderr || result.stdout}`);
		return result.stdout;
	};
	const data = path.join(dir, 'data');
	if (!existsSync(path.join(data, 'PG_VERSION')))
		run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
	const port = kept ? kept.port : await freePort();
	// A throwaway cluster need not survive a crash: without fsync the tests wait less on the disk.
	const durability = kept ? '' : ' -c fsync=off';
	run(path.join(bin, 'pg_ctl'), [
		'-D',
		data,
		'-l',
		path.join(dir, 'server.log'),
		'-w',
		'-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${durability}`,
		'start',
	]);
	const psql = (db: string, sql: string) =>
		execFileSync(
			'psql',
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				db,
				'-v',
				'ON_ERROR_STOP=1',
				'-At',
				'-P',
				`null=${NULL}`,
				'-F',
				'\t',
				'-c',
				sql,
			],
			{ encoding: 'utf8' },
		);
	const exists =
		kept && psql('postgres', `SELECT 1 FROM pg_database WHERE datname = '${database}'`);
	if (!exists || exists.trim() !== '1') psql('postgres', `CREATE DATABASE ${database}`);
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		database,
		query: (sql) =>
			psql(database, sql)
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => line.split('\t').map((cell) => (cell === NULL ? null : cell))),
		stop: () => {
			if (kept) {
				run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop']);
				return;
			}
			try {
				run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
	};
}

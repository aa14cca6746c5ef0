// Opens n8n's SQLite database through the sqlite3 module n8n ships (Node 24), for the scripts
// n8n-up.sh runs before `n8n start`.
import { createRequire } from 'node:module';
import path from 'node:path';

export function openDatabase(n8nDir, database) {
	const sqlite3 = createRequire(path.join(n8nDir, 'node_modules', 'n8n', 'package.json'))(
		'sqlite3',
	);
	return new sqlite3.Database(database);
}

/**
 * The database with promise-returning queries (rows for `all`, the changed count for `run`); a
 * failed query ends the process with `<name>: <message>`, as `fail` does.
 */
export function openQueries(n8nDir, database, name) {
	const db = openDatabase(n8nDir, database);
	const fail = (message) => {
		console.error(`${name}: ${message}`);
		process.exit(1);
	};
	const all = (sql, params = []) =>
		new Promise((resolve) => db.all(sql, params, (e, rows) => (e ? fail(e.message) : resolve(rows))));
	const run = (sql, params = []) =>
		new Promise((resolve) =>
			db.run(sql, params, function (e) {
				return e ? fail(e.message) : resolve(this.changes);
			}),
		);
	return { all, run, fail, close: () => db.close() };
}

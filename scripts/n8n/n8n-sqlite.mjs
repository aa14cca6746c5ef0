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

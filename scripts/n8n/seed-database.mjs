// Copies a migrated n8n SQLite database into one self-contained file (`VACUUM INTO` folds in the
// write-ahead log n8n leaves beside it), the seed n8n-up.sh gives every new n8n user folder.
// Through the sqlite3 module n8n ships (Node 24).
//
// usage: node seed-database.mjs <n8n install dir> <database.sqlite> <seed file>
import { openDatabase } from './n8n-sqlite.mjs';

const [n8nDir, database, seed] = process.argv.slice(2);
const db = openDatabase(n8nDir, database);
db.run('VACUUM INTO ?', [seed], (error) => {
	if (error) {
		console.error(`seed-database: ${error.message}`);
		process.exit(1);
	}
	db.close();
});

// Gives every imported workflow the workflow_history row of its current version, which
// `n8n publish:workflow` needs. n8n 2.0.x's `import:workflow` writes none (newer n8n writes it
// itself, and then this finds nothing to do); the editor would write it on the first save.
// SQLite only (n8n-up.sh's default database), through the sqlite3 module n8n ships.
//
// usage: node history-rows.mjs <n8n install dir> <database.sqlite>   prints the rows added
import { openDatabase } from './n8n-sqlite.mjs';

const [n8nDir, database] = process.argv.slice(2);
const db = openDatabase(n8nDir, database);
db.run(
	`INSERT INTO workflow_history (versionId, workflowId, authors, nodes, connections, name)
	 SELECT w.versionId, w.id, 'n8n-nodes-replicated import', w.nodes, w.connections, w.name
	 FROM workflow_entity w
	 WHERE NOT EXISTS (SELECT 1 FROM workflow_history h WHERE h.versionId = w.versionId)`,
	function (error) {
		if (error) {
			console.error(`history-rows: ${error.message}`);
			process.exit(1);
		}
		console.log(this.changes);
		db.close();
	},
);

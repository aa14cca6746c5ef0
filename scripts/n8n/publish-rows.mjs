// Publishes imported workflows the way `n8n publish:workflow` does (WorkflowRepository
// .publishVersion: active, and the current version as the active one, which needs its
// workflow_history row), in one write instead of one CLI call per workflow (each boots n8n, 7-15 s).
// SQLite only, through the sqlite3 module n8n ships. Exits 3 when the database predates
// activeVersionId (n8n 1.x): the caller then publishes through the CLI.
//
// usage: node publish-rows.mjs <n8n install dir> <database.sqlite> <workflow id>...
import { openQueries } from './n8n-sqlite.mjs';

const [n8nDir, database, ...ids] = process.argv.slice(2);
const { all, run, fail, close } = openQueries(n8nDir, database, 'publish-rows');

const columns = (await all('PRAGMA table_info(workflow_entity)')).map((c) => c.name);
if (!columns.includes('activeVersionId')) process.exit(3);
for (const id of ids) {
	const [workflow] = await all(
		`SELECT w.isArchived, EXISTS (SELECT 1 FROM workflow_history h WHERE h.versionId = w.versionId
		   AND h.workflowId = w.id) AS hasVersion FROM workflow_entity w WHERE w.id = ?`,
		[id],
	);
	// The CLI's own refusals, in its words.
	if (!workflow) fail(`Workflow "${id}" not found.`);
	if (workflow.isArchived) fail(`Cannot publish archived Workflow ${id}`);
	if (!workflow.hasVersion) fail(`the current version of workflow "${id}" has no history row`);
	await run('UPDATE workflow_entity SET active = 1, activeVersionId = versionId WHERE id = ?', [
		id,
	]);
}
close();
console.log(ids.length);

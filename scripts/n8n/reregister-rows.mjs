// Makes n8n register the webhooks of the published workflows holding a node type anew at its next
// start, as at their first publication: for a vendor that forgot the registrations in between (the
// in-memory Replicated emulator of `npm start`, new on every start). n8n 2.x keeps a webhook
// trigger's registration across restarts and does not ask the node again (its publication service
// diffs triggers), unless no publication reported the workflow's trigger statuses: then its
// startup reconciliation republishes it (WorkflowPublicationReconciler.reconcile →
// findUnreportedPublishedWorkflowIds), and the publication registers each webhook it finds
// missing (WorkflowPublicationApplier.publish → getNodesWithUnregisteredWebhooks), which runs the
// node's checkExists and create. So both rows go. SQLite only, through the sqlite3 module n8n ships;
// exits 3 when the database has no publication tables (n8n before 2.x's publication service).
//
// usage: node reregister-rows.mjs <n8n install dir> <database.sqlite> <node type>
// Prints how many workflows will register again.
import { openQueries } from './n8n-sqlite.mjs';

const [n8nDir, database, nodeType] = process.argv.slice(2);
const { all, run, close } = openQueries(n8nDir, database, 'reregister-rows');

const tables = (await all("SELECT name FROM sqlite_master WHERE type = 'table'")).map(
	(t) => t.name,
);
if (!tables.includes('workflow_publication_trigger_status')) process.exit(3);
// The published version's nodes: what n8n runs, whatever the editor holds since.
const published = await all(
	`SELECT w.id, h.nodes FROM workflow_entity w JOIN workflow_history h ON h.versionId = w.activeVersionId
	 WHERE w.activeVersionId IS NOT NULL AND w.isArchived = 0`,
);
const ids = published
	.filter((w) => JSON.parse(w.nodes).some((node) => node.type === nodeType && !node.disabled))
	.map((w) => w.id);
for (const id of ids) {
	await run('DELETE FROM webhook_entity WHERE workflowId = ?', [id]);
	await run('DELETE FROM workflow_publication_trigger_status WHERE workflowId = ?', [id]);
}
close();
console.log(ids.length);

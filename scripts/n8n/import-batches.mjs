// Splits workflow files into as few `n8n import:workflow` batches as n8n allows, and writes them to
// a directory: one CLI call per batch instead of one per workflow (each call boots n8n, ~8 s).
// Why batches at all: n8n (2.41) creates a tag that a batch's workflows share once per workflow,
// and the second one fails the batch on tag_entity's unique name. So a tag new to the database
// may appear in one workflow of a batch only; later batches find it created. Tags created before
// the import (tag-rows.mjs on SQLite) are named in CREATED_TAGS, one a line: one batch then.
//
// Each workflow is imported inactive, with a version ID: n8n-up.sh publishes the active ones
// afterwards (n8n deactivates on import anyway), and n8n 2.0.x cannot import an active one on
// pooled SQLite (its import transaction waits for the write lock that it holds itself) nor one
// without a versionId (NOT NULL there; newer n8n assigns one).
//
// usage: node import-batches.mjs <out dir> <workflow.json>...   prints one batch file per line
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [outDir, ...files] = process.argv.slice(2);
let pending = files.flatMap((file) => {
	const data = JSON.parse(readFileSync(file, 'utf8'));
	return (Array.isArray(data) ? data : [data]).map((workflow) => ({
		...workflow,
		versionId: workflow.versionId ?? randomUUID(),
		active: false,
		activeVersionId: null,
	}));
});
const created = new Set((process.env.CREATED_TAGS ?? '').split('\n').filter(Boolean));
mkdirSync(outDir, { recursive: true });
for (let n = 1; pending.length; n++) {
	const fresh = (workflow) =>
		(workflow.tags ?? []).map((t) => t.name).filter((name) => !created.has(name));
	const batch = [];
	const later = [];
	const claimed = new Set();
	// Workflows bringing the most new tags first: fewer batches later.
	for (const workflow of [...pending].sort((a, b) => fresh(b).length - fresh(a).length)) {
		const names = fresh(workflow);
		if (names.some((name) => claimed.has(name))) later.push(workflow);
		else {
			for (const name of names) claimed.add(name);
			batch.push(workflow);
		}
	}
	for (const name of claimed) created.add(name);
	const file = path.join(outDir, `batch-${n}.json`);
	writeFileSync(file, JSON.stringify(batch));
	console.log(file);
	pending = later;
}

// Points the nodes of already-imported workflows at the credentials `npm start` provides, where
// n8n could not resolve them at import (a credential reference without an ID: the template's
// name did not match any credential then). References to other credentials are left alone.
//
// usage: node link-credentials.mjs <exported workflows.json> <credentials.json> <out.json>
// Writes the changed workflows to <out.json> and prints `<changed count> <IDs of the active ones>`.
import { readFileSync, writeFileSync } from 'node:fs';

const [exported, credentialsFile, out] = process.argv.slice(2);
const workflows = JSON.parse(readFileSync(exported, 'utf8'));
const byType = new Map(
	JSON.parse(readFileSync(credentialsFile, 'utf8')).map((c) => [
		c.type,
		{ id: c.id, name: c.name },
	]),
);
const changed = workflows.filter((workflow) => {
	let linked = false;
	for (const node of workflow.nodes ?? [])
		for (const [type, reference] of Object.entries(node.credentials ?? {})) {
			const ours = byType.get(type);
			if (ours && reference && !reference.id) {
				node.credentials[type] = { ...ours };
				linked = true;
			}
		}
	return linked;
});
const active = changed.filter((w) => w.activeVersionId || w.active).map((w) => w.id);
// Imported inactive and published again by the caller (see import-batches.mjs for why).
writeFileSync(out, JSON.stringify(changed.map((w) => ({ ...w, active: false, activeVersionId: null }))));
console.log([changed.length, ...active].join(' '));

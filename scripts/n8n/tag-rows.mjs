// Creates the tags the workflow files carry that n8n's database lacks, before `n8n import:workflow`,
// so that one import batch can hold every workflow (import-batches.mjs): n8n's import matches a tag
// by name among the tags it read when it began (TagRepository.setTags), and creates the others once
// per workflow, which fails a batch whose workflows share a new tag. One CLI call (each boots n8n,
// ~8 s) instead of three for the templates. SQLite only, through the sqlite3 module n8n ships.
//
// usage: node tag-rows.mjs <n8n install dir> <database.sqlite> <workflow.json>...
// Prints the names of the tags the database now has, one a line.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { openQueries } from './n8n-sqlite.mjs';

const [n8nDir, database, ...files] = process.argv.slice(2);
const { all, run, close } = openQueries(n8nDir, database, 'tag-rows');

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** A 16-character ID as n8n's own (generateNanoId) for the tags it creates. */
const newId = () => [...randomBytes(16)].map((b) => ALPHABET[b % ALPHABET.length]).join('');

const wanted = new Set(
	files.flatMap((file) => {
		const data = JSON.parse(readFileSync(file, 'utf8'));
		return (Array.isArray(data) ? data : [data]).flatMap((w) => (w.tags ?? []).map((t) => t.name));
	}),
);
const existing = new Set((await all('SELECT name FROM tag_entity')).map((t) => t.name));
for (const name of wanted)
	if (!existing.has(name)) {
		await run('INSERT INTO tag_entity (id, name) VALUES (?, ?)', [newId(), name]);
		existing.add(name);
	}
close();
for (const name of existing) console.log(name);

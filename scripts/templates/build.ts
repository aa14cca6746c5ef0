/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test infrastructure: runs beside n8n, never inside it */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { catalogue } from './catalogue';
import { TEMPLATES, templateJson, templatePath } from './all';

/** `npm run templates`: writes every template's JSON and the catalogue README. */
const root = path.resolve(__dirname, '..', '..');
for (const t of TEMPLATES) {
	const file = path.join(root, templatePath(t));
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, templateJson(t));
	console.log(`wrote ${templatePath(t)}`);
}
writeFileSync(path.join(root, 'workflows-templates', 'README.md'), catalogue(TEMPLATES));
console.log('wrote workflows-templates/README.md');

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- scripts: run beside n8n, never inside it */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { TEMPLATES, templatePath } from '../templates/all';
import { eventsLog } from './events-log';
import { PUBLISHED } from './published';

const REPLICATED_NODES = [
	'n8n-nodes-replicated.replicated',
	'n8n-nodes-replicated.replicatedTrigger',
];

interface App {
	id: string;
	name: string;
}

/** The emulator's apps as the Replicated credential sees them; the first is the sandbox's app. */
async function firstApp(baseUrl: string, token: string): Promise<App> {
	const response = await fetch(`${baseUrl}/v3/apps`, { headers: { authorization: token } });
	if (!response.ok) throw new Error(`GET /v3/apps answered ${response.status}`);
	const { apps } = (await response.json()) as { apps: App[] };
	if (!apps.length) throw new Error('the emulator has no app');
	return apps[0];
}

/**
 * Copies of the templates for the sandbox's n8n: the App of every Replicated node that has an App
 * picker set to the emulator's app (as the picker would set it), and the PUBLISHED ones marked
 * active (n8n-up.sh publishes what the files mark active); plus the events log.
 *
 * usage: EMULATOR_TOKEN=… tsx sandbox-workflows.ts <out dir> <emulator API base URL>
 * Prints the written files, one a line.
 */
async function main(outDir: string, baseUrl: string): Promise<void> {
	const app = await firstApp(baseUrl, process.env.EMULATOR_TOKEN!);
	mkdirSync(outDir, { recursive: true });
	const root = path.resolve(__dirname, '../..');
	const copies = TEMPLATES.map((t) => {
		const workflow = JSON.parse(readFileSync(path.join(root, templatePath(t)), 'utf8'));
		for (const node of workflow.nodes)
			if (REPLICATED_NODES.includes(node.type) && 'appId' in node.parameters)
				node.parameters.appId = {
					__rl: true,
					mode: 'list',
					value: app.id,
					cachedResultName: app.name,
				};
		return {
			file: `${t.crm}-${t.slug}.json`,
			workflow: { ...workflow, active: PUBLISHED.includes(t.slug) },
		};
	});
	copies.push({ file: 'sandbox-events-log.json', workflow: { ...eventsLog, active: true } });
	for (const { file, workflow } of copies) {
		writeFileSync(path.join(outDir, file), JSON.stringify(workflow));
		console.log(path.join(outDir, file));
	}
}

main(process.argv[2], process.argv[3]).catch((error: Error) => {
	console.error(`sandbox-workflows: ${error.message}`);
	process.exit(1);
});

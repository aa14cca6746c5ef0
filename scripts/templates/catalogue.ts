import type { Template } from './kit';

const CRM_TITLES: Record<Template['crm'], string> = {
	salesforce: 'Salesforce',
	hubspot: 'HubSpot',
	attio: 'Attio',
	health: 'Health routing',
};

function triggerOf(t: Template): string {
	const ours = t.workflow.nodes.find((n) => n.type === 'n8n-nodes-replicated.replicatedTrigger');
	if (ours) return (ours.parameters.events as string[]).map((e) => `\`${e}\``).join(', ');
	const other = t.workflow.nodes.find(
		(n) => /trigger|webhook/i.test(n.type) && n.type !== 'n8n-nodes-base.stickyNote',
	);
	return other ? other.name : 'manual';
}

function credentialsOf(t: Template): string {
	const names = new Set<string>();
	for (const n of t.workflow.nodes)
		for (const c of Object.values(n.credentials ?? {})) names.add(c.name);
	return [...names].join(', ');
}

/** The catalogue README, generated from the templates so it cannot drift from them. */
export function catalogue(templates: Template[]): string {
	const lines = [
		'# Workflow templates',
		'',
		'Importable n8n workflows that wire the Replicated nodes to Salesforce, HubSpot and Attio.',
		'Import one (editor: **Import from File**, or `n8n import:workflow --input=<file>`), pick the',
		'credentials it names, create the CRM fields it lists, and activate it. `npm start` imports all of',
		'them into the local n8n the first time it starts.',
		'',
		'Every template is executed end to end in CI against a real n8n, the Replicated API emulator and',
		'a fake of the CRM API (`test/e2e/templates-*.test.ts`). Generated from `scripts/templates/`',
		'(`npm run templates`); edit those, not the JSON.',
		'',
	];
	for (const crm of ['salesforce', 'hubspot', 'attio', 'health'] as const) {
		const group = templates.filter((t) => t.crm === crm);
		if (!group.length) continue;
		lines.push(`## ${CRM_TITLES[crm]}`, '');
		lines.push('| Template | Trigger | What it writes where | Credentials | Create first |');
		lines.push('|---|---|---|---|---|');
		for (const t of group)
			lines.push(
				`| [${t.slug}](${crm}/${t.slug}.json) | ${triggerOf(t)} | ${t.summary} | ${credentialsOf(t)} | ${t.prerequisites.join('; ') || '—'} |`,
			);
		lines.push('');
	}
	return `${lines.join('\n')}`;
}

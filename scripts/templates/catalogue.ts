import { CRMS } from './crm';
import { fulfillmentMapping } from './catalogue-fulfillment';
import type { Template } from './kit';
import { listed } from './prose';

/** The catalogue's groups: one per CRM, then the health templates that need none. */
const GROUPS = [
	...CRMS.map((crm) => ({ crm: crm.crm, title: crm.tag })),
	{ crm: 'health', title: 'Health routing without a CRM' },
];

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
		`Importable n8n workflows that wire the Replicated nodes to ${listed(
			CRMS.map((crm) => crm.tag),
			'and',
		)}, and`,
		'route customer health to the CRM, Slack, email and a PostgreSQL warehouse.',
		'Import one (editor: **Import from File**, or `n8n import:workflow --input=<file>`), pick the',
		'credentials it names, create the CRM fields it lists, and activate it. n8n picks a credential by',
		'the name a template gives when you have one of that type and name (a new Replicated credential is',
		'named "Replicated account", as the templates expect); otherwise it asks you to choose.',
		'`npm start` imports all of them into the local n8n the first time it starts, with a "Replicated',
		'account" credential pointed at the local emulator: their Replicated nodes open ready to run.',
		'',
		'Every template is executed end to end in CI against a real n8n, the Replicated API emulator and',
		'fakes of the CRM APIs and of Slack, a loopback SMTP sink and a real PostgreSQL',
		'(`test/e2e/templates-*.test.ts`). Generated from `scripts/templates/`',
		'(`npm run templates`); edit those, not the JSON. The pictures are screenshots of each template in',
		'the pinned n8n editor, taken by `npm run templates:pictures` (headless Chromium from Debian).',
		'',
	];
	for (const { crm, title } of GROUPS) {
		const group = templates.filter((t) => t.crm === crm);
		if (!group.length) continue;
		lines.push(`## ${title}`, '');
		lines.push('| Template | Trigger | What it writes where | Credentials | Create first |');
		lines.push('|---|---|---|---|---|');
		for (const t of group)
			lines.push(
				`| [${t.slug}](${crm}/${t.slug}.json) | ${triggerOf(t)} | ${t.summary} | ${credentialsOf(t)} | ${t.prerequisites.join('; ') || '—'} |`,
			);
		lines.push('');
		for (const t of group)
			lines.push(`### ${t.workflow.name}`, '', `![${t.workflow.name}](${crm}/${t.slug}.png)`, '');
	}
	lines.push(...fulfillmentMapping(CRMS));
	lines.push(...CRMS.flatMap((crm) => crm.catalogueSections ?? []));
	return `${lines.join('\n')}`;
}

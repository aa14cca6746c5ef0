/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test infrastructure: runs beside n8n, never inside it */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { TEMPLATES, templateJson, templatePath } from '../../scripts/templates/all';
import { catalogue } from '../../scripts/templates/catalogue';
import { CRMS } from '../../scripts/templates/crm';
import { checkFieldReads, fieldReads } from '../support/template-expressions';
import { n8nInstall, repoRoot, requireFromN8n } from '../support/n8n-runtime';

const { safeParseWorkflowStructure } = requireFromN8n()(
	'n8n-workflow',
) as typeof import('n8n-workflow');

/**
 * The node check loads n8n's own node classes, some of which need ESM packages Jest's module
 * system cannot load; it runs in a plain Node process (test/support/node-validation.ts).
 */
let problems: Record<string, string[]> | undefined;
function nodeProblems(): Record<string, string[]> {
	problems ??= JSON.parse(
		// On n8n's own Node 24: the AI nodes load native code that crashes the machine's Node 20.
		execFileSync(
			path.join(n8nInstall().node24Bin, 'node'),
			[
				path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
				path.join(repoRoot, 'test', 'support', 'node-validation.ts'),
			],
			{
				encoding: 'utf8',
				env: { ...process.env, ...n8nEnv() },
				maxBuffer: 64 * 1024 * 1024,
			},
		),
	) as Record<string, string[]>;
	return problems;
}
const n8nEnv = () => {
	const { n8nDir, node24Bin } = n8nInstall();
	return { N8N_DIR: n8nDir, NODE24_BIN: node24Bin };
};

describe('workflow templates', () => {
	it('are generated: the committed JSON and catalogue are what scripts/templates produces', () => {
		for (const t of TEMPLATES)
			expect([templatePath(t), readFileSync(path.join(repoRoot, templatePath(t)), 'utf8')]).toEqual(
				[templatePath(t), templateJson(t)],
			);
		expect(readFileSync(path.join(repoRoot, 'workflows-templates', 'README.md'), 'utf8')).toBe(
			catalogue(TEMPLATES),
		);
		const onDisk = [...CRMS.map((crm) => crm.crm), 'health']
			.flatMap((crm) => {
				try {
					return readdirSync(path.join(repoRoot, 'workflows-templates', crm))
						.filter((f) => f.endsWith('.json'))
						.map((f) => `workflows-templates/${crm}/${f}`);
				} catch {
					return [];
				}
			})
			.sort();
		expect(onDisk).toEqual(TEMPLATES.map(templatePath).sort());
	});

	describe.each(TEMPLATES.map((t) => [templatePath(t), t] as const))('%s', (_file, t) => {
		const wf = t.workflow;

		it('has its picture from the n8n editor beside it', () => {
			expect(existsSync(path.join(repoRoot, templatePath(t).replace(/\.json$/, '.png')))).toBe(
				true,
			);
		});

		it("passes n8n's own import validation, with v1 execution order and no credential ids", () => {
			const parsed = safeParseWorkflowStructure(JSON.parse(templateJson(t)));
			expect(parsed.success ? [] : parsed.issues).toEqual([]);
			expect(wf.settings.executionOrder).toBe('v1');
			for (const node of wf.nodes)
				for (const c of Object.values(node.credentials ?? {}))
					expect([node.name, c.id]).toEqual([node.name, null]);
		});

		it('uses node types and typeVersions of the pinned n8n, with parameters the nodes know and no issues', () => {
			expect(nodeProblems()[templatePath(t)]).toEqual([]);
		});

		it('reads only fields our trigger and action node guarantee', () => {
			// The assistant's Replicated nodes are an agent's tools: the model reads their output.
			const toolsOnly = wf.nodes
				.filter((n) => n.type.startsWith('n8n-nodes-replicated.'))
				.every((n) => n.type === 'n8n-nodes-replicated.replicatedTool');
			if (!toolsOnly) expect(fieldReads(wf).length).toBeGreaterThan(0);
			expect(checkFieldReads(wf)).toEqual([]);
		});

		it('explains itself in a sticky note: what it does, what to configure, how to test it', () => {
			const notes = wf.nodes
				.filter((n) => n.type === 'n8n-nodes-base.stickyNote')
				.map((n) => String(n.parameters.content))
				.join('\n');
			expect(notes).toMatch(/### Configure/);
			expect(notes).toMatch(/### Try it|### Test it/);
			expect(notes).toMatch(/### When an? [\w ]+ fails/);
			for (const u of t.userSets ?? []) {
				expect(wf.nodes.map((n) => n.name)).toContain(u.node);
				expect(notes).toContain(`**${u.node}**`);
			}
		});

		it('shows its code blocks whole: a sticky note clips code lines, it does not wrap them', () => {
			const clipped = wf.nodes
				.filter((n) => n.type === 'n8n-nodes-base.stickyNote')
				.flatMap((n) => {
					// About 10 canvas pixels per monospace character, after the note's padding.
					const fits = Math.floor((Number(n.parameters.width) - 40) / 10);
					const code = [...String(n.parameters.content).matchAll(/```\w*\n([\s\S]*?)```/g)];
					return code.flatMap((m) => m[1].split('\n').filter((line) => line.length > fits));
				});
			expect(clipped).toEqual([]);
		});
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test: looks up n8n's nodes beside n8n, never inside it */
import path from 'node:path';

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { TEMPLATES, templatePath } from '../../scripts/templates/all';
import pkg from '../../package.json';
import { nodesByType, workflowRules } from '../support/n8n3-rules';
import { requireFromN8n } from '../support/n8n-runtime';

/**
 * n8n 3 readiness (docs/compatibility.md), checked with n8n's own code where the installed n8n
 * has it: the Migration Report's v3 workflow rules on every template, and the node API level.
 */

/** n8n's NodeTypes for the rules: a node's description, from our sources or n8n-nodes-base. */
const nodeTypes = {
	getByNameAndVersion(type: string): { description: INodeTypeDescription } {
		const [pkgName, name] = type.split('.');
		if (pkgName === 'n8n-nodes-replicated') {
			const file = name === 'replicatedTrigger' ? 'ReplicatedTrigger' : 'Replicated';
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const module = require(`../../nodes/Replicated/${file}.node.ts`) as Record<
				string,
				new () => INodeType
			>;
			return new module[file]();
		}
		if (pkgName !== 'n8n-nodes-base') throw new Error(`not looked up: ${type}`);
		const base = requireFromN8n()('n8n-nodes-base/package.json') as { n8n: { nodes: string[] } };
		const entry = base.n8n.nodes.find(
			(p) => path.basename(p).toLowerCase() === `${name.toLowerCase()}.node.js`,
		);
		if (!entry) throw new Error(`no n8n-nodes-base node ${name}`);
		const module = requireFromN8n()(`n8n-nodes-base/${entry}`) as Record<
			string,
			new () => INodeType
		>;
		return new (Object.values(module)[0])();
	},
};

describe("n8n 3: n8n 2.41.1's own migration checks", () => {
	const rules = workflowRules(nodeTypes);

	it('are all loaded from the installed n8n', () => {
		// One per removed node, plus AI Agent, $getPairedItem, Execute Workflow, Always Output Data….
		expect(rules.length).toBeGreaterThanOrEqual(10);
		expect(rules.map((r) => r.id)).toEqual(
			expect.arrayContaining([
				'agent-node-version-v3',
				'get-paired-item-v3',
				'removed-nodes-v3',
				'always-output-data-multi-output-v3',
			]),
		);
	});

	it('flag what n8n 3 changes: an If with Always Output Data, an AI Agent v1, a Function node', async () => {
		const nodes = [
			{ name: 'Branch', type: 'n8n-nodes-base.if', typeVersion: 2.2, alwaysOutputData: true },
			{ name: 'Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 1.9 },
			{ name: 'Old', type: 'n8n-nodes-base.function', typeVersion: 1 },
			{
				name: 'Fetch',
				type: 'n8n-nodes-replicated.replicated',
				typeVersion: 1,
				alwaysOutputData: true,
			},
		].map((n) => ({ ...n, parameters: {}, position: [0, 0] }));
		const byType = nodesByType(nodes);
		const flagged: string[] = [];
		for (const rule of rules)
			if ((await rule.detectWorkflow({ nodes }, byType)).isAffected) flagged.push(rule.id);
		expect(flagged.sort()).toEqual([
			'agent-node-version-v3',
			'always-output-data-multi-output-v3',
			'function-removed-v3',
		]);
	});

	it.each(TEMPLATES.map((t) => [templatePath(t), t] as const))(
		'find nothing to change in %s',
		async (_file, t) => {
			const byType = nodesByType(t.workflow.nodes);
			const affected: string[] = [];
			for (const rule of rules) {
				const report = await rule.detectWorkflow(t.workflow, byType);
				if (report.isAffected)
					affected.push(`${rule.id}: ${(report.issues ?? []).map((i) => i.title).join('; ')}`);
			}
			expect(affected).toEqual([]);
		},
	);
});

describe('n8n 3: the node API level', () => {
	it("declares level 1, which n8n 2.41.1 supports and n8n 3's '3.0' includes", () => {
		const { checkNodesApiVersion, N8N_NODES_API_VERSION } = requireFromN8n()('n8n-workflow') as {
			checkNodesApiVersion: (p: unknown) => { compatible: boolean };
			N8N_NODES_API_VERSION: number;
		};
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(N8N_NODES_API_VERSION).toBe(1);
		expect(checkNodesApiVersion(pkg)).toMatchObject({ compatible: true });
	});
});

/** Node.js's own globals, which a browser sandbox such as the editor's QuickJS does not have. */
const NODE_ONLY = /\b(Buffer|process|require|module|global|__dirname|__filename|setImmediate)\b/;

describe("n8n 3: the editor's QuickJS expression preview", () => {
	it.each(TEMPLATES.map((t) => [templatePath(t), t] as const))(
		'%s: no expression uses a Node.js-only global',
		(_file, t) => {
			const uses = t.workflow.nodes
				.filter((n) => n.type !== 'n8n-nodes-base.code')
				.flatMap((n) =>
					[...JSON.stringify(n.parameters).matchAll(/\{\{(.*?)\}\}/g)]
						.filter((m) => NODE_ONLY.test(m[1]))
						.map((m) => `${n.name}: ${m[0]}`),
				);
			expect(uses).toEqual([]);
		},
	);
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeTypeDescription, INode, IVersionedNodeType, INodeType } from 'n8n-workflow';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import { TEMPLATES, templateJson, templatePath } from '../../scripts/templates/all';
import { catalogue } from '../../scripts/templates/catalogue';
import { checkFieldReads, fieldReads } from '../support/template-expressions';
import { repoRoot, requireFromN8n } from '../support/n8n-runtime';

/** Where each built-in node type lives inside the pinned n8n's n8n-nodes-base. */
const BASE_NODES: Record<string, [string, string]> = {
	'n8n-nodes-base.salesforce': ['Salesforce/Salesforce.node.js', 'Salesforce'],
	'n8n-nodes-base.salesforceTrigger': ['Salesforce/SalesforceTrigger.node.js', 'SalesforceTrigger'],
	'n8n-nodes-base.hubspot': ['Hubspot/Hubspot.node.js', 'Hubspot'],
	'n8n-nodes-base.hubspotTrigger': ['Hubspot/HubspotTrigger.node.js', 'HubspotTrigger'],
	'n8n-nodes-base.httpRequest': ['HttpRequest/HttpRequest.node.js', 'HttpRequest'],
	'n8n-nodes-base.webhook': ['Webhook/Webhook.node.js', 'Webhook'],
	'n8n-nodes-base.if': ['If/If.node.js', 'If'],
	'n8n-nodes-base.code': ['Code/Code.node.js', 'Code'],
	'n8n-nodes-base.set': ['Set/Set.node.js', 'Set'],
	'n8n-nodes-base.noOp': ['NoOp/NoOp.node.js', 'NoOp'],
	'n8n-nodes-base.stopAndError': ['StopAndError/StopAndError.node.js', 'StopAndError'],
	'n8n-nodes-base.crypto': ['Crypto/Crypto.node.js', 'Crypto'],
	'n8n-nodes-base.stickyNote': ['StickyNote/StickyNote.node.js', 'StickyNote'],
	'n8n-nodes-base.scheduleTrigger': ['Schedule/ScheduleTrigger.node.js', 'ScheduleTrigger'],
	'n8n-nodes-base.merge': ['Merge/Merge.node.js', 'Merge'],
};

const n8nRequire = requireFromN8n();
const { NodeHelpers, safeParseWorkflowStructure } = n8nRequire(
	'n8n-workflow',
) as typeof import('n8n-workflow');
const loaded = new Map<string, INodeType | IVersionedNodeType>();

function nodeType(type: string): INodeType | IVersionedNodeType {
	if (type === 'n8n-nodes-replicated.replicated') return new Replicated();
	if (type === 'n8n-nodes-replicated.replicatedTrigger') return new ReplicatedTrigger();
	const where = BASE_NODES[type];
	if (!where)
		throw new Error(
			`${type}: not a node type the templates are checked against; add it to BASE_NODES`,
		);
	if (!loaded.has(type)) {
		const file = n8nRequire.resolve(`n8n-nodes-base/dist/nodes/${where[0]}`);
		const NodeClass = (n8nRequire(file) as Record<string, new () => INodeType>)[where[1]];
		loaded.set(type, new NodeClass());
	}
	return loaded.get(type)!;
}

function description(type: string, version: number): INodeTypeDescription {
	const t = nodeType(type);
	if ('nodeVersions' in t) {
		const versioned = t.nodeVersions[version];
		if (!versioned) throw new Error(`${type} has no typeVersion ${version} in the pinned n8n`);
		return versioned.description as INodeTypeDescription;
	}
	const versions = ([] as number[]).concat(t.description.version);
	if (!versions.includes(version))
		throw new Error(`${type} has no typeVersion ${version} (has ${versions.join(', ')})`);
	return t.description;
}

/** Parameter keys n8n would silently drop: set in the template but not known to the node. */
function droppedKeys(
	template: Record<string, unknown>,
	resolved: Record<string, unknown>,
	prefix = '',
): string[] {
	const out: string[] = [];
	for (const [key, value] of Object.entries(template)) {
		if (!(key in resolved)) out.push(`${prefix}${key}`);
		else if (
			value &&
			typeof value === 'object' &&
			!Array.isArray(value) &&
			!('__rl' in value) &&
			resolved[key] &&
			typeof resolved[key] === 'object'
		)
			out.push(
				...droppedKeys(
					value as Record<string, unknown>,
					resolved[key] as Record<string, unknown>,
					`${prefix}${key}.`,
				),
			);
	}
	return out;
}

describe('workflow templates', () => {
	it('are generated: the committed JSON and catalogue are what scripts/templates produces', () => {
		for (const t of TEMPLATES)
			expect([templatePath(t), readFileSync(path.join(repoRoot, templatePath(t)), 'utf8')]).toEqual(
				[templatePath(t), templateJson(t)],
			);
		expect(readFileSync(path.join(repoRoot, 'workflows-templates', 'README.md'), 'utf8')).toBe(
			catalogue(TEMPLATES),
		);
		const onDisk = ['salesforce', 'hubspot', 'attio']
			.flatMap((crm) => {
				try {
					return readdirSync(path.join(repoRoot, 'workflows-templates', crm)).map(
						(f) => `workflows-templates/${crm}/${f}`,
					);
				} catch {
					return [];
				}
			})
			.sort();
		expect(onDisk).toEqual(
			TEMPLATES.filter((t) => t.crm !== 'health')
				.map(templatePath)
				.sort(),
		);
	});

	describe.each(TEMPLATES.map((t) => [templatePath(t), t] as const))('%s', (_file, t) => {
		const wf = t.workflow;

		it("passes n8n's own import validation, with v1 execution order and no credential ids", () => {
			const parsed = safeParseWorkflowStructure(JSON.parse(templateJson(t)));
			expect(parsed.success ? [] : parsed.issues).toEqual([]);
			expect(wf.settings.executionOrder).toBe('v1');
			for (const node of wf.nodes)
				for (const c of Object.values(node.credentials ?? {}))
					expect([node.name, c.id]).toEqual([node.name, null]);
		});

		it('uses node types and typeVersions of the pinned n8n, with parameters the nodes know and no issues', () => {
			const problems: string[] = [];
			for (const node of wf.nodes) {
				let desc: INodeTypeDescription;
				try {
					desc = description(node.type, node.typeVersion);
				} catch (error) {
					problems.push(`${node.name}: ${(error as Error).message}`);
					continue;
				}
				const asNode = {
					...node,
					id: node.id ?? node.name,
					parameters: node.parameters,
				} as unknown as INode;
				const resolved = NodeHelpers.getNodeParameters(
					desc.properties,
					node.parameters as never,
					true,
					false,
					asNode,
					desc,
				);
				// Polling triggers get `pollTimes` from n8n itself, not from their description.
				if (desc.polling) resolved!.pollTimes = node.parameters.pollTimes as never;
				for (const key of droppedKeys(node.parameters, (resolved ?? {}) as Record<string, unknown>))
					problems.push(
						`${node.name}: parameter "${key}" is not a parameter of ${node.type} v${node.typeVersion}`,
					);
				const issues = NodeHelpers.getNodeParametersIssues(
					desc.properties,
					{ ...asNode, parameters: resolved! },
					desc,
				);
				// Parameters the user sets after importing (their app, their org) may be empty here.
				const userSets = (t.userSets ?? [])
					.filter((u) => u.node === node.name)
					.map((u) => u.parameter);
				const remaining = Object.keys(issues?.parameters ?? {}).filter(
					(p) => !userSets.includes(p),
				);
				if (remaining.length)
					problems.push(
						`${node.name}: ${JSON.stringify(remaining.map((p) => issues!.parameters![p]))}`,
					);
				// HTTP Request takes any credential type, named in its parameters.
				const allowed = [
					...(desc.credentials ?? []).map((c) => c.name),
					...(node.type === 'n8n-nodes-base.httpRequest'
						? [node.parameters.nodeCredentialType, node.parameters.genericAuthType]
						: []),
				];
				for (const type of Object.keys(node.credentials ?? {}))
					if (!allowed.includes(type))
						problems.push(`${node.name}: credential type ${type} is not one ${node.type} takes`);
			}
			expect(problems).toEqual([]);
		});

		it('reads only fields our trigger and action node guarantee', () => {
			expect(fieldReads(wf).length).toBeGreaterThan(0);
			expect(checkFieldReads(wf)).toEqual([]);
		});

		it('explains itself in a sticky note: what it does, what to configure, how to test it', () => {
			const notes = wf.nodes
				.filter((n) => n.type === 'n8n-nodes-base.stickyNote')
				.map((n) => String(n.parameters.content))
				.join('\n');
			expect(notes).toMatch(/### Configure/);
			expect(notes).toMatch(/### Try it|### Test it/);
			expect(notes).toMatch(/### When a CRM write fails/);
			for (const u of t.userSets ?? []) {
				expect(wf.nodes.map((n) => n.name)).toContain(u.node);
				expect(notes).toContain(`**${u.node}**`);
			}
		});
	});
});

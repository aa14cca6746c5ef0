/* eslint-disable no-console, @typescript-eslint/no-require-imports, @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import path from 'node:path';

import type { INode, INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

import { TEMPLATES, templatePath } from '../../scripts/templates/all';
import type { Template } from '../../scripts/templates/kit';
import { n8nInstall, repoRoot, requireFromN8n } from './n8n-runtime';

// Named with the extension: beside each `*.node.ts` lies its codex `*.node.json`, which a bare
// `*.node` import would resolve to outside Jest.
const ours = (file: string, name: string) =>
	(require(`${repoRoot}/nodes/Replicated/${file}.node.ts`) as Record<string, new () => INodeType>)[
		name
	];
const Replicated = ours('Replicated', 'Replicated');
const ReplicatedTrigger = ours('ReplicatedTrigger', 'ReplicatedTrigger');

/**
 * Checks every template node against the pinned n8n's own node descriptions: the type and
 * typeVersion exist, no parameter is unknown (n8n would drop it silently), no required parameter is
 * missing, credentials are of a type the node takes. Run as a plain Node process (some n8n nodes
 * load ESM packages); prints `{ "<template path>": [problems] }`.
 */
/** Where each built-in node type lives inside the pinned n8n's n8n-nodes-base. */
const BASE_NODES: Record<string, [string, string]> = {
	'n8n-nodes-base.salesforce': ['Salesforce/Salesforce.node.js', 'Salesforce'],
	'n8n-nodes-base.salesforceTrigger': ['Salesforce/SalesforceTrigger.node.js', 'SalesforceTrigger'],
	'n8n-nodes-base.hubspot': ['Hubspot/Hubspot.node.js', 'Hubspot'],
	'n8n-nodes-base.hubspotTrigger': ['Hubspot/HubspotTrigger.node.js', 'HubspotTrigger'],
	'n8n-nodes-base.httpRequest': ['HttpRequest/HttpRequest.node.js', 'HttpRequest'],
	'n8n-nodes-base.webhook': ['Webhook/Webhook.node.js', 'Webhook'],
	'n8n-nodes-base.respondToWebhook': [
		'RespondToWebhook/RespondToWebhook.node.js',
		'RespondToWebhook',
	],
	'n8n-nodes-base.if': ['If/If.node.js', 'If'],
	'n8n-nodes-base.filter': ['Filter/Filter.node.js', 'Filter'],
	'n8n-nodes-base.code': ['Code/Code.node.js', 'Code'],
	'n8n-nodes-base.set': ['Set/Set.node.js', 'Set'],
	'n8n-nodes-base.noOp': ['NoOp/NoOp.node.js', 'NoOp'],
	'n8n-nodes-base.stopAndError': ['StopAndError/StopAndError.node.js', 'StopAndError'],
	'n8n-nodes-base.crypto': ['Crypto/Crypto.node.js', 'Crypto'],
	'n8n-nodes-base.stickyNote': ['StickyNote/StickyNote.node.js', 'StickyNote'],
	'n8n-nodes-base.scheduleTrigger': ['Schedule/ScheduleTrigger.node.js', 'ScheduleTrigger'],
	'n8n-nodes-base.merge': ['Merge/Merge.node.js', 'Merge'],
	'n8n-nodes-base.emailSend': ['EmailSend/EmailSend.node.js', 'EmailSend'],
	'n8n-nodes-base.slack': ['Slack/Slack.node.js', 'Slack'],
	'n8n-nodes-base.postgres': ['Postgres/Postgres.node.js', 'Postgres'],
	'@n8n/n8n-nodes-langchain.chatTrigger': [
		'@n8n/n8n-nodes-langchain/dist/nodes/trigger/ChatTrigger/ChatTrigger.node.js',
		'ChatTrigger',
	],
	'@n8n/n8n-nodes-langchain.agent': [
		'@n8n/n8n-nodes-langchain/dist/nodes/agents/Agent/Agent.node.js',
		'Agent',
	],
	'@n8n/n8n-nodes-langchain.lmChatOpenAi': [
		'@n8n/n8n-nodes-langchain/dist/nodes/llms/LMChatOpenAi/LmChatOpenAi.node.js',
		'LmChatOpenAi',
	],
	'@n8n/n8n-nodes-langchain.memoryBufferWindow': [
		'@n8n/n8n-nodes-langchain/dist/nodes/memory/MemoryBufferWindow/MemoryBufferWindow.node.js',
		'MemoryBufferWindow',
	],
};

const n8nRequire = requireFromN8n();
const { NodeHelpers } = n8nRequire('n8n-workflow') as typeof import('n8n-workflow');
const loaded = new Map<string, INodeType | IVersionedNodeType>();

function nodeType(type: string): INodeType | IVersionedNodeType {
	if (type === 'n8n-nodes-replicated.replicated') return new Replicated();
	if (type === 'n8n-nodes-replicated.replicatedTrigger') return new ReplicatedTrigger();
	// The tool n8n generates from our node at load (n8n's own convertNodeToAiTool).
	if (type === 'n8n-nodes-replicated.replicatedTool') {
		const { convertNodeToAiTool } = n8nRequire('n8n/dist/tool-generation/ai-tools') as {
			convertNodeToAiTool: (n: { description: INodeTypeDescription }) => INodeType;
		};
		return convertNodeToAiTool(
			new Replicated() as unknown as { description: INodeTypeDescription },
		);
	}
	const where = BASE_NODES[type];
	if (!where)
		throw new Error(
			`${type}: not a node type the templates are checked against; add it to BASE_NODES`,
		);
	if (!loaded.has(type)) {
		// The AI nodes' package exports no subpaths: its files are loaded by their path.
		const file = where[0].startsWith('@')
			? path.join(n8nInstall().n8nDir, 'node_modules', where[0])
			: n8nRequire.resolve(`n8n-nodes-base/dist/nodes/${where[0]}`);
		const NodeClass = (n8nRequire(file) as Record<string, new () => INodeType>)[where[1]];
		loaded.set(type, new NodeClass());
	}
	return loaded.get(type)!;
}

function description(type: string, version: number): INodeTypeDescription {
	// n8n's human review for agent tools: the Send and Wait node it is generated from, converted at
	// load by n8n's own convertNodeToHitlTool (n8n/dist/tool-generation/hitl-tools.js).
	if (type.endsWith('HitlTool')) {
		const { convertNodeToHitlTool } = n8nRequire('n8n/dist/tool-generation/hitl-tools') as {
			convertNodeToHitlTool: (n: { description: INodeTypeDescription }) => INodeType;
		};
		const base = structuredClone(description(type.replace(/HitlTool$/, ''), version));
		return convertNodeToHitlTool({ description: base }).description;
	}
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

export function nodeProblems(t: Template): string[] {
	const wf = t.workflow;
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
		const userSets = (t.userSets ?? []).filter((u) => u.node === node.name).map((u) => u.parameter);
		const remaining = Object.keys(issues?.parameters ?? {}).filter((p) => !userSets.includes(p));
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
	return problems;
}

console.log(
	JSON.stringify(Object.fromEntries(TEMPLATES.map((t) => [templatePath(t), nodeProblems(t)]))),
);

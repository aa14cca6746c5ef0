/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import 'reflect-metadata';

import { requireFromN8n } from './n8n-runtime';

/**
 * n8n's own "Migration Report" checks for n8n 3 (Settings > Migration Report), as the installed
 * n8n ships them: one class per breaking change in n8n/dist/modules/breaking-changes/rules/v3/.
 * Running them here checks this package's workflows and settings with n8n's code instead of a
 * list of ours (docs/compatibility.md).
 */

interface Issue {
	title: string;
}
interface Report {
	isAffected: boolean;
	issues?: Issue[];
	instanceIssues?: Issue[];
}
export interface WorkflowRule {
	id: string;
	detectWorkflow(workflow: unknown, nodesByType: Map<string, unknown[]>): Promise<Report>;
}
export interface InstanceRule {
	id: string;
	detect(): Promise<Report>;
}

const BREAKING_CHANGES = 'n8n/dist/modules/breaking-changes';

/** The rule classes of one v3 rule file (a file may hold several, e.g. one per removed node). */
function ruleClasses(file: string): Array<new (...deps: unknown[]) => object> {
	const module = requireFromN8n()(`${BREAKING_CHANGES}/rules/v3/${file}`) as Record<
		string,
		unknown
	>;
	return Object.values(module).filter(
		(value): value is new (...deps: unknown[]) => object => typeof value === 'function',
	);
}

function v3RuleFiles(): string[] {
	const dir = path.dirname(requireFromN8n().resolve(`${BREAKING_CHANGES}/rules/index.js`));
	return readdirSync(path.join(dir, 'v3')).filter((f) => f.endsWith('.rule.js'));
}

/**
 * Every v3 rule that checks a workflow. Only the "Always Output Data" rule takes an argument:
 * n8n's NodeTypes, to count a node's outputs; the others ignore it.
 */
export function workflowRules(nodeTypes: unknown): WorkflowRule[] {
	return v3RuleFiles()
		.flatMap(ruleClasses)
		.map((Rule) => new Rule(nodeTypes))
		.filter((rule): rule is WorkflowRule => 'detectWorkflow' in rule);
}

/** The v3 rule in `file` that checks the instance, built with `deps` (its constructor's). */
export function instanceRule(file: string, ...deps: unknown[]): InstanceRule {
	const [Rule] = ruleClasses(file);
	return new Rule(...deps) as InstanceRule;
}

/** n8n's grouping of a workflow's nodes by type, which every workflow rule reads. */
export function nodesByType(nodes: Array<{ type: string }>): Map<string, unknown[]> {
	const { groupNodesByType } = requireFromN8n()(`${BREAKING_CHANGES}/group-nodes-by-type`) as {
		groupNodesByType: (n: unknown[]) => Map<string, unknown[]>;
	};
	return groupNodesByType(nodes);
}

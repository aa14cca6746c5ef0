import type { z } from 'zod/v4';

import { EVENT_DATA } from '../../nodes/Replicated/schemas/event-data';
import { NODE_OUTPUTS, type NodeOutputKey } from '../../nodes/Replicated/node-outputs';
import type { TemplateNode, Workflow } from '../../scripts/templates/kit';

/**
 * Checks that a template's expressions read only fields our nodes guarantee: every
 * `$('Our Node').item.json.a.b` (and `$json.a.b` right after one of our nodes) must name a path
 * declared in that node's output schema; `data.x` of the trigger must be a field known for one of
 * the events the trigger selects.
 */
export interface FieldRead {
	node: string;
	source: string;
	path: string[];
}

const TRANSPARENT = new Set(['n8n-nodes-base.if', 'n8n-nodes-base.filter', 'n8n-nodes-base.noOp']);
const OURS = 'n8n-nodes-replicated.';

function strings(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const v of value) strings(v, out);
	else if (value && typeof value === 'object')
		for (const v of Object.values(value)) strings(v, out);
	return out;
}

/** `.a?.b['c'][0]` → ['a','b','c','0'], stopping at calls and computed keys. */
function parsePath(rest: string): string[] {
	const path: string[] = [];
	const re =
		/^(?:\?\.|\.)([A-Za-z_$][\w$]*)(?![\w$]|\s*\()|^(?:\?\.)?\[(?:'([^']+)'|"([^"]+)"|(\d+))\]/;
	let m: RegExpExecArray | null;
	while ((m = re.exec(rest))) {
		path.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
		rest = rest.slice(m[0].length);
	}
	return path;
}

function upstream(wf: Workflow, name: string): TemplateNode | undefined {
	const parents = Object.entries(wf.connections)
		.filter(([, c]) => (c.main ?? []).some((out) => out.some((t) => t.node === name)))
		.map(([from]) => wf.nodes.find((n) => n.name === from)!);
	if (parents.length !== 1) return undefined;
	const parent = parents[0];
	return TRANSPARENT.has(parent.type) ? upstream(wf, parent.name) : parent;
}

export function fieldReads(wf: Workflow): FieldRead[] {
	const reads: FieldRead[] = [];
	for (const node of wf.nodes) {
		for (const text of strings(node.parameters)) {
			for (const m of text.matchAll(/\$\(\s*'([^']+)'\s*\)\.(?:item|first\(\)|last\(\))\.json/g))
				reads.push({
					node: node.name,
					source: m[1],
					path: parsePath(text.slice(m.index + m[0].length)),
				});
			for (const m of text.matchAll(/(?<![\w.)])\$json/g)) {
				const parent = upstream(wf, node.name);
				if (parent)
					reads.push({
						node: node.name,
						source: parent.name,
						path: parsePath(text.slice(m.index + m[0].length)),
					});
			}
		}
	}
	return reads;
}

function outputKey(node: TemplateNode): NodeOutputKey | undefined {
	if (node.type === `${OURS}replicatedTrigger`) return 'trigger';
	const key = `${String(node.parameters.resource)}.${String(node.parameters.operation)}`;
	return key in NODE_OUTPUTS ? (key as NodeOutputKey) : undefined;
}

type Def = {
	type: string;
	shape?: Record<string, z.ZodType>;
	innerType?: z.ZodType;
	in?: z.ZodType;
	valueType?: z.ZodType;
	element?: z.ZodType;
	options?: z.ZodType[];
	catchall?: z.ZodType;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema at `path`, or a reason why the path is not guaranteed. */
export function schemaAt(
	schema: z.ZodType,
	path: string[],
): { ok: true } | { ok: false; reason: string } {
	let current = schema;
	for (let i = 0; i < path.length; i++) {
		let def = defOf(current);
		while (['optional', 'nullable', 'default', 'pipe', 'readonly'].includes(def.type)) {
			current = (def.innerType ?? def.in)!;
			def = defOf(current);
		}
		const key = path[i];
		if (def.type === 'object' && def.shape && key in def.shape) current = def.shape[key];
		else if (def.type === 'record' && def.valueType) current = def.valueType;
		else if (def.type === 'array' && /^\d+$/.test(key) && def.element) current = def.element;
		else if (def.type === 'unknown' || def.type === 'any') return { ok: true };
		else
			return {
				ok: false,
				reason: `"${path.slice(0, i + 1).join('.')}" is not in the output schema`,
			};
	}
	return { ok: true };
}

/** Problems with a template's reads of our nodes' output, in words. */
export function checkFieldReads(wf: Workflow): string[] {
	const problems: string[] = [];
	for (const read of fieldReads(wf)) {
		const source = wf.nodes.find((n) => n.name === read.source);
		if (!source) {
			problems.push(`${read.node}: reads from "${read.source}", which is not in the workflow`);
			continue;
		}
		if (!source.type.startsWith(OURS)) continue;
		const key = outputKey(source);
		if (!key) {
			problems.push(
				`${read.node}: reads the output of ${source.name}, whose operation has no published schema`,
			);
			continue;
		}
		if (key === 'trigger' && read.path[0] === 'data' && read.path.length > 1) {
			const events = source.parameters.events as string[];
			const known = events.some((e) => {
				const schema = EVENT_DATA[e as keyof typeof EVENT_DATA];
				return schema && schemaAt(schema, read.path.slice(1, 2)).ok;
			});
			if (!known)
				problems.push(
					`${read.node}: data.${read.path[1]} is not a known field of ${events.join(', ')}`,
				);
			continue;
		}
		const at = schemaAt(NODE_OUTPUTS[key], read.path);
		if (!at.ok) problems.push(`${read.node}: ${source.name} ${at.reason}`);
	}
	return problems;
}

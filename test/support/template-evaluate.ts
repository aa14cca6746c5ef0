import {
	createRunExecutionData,
	type IDataObject,
	type IExecuteData,
	type INodeExecutionData,
	type INodeTypes,
	type ITaskData,
	type NodeParameterValueType,
	Workflow,
} from 'n8n-workflow';

import type { Workflow as Template } from '../../scripts/templates/kit';

/**
 * Evaluates a template's expression as n8n does when the node holding it runs: a Workflow of the
 * template, n8n's expression engine and data proxy, and run data in which each node on the way
 * from the trigger produced one item, paired to the one before (so `$('Replicated Trigger').item`,
 * `$('Config').first()` and `$json` resolve as in an execution). `outputs` holds each of those
 * nodes' item (`{}` for a node not given).
 */
export function evaluateIn(
	template: Template,
	nodeName: string,
	value: NodeParameterValueType,
	outputs: Record<string, IDataObject>,
): unknown {
	const workflow = new Workflow({
		id: template.id,
		name: template.name,
		nodes: template.nodes as never,
		connections: template.connections as never,
		active: false,
		// Node types are not needed to evaluate an expression; parameters stay as the template has them.
		nodeTypes: {
			getByName: () => undefined,
			getByNameAndVersion: () => undefined,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes,
		settings: template.settings,
	});
	const path = pathTo(template, nodeName);
	const runData: Record<string, ITaskData[]> = {};
	let previous: { node: string; output: number } | null = null;
	path.forEach(({ node, output }, index) => {
		const main: INodeExecutionData[][] = Array.from({ length: output + 1 }, () => []);
		main[output] = [{ json: outputs[node] ?? {}, pairedItem: { item: 0 } }];
		runData[node] = [
			{
				startTime: 0,
				executionTime: 0,
				executionIndex: index,
				source: previous
					? [
							{
								previousNode: previous.node,
								previousNodeOutput: previous.output,
								previousNodeRun: 0,
							},
						]
					: [],
				data: { main },
			},
		];
		previous = { node, output };
	});
	const parent = path[path.length - 1];
	const input: INodeExecutionData[] = [
		{ json: outputs[parent.node] ?? {}, pairedItem: { item: 0 } },
	];
	const executeData: IExecuteData = {
		node: workflow.getNode(nodeName)!,
		data: { main: [input] },
		source: {
			main: [{ previousNode: parent.node, previousNodeOutput: parent.output, previousNodeRun: 0 }],
		},
	};
	return workflow.expression.getParameterValue(
		value,
		createRunExecutionData({ resultData: { runData } }),
		0,
		0,
		nodeName,
		input,
		'manual',
		{},
		executeData,
	);
}

/** The nodes from the trigger to `nodeName`'s parent, each with the output that leads on. */
function pathTo(template: Template, nodeName: string): Array<{ node: string; output: number }> {
	const path: Array<{ node: string; output: number }> = [];
	for (let child = nodeName; ; ) {
		const from = Object.entries(template.connections).flatMap(([node, types]) =>
			(types.main ?? []).flatMap((targets, output) =>
				targets.some((t) => t.node === child) ? [{ node, output }] : [],
			),
		);
		if (!from.length) break;
		if (from.length > 1)
			throw new Error(`${child} has ${from.length} parents in ${template.name}: name the path`);
		path.unshift(from[0]);
		child = from[0].node;
	}
	if (!path.length) throw new Error(`${nodeName} has no parent in ${template.name}`);
	return path;
}

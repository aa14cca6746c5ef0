/**
 * What n8n's AI workflow builder is told about the two nodes, read through n8n 2.41.1's own code:
 * its node search (@n8n/ai-utilities node-catalog) and the type definition it writes for a node that
 * is not built in (n8n's mcp-registry synthesizeNodeTypeDef).
 */
import type { INodeTypeDescription } from 'n8n-workflow';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import {
	NODE_BUILDER_HINT,
	PARAMETER_BUILDER_HINTS,
} from '../../nodes/Replicated/actions/builder-hints';
import {
	TRIGGER_BUILDER_HINT,
	TRIGGER_PARAMETER_BUILDER_HINTS,
} from '../../nodes/Replicated/trigger/panel/builder-hints';
import { requireFromN8n } from '../support/n8n-runtime';

interface NodeCatalog {
	NodeTypeParser: new (nodeTypes: INodeTypeDescription[]) => unknown;
	formatNodeResult(parser: unknown, nodeId: string): string | undefined;
}

const n8n = requireFromN8n();
const catalog = n8n('@n8n/ai-utilities/node-catalog') as NodeCatalog;
const { synthesizeNodeTypeDef } = n8n('n8n/dist/modules/mcp-registry/synthesize-type-def.js') as {
	synthesizeNodeTypeDef(description: INodeTypeDescription): string;
};

/** The description as n8n loads it from the installed package: its type named with the package. */
const loaded = (description: INodeTypeDescription): INodeTypeDescription => ({
	...description,
	name: `n8n-nodes-replicated.${description.name}`,
});
const action = loaded(new Replicated().description);
const trigger = loaded(new ReplicatedTrigger().description);
const hintLines = (text: string) =>
	text
		.split('\n')
		.filter((line) => line.includes('@builderHint'))
		.map((line) => line.replace(/^\s*\*?\s*@builderHint /, ''));

describe('what n8n’s AI workflow builder reads about the nodes', () => {
	const parser = new catalog.NodeTypeParser([action, trigger]);

	it('its node search shows each node’s hint and related nodes', () => {
		const result = (id: string) => catalog.formatNodeResult(parser, id)!;
		expect(hintLines(result(action.name))).toEqual([NODE_BUILDER_HINT.searchHint]);
		expect(result(action.name)).toContain(
			[
				'  @relatedNodes',
				...NODE_BUILDER_HINT.relatedNodes!.map((r) => `    - ${r.nodeType}: "${r.relationHint}"`),
			].join('\n'),
		);
		expect(hintLines(result(trigger.name))).toEqual([TRIGGER_BUILDER_HINT.searchHint]);
		expect(result(trigger.name)).toContain(
			`    - n8n-nodes-replicated.replicated: "${TRIGGER_BUILDER_HINT.relatedNodes![0].relationHint}"`,
		);
	});

	it('the type definition it writes carries every parameter hint, and the node’s', () => {
		const escaped = (hint: string) => hint.replace(/</g, '&lt;').replace(/>/g, '&gt;');
		const actionHints = new Set(hintLines(synthesizeNodeTypeDef(action)));
		expect(actionHints).toEqual(
			new Set(
				[NODE_BUILDER_HINT.searchHint!, ...Object.values(PARAMETER_BUILDER_HINTS)].map(escaped),
			),
		);
		const triggerHints = new Set(hintLines(synthesizeNodeTypeDef(trigger)));
		expect(triggerHints).toEqual(
			new Set(
				[TRIGGER_BUILDER_HINT.searchHint!, ...Object.values(TRIGGER_PARAMETER_BUILDER_HINTS)].map(
					escaped,
				),
			),
		);
	});

	it('relates only to node types that exist', () => {
		expect(
			[...NODE_BUILDER_HINT.relatedNodes!, ...TRIGGER_BUILDER_HINT.relatedNodes!].map(
				(r) => r.nodeType,
			),
		).toEqual([
			trigger.name,
			'n8n-nodes-base.salesforce',
			'n8n-nodes-base.hubspot',
			action.name,
			'n8n-nodes-base.salesforce',
			'n8n-nodes-base.hubspot',
		]);
		for (const type of ['Salesforce/Salesforce', 'Hubspot/Hubspot'])
			expect(() => n8n.resolve(`n8n-nodes-base/dist/nodes/${type}.node.js`)).not.toThrow();
	});
});

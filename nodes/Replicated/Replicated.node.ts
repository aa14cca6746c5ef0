import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { NODE_BUILDER_HINT, PARAMETER_BUILDER_HINTS } from './actions/builder-hints';
import { includeLicenseIdProperty } from './actions/license-id-option';
import { resourceListProperties } from './actions/resources';
import { router } from './actions/router';
import { toolModeProperties } from './actions/tool-mode';
import { withBuilderHints } from './builder-hints';
import { listSearch, loadOptions } from './methods';

export class Replicated implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Replicated',
		name: 'replicated',
		icon: { light: 'file:replicated.svg', dark: 'file:replicated.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and convert Replicated customer licenses, read Enterprise Portal milestones and revenue-recognition dates, list or export instances, and score customer health',
		defaults: { name: 'Replicated' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'replicatedApi', required: true },
			// An API key of this n8n: Notification → Check Trigger Health reads the published workflows
			// with it (n8n-api/active-triggers.ts).
			{
				name: 'replicatedN8nApi',
				required: true,
				displayOptions: {
					show: {
						resource: ['notification'],
						operation: ['checkTriggerHealth'],
						compareWorkflows: [true],
					},
				},
			},
		],
		properties: withBuilderHints(
			[...toolModeProperties, ...resourceListProperties, includeLicenseIdProperty],
			PARAMETER_BUILDER_HINTS,
		),
		builderHint: NODE_BUILDER_HINT,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

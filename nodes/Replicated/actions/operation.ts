import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { z } from 'zod/v4';

import type { ToolRules } from './tool-mode';

/** An entry of a resource's Operation list, as the user sees it (and the AI tool's action name). */
export interface OperationOption {
	name: string;
	value: string;
	description: string;
	action: string;
}

/**
 * What each `<operation>.operation.ts` exports (its module is the operation): the option, its
 * fields, what it does per item, and the item it emits. The node's lists, the router and
 * `NODE_OUTPUTS` are derived from these, so a new operation is its file and one line in its resource.
 */
export interface Operation extends ToolRules {
	option: OperationOption;
	/** The operation's fields (n8n properties), shown only for it. */
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
	/** True when the operation reads all input items in one run (it then pairs its own outputs). */
	runsOnce?: (ctx: IExecuteFunctions) => boolean;
	/** The item it emits: what templates may read (tests hold the operation to it). */
	output: z.ZodType;
}

/** A resource: its entry in the node's Resource list and its operations, each listed once. */
export interface Resource {
	option: { name: string; value: string; description: string };
	/** The operation selected when the resource is picked. */
	defaultOperation: string;
	/** Properties shown above the Operation list for the whole resource (a permissions notice). */
	notices?: INodeProperties[];
	/** In the order their fields appear; the Operation list shows them sorted by name. */
	operations: Operation[];
}

/** n8n's lint wants option lists sorted by name; the sort is done here, once. */
export function byName<T extends Pick<INodePropertyOptions, 'name'>>(options: T[]): T[] {
	return [...options].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The resource's properties: its notices, its Operation list, then each operation's fields. */
export function resourceProperties(resource: Resource): INodeProperties[] {
	const { defaultOperation } = resource;
	return [
		...(resource.notices ?? []),
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.option.value] } },
			options: byName(resource.operations.map((o) => o.option)),
			default: defaultOperation,
		},
		...resource.operations.flatMap((o) => o.description),
	];
}

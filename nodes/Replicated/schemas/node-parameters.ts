import {
	type INode,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	NodeOperationError,
} from 'n8n-workflow';
import type { z } from 'zod/v4';

type PanelEntry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** The fields one level down: a collection's options, a fixed collection's group's values. */
function fieldsIn(entry: PanelEntry | undefined): readonly PanelEntry[] {
	if (!entry) return [];
	if ('values' in entry) return entry.values;
	return 'options' in entry && entry.options ? entry.options : [];
}

/**
 * Where a value sits, as the user sees the field: ["options", "maxBodyKb"] is
 * "Options → Max Body Size (KB)"; a list's entry is "Events → #2". A name the panel does not
 * describe is given as it is.
 */
export function fieldLabel(properties: readonly INodeProperties[], path: readonly PropertyKey[]) {
	const labels: string[] = [];
	let fields: readonly PanelEntry[] = properties;
	for (const key of path) {
		if (typeof key === 'number') {
			labels.push(`#${key + 1}`);
			continue;
		}
		const field = fields.find((f) => f.name === key);
		labels.push(field && 'displayName' in field ? field.displayName : String(key));
		fields = fieldsIn(field);
	}
	return labels.join(' → ');
}

/** The error for a value that does not fit: the field as the panel names it, and what is wrong. */
function unfit(
	node: INode,
	properties: readonly INodeProperties[],
	path: readonly PropertyKey[],
	problem: string,
): NodeOperationError {
	const field = fieldLabel(properties, path);
	return new NodeOperationError(node, `${node.name}: ${field} ${problem}`, {
		description: `Check ${field} in the node's parameters (an expression must give a value of the field's kind).`,
	});
}

/**
 * Node parameters, keyed by name, checked by one schema (one safeParse). A value that does not fit
 * fails here, naming the field as the panel shows it and what is wrong, rather than further on as
 * a wrong result.
 */
export function parseParameters<T extends z.ZodType>(
	node: INode,
	properties: readonly INodeProperties[],
	schema: T,
	values: Record<string, unknown>,
): z.output<T> {
	const parsed = schema.safeParse(values);
	if (parsed.success) return parsed.data;
	const { path, message } = parsed.error.issues[0];
	throw unfit(node, properties, path, message);
}

/** One node parameter, checked by its schema, as parseParameters does. */
export function parseParameter<T extends z.ZodType>(
	node: INode,
	properties: readonly INodeProperties[],
	name: string,
	schema: T,
	value: unknown,
): z.output<T> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const { path, message } = parsed.error.issues[0];
	throw unfit(node, properties, [name, ...path], message);
}

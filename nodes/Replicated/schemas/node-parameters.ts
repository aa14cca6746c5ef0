import {
	type INode,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	NodeOperationError,
} from 'n8n-workflow';
import { z } from 'zod/v4';

/**
 * How a node reads its parameters, for both nodes: each one declared once, with the zod schema its
 * value must meet and the value n8n's fallback gives when it is absent. Read through
 * `readParameters`, a wrong value fails before any request, naming the field and what is wrong.
 */
export interface Param<T extends z.ZodType = z.ZodType> {
	schema: T;
	/** The field's name in the node (its displayName), for the error, when the node names it so. */
	label?: string;
	/** The value when the parameter is absent (hidden by its display options, or an older node). */
	fallback?: unknown;
	/** A resource locator: its value (n8n's `extractValue`), not the `{ mode, value }` object. */
	locator?: boolean;
}

export function param<T extends z.ZodType>(
	schema: T,
	label?: string,
	options: Omit<Param, 'schema' | 'label'> = {},
): Param<T> {
	return { schema, label, ...options };
}

export type Params<P extends Record<string, Param>> = { [K in keyof P]: z.output<P[K]['schema']> };

/** A value that does not fit: its parameter, where inside the value, and what is wrong. */
export interface Misfit {
	name: string;
	param: Param;
	path: readonly PropertyKey[];
	message: string;
}

/**
 * The parameters `params` names, each given by `read` and checked by its schema; the first that does
 * not fit is thrown, as the node words it (`refuse`).
 */
export function readParameters<P extends Record<string, Param>>(
	params: P,
	read: (name: string, param: Param) => unknown,
	refuse: (misfit: Misfit) => Error,
): Params<P> {
	const out: Record<string, unknown> = {};
	for (const [name, param] of Object.entries(params)) {
		const parsed = param.schema.safeParse(read(name, param));
		if (!parsed.success) {
			const { path, message } = parsed.error.issues[0];
			throw refuse({ name, param, path, message });
		}
		out[name] = parsed.data;
	}
	return out as Params<P>;
}

/** Text as a field or an expression gives it (a number from an expression too), trimmed; none is ''. */
export const text = z
	.union([z.string(), z.number(), z.boolean(), z.null(), z.undefined()], {
		error: 'is not text',
	})
	.transform((value) => (value === null || value === undefined ? '' : String(value).trim()));

/** A toggle: true or false. */
export const toggle = z.boolean({ error: 'is not true or false' });

/** A number field (Limit, Period); n8n gives a number. */
export const count = z.number({ error: 'is not a number' });

/** A collection of options (a `collection` parameter): the fields set, each checked. */
export const collection = <T extends z.core.$ZodLooseShape>(shape: T) =>
	z.looseObject(shape, { error: 'is not a set of options' });

/** A parameter passed on as it is, checked by the validator it goes to (its own error texts). */
export const given = z.unknown();

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

/**
 * The error for a value that does not fit, the field named as the panel `properties` shows it:
 * "Replicated Trigger: Options → Max Body Size (KB) is not a number".
 */
export function unfit(
	node: INode,
	properties: readonly INodeProperties[],
	{ name, path, message }: Misfit,
): NodeOperationError {
	const field = fieldLabel(properties, [name, ...path]);
	return new NodeOperationError(node, `${node.name}: ${field} ${message}`, {
		description: `Check ${field} in the node's parameters (an expression must give a value of the field's kind).`,
	});
}

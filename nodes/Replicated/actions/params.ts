import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { invalid } from './validate';

/**
 * How an operation reads its node parameters: each one declared once, next to its fields, with the
 * zod schema its value must meet. Read through `readParams`, a wrong value fails before any request,
 * naming the field as the user sees it and what is wrong with it.
 */
export interface Param<T extends z.ZodType = z.ZodType> {
	schema: T;
	/** The field's name in the node (its displayName), for the error. */
	label: string;
	/** The value when the parameter is absent (hidden by its display options, or an older node). */
	fallback?: unknown;
	/** A resource locator: its value (n8n's `extractValue`), not the `{ mode, value }` object. */
	locator?: boolean;
}

export function param<T extends z.ZodType>(
	schema: T,
	label: string,
	options: Omit<Param, 'schema' | 'label'> = {},
): Param<T> {
	return { schema, label, ...options };
}

export type Params<P extends Record<string, Param>> = { [K in keyof P]: z.output<P[K]['schema']> };

/** "is not text": the first problem zod found, with where in a collection it is. */
function problemOf(error: z.ZodError): string {
	const issue = error.issues[0];
	const where = issue.path.length ? ` (${issue.path.join(' → ')})` : '';
	return `${issue.message}${where}`;
}

/** The parameters `params` names, each checked by its schema; the first bad one is an error. */
export function readParams<P extends Record<string, Param>>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: P,
): Params<P> {
	const out: Record<string, unknown> = {};
	for (const [name, { schema, label, fallback, locator }] of Object.entries(params)) {
		const value = ctx.getNodeParameter(
			name,
			itemIndex,
			fallback,
			locator ? { extractValue: true } : undefined,
		);
		const parsed = schema.safeParse(value);
		if (!parsed.success)
			throw invalid(ctx, itemIndex, label, problemOf(parsed.error), `Check the ${label} field.`);
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

import type { IExecuteFunctions } from 'n8n-workflow';

import { type Misfit, type Param, type Params, readParameters } from '../schemas/node-parameters';
import { invalid } from './validate';

/** "is not text": what zod found wrong, with where in a collection it is. */
function problemOf({ path, message }: Misfit): string {
	const where = path.length ? ` (${path.join(' → ')})` : '';
	return `${message}${where}`;
}

/**
 * The action node's parameters for one item, read through `readParameters`: a resource locator
 * gives its value, and a wrong value fails as the action's other validators do, naming the field by
 * the label its operation wrote.
 */
export function readParams<P extends Record<string, Param>>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: P,
): Params<P> {
	return readParameters(
		params,
		(name, { fallback, locator }) =>
			ctx.getNodeParameter(name, itemIndex, fallback, locator ? { extractValue: true } : undefined),
		(misfit) => {
			const label = misfit.param.label ?? misfit.name;
			return invalid(ctx, itemIndex, label, problemOf(misfit), `Check the ${label} field.`);
		},
	);
}

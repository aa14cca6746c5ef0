import type { z } from 'zod/v4';

import { operationsByKey } from './actions/resources';
import { eventItemSchema } from './schemas/event-item';

/** `trigger`, or an action's `resource.operation`. */
export type NodeOutputKey = 'trigger' | `${string}.${string}`;

/**
 * The item each of our nodes emits, by `resource.operation` (the trigger as `trigger`): the fields
 * templates may read. Derived from the operations' `output`; tests hold the nodes to these and check
 * the templates' expressions against them.
 */
export const NODE_OUTPUTS: Readonly<Record<NodeOutputKey, z.ZodType>> = {
	trigger: eventItemSchema,
	...Object.fromEntries(operationsByKey().map(([key, operation]) => [key, operation.output])),
};

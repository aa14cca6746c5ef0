import { z } from 'zod/v4';

import type { Acknowledge } from '../delivery/acknowledge';

const flag = z.boolean({ error: 'is not true or false' }).optional();
const number = z.number({ error: 'is not a number' }).optional();
const text = z.string({ error: 'is not text' }).optional();

/**
 * The trigger's Options collection (panel/description.ts), as the delivery and lifecycle read it.
 * Only the types are checked: ranges (Max Body Size ≥ 1, …) are the panel's, and the readers
 * treat any number as they always did. Names no longer in the panel are dropped.
 */
export const triggerOptionsSchema = z.object(
	{
		acknowledge: z
			.enum(['onReceipt', 'afterRun'] satisfies Acknowledge[], {
				error: 'is neither On Receipt nor After the Workflow Succeeds',
			})
			.optional(),
		allowUnsigned: flag,
		enrichCustomer: flag,
		includeRaw: flag,
		maxBodyKb: number,
		replayToleranceMinutes: number,
		requiredHeader: z
			.object(
				{ header: z.object({ name: text, value: text }, { error: 'is not a header' }).optional() },
				{ error: 'is not a header' },
			)
			.optional(),
		catchUp: flag,
		secretVersion: number,
		revokePreviousSecret: flag,
		failureContact: text,
	},
	{ error: 'is not a set of options' },
);

export type TriggerOptions = z.infer<typeof triggerOptionsSchema>;

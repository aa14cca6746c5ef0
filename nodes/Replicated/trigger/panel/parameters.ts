import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { type Param, type Params, readParameters, unfit } from '../../schemas/node-parameters';
import { triggerProperties } from './description';
import { triggerOptionsSchema } from './options';

/**
 * The trigger's parameters but the per-event settings (read by filters.ts, only those of the event
 * at hand), each with its zod schema and the value n8n's fallback gives when it is absent. A wrong
 * one is named as the panel shows it (fieldLabel), so they need no label here.
 */
const PARAMETERS = {
	registration: {
		schema: z.enum(['auto', 'manual'], { error: 'is neither Automatic nor Manual' }),
		fallback: 'auto',
	},
	events: {
		schema: z.array(z.string({ error: 'is not an event' }), { error: 'is not a list of events' }),
		fallback: ['*'],
	},
	// Each filter's value is read by filters.ts (text, a list, or the App picker's {mode, value}).
	filters: {
		schema: z.record(z.string(), z.unknown(), { error: 'is not a set of filters' }),
		fallback: {},
	},
	options: { schema: triggerOptionsSchema, fallback: {} },
} satisfies Record<string, Param>;

export type TriggerParameters = Params<typeof PARAMETERS>;

type Reader = IHookFunctions | IWebhookFunctions;

/** The parameters `params` names, read and checked; the first that does not fit is the error. */
const read = <P extends Record<string, Param>>(ctx: Reader, params: P): Params<P> =>
	readParameters(
		params,
		(name, { fallback }) => ctx.getNodeParameter(name, fallback),
		(misfit) => unfit(ctx.getNode(), triggerProperties, misfit),
	);

/**
 * Registration, Events, Filters and Options, read and checked at once: a delivery reads them here,
 * on arrival.
 */
export const triggerParameters = (ctx: Reader): TriggerParameters => read(ctx, PARAMETERS);

/** Registration alone, for a step that reads only it. */
export const registration = (ctx: Reader): TriggerParameters['registration'] =>
	read(ctx, { registration: PARAMETERS.registration }).registration;

/** Options alone, as the activation steps read them. */
export const triggerOptions = (ctx: Reader): TriggerParameters['options'] =>
	read(ctx, { options: PARAMETERS.options }).options;

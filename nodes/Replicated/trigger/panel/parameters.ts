import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { parseParameter, parseParameters } from '../../schemas/node-parameters';
import { triggerProperties } from './description';
import { type TriggerOptions, triggerOptionsSchema } from './options';

/**
 * The trigger's parameters but the per-event settings (read by filters.ts, only those of the event
 * at hand), each with its zod schema and the value n8n's fallback gives when it is absent.
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
} as const;

type Name = keyof typeof PARAMETERS;

const allParameters = z.object({
	registration: PARAMETERS.registration.schema,
	events: PARAMETERS.events.schema,
	filters: PARAMETERS.filters.schema,
	options: PARAMETERS.options.schema,
});

export type TriggerParameters = z.output<typeof allParameters>;

type Reader = IHookFunctions | IWebhookFunctions;

const read = (ctx: Reader, name: Name) => ctx.getNodeParameter(name, PARAMETERS[name].fallback);

/**
 * Registration, Events, Filters and Options, read and checked at once: a delivery reads them here,
 * on arrival, with one safeParse.
 */
export function triggerParameters(ctx: Reader): TriggerParameters {
	const values = {
		registration: read(ctx, 'registration'),
		events: read(ctx, 'events'),
		filters: read(ctx, 'filters'),
		options: read(ctx, 'options'),
	};
	return parseParameters(ctx.getNode(), triggerProperties, allParameters, values);
}

/** Registration alone, for a step that reads only it. */
export const registration = (ctx: Reader): TriggerParameters['registration'] =>
	parseParameter(
		ctx.getNode(),
		triggerProperties,
		'registration',
		PARAMETERS.registration.schema,
		read(ctx, 'registration'),
	);

/** Options alone, as the activation steps read them. */
export const triggerOptions = (ctx: Reader): TriggerOptions =>
	parseParameter(
		ctx.getNode(),
		triggerProperties,
		'options',
		PARAMETERS.options.schema,
		read(ctx, 'options'),
	);

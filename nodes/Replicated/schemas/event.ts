import { z } from 'zod/v4';

import { keyedBy } from './keyed';

/** The delivery envelope (API.md §2.1): `{event, timestamp, data, text}` plus `test: true` on tests. */
export const deliverySchema = z.looseObject({
	event: z.string().min(1, 'must name the event'),
	timestamp: z
		.string()
		.refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date-time'),
	// Any key: one named `constructor` must not cost the delivery (keyed.ts).
	data: keyedBy(z.unknown()),
	text: z.string().nullish(),
	test: z.boolean().nullish(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** The first problem with a delivery, naming the field (for the 400 answer). */
export function deliveryProblem(error: z.ZodError): string {
	const issue = error.issues[0];
	const field = issue.path.length ? issue.path.join('.') : 'body';
	return `${field}: ${issue.message}`;
}

import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

/** Which entitlement limits which custom metric: Score Customers and Renewal Prep both ask. */
export const USAGE_LIMITS: INodeProperties = {
	displayName: 'Usage Limits',
	name: 'usageLimits',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	description:
		'Which entitlement limits which custom metric, for "near entitlement limit" signals. A metric and an entitlement whose names match (ignoring case and punctuation, e.g. active_users and active-users) are paired without being listed.',
	options: [
		{
			displayName: 'Limit',
			name: 'limit',
			values: [
				{
					displayName: 'Custom Metric',
					name: 'metric',
					type: 'string',
					default: '',
					placeholder: 'e.g. active_users',
				},
				{
					displayName: 'Entitlement',
					name: 'entitlement',
					type: 'string',
					default: '',
					placeholder: 'e.g. seats',
					description: 'The license field that holds the limit',
				},
			],
		},
	],
};

/** The Usage Limits fixed collection: rows of a metric and the entitlement that limits it. */
export const usageLimitsSchema = z
	.looseObject({
		limit: z
			.array(z.looseObject({ metric: z.string().optional(), entitlement: z.string().optional() }))
			.optional(),
	})
	.optional();
export type UsageLimitsValue = z.output<typeof usageLimitsSchema>;

export function usageLimits(value: UsageLimitsValue | undefined) {
	return (value?.limit ?? [])
		.map((l) => ({ metric: (l.metric ?? '').trim(), entitlement: (l.entitlement ?? '').trim() }))
		.filter((l) => l.metric && l.entitlement);
}

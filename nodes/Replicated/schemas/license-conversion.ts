import { z } from 'zod/v4';

import { scalarSchema } from './common';

import { customerItemSchema } from './customer';

const licenseState = z.object({
	licenseType: z.string().nullable(),
	expiresAt: z.string().nullable(),
	channel: z.string().nullable(),
	entitlements: z.record(z.string(), scalarSchema),
});

/** What License → Convert emits: the license before and after, and the customer as it is now. */
export const licenseConversionSchema = z.object({
	customId: z.string().nullable(),
	customerId: z.string(),
	name: z.string(),
	/** False when the license already had the target type (a repeated conversion changes nothing). */
	converted: z.boolean(),
	before: licenseState,
	after: licenseState,
	changedEntitlements: z.array(
		z.object({ name: z.string(), before: scalarSchema, after: scalarSchema }),
	),
	customer: customerItemSchema,
});
export type LicenseConversion = z.infer<typeof licenseConversionSchema>;
export type LicenseState = z.infer<typeof licenseState>;

import { z } from 'zod/v4';

/** `GET /v3/app/{appId}/customers` page envelope; items are validated by the caller's item schema. */
export const customerPageSchema = z.looseObject({
	customers: z
		.array(z.unknown())
		.nullish()
		.transform((v) => v ?? []),
	totalCustomers: z
		.number()
		.nullish()
		.transform((v) => v ?? 0),
});

/** `POST /v3/customers/search` page envelope. */
export const customerSearchPageSchema = z.looseObject({
	customers: z
		.array(z.unknown())
		.nullish()
		.transform((v) => v ?? []),
	total_hits: z
		.number()
		.nullish()
		.transform((v) => v ?? 0),
});

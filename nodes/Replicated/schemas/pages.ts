import { z } from 'zod/v4';

/**
 * A count the server reports (SPEC integer): a whole number from 0 to 2^53 - 1, else the answer is
 * refused, naming the field. Pages are never planned from it beyond the reader's own cap
 * (transport/pagination.ts MAX_PAGES), so a huge one costs nothing.
 */
export const serverCount = z
	.number()
	.int()
	.nonnegative()
	.nullish()
	.transform((v) => v ?? 0);

/** SPEC listAppCustomers page envelope; items are validated by the caller's item schema. */
export const customerPageSchema = z.looseObject({
	customers: z
		.array(z.unknown())
		.nullish()
		.transform((v) => v ?? []),
	totalCustomers: serverCount,
});

/** SPEC searchTeamCustomers page envelope. */
export const customerSearchPageSchema = z.looseObject({
	customers: z
		.array(z.unknown())
		.nullish()
		.transform((v) => v ?? []),
	total_hits: serverCount,
});

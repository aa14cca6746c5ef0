import { z } from 'zod/v4';

/**
 * Tolerant field: Replicated may omit optional fields or send null; both become null, so
 * templates can rely on the key being present.
 */
export const nullable = <T extends z.ZodType>(schema: T) =>
	schema
		.nullish()
		.transform((value): z.output<T> | null =>
			value === undefined ? null : (value as z.output<T> | null),
		);

/** An ISO-8601 timestamp as Replicated sends it; kept as the string it is. */
export const timestamp = z.string();

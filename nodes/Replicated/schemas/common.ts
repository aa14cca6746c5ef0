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

/** A value of an entitlement, a custom metric or a tag: string, integer or boolean per the docs. */
export const scalarSchema = z.union([z.string(), z.number(), z.boolean()]).nullable();
export type Scalar = z.infer<typeof scalarSchema>;

/**
 * Such a value typed from its text, the same way wherever it comes from (Replicated sends license
 * field values as strings, the CSV export everything as text): "250" → 250, "true" → true.
 */
export function looseScalar(value: unknown): Scalar {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	const text = String(value);
	if (text === 'true' || text === 'false') return text === 'true';
	if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) && text.length < 16) return Number(text);
	return text;
}

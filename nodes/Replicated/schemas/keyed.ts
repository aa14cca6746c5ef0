import { z } from 'zod/v4';

/**
 * Maps keyed by text someone else chose (custom metric names, entitlement and tag names, app
 * statuses, license types, webhook data): `constructor`, `__proto__`, `prototype`, `toString` and
 * `hasOwnProperty` are ordinary names there. A plain `{}` gives them meaning (a read of an absent
 * `constructor` finds Object, a write of `__proto__` swaps the prototype), and zod's `z.record`
 * refuses a whole object whose own `constructor` is not a function (its plain-object test reads
 * it), so one licensee's metric named `constructor` would reject a whole fleet's input.
 */

/** An empty map with no prototype: every key, `__proto__` included, is an own, ordinary entry. */
export function dict<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
	const out = Object.create(null) as Record<string, T>;
	for (const [key, value] of entries) out[key] = value;
	return out;
}

/** The value under `key` when the map holds one of its own (never an inherited member). */
export function own<T>(map: Record<string, T> | null | undefined, key: string): T | undefined {
	return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `z.record(z.string(), value)` for server keys: any own key is accepted, each value is checked
 * (an issue's path names its key), and the result is a `dict` (no prototype).
 */
export function keyedBy<T extends z.ZodType>(value: T) {
	return z
		.custom<Record<string, unknown>>(isMap, 'Invalid input: expected an object')
		.transform((input, ctx) => {
			const out = dict<z.output<T>>();
			for (const key of Object.keys(input)) {
				const parsed = value.safeParse(input[key]);
				if (parsed.success) out[key] = parsed.data;
				else
					for (const issue of parsed.error.issues)
						ctx.addIssue({ code: 'custom', message: issue.message, path: [key, ...issue.path] });
			}
			return out;
		});
}

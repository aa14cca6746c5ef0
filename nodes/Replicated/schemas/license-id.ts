/**
 * The license ID is the customer's registry password and download token (Replicated docs: the
 * license ID authenticates `helm registry login` and the install downloads). These are the names it
 * goes by in Replicated's objects: SPEC `Customer.installationId`, `CustomerInstance.licenseId`,
 * and our items' `licenseId`; the snake-case forms for the export and event payloads (INFERRED).
 */
export const LICENSE_ID_KEYS: ReadonlySet<string> = new Set([
	'licenseId',
	'installationId',
	'license_id',
	'installation_id',
]);

const MIN_SECRET = 8;

/** Deeper than any Replicated object; past it a value is dropped, not walked (bounded time). */
const MAX_DEPTH = 32;

/** A copy of a JSON value without any license ID field, at any depth. */
export function withoutLicenseIds<T>(value: T, depth = 0): T {
	if (value === null || typeof value !== 'object') return value;
	if (depth > MAX_DEPTH) return undefined as T;
	if (Array.isArray(value)) return value.map((v) => withoutLicenseIds(v, depth + 1)) as T;
	// fromEntries defines each key as its own property: a `__proto__` key stays data.
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => !LICENSE_ID_KEYS.has(key))
			.map(([key, v]) => [key, withoutLicenseIds(v, depth + 1)]),
	) as T;
}

/** The license IDs a JSON value holds under any of their names, at any depth. */
export function licenseIdsIn(value: unknown, found = new Set<string>(), depth = 0): Set<string> {
	if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return found;
	for (const [key, v] of Object.entries(value)) {
		// Replicated's IDs are 27 characters; a short value would blank ordinary words.
		if (LICENSE_ID_KEYS.has(key) && typeof v === 'string' && v.length >= MIN_SECRET) found.add(v);
		else licenseIdsIn(v, found, depth + 1);
	}
	return found;
}

export const WITHHELD = '[license ID withheld]';

/** Every occurrence of the given secrets in the strings of a JSON value, replaced by WITHHELD. */
export function redacted<T>(value: T, secrets: ReadonlySet<string>, depth = 0): T {
	if (!secrets.size) return value;
	if (typeof value === 'string') {
		let text: string = value;
		for (const secret of secrets) text = text.split(secret).join(WITHHELD);
		return text as T;
	}
	if (value === null || typeof value !== 'object') return value;
	if (depth > MAX_DEPTH) return undefined as T;
	if (Array.isArray(value)) return value.map((v) => redacted(v, secrets, depth + 1)) as T;
	return Object.fromEntries(
		Object.entries(value).map(([key, v]) => [key, redacted(v, secrets, depth + 1)]),
	) as T;
}

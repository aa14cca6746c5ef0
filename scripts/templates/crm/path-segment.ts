/**
 * A value as one URL path segment: percent-encoded (`encodeURIComponent`), so a Custom ID or record
 * ID with `/`, `?` or `#` stays inside its segment. `.` and `..` (which a URL resolves as "this" and
 * "parent" path, encoded or not) and an empty value name no record: they become a segment that
 * matches none, `(..)`, so the API answers 404 (an n8n expression swallows a thrown error, so this
 * cannot throw). Self-contained: the Attio templates carry its source into their request URLs.
 */
export function pathSegment(value: unknown): string {
	const text = String(value ?? '');
	if (text === '' || text === '.' || text === '..') return `(${text || 'empty'})`;
	return encodeURIComponent(text);
}

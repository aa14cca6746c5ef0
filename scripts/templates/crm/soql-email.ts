/**
 * Why an email cannot go into a SOQL string literal as n8n's Salesforce node writes one, or '' when
 * it can. n8n 1.123.x (n8n-nodes-base 1.121.53, Salesforce GenericFunctions `getValue`) quotes a
 * condition value as `'${value}'` without escaping: a `'` ends the literal early, so
 * `o'brien@x.example` breaks the query and a quoted local part such as `"x' OR Email != '"@evil.example`
 * selects another Lead. n8n 2.x escapes (`escapeSoqlString`), so the email is refused, not escaped
 * (escaping here would be doubled there); whitespace is refused too (2.x trims values, and no
 * deliverable address has any). Self-contained: the Salesforce templates carry its source.
 */
export function soqlEmailProblem(email: unknown): string {
	const text = String(email ?? '');
	if (/['"\\]/.test(text)) return 'it contains a quote or a backslash';
	if (/\s/.test(text)) return 'it contains whitespace';
	return '';
}

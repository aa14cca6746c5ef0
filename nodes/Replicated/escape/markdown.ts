/**
 * Text as inline Markdown prose (CommonMark): on one line, the characters Markdown reads as markup
 * backslash-escaped, and a start that would open a heading, list or rule escaped too. Self-contained
 * (no imports, no outer names) so a template's Code node can carry its source.
 */
export function escapeMarkdown(text: unknown): string {
	return (
		String(text ?? '')
			// eslint-disable-next-line no-control-regex -- line breaks and control characters are what this flattens
			.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
			.replace(/[\\`*_[\]<>|~]/g, '\\$&')
			// A start that opens a heading, a list item or a rule (each needs a space or the end after it):
			// a version such as 2.4.0 or a figure such as +12% is left as it is.
			.replace(/^([#+=-])(?=[#=-]*(\s|$))/, '\\$1')
			.replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
	);
}

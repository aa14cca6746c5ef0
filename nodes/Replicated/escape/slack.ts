/**
 * Text for Slack mrkdwn: `&`, `<` and `>` as entities (Slack's "Escaping text": the only three it
 * asks for), so a name cannot open a link or a mention such as `<!channel>`; line breaks flattened
 * so a name cannot start a quote or list line. Self-contained so a template's Code node can carry it.
 */
export function escapeSlack(text: unknown): string {
	return (
		String(text ?? '')
			// eslint-disable-next-line no-control-regex -- line breaks and control characters are what this flattens
			.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
	);
}

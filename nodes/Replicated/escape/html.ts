/**
 * Text for HTML element content or a quoted attribute value (email bodies, the dashboard, HubSpot
 * rich text, which is HTML). Self-contained (no imports, no outer names) so a template's Code node
 * can carry its source (`escapeHtml.toString()`) and escape exactly as the package does.
 */
export function escapeHtml(text: unknown): string {
	return String(text ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

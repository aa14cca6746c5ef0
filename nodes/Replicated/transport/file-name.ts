/** The longest file name kept: most file systems take 255 bytes; room is left for a suffix. */
export const MAX_FILE_NAME = 128;

/**
 * The export's file name from the server's `Content-Disposition`, made safe to write anywhere the
 * flow puts it (a disk, an archive, an email attachment): the name alone, without a directory
 * (`../`, `C:\\`), control characters or leading dots (no hidden or relative names), at most
 * MAX_FILE_NAME characters with its extension kept; `customer_instances.<format>` when nothing of
 * it is left. RFC 6266's `filename*` (UTF-8, percent-encoded) is read before `filename`.
 */
export function exportFileName(disposition: unknown, format: string): string {
	const fallback = `customer_instances.${format}`;
	const header = typeof disposition === 'string' ? disposition : '';
	const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
	let name = /filename\s*=\s*(?:"([^"]*)"|([^;]*))/i
		.exec(header)
		?.slice(1)
		.find((v) => v !== undefined);
	if (extended) {
		try {
			name = decodeURIComponent(extended.trim());
		} catch {
			// Not valid percent-encoding: the plain filename (or the default) stands.
		}
	}
	return safeFileName(name ?? '') || fallback;
}

/** A name with no path, control characters or leading dots, shortened keeping its extension. */
export function safeFileName(name: string): string {
	const base = name.split(/[/\\]/).pop() ?? '';
	// Control characters (C0, DEL, C1), and characters Windows refuses in a name.
	// eslint-disable-next-line no-control-regex
	let safe = base.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, '').trim();
	safe = safe.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
	// Counted in code points: a cut never splits a character in two.
	const chars = Array.from(safe);
	if (chars.length <= MAX_FILE_NAME) return safe;
	const dot = chars.lastIndexOf('.');
	const ext = dot > 0 && chars.length - dot <= 16 ? chars.slice(dot) : [];
	return [...chars.slice(0, MAX_FILE_NAME - ext.length), ...ext].join('');
}

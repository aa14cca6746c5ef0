/** One part of a multipart/form-data body: a field, or a file with its bytes as sent. */
export interface FormPart {
	name: string;
	filename: string | null;
	contentType: string | null;
	content: Buffer;
}

/**
 * A multipart/form-data body (RFC 7578) as the CRMs' upload endpoints read it, or null when the
 * request is not multipart. Bytes are kept exact: the split runs on a latin1 view of the buffer,
 * which maps every byte to one character and back.
 */
export function parseFormData(
	bytes: Buffer,
	contentType: string | string[] | undefined,
): FormPart[] | null {
	const type = String(contentType ?? '');
	const boundary = /^multipart\/form-data\b.*?boundary=(?:"([^"]+)"|([^;\s]+))/i
		.exec(type)
		?.slice(1)
		.find(Boolean);
	if (!boundary) return null;
	const body = bytes.toString('latin1');
	const delimiter = `--${boundary}`;
	const parts: FormPart[] = [];
	for (const chunk of body.split(delimiter).slice(1)) {
		if (chunk.startsWith('--')) break;
		const part = chunk.replace(/^\r\n/, '').replace(/\r\n$/, '');
		const split = part.indexOf('\r\n\r\n');
		if (split === -1) continue;
		const headers = Object.fromEntries(
			part
				.slice(0, split)
				.split('\r\n')
				.map((line) => {
					const colon = line.indexOf(':');
					return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
				}),
		);
		const disposition = headers['content-disposition'] ?? '';
		const param = (key: string) =>
			new RegExp(`\\b${key}="([^"]*)"`, 'i').exec(disposition)?.[1] ?? null;
		const filename = param('filename');
		parts.push({
			name: param('name') ?? '',
			filename: filename === null ? null : Buffer.from(filename, 'latin1').toString('utf8'),
			contentType: headers['content-type'] ?? null,
			content: Buffer.from(part.slice(split + 4), 'latin1'),
		});
	}
	return parts;
}

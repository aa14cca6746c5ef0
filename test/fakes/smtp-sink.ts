/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { type AddressInfo, createServer, type Socket } from 'node:net';

/** A message as the SMTP sink received it, headers and text body decoded. */
export interface SunkMail {
	from: string;
	to: string[];
	subject: string;
	headers: Record<string, string>;
	text: string;
	/** The HTML part of a multipart message, decoded; null when there is none. */
	html: string | null;
	/** Parts with a file name (Content-Disposition: attachment), as bytes. */
	attachments: SunkAttachment[];
	raw: string;
}

export interface SunkAttachment {
	filename: string;
	contentType: string;
	content: Buffer;
}

export interface SmtpSink {
	port: number;
	messages: SunkMail[];
	stop(): Promise<void>;
}

function decodeQuotedPrintable(text: string): string {
	const bytes: number[] = [];
	const soft = text.replace(/=\r?\n/g, '');
	for (let i = 0; i < soft.length; i++) {
		if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(...Buffer.from(soft[i], 'utf8'));
	}
	return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=` / `=?UTF-8?B?…?=`), as mailers write non-ASCII subjects. */
function decodeWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _charset, enc: string, data: string) =>
			enc.toUpperCase() === 'B'
				? Buffer.from(data, 'base64').toString('utf8')
				: decodeQuotedPrintable(data.replace(/_/g, ' ')),
		);
}

function headersOf(head: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

/** A header parameter (`boundary`, `filename`), quoted or not. */
const param = (value: string | undefined, name: string) =>
	new RegExp(`${name}\\*?=(?:"([^"]*)"|([^;\\s]+))`, 'i')
		.exec(value ?? '')
		?.slice(1)
		.find(Boolean);

function decodeBytes(body: string, encoding: string | undefined): Buffer {
	const e = (encoding ?? '').toLowerCase();
	if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
	if (e === 'quoted-printable') return Buffer.from(decodeQuotedPrintable(body), 'utf8');
	return Buffer.from(body, 'utf8');
}

interface Leaf {
	headers: Record<string, string>;
	content: Buffer;
}

/** The leaf parts of a MIME entity, depth first (multipart/mixed around multipart/alternative). */
function leaves(entity: string): Leaf[] {
	const split = entity.indexOf('\r\n\r\n');
	const headers = headersOf(split === -1 ? entity : entity.slice(0, split));
	const body = split === -1 ? '' : entity.slice(split + 4);
	const type = headers['content-type'] ?? 'text/plain';
	const boundary = param(type, 'boundary');
	if (!/^multipart\//i.test(type) || !boundary)
		return [{ headers, content: decodeBytes(body, headers['content-transfer-encoding']) }];
	const parts = body.split(
		new RegExp(`\r?\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
	);
	// parts[0] is the preamble; the last begins with "--" (the closing delimiter).
	return parts
		.slice(1)
		.filter((p) => !p.startsWith('--'))
		.flatMap((p) => leaves(p.replace(/^[ \t]*\r\n/, '')));
}

function parse(raw: string, from: string, to: string[]): SunkMail {
	const split = raw.indexOf('\r\n\r\n');
	const headers = headersOf(raw.slice(0, split));
	const parts = leaves(raw);
	const html = parts.find((p) => /^text\/html/i.test(p.headers['content-type'] ?? ''));
	const attachments = parts
		.map((p) => ({
			p,
			filename:
				param(p.headers['content-disposition'], 'filename') ??
				param(p.headers['content-type'], 'name'),
		}))
		.filter(({ filename }) => filename)
		.map(({ p, filename }) => ({
			filename: decodeWords(filename!),
			contentType: (p.headers['content-type'] ?? '').split(';')[0].trim(),
			content: p.content,
		}));
	// A multipart message's text is its text/plain part (not an attachment); a plain one is its body.
	const plain = /^multipart\//i.test(headers['content-type'] ?? '')
		? parts.find(
				(p) =>
					/^text\/plain/i.test(p.headers['content-type'] ?? 'text/plain') &&
					!/attachment/i.test(p.headers['content-disposition'] ?? ''),
			)
		: undefined;
	const body = plain
		? plain.content.toString('utf8')
		: decodeBytes(raw.slice(split + 4), headers['content-transfer-encoding']).toString('utf8');
	return {
		from,
		to,
		subject: decodeWords(headers.subject ?? ''),
		headers,
		text: body.replace(/\r\n/g, '\n').replace(/\n$/, ''),
		html: html ? html.content.toString('utf8') : null,
		attachments,
		raw,
	};
}

/**
 * A loopback SMTP server that accepts every message (no TLS, no auth) and keeps it: the
 * workflows' Send Email nodes deliver to it as to a real relay.
 */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
	const messages: SunkMail[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		// A client that drops the connection (a reset, as n8n's mailer may) ends its session only:
		// unhandled, the socket's error would surface in whatever test runs at that moment.
		socket.on('error', () => socket.destroy());
		let buffer = '';
		let data: string[] | null = null;
		let from = '';
		let to: string[] = [];
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 sink.test ESMTP ready');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let end: number;
			while ((end = buffer.indexOf('\r\n')) !== -1) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (data) {
					if (line === '.') {
						messages.push(parse(data.join('\r\n'), from, to));
						data = null;
						reply('250 2.0.0 queued');
					} else data.push(line.startsWith('..') ? line.slice(1) : line);
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') reply('250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8');
				else if (verb === 'HELO') reply('250 sink.test');
				else if (verb === 'MAIL') {
					from = /<([^>]*)>/.exec(line)?.[1] ?? '';
					to = [];
					reply('250 2.1.0 ok');
				} else if (verb === 'RCPT') {
					to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
					reply('250 2.1.5 ok');
				} else if (verb === 'DATA') {
					data = [];
					reply('354 end with <CRLF>.<CRLF>');
				} else if (verb === 'QUIT') {
					reply('221 bye');
					socket.end();
				} else if (verb === 'RSET' || verb === 'NOOP') reply('250 ok');
				else reply('502 5.5.2 not implemented');
			}
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject); // a port given and taken
		server.listen(port, '127.0.0.1', resolve);
	});
	return {
		port: (server.address() as AddressInfo).port,
		messages,
		stop: async () => {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

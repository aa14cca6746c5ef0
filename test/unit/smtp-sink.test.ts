/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { connect } from 'node:net';

import { type SmtpSink, startSmtpSink } from '../fakes/smtp-sink';

/** Sends one message as a mail client does: the SMTP dialogue, then DATA with dot-stuffing. */
async function send(port: number, message: string): Promise<void> {
	const socket = connect(port, '127.0.0.1');
	const lines = [
		'EHLO client.test',
		'MAIL FROM:<n8n@vendor.example>',
		'RCPT TO:<it@hooli.example>',
		'DATA',
		message.replace(/^\./gm, '..') + '\r\n.',
		'QUIT',
	];
	let seen = '';
	await new Promise<void>((resolve, reject) => {
		socket.on('error', reject);
		socket.on('close', () => resolve());
		socket.on('data', (chunk) => {
			seen += chunk.toString();
			// One reply per command after the greeting; send the next command on each reply.
			const replies = seen.split('\r\n').filter((l) => /^\d{3} /.test(l)).length;
			if (replies >= 1 && replies <= lines.length) socket.write(`${lines[replies - 1]}\r\n`);
		});
	});
}

describe('SMTP sink (the e2e tests read the emails the templates send from it)', () => {
	let sink: SmtpSink;
	beforeAll(async () => {
		sink = await startSmtpSink();
	});
	afterAll(() => sink.stop());

	it('decodes a mixed message: the HTML part, and each attachment byte for byte with its name and type', async () => {
		// A license file's shape, with non-ASCII text and lines longer than base64's 76 columns.
		const license = Buffer.from(
			[
				'apiVersion: kots.io/v1beta1',
				'kind: License',
				'spec:',
				'  customerName: Hooli — Öst',
				`  signature: ${'QUJD'.repeat(60)}`,
				'',
			].join('\n'),
			'utf8',
		);
		const base64 = license.toString('base64').replace(/.{76}/g, '$&\r\n');
		const message = [
			'From: n8n@vendor.example',
			'To: it@hooli.example',
			'Subject: =?UTF-8?Q?Your_license_=E2=80=94_Hooli?=',
			'MIME-Version: 1.0',
			'Content-Type: multipart/mixed; boundary="--_mixed"',
			'',
			'----_mixed',
			'Content-Type: multipart/alternative; boundary=alt1',
			'',
			'--alt1',
			'Content-Type: text/plain; charset=utf-8',
			'',
			'Install steps',
			'--alt1',
			'Content-Type: text/html; charset=utf-8',
			'Content-Transfer-Encoding: quoted-printable',
			'',
			'<p>Install =E2=80=94 steps</p>',
			'--alt1--',
			'----_mixed',
			'Content-Type: application/x-yaml; name="hooli-acme-platform-license.yaml"',
			'Content-Disposition: attachment; filename="hooli-acme-platform-license.yaml"',
			'Content-Transfer-Encoding: base64',
			'',
			base64,
			'----_mixed',
			'Content-Type: text/markdown',
			'Content-Disposition: attachment; filename=install.md',
			'',
			'.hidden line starts with a dot',
			'----_mixed--',
		].join('\r\n');
		await send(sink.port, message);
		const [mail] = sink.messages;
		expect(mail.subject).toBe('Your license — Hooli');
		expect(mail.html).toBe('<p>Install — steps</p>');
		// The text of a multipart message is its text/plain part, not the raw MIME body.
		expect(mail.text).toBe('Install steps');
		expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
			['hooli-acme-platform-license.yaml', 'application/x-yaml'],
			['install.md', 'text/markdown'],
		]);
		expect(mail.attachments[0].content.equals(license)).toBe(true);
		expect(mail.attachments[1].content.toString()).toBe('.hidden line starts with a dot');
	});
});

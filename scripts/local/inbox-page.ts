/* eslint-disable @n8n/community-nodes/no-restricted-imports -- scripts: run beside n8n, never inside it */
import { createServer, type Server } from 'node:http';

import type { SunkMail } from '../../test/fakes/smtp-sink';
import type { SlackMessage } from '../../test/fakes/slack';

/** What the sandbox's fakes received, newest first: the mails of the SMTP sink, Slack's posts. */
export interface Inbox {
	mails: SunkMail[];
	slack: SlackMessage[];
}

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
	);

/** One received message: its heading line and its text, every value escaped. */
const entry = (heading: string, text: string) =>
	`<article><h3>${escapeHtml(heading)}</h3><pre>${escapeHtml(text)}</pre></article>`;

/**
 * The page: what the workflows sent through the "SMTP account" and "Slack account" credentials of
 * `npm start`, as text (a mail's HTML part is not rendered: it is the workflow's output, not ours).
 */
export function renderInbox({ mails, slack }: Inbox): string {
	const mailList = [...mails]
		.reverse()
		.map((m) => entry(`${m.subject}  (from ${m.from} to ${m.to.join(', ')})`, m.text));
	const slackList = [...slack].reverse().map((m) => entry(`Slack ${m.channel}`, m.text));
	return [
		'<!doctype html><html><head><meta charset="utf-8"><title>Sandbox inbox</title>',
		'<meta http-equiv="refresh" content="10">',
		'<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}h3{margin:.2em 0;font-size:14px}',
		'pre{white-space:pre-wrap;background:#f5f5f5;padding:.6em;margin:0 0 1em}</style></head><body>',
		'<h1>Sandbox inbox</h1><p>What the workflows of <code>npm start</code> sent: the SMTP sink behind',
		' the "SMTP account" credential, the Slack fake behind "Slack account". Kept until Ctrl-C;',
		' refreshes every 10 s. JSON: <a href="/inbox.json">/inbox.json</a>.</p>',
		`<h2>Mail (${mails.length})</h2>`,
		mailList.join('') || '<p>None yet.</p>',
		`<h2>Slack (${slack.length})</h2>`,
		slackList.join('') || '<p>None yet.</p>',
		'</body></html>',
	].join('\n');
}

/** Serves the inbox on loopback: `/` as HTML, `/inbox.json` as data. */
export async function startInboxPage(port: number, inbox: Inbox): Promise<Server> {
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://inbox').pathname;
		if (path === '/inbox.json') {
			const mails = inbox.mails.map(({ from, to, subject, text }) => ({ from, to, subject, text }));
			const slack = inbox.slack.map(({ channel, text }) => ({ channel, text }));
			res
				.writeHead(200, { 'content-type': 'application/json' })
				.end(JSON.stringify({ mails, slack }));
		} else if (path === '/')
			res
				.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
				.end(renderInbox(inbox));
		else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return server;
}

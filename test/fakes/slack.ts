import type { FakeCrm, FakeRequest, FakeResponse } from './crm-proxy';

/** A message the Slack node posted (chat.postMessage), as Slack received it. */
export interface SlackMessage {
	channel: string;
	text: string;
	/** Block Kit blocks, as the send-and-wait (approval) message carries its text and buttons. */
	blocks: SlackBlock[];
	token: string | null;
	body: Record<string, unknown>;
}

/** The Block Kit block shapes n8n's Slack node posts (section text, action buttons, dividers). */
export interface SlackBlock {
	type: string;
	text?: { type: 'mrkdwn' | 'plain_text'; text: string };
	elements?: Array<{ type: string; text?: { text: string }; url?: string; style?: string }>;
}

/** The mrkdwn/plain text of a message's section blocks, in order (blank sections left out). */
export function sectionTexts(message: SlackMessage): string[] {
	return message.blocks
		.filter((b) => b.type === 'section' && b.text && b.text.text.trim())
		.map((b) => b.text!.text);
}

/** The URL of a message's link button by its label (send-and-wait: Approve / Decline). */
export function buttonUrl(message: SlackMessage, label: string): string {
	const button = message.blocks
		.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
		.find((e) => e.type === 'button' && e.text?.text === label);
	if (!button?.url) throw new Error(`no "${label}" link button in the Slack message`);
	return button.url;
}

/**
 * Slack's Web API as the Slack node calls it: `POST https://slack.com/api/chat.postMessage` with a
 * bot token; answers like Slack (`ok: true` with the posted message, or `ok: false` + error).
 */
export class FakeSlack implements FakeCrm {
	readonly host = 'slack.com';
	readonly messages: SlackMessage[] = [];

	constructor(private readonly token: string) {}

	handle(req: FakeRequest): FakeResponse {
		const auth = String(req.headers.authorization ?? '');
		if (auth !== `Bearer ${this.token}`)
			return { status: 200, json: { ok: false, error: 'invalid_auth' } };
		if (req.method !== 'POST' || req.path !== '/api/chat.postMessage')
			return { status: 200, json: { ok: false, error: 'unknown_method' } };
		const body = (
			typeof req.body === 'object' && req.body !== null
				? req.body
				: Object.fromEntries(new URLSearchParams(req.rawBody))
		) as Record<string, unknown>;
		const channel = String(body.channel ?? '');
		if (!channel) return { status: 200, json: { ok: false, error: 'channel_not_found' } };
		const text = String(body.text ?? '');
		// Form-encoded bodies carry blocks as a JSON string (Slack accepts both).
		const blocks = (
			typeof body.blocks === 'string' ? JSON.parse(body.blocks) : (body.blocks ?? [])
		) as SlackBlock[];
		// chat.postMessage needs text, blocks or attachments: `no_text` otherwise (Slack's errors list).
		if (!text && !blocks.length && !body.attachments)
			return { status: 200, json: { ok: false, error: 'no_text' } };
		this.messages.push({ channel, text, blocks, token: auth.slice(7), body });
		const ts = `${Math.floor(Date.now() / 1000)}.${String(this.messages.length).padStart(6, '0')}`;
		const message = { type: 'message', text, ts, ...(blocks.length ? { blocks } : {}) };
		return { status: 200, json: { ok: true, channel: 'C0CSALERTS', ts, message } };
	}
}

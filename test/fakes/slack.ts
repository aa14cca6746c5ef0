import type { FakeCrm, FakeRequest, FakeResponse } from './crm-proxy';

/** A message the Slack node posted (chat.postMessage), as Slack received it. */
export interface SlackMessage {
	channel: string;
	text: string;
	token: string | null;
	body: Record<string, unknown>;
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
		this.messages.push({ channel, text, token: auth.slice(7), body });
		const ts = `${Math.floor(Date.now() / 1000)}.${String(this.messages.length).padStart(6, '0')}`;
		return {
			status: 200,
			json: { ok: true, channel: 'C0CSALERTS', ts, message: { type: 'message', text, ts } },
		};
	}
}

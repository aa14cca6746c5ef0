/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A function the model may call, as n8n's agent describes it in the request. */
export interface OfferedTool {
	name: string;
	description: string;
	parameters: {
		type: 'object';
		properties: Record<string, { type: string; description?: string }>;
		required?: string[];
	};
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: unknown;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}

/** One `POST /chat/completions` as the fake received it. */
export interface ChatRequest {
	model: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: Array<{ type: 'function'; function: OfferedTool }>;
	authorization: string | undefined;
}

/** The model's answer to one request: tool calls to make, or the final text. */
export type ModelTurn =
	| { toolCalls: Array<{ name: string; arguments: object }> }
	| { text: string };

export interface FakeModel {
	/** The base URL an OpenAI credential points at (`…/v1`). */
	url: string;
	requests: ChatRequest[];
	/** What the model answers next, decided from the request (so answers can quote tool results). */
	play(script: (request: ChatRequest, turn: number) => ModelTurn): void;
	stop(): Promise<void>;
}

/**
 * An OpenAI-compatible chat model on loopback: `POST /v1/chat/completions` (not streamed), the
 * answers played from a script. n8n's OpenAI Chat Model node calls it through its credential's Base
 * URL; the requests keep the tool schemas n8n built, for the test to assert.
 */
export async function startFakeModel(): Promise<FakeModel> {
	const requests: ChatRequest[] = [];
	let script: (request: ChatRequest, turn: number) => ModelTurn = () => ({ text: 'No script.' });
	let calls = 0;
	const server: Server = createHttpServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('error', () => res.destroy());
		req.on('end', () => {
			const send = (status: number, json: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
				return send(404, { error: { message: `no route ${req.method} ${req.url}` } });
			let parsed: ChatRequest;
			try {
				parsed = { ...(JSON.parse(body) as ChatRequest), authorization: req.headers.authorization };
			} catch {
				return send(400, { error: { message: 'body is not JSON' } });
			}
			if (parsed.stream) return send(400, { error: { message: 'the fake does not stream' } });
			requests.push(parsed);
			let turn: ModelTurn;
			try {
				turn = script(parsed, calls++);
			} catch (error) {
				return send(500, { error: { message: `fake model script: ${(error as Error).message}` } });
			}
			const message =
				'text' in turn
					? { role: 'assistant', content: turn.text }
					: {
							role: 'assistant',
							content: null,
							tool_calls: turn.toolCalls.map((c, i) => ({
								id: `call_${calls}_${i}`,
								type: 'function',
								function: { name: c.name, arguments: JSON.stringify(c.arguments) },
							})),
						};
			send(200, {
				id: `chatcmpl-${calls}`,
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model: parsed.model,
				choices: [{ index: 0, message, finish_reason: 'text' in turn ? 'stop' : 'tool_calls' }],
				usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		play: (next) => {
			script = next;
			calls = 0;
		},
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The JSON a tool message carries (n8n sends the tool's output items as a JSON string). */
export function toolResult(message: ChatMessage | undefined): unknown {
	const content = message?.content;
	const text = Array.isArray(content)
		? content
				.map((p) => (typeof p === 'string' ? p : ((p as { text?: string }).text ?? '')))
				.join('')
		: String(content ?? '');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** A Replicated tool result's items as the model reads them: each under `untrustedData`, beside a notice. */
export const toolData = <T>(message: ChatMessage | undefined): T[] =>
	(toolResult(message) as Array<{ notice: string; untrustedData: T }>).map((r) => r.untrustedData);

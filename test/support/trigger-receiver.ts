/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import { createHookContext, type HookContext, type HookContextOptions } from './hook-context';

export interface TriggerReceiver {
	/** The trigger's production URL, on loopback. */
	url: string;
	/** The items of every run a delivery started. */
	runs: IDataObject[][];
	/** A context for the trigger's webhookMethods at this URL, with the receiver's static data. */
	hook: (extra?: Partial<HookContextOptions>) => HookContext;
	close: () => Promise<void>;
}

/**
 * The Replicated Trigger answering at a loopback URL as n8n's webhook server would: each request
 * goes to the node's `webhook()` with the same static data its activation used, so a test can
 * register a subscription with the emulator and have the emulator deliver to it.
 */
export async function startTriggerReceiver(
	options: Omit<HookContextOptions, 'webhookUrl' | 'staticData'>,
): Promise<TriggerReceiver> {
	const trigger = new ReplicatedTrigger();
	const staticData: IDataObject = {};
	const runs: IDataObject[][] = [];
	let url = '';
	const hook = (extra: Partial<HookContextOptions> = {}) =>
		createHookContext({ ...options, ...extra, webhookUrl: url, staticData });
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			let answered = false;
			const response = {
				once: (event: 'finish', listener: () => void) => res.once(event, listener),
				get writableFinished() {
					return res.writableFinished;
				},
				status(code: number) {
					res.statusCode = code;
					return response;
				},
				json(body: unknown) {
					answered = true;
					res.setHeader('content-type', 'application/json');
					res.end(JSON.stringify(body));
					return response;
				},
			};
			const ctx = Object.assign(hook(), {
				getRequestObject: () => ({ headers: req.headers, rawBody, body: undefined }),
				getResponseObject: () => response,
			}) as unknown as IWebhookFunctions;
			trigger.webhook.call(ctx).then(
				(result) => {
					if (result.workflowData) runs.push(result.workflowData[0].map((i) => i.json));
					if (!answered) response.status(200).json(result.webhookResponse ?? {});
				},
				(error: Error) => {
					if (!answered) response.status(500).json({ error: error.message });
				},
			);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/webhook`;
	return {
		url,
		runs,
		hook,
		close: () =>
			new Promise<void>((r) => {
				server.closeAllConnections();
				server.close(() => r());
			}),
	};
}

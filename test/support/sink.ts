/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { createServer, type Server } from 'node:http';

import { tally } from './tally';

export interface Hit {
	deliveryId: string;
	event: string;
	[key: string]: unknown;
}

export interface Sink {
	url: string;
	hits: Hit[];
	/** How many times each delivery ID arrived. */
	counts(): Map<string, number>;
	close(): Promise<void>;
}

/** A loopback HTTP endpoint the workflows under test post each item to: what reached the end. */
export async function startSink(): Promise<Sink> {
	const hits: Hit[] = [];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (d: Buffer) => (body += d.toString()));
		req.on('end', () => {
			try {
				hits.push(JSON.parse(body) as Hit);
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			} catch {
				res.writeHead(400).end();
			}
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}/hit`,
		hits,
		counts: () => tally(hits.map((hit) => hit.deliveryId)),
		close: () => new Promise((r) => server.close(() => r())),
	};
}

/** The HTTP Request node a workflow under test posts each item to the sink with (retried as users set it). */
export function sinkNode(id: string, sinkUrl: string, jsonBody: string, x = 240) {
	return {
		id,
		name: 'To Sink',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [x, 0],
		retryOnFail: true,
		maxTries: 5,
		waitBetweenTries: 1000,
		parameters: {
			method: 'POST',
			url: sinkUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: {},
		},
	};
}

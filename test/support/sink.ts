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

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- scripts: run beside n8n, never inside it */
import { createServer } from 'node:net';

/** A TCP port free on loopback now: the OS picks it, the server that got it closes. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test infrastructure: runs beside n8n, never inside it */
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { generateCACertificate, getLocal } from 'mockttp';
import { request } from 'undici';

import { PASSED_HEADERS } from './crm-proxy';

/**
 * The intercepting half of the CRM proxy, in its own process (mockttp is ESM-only in places, which
 * Jest's CommonJS runtime cannot load): terminates TLS for any host with a certificate from its own
 * CA and hands each request to the fakes' loopback backend, naming the original host.
 * Usage: tsx mitm-main.ts <backend origin> <dir for ca.pem> [<host>,<host>… [<port>]]. Prints
 * "ready <port>". With hosts (not ''), only their TLS is intercepted; every other host is tunnelled untouched (mockttp's
 * tlsInterceptOnly): the sandbox of `npm start` fakes Slack and leaves the rest of the internet alone.
 */

async function main(
	backend: string,
	dir: string,
	interceptOnly?: string,
	port?: string,
): Promise<void> {
	const ca = await generateCACertificate({
		subject: { commonName: 'n8n-nodes-replicated e2e CA' },
	});
	writeFileSync(path.join(dir, 'ca.pem'), ca.cert);
	const server = getLocal({
		https: {
			key: ca.key,
			cert: ca.cert,
			...(interceptOnly
				? { tlsInterceptOnly: interceptOnly.split(',').map((hostname) => ({ hostname })) }
				: {}),
		},
	});
	await server.forAnyRequest().thenCallback(async (req) => {
		const url = new URL(req.url);
		// Bytes, not text: multipart uploads carry files the fakes compare byte for byte.
		const body = req.body.buffer;
		const headers = Object.fromEntries(
			Object.entries(req.headers).filter(
				([k, v]) =>
					typeof v === 'string' &&
					!['host', 'connection', 'content-length', 'transfer-encoding'].includes(k),
			),
		) as Record<string, string>;
		const response = await request(`${backend}${url.pathname}${url.search}`, {
			method: req.method as 'GET',
			headers: { ...headers, 'x-fake-host': url.host },
			body: body.length && !['GET', 'HEAD'].includes(req.method) ? body : undefined,
		});
		// Bytes as they are: a package tarball is not text.
		const bytes = Buffer.from(await response.body.arrayBuffer());
		const kept = Object.entries(response.headers).filter(
			([k, v]) => typeof v === 'string' && PASSED_HEADERS.includes(k),
		);
		return {
			statusCode: response.statusCode,
			headers: Object.fromEntries(kept) as Record<string, string>,
			body: bytes,
		};
	});
	// mockttp listens on every interface; keep it on loopback.
	const listen = net.Server.prototype.listen;
	net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
		if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
		return (listen as (...a: unknown[]) => net.Server).apply(this, args);
	} as typeof listen;
	await server.start(port ? Number(port) : undefined);
	net.Server.prototype.listen = listen;
	console.log(`ready ${server.port}`);
	const stop = () => void server.stop().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

void main(process.argv[2], process.argv[3], process.argv[4], process.argv[5]);

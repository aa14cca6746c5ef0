/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test infrastructure: runs beside n8n, never inside it */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One HTTP call a fake CRM received, as the tests assert it. */
export interface CrmCall {
	host: string;
	method: string;
	path: string;
	query: Record<string, string>;
	authorization: string | null;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	status: number;
}

export interface FakeRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	rawBody: string;
	/** The body's bytes (multipart uploads). */
	bytes: Buffer;
}

/**
 * Response headers a fake sets that clients read (npm reads content-type and etag): the ones the
 * proxy hands back (mitm-main.ts) and the npm registry fake takes from the local registry.
 */
export const PASSED_HEADERS = ['content-type', 'etag', 'last-modified'];

export interface FakeResponse {
	status: number;
	json?: unknown;
	/** Bytes as they are (a package tarball), with their headers; instead of `json`. */
	bytes?: Buffer;
	headers?: Record<string, string>;
}

/**
 * A fake of one CRM's API: answers its host's requests as the real API documents. (Also any other
 * fixed host n8n calls, e.g. npm's registry answered by a local one: test/fakes/npm-registry.ts.)
 */
export interface FakeCrm {
	/** Exact host, or `*.suffix` for any host ending in `.suffix`. */
	host: string;
	handle(request: FakeRequest): FakeResponse | Promise<FakeResponse>;
}

export interface CrmProxy {
	/** Every call, to the fakes and to hosts nobody fakes (answered 404). */
	calls: CrmCall[];
	/** The next request matching method + path pattern is answered with this status instead. */
	failNext(method: string, pathPattern: RegExp, status: number, json?: unknown): void;
	/**
	 * Every request matching method + path pattern is answered with this status until the returned
	 * function is called (an outage, whatever the number of requests and retries in between).
	 */
	failAll(method: string, pathPattern: RegExp, status: number): () => void;
	/** Environment for the n8n process: HTTPS_PROXY / HTTP_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS. */
	env(): Record<string, string>;
	stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/**
 * An intercepting HTTPS proxy on loopback: n8n 2.x sends node traffic through HTTPS_PROXY, so the
 * CRMs' fixed hosts (api.hubapi.com, api.attio.com, *.my.salesforce.com) are answered by the local
 * fakes (../shared/n8n/PROXY-INTERCEPT.md). The TLS side runs in a child process (mitm-main.ts);
 * the fakes, their state and the call log live here. Nothing leaves the machine.
 */
export async function startCrmProxy(
	fakes: FakeCrm[],
	/**
	 * `npm start`'s sandbox: intercept only the fakes' hosts and tunnel every other one untouched; a
	 * fixed port; the CA written into a given folder (n8n is told both before the proxy is up).
	 */
	{
		interceptOnly = false,
		port: fixedPort,
		caDir,
	}: { interceptOnly?: boolean; port?: number; caDir?: string } = {},
): Promise<CrmProxy> {
	const calls: CrmCall[] = [];
	const faults: Array<{
		method: string;
		pattern: RegExp;
		status: number;
		json?: unknown;
		lasting?: boolean;
	}> = [];
	const fakeFor = (host: string) =>
		fakes.find((f) => f.host === host) ??
		fakes.find((f) => f.host.startsWith('*.') && host.endsWith(f.host.slice(1)));

	/** The call as the tests read it, logged, and the request as a fake reads it. */
	const logCall = (req: IncomingMessage, bytes: Buffer) => {
		const rawBody = bytes.toString('utf8');
		const url = new URL(req.url ?? '/', 'http://fake');
		const host = String(req.headers['x-fake-host'] ?? '');
		let body: unknown = undefined;
		try {
			body = rawBody ? JSON.parse(rawBody) : undefined;
		} catch {
			body = rawBody;
		}
		const headers = { ...req.headers };
		delete headers['x-fake-host'];
		const call: CrmCall = {
			host,
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			authorization: (req.headers.authorization as string | undefined) ?? null,
			headers,
			body,
			status: 0,
		};
		calls.push(call);
		const request: FakeRequest = {
			method: call.method,
			path: url.pathname,
			query: url.searchParams,
			headers,
			body,
			rawBody,
			bytes,
		};
		return { call, request };
	};
	/** An injected fault first, then the host's fake, else 404 (nothing leaves the machine). */
	const answer = async (call: CrmCall, request: FakeRequest): Promise<FakeResponse> => {
		const fault = faults.findIndex((f) => f.method === call.method && f.pattern.test(call.path));
		if (fault >= 0) {
			const f = faults[fault];
			if (!f.lasting) faults.splice(fault, 1);
			return { status: f.status, json: f.json ?? { message: 'injected failure' } };
		}
		const fake = fakeFor(call.host);
		if (!fake)
			return {
				status: 404,
				json: { message: `no fake for ${call.method} ${call.host}${call.path}` },
			};
		try {
			return await fake.handle(request);
		} catch (error) {
			return { status: 500, json: { message: `fake crashed: ${(error as Error).message}` } };
		}
	};

	const backend = createServer((req, res) => {
		// A request the proxy drops half-way is answered by no one; its reset must not escape.
		req.on('error', () => res.destroy());
		void readBody(req)
			.catch(() => null)
			.then(async (bytes) => {
				if (bytes === null) return;
				const { call, request } = logCall(req, bytes);
				const response = await answer(call, request);
				call.status = response.status;
				if (response.bytes)
					res.writeHead(response.status, response.headers ?? {}).end(response.bytes);
				else if (response.json === undefined) res.writeHead(response.status).end();
				else
					res
						.writeHead(response.status, { 'content-type': 'application/json' })
						.end(JSON.stringify(response.json));
			});
	});
	await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
	const backendOrigin = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;

	const dir = caDir ?? mkdtempSync(path.join(tmpdir(), 'crm-proxy-'));
	const root = path.resolve(__dirname, '..', '..');
	const child = spawn(
		path.join(root, 'node_modules', '.bin', 'tsx'),
		[
			path.join(__dirname, 'mitm-main.ts'),
			backendOrigin,
			dir,
			interceptOnly ? fakes.map((f) => f.host).join(',') : '',
			fixedPort ? String(fixedPort) : '',
		],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`CRM proxy did not start: ${output}`)), 60_000);
		child.stdout!.on('data', (d: Buffer) => {
			output += d.toString();
			const m = /ready (\d+)/.exec(output);
			if (m) {
				clearTimeout(timer);
				resolve(Number(m[1]));
			}
		});
		child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
		child.once('exit', (code) => reject(new Error(`CRM proxy exited with ${code}: ${output}`)));
	});
	const url = `http://127.0.0.1:${port}`;
	return {
		calls,
		failNext: (method, pattern, status, json) => faults.push({ method, pattern, status, json }),
		failAll: (method, pattern, status) => {
			const fault = { method, pattern, status, lasting: true };
			faults.push(fault);
			return () => {
				faults.splice(faults.indexOf(fault), 1);
			};
		},
		env: () => ({
			HTTPS_PROXY: url,
			HTTP_PROXY: url,
			NO_PROXY: '127.0.0.1,localhost',
			NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
		}),
		stop: async () => {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
				await exited;
				clearTimeout(timer);
			}
			await new Promise((r) => backend.close(r));
		},
	};
}

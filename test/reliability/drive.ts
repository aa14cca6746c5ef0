/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test: drives n8n from outside */
import { readFileSync } from 'node:fs';

import { Agent, request } from 'undici';

import { signBody } from '../emulator/sender';
import type { N8nInstance } from '../support/n8n-process';
import type { Sink } from '../support/sink';

export interface Sent {
	status: number;
	body: string;
}

/** A delivery as Replicated sends it: JSON, signed with the subscription's secret. */
export function signed(body: string, secret: string) {
	return {
		headers: {
			'content-type': 'application/json',
			'x-replicated-signature': signBody(body, secret),
		},
		body,
	};
}

/** Sends `count` requests at most `perSecond` a second with `inFlight` at a time; answers in order. */
export async function paced(
	url: string,
	count: number,
	make: (i: number) => { headers: Record<string, string>; body: string | Buffer },
	perSecond: number,
	inFlight: number,
	onSent?: (i: number) => void,
): Promise<Sent[]> {
	const dispatcher = new Agent({ connections: inFlight });
	const answers: Sent[] = new Array(count);
	const t0 = Date.now();
	let next = 0;
	const worker = async () => {
		for (let i = next++; i < count; i = next++) {
			const due = t0 + (i * 1000) / perSecond;
			if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
			onSent?.(i);
			const { headers, body } = make(i);
			try {
				const res = await request(url, { method: 'POST', headers, body, dispatcher });
				answers[i] = { status: res.statusCode, body: await res.body.text() };
			} catch (error) {
				answers[i] = { status: 0, body: (error as Error).message };
			}
		}
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	await dispatcher.close();
	return answers;
}

export function rssMb(pid: number): number {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) / 1024 : NaN;
}

/** The workflow's executions by status (success, error, crashed, …), through n8n's public API. */
export async function executionStatuses(
	main: N8nInstance,
	workflowId: string,
): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	let cursor = '';
	for (;;) {
		const page = await main.api<{ data: Array<{ status: string }>; nextCursor?: string | null }>(
			`/executions?workflowId=${workflowId}&limit=250${cursor ? `&cursor=${cursor}` : ''}`,
		);
		for (const e of page.data) counts[e.status] = (counts[e.status] ?? 0) + 1;
		if (!page.nextCursor) return counts;
		cursor = page.nextCursor;
	}
}

/** IDs of the workflow's executions with this status. */
export async function executionIds(
	main: N8nInstance,
	workflowId: string,
	status: string,
): Promise<string[]> {
	const ids: string[] = [];
	let cursor = '';
	for (;;) {
		const page = await main.api<{ data: Array<{ id: string }>; nextCursor?: string | null }>(
			`/executions?workflowId=${workflowId}&status=${status}&limit=250${cursor ? `&cursor=${cursor}` : ''}`,
		);
		ids.push(...page.data.map((e) => String(e.id)));
		if (!page.nextCursor) return ids;
		cursor = page.nextCursor;
	}
}

export const total = (counts: Record<string, number>) =>
	Object.values(counts).reduce((a, b) => a + b, 0);

/** Waits until `distinct` delivery IDs reached the sink and nothing more arrived for 5 s. */
export async function settled(sink: Sink, distinct: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let stableSince = Date.now();
	let reported = Date.now();
	while (Date.now() < deadline) {
		if (Date.now() - reported > 10_000) {
			console.log(`[reliability] ${sink.counts().size}/${distinct} at the sink`);
			reported = Date.now();
		}
		if (sink.hits.length !== last) {
			last = sink.hits.length;
			stableSince = Date.now();
		} else if (sink.counts().size >= distinct && Date.now() - stableSince > 5000) return;
		await new Promise((r) => setTimeout(r, 250));
	}
}

export interface Delivered {
	/** Answers of each attempt: an HTTP status, or 0 for no answer within the timeout. */
	attempts: number[];
	/** How long each attempt waited for its answer (ms). */
	waitedMs: number[];
	/** When the first attempt was sent (ms since the start). */
	startedAtMs: number;
	/** When the delivery was answered 2xx (ms since the start), or null if every attempt failed. */
	deliveredAtMs: number | null;
}

/**
 * Plays Replicated's delivery loop (replicated/API.md §2: POST, 2xx = success, 5 s timeout, up to 8
 * retries on a growing schedule) for `count` bodies started `perSecond` a second, each on its own.
 * `retryDelaysMs` compresses Replicated's 1, 2, 4 … 128 minute schedule for a test.
 */
export async function deliverLikeReplicated(
	url: string,
	count: number,
	make: (i: number) => { headers: Record<string, string>; body: string },
	options: { perSecond: number; timeoutMs: number; retryDelaysMs: number[] },
	onStart?: (i: number) => void,
): Promise<Delivered[]> {
	const dispatcher = new Agent({ connections: 256 });
	const t0 = Date.now();
	const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
	const one = async (i: number): Promise<Delivered> => {
		await sleep(Math.max(0, t0 + (i * 1000) / options.perSecond - Date.now()));
		onStart?.(i);
		const startedAtMs = Date.now() - t0;
		const attempts: number[] = [];
		const waitedMs: number[] = [];
		for (let attempt = 0; attempt <= options.retryDelaysMs.length; attempt++) {
			if (attempt > 0) await sleep(options.retryDelaysMs[attempt - 1]);
			const { headers, body } = make(i);
			let status = 0;
			const sentAt = Date.now();
			try {
				const res = await request(url, {
					method: 'POST',
					headers,
					body,
					dispatcher,
					signal: AbortSignal.timeout(options.timeoutMs),
				});
				await res.body.text();
				status = res.statusCode;
			} catch {
				status = 0; // no answer in time: Replicated counts it as failed
			}
			attempts.push(status);
			waitedMs.push(Date.now() - sentAt);
			if (status >= 200 && status < 300)
				return { attempts, waitedMs, startedAtMs, deliveredAtMs: Date.now() - t0 };
		}
		return { attempts, waitedMs, startedAtMs, deliveredAtMs: null };
	};
	const results = await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
	await dispatcher.close();
	return results;
}

/** The p-th percentile (0–100) of `values`, or null when there are none. */
export function percentile(values: number[], p: number): number | null {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

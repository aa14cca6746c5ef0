import { type IDataObject, NodeOperationError } from 'n8n-workflow';

import { customerPageSchema, customerSearchPageSchema } from '../schemas/pages';
import { parseResponse } from '../schemas/parse';
import type { ReplicatedContext } from './context';
import { send } from './request';

export interface PageOptions {
	/** Stop once this many items were yielded; all pages when omitted. */
	limit?: number;
	pageSize?: number;
	/** Pages fetched at once after the first (which tells how many there are). */
	concurrency?: number;
}

/** Pages in flight at once: enough to hide latency, few enough to stay polite to the API. */
export const PAGE_CONCURRENCY = 6;

interface Page {
	items: unknown[];
	/** How many items there are in all, as the page says. */
	total: number;
	/** Whether the request had to be retried (a 429 or 5xx on the way). */
	retried: boolean;
}

/**
 * Runs page fetches a few at a time and hands the pages over in order. Once any page needed a
 * retry (a rate limit, most likely), the rest go one at a time, so a limited API sees the client
 * slow down instead of being hammered while `Retry-After` is honoured.
 */
async function* inOrder(fetches: Array<() => Promise<Page>>, width: number): AsyncGenerator<Page> {
	const inFlight = new Map<number, Promise<Page>>();
	let started = 0;
	try {
		for (let index = 0; index < fetches.length; index++) {
			while (started < fetches.length && started < index + width) {
				const pending = fetches[started]();
				// Awaited in order below; a later page failing first must not go unhandled meanwhile.
				pending.catch(() => undefined);
				inFlight.set(started++, pending);
			}
			const page = await inFlight.get(index)!;
			inFlight.delete(index);
			if (page.retried) width = 1;
			yield page;
		}
	} finally {
		// Stopped early (limit reached, or the consumer stopped): let unread pages finish quietly.
		for (const pending of inFlight.values()) pending.catch(() => undefined);
	}
}

/** Hands out each item once (by `id`), up to `limit`, and knows when the list ended short. */
class Collector {
	private readonly ids = new Set<string>();
	count = 0;
	constructor(readonly limit: number) {}
	get full(): boolean {
		return this.count >= this.limit;
	}
	/** The page's items not handed out before, up to the limit (an array: generators per item are slow). */
	take(items: unknown[]): unknown[] {
		const fresh: unknown[] = [];
		for (const item of items) {
			if (this.full) break;
			const id = (item as { id?: unknown })?.id;
			if (typeof id === 'string') {
				if (this.ids.has(id)) continue;
				this.ids.add(id);
			}
			this.count += 1;
			fresh.push(item);
		}
		return fresh;
	}
}

/**
 * A list must not end silently before the total the API reported: that means items were skipped
 * (the list changed while it was read, or pages do not line up), and a flow would act on part of it.
 */
function checkComplete(ctx: ReplicatedContext, got: Collector, total: number, what: string): void {
	if (got.full || got.count >= total) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Replicated's ${what} ended after ${got.count} of the ${total} customers it reported`,
		{
			description:
				'Customers were added, archived or changed while the list was read, so some were skipped. Run the step again; if it keeps happening, narrow the list with a filter.',
		},
	);
}

/** Items of `GET /v3/app/{appId}/customers` (`currentPage` counts pages from 0). */
export async function* appCustomers(
	ctx: ReplicatedContext,
	appId: string,
	qs: IDataObject = {},
	{ limit = Infinity, pageSize = 100, concurrency = PAGE_CONCURRENCY }: PageOptions = {},
): AsyncGenerator<unknown> {
	const size = Math.max(1, Math.min(pageSize, limit));
	const fetchPage = async (currentPage: number): Promise<Page> => {
		const response = await send(ctx, {
			method: 'GET',
			path: `/v3/app/${encodeURIComponent(appId)}/customers`,
			qs: { ...qs, pageSize: size, currentPage },
		});
		const page = parseResponse(ctx.getNode(), customerPageSchema, response.body, 'customer list');
		return { items: page.customers, total: page.totalCustomers, retried: response.attempts > 1 };
	};
	const got = new Collector(limit);
	const first = await fetchPage(0);
	for (const item of got.take(first.items)) yield item;
	const pages = Math.ceil(Math.min(first.total, limit) / size);
	const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => () => fetchPage(i + 1));
	for await (const page of inOrder(rest, first.retried ? 1 : concurrency)) {
		for (const item of got.take(page.items)) yield item;
		if (got.full || page.items.length < size) break;
	}
	checkComplete(ctx, got, first.total, 'customer list');
}

/**
 * What the search's `offset` counts. SPEC ("the number of pages to skip") and Replicated's
 * TypeScript client (replicated-lib src/customers.ts, +1 per page) say pages; the official CLI
 * (pkg/kotsclient/customer_list.go, +pageSize per page) sends records. The second request tells:
 * at offset 1, a records-counting API repeats the first page but one.
 */
export type OffsetReading = 'pages' | 'records';

export function searchOffset(reading: OffsetReading, page: number, size: number): number {
	return reading === 'pages' ? page : page * size;
}

export function offsetReading(firstPage: unknown[], atOffsetOne: unknown[]): OffsetReading {
	const seen = new Set(firstPage.map((c) => (c as { id?: unknown })?.id));
	return atOffsetOne.some((c) => seen.has((c as { id?: unknown })?.id)) ? 'records' : 'pages';
}

/** One page of `POST /v3/customers/search` at the given offset. */
export async function searchPage(
	ctx: ReplicatedContext,
	body: IDataObject,
	offset: number,
	size: number,
): Promise<Page> {
	const response = await send(ctx, {
		method: 'POST',
		path: '/v3/customers/search',
		body: { ...body, offset, page_size: size },
		idempotent: true,
	});
	const result = parseResponse(
		ctx.getNode(),
		customerSearchPageSchema,
		response.body,
		'customer search',
	);
	return { items: result.customers, total: result.total_hits, retried: response.attempts > 1 };
}

/**
 * Items of `POST /v3/customers/search`, each once, under either reading of `offset`. After the
 * first page, the rest are fetched a few at a time as SPEC counts them (pages); the first of them,
 * offset 1, tells whether that holds. If the API counts records instead, the pages fetched ahead
 * are dropped and the rest is read by record offsets: one round of requests wasted, only then.
 */
export async function* searchCustomers(
	ctx: ReplicatedContext,
	body: IDataObject,
	{ limit = Infinity, pageSize = 100, concurrency = PAGE_CONCURRENCY }: PageOptions = {},
): AsyncGenerator<unknown> {
	const size = Math.max(1, Math.min(pageSize, limit));
	const got = new Collector(limit);
	const first = await searchPage(ctx, body, 0, size);
	for (const item of got.take(first.items)) yield item;
	const pages = Math.ceil(Math.min(first.total, limit) / size);
	const width = first.retried ? 1 : concurrency;
	let reading: OffsetReading = 'pages';
	let more = !got.full && first.items.length === size && pages > 1;
	while (more) {
		const fetches = Array.from(
			{ length: pages - 1 },
			(_, i) => () => searchPage(ctx, body, searchOffset(reading, i + 1, size), size),
		);
		let probe = reading === 'pages';
		more = false;
		for await (const page of inOrder(fetches, width)) {
			// Offset 1 repeats most of the first page: the API counts records; start again by them.
			if (probe && offsetReading(first.items, page.items) === 'records') {
				reading = 'records';
				more = true;
				break;
			}
			probe = false;
			for (const item of got.take(page.items)) yield item;
			if (got.full || page.items.length < size) break;
		}
	}
	checkComplete(ctx, got, first.total, 'customer search');
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

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

/**
 * The most pages one listing reads (100,000 customers at 100 a page), whatever total the server
 * reports: as channelReleases stops at 1,000 pages. A total the server gives is a claim, not a
 * size to plan by: `totalCustomers: 1e11` once planned a billion page fetches up front, an array
 * whose allocation killed n8n with a fatal out-of-memory error that no error handler can catch.
 */
export const MAX_PAGES = 1000;

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
async function* inOrder(
	count: number,
	fetch: (index: number) => Promise<Page>,
	width: number,
): AsyncGenerator<Page> {
	// Fetches are made as they start, never listed up front: the count comes from the server.
	const inFlight = new Map<number, Promise<Page>>();
	let started = 0;
	try {
		for (let index = 0; index < count; index++) {
			while (started < count && started < index + width) {
				const pending = fetch(started);
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

/**
 * How many pages hold `wanted` items (the server's total, or the caller's limit if lower), refused
 * with an error naming the cap when that is more than MAX_PAGES: a list cut short at the cap
 * would look complete to the flow that acts on it.
 */
function pagesFor(
	ctx: ReplicatedContext,
	total: number,
	limit: number,
	size: number,
	what: string,
): number {
	const pages = Math.ceil(Math.min(total, limit) / size);
	if (pages <= MAX_PAGES) return pages;
	const most = (MAX_PAGES * size).toLocaleString('en-US');
	throw new NodeOperationError(
		ctx.getNode(),
		`Replicated's ${what} reports ${total.toLocaleString('en-US')} customers: more than the ${most} (${MAX_PAGES} pages of ${size}) this node reads in one run`,
		{
			description:
				'Narrow the list with a filter or a search query, or turn off Return All and set a Limit below the cap. A total far beyond your customer count means the server answered wrongly: check the API Base URL in the Replicated credential.',
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
	const pages = pagesFor(ctx, first.total, limit, size, 'customer list');
	const width = first.retried ? 1 : concurrency;
	for await (const page of inOrder(pages - 1, (i) => fetchPage(i + 1), width)) {
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
	const pages = pagesFor(ctx, first.total, limit, size, 'customer search');
	const width = first.retried ? 1 : concurrency;
	let reading: OffsetReading = 'pages';
	let more = !got.full && first.items.length === size && pages > 1;
	while (more) {
		const at = reading;
		const fetch = (i: number) => searchPage(ctx, body, searchOffset(at, i + 1, size), size);
		let probe = reading === 'pages';
		more = false;
		for await (const page of inOrder(pages - 1, fetch, width)) {
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

import { NodeOperationError } from 'n8n-workflow';

import type { ReplicatedContext } from './context';

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

export interface Page {
	items: unknown[];
	/** How many items there are in all, as the page says (null or absent: it does not say). */
	total?: number | null;
	/** Whether the request had to be retried (a 429 or 5xx on the way). */
	retried?: boolean;
}

/**
 * Runs page fetches a few at a time and hands the pages over in order. Once any page needed a
 * retry (a rate limit, most likely), the rest go one at a time, so a limited API sees the client
 * slow down instead of being hammered while `Retry-After` is honoured.
 */
export async function* inOrder(
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
export class Collector {
	private readonly ids = new Set<string>();
	count = 0;
	constructor(
		readonly limit: number,
		/** False: items are handed out as often as they come (a list whose items have no `id`). */
		private readonly dedupe = true,
	) {}
	get full(): boolean {
		return this.count >= this.limit;
	}
	/** The page's items not handed out before, up to the limit (an array: generators per item are slow). */
	take(items: unknown[]): unknown[] {
		const fresh: unknown[] = [];
		for (const item of items) {
			if (this.full) break;
			const id = (item as { id?: unknown })?.id;
			if (this.dedupe && typeof id === 'string') {
				if (this.ids.has(id)) continue;
				this.ids.add(id);
			}
			this.count += 1;
			fresh.push(item);
		}
		return fresh;
	}
}

/** What a list is and holds, as errors name them: "customer list", "customers". */
export interface ListName {
	what: string;
	items?: string;
}

/**
 * A list must not end silently before the total the API reported: that means items were skipped
 * (the list changed while it was read, or pages do not line up), and a flow would act on part of it.
 */
export function checkComplete(
	ctx: ReplicatedContext,
	got: Collector,
	total: number,
	{ what, items = 'customers' }: ListName,
): void {
	if (got.full || got.count >= total) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Replicated's ${what} ended after ${got.count} of the ${total} ${items} it reported`,
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
export function pagesFor(
	ctx: ReplicatedContext,
	total: number,
	limit: number,
	size: number,
	{ what, items = 'customers' }: ListName,
): number {
	const pages = Math.ceil(Math.min(total, limit) / size);
	if (pages <= MAX_PAGES) return pages;
	const most = (MAX_PAGES * size).toLocaleString('en-US');
	throw new NodeOperationError(
		ctx.getNode(),
		`Replicated's ${what} reports ${total.toLocaleString('en-US')} ${items}: more than the ${most} (${MAX_PAGES} pages of ${size}) this node reads in one run`,
		{
			description:
				'Narrow the list with a filter or a search query, or turn off Return All and set a Limit below the cap. A total far beyond your customer count means the server answered wrongly: check the API Base URL in the Replicated credential.',
		},
	);
}

export interface PageReading extends PageOptions, ListName {
	/**
	 * Trust the first page's total: plan the pages from it (fetched `concurrency` at a time), refuse
	 * one past the cap before fetching more, and check at the end that the list came whole.
	 * Otherwise the total is a stopping hint only, and pages are read one at a time.
	 */
	planned?: boolean;
	/** The most pages read (MAX_PAGES unless the list says otherwise). */
	maxPages?: number;
	/**
	 * Called when an unplanned reading stops at maxPages with more to come; it may throw. Without
	 * it, the reading ends there.
	 */
	onCap?: (read: number) => void;
	/** False: an item that comes twice is kept twice (items with no `id`). */
	dedupe?: boolean;
	/** End at a page that brings nothing new (a log whose server repeats its last page). */
	endWhenStale?: boolean;
	/**
	 * False: a page shorter than asked does not end the list (a server that gives fewer than
	 * asked); it ends at its total or at a page that brings nothing.
	 */
	shortPageEnds?: boolean;
}

/** One page as the reader hands it out: the items not handed out before, and the page's total. */
export interface ReadPage {
	items: unknown[];
	total?: number;
}

type FetchPage = (index: number, size: number) => Promise<Page>;

const withTotal = (items: unknown[], page: Page): ReadPage =>
	typeof page.total === 'number' ? { items, total: page.total } : { items };

/**
 * The one page reader of every list: page `index` (from 0) of `size` items comes from `fetch`;
 * each item is handed out once (by `id`), up to `limit`, whatever the server repeats. A list whose
 * total is trusted (`planned`) is read a few pages at a time; any other, one page at a time until
 * a short page, its total, or the cap.
 */
export async function* readPages(
	ctx: ReplicatedContext,
	fetch: FetchPage,
	reading: PageReading,
): AsyncGenerator<ReadPage> {
	const { limit = Infinity, pageSize = 100 } = reading;
	const size = Math.max(1, Math.min(pageSize, limit));
	const got = new Collector(limit, reading.dedupe ?? true);
	const first = await fetch(0, size);
	yield withTotal(got.take(first.items), first);
	if (reading.planned) yield* plannedPages(ctx, (i) => fetch(i, size), reading, got, first, size);
	else yield* pagesInTurn((i) => fetch(i, size), reading, got, first, size);
}

/** The pages after the first as its total plans them, a few at a time; then the completeness check. */
async function* plannedPages(
	ctx: ReplicatedContext,
	fetch: (index: number) => Promise<Page>,
	reading: PageReading,
	got: Collector,
	first: Page,
	size: number,
): AsyncGenerator<ReadPage> {
	const total = first.total ?? 0;
	const pages = pagesFor(ctx, total, reading.limit ?? Infinity, size, reading);
	const width = first.retried ? 1 : (reading.concurrency ?? PAGE_CONCURRENCY);
	for await (const page of inOrder(pages - 1, (i) => fetch(i + 1), width)) {
		yield withTotal(got.take(page.items), page);
		if (got.full || page.items.length < size) break;
	}
	checkComplete(ctx, got, total, reading);
}

/**
 * The pages after the first, one at a time, until a short page, the total, or the cap. When page 1
 * brings only items of page 0, the server counts pages from 1 (page 0 and page 1 are both the
 * first): that page is passed over (INFERRED: the CLI's page index counts from 0, and no source
 * says Replicated never counts from 1).
 */
async function* pagesInTurn(
	fetch: (index: number) => Promise<Page>,
	reading: PageReading,
	got: Collector,
	first: Page,
	size: number,
): AsyncGenerator<ReadPage> {
	const ended = (page: Page, fresh: unknown[]) =>
		got.full ||
		(reading.shortPageEnds !== false && page.items.length < size) ||
		(reading.endWhenStale === true && !fresh.length) ||
		got.count >= (page.total ?? Infinity);
	if (ended(first, first.items)) return;
	const pages = reading.maxPages ?? MAX_PAGES;
	let index = 0;
	for await (const page of inOrder(pages - 1, (i) => fetch(i + 1), 1)) {
		const fresh = got.take(page.items);
		// Page 1 again the first: counted from 1; the next page is the second.
		if (++index === 1 && page.items.length && !fresh.length) continue;
		yield withTotal(fresh, page);
		if (ended(page, fresh)) return;
	}
	reading.onCap?.(got.count);
}

/** The items of every page `readPages` hands out. */
export async function* readItems<T = unknown>(
	ctx: ReplicatedContext,
	fetch: FetchPage,
	reading: PageReading,
): AsyncGenerator<T> {
	// The items are what `fetch` parsed them to be.
	for await (const page of readPages(ctx, fetch, reading)) yield* page.items as T[];
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

import type { IDataObject } from 'n8n-workflow';

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
	/** How many items there are in all, as the first page says. */
	total: number;
	/** Whether the request had to be retried (a 429 or 5xx on the way). */
	retried: boolean;
}

/**
 * Items of a paged list, in order. The first page tells the total; the rest are fetched a few at
 * a time and yielded in page order. Once any page needed a retry (a rate limit, most likely), the
 * remaining pages go one at a time, so a limited API sees the client slow down instead of being
 * hammered while `Retry-After` is honoured.
 */
async function* orderedPages(
	fetchPage: (page: number, size: number) => Promise<Page>,
	{ limit = Infinity, pageSize = 100, concurrency = PAGE_CONCURRENCY }: PageOptions,
): AsyncGenerator<unknown> {
	// One size for every page: page numbers only line up when the size never changes.
	const size = Math.max(1, Math.min(pageSize, limit));
	let seen = 0;
	const first = await fetchPage(0, size);
	for (const item of first.items) {
		if (seen >= limit) return;
		seen += 1;
		yield item;
	}
	if (first.items.length < size) return;
	const pages = Math.ceil(Math.min(first.total, limit) / size);
	let width = first.retried ? 1 : Math.max(1, concurrency);
	const inFlight = new Map<number, Promise<Page>>();
	let started = 1;
	try {
		for (let page = 1; page < pages && seen < limit; page++) {
			while (started < pages && started < page + width) {
				const pending = fetchPage(started, size);
				// Awaited in order below; a later page failing first must not go unhandled meanwhile.
				pending.catch(() => undefined);
				inFlight.set(started++, pending);
			}
			const result = await inFlight.get(page)!;
			inFlight.delete(page);
			if (result.retried) width = 1;
			for (const item of result.items) {
				if (seen >= limit) return;
				seen += 1;
				yield item;
			}
			if (result.items.length < size) return;
		}
	} finally {
		// Stopped early (limit reached, or the consumer stopped): let unread pages finish quietly.
		for (const pending of inFlight.values()) pending.catch(() => undefined);
	}
}

/** Items of `GET /v3/app/{appId}/customers` (`currentPage` is 0-based). */
export function appCustomers(
	ctx: ReplicatedContext,
	appId: string,
	qs: IDataObject = {},
	options: PageOptions = {},
): AsyncGenerator<unknown> {
	return orderedPages(async (currentPage, pageSize) => {
		const response = await send(ctx, {
			method: 'GET',
			path: `/v3/app/${encodeURIComponent(appId)}/customers`,
			qs: { ...qs, pageSize, currentPage },
		});
		const page = parseResponse(ctx.getNode(), customerPageSchema, response.body, 'customer list');
		return { items: page.customers, total: page.totalCustomers, retried: response.attempts > 1 };
	}, options);
}

/** Items of `POST /v3/customers/search`; `offset` counts records, as the official CLI sends it. */
export function searchCustomers(
	ctx: ReplicatedContext,
	body: IDataObject,
	options: PageOptions = {},
): AsyncGenerator<unknown> {
	return orderedPages(async (page, pageSize) => {
		const response = await send(ctx, {
			method: 'POST',
			path: '/v3/customers/search',
			body: { ...body, offset: page * pageSize, page_size: pageSize },
			idempotent: true,
		});
		const result = parseResponse(
			ctx.getNode(),
			customerSearchPageSchema,
			response.body,
			'customer search',
		);
		return { items: result.customers, total: result.total_hits, retried: response.attempts > 1 };
	}, options);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

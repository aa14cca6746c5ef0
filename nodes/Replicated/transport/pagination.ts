import type { IDataObject } from 'n8n-workflow';

import { customerPageSchema, customerSearchPageSchema } from '../schemas/pages';
import { parseResponse } from '../schemas/parse';
import type { ReplicatedContext } from './context';
import { apiRequest } from './request';

export interface PageOptions {
	/** Stop once this many items were yielded; all pages when omitted. */
	limit?: number;
	pageSize?: number;
}

/** Items of `GET /v3/app/{appId}/customers`, page by page (`currentPage` is 0-based). */
export async function* appCustomers(
	ctx: ReplicatedContext,
	appId: string,
	qs: IDataObject = {},
	{ limit = Infinity, pageSize = 100 }: PageOptions = {},
): AsyncGenerator<unknown> {
	// One size for every page: page numbers only line up when the size never changes.
	const size = Math.max(1, Math.min(pageSize, limit));
	let seen = 0;
	for (let currentPage = 0; seen < limit; currentPage++) {
		const body = await apiRequest(ctx, {
			method: 'GET',
			path: `/v3/app/${encodeURIComponent(appId)}/customers`,
			qs: { ...qs, pageSize: size, currentPage },
		});
		const page = parseResponse(ctx.getNode(), customerPageSchema, body, 'customer list');
		for (const customer of page.customers) {
			if (seen >= limit) return;
			seen += 1;
			yield customer;
		}
		const fetched = currentPage * size + page.customers.length;
		if (page.customers.length < size || fetched >= page.totalCustomers) return;
	}
}

/** Items of `POST /v3/customers/search`; `offset` counts records, as the official CLI sends it. */
export async function* searchCustomers(
	ctx: ReplicatedContext,
	body: IDataObject,
	{ limit = Infinity, pageSize = 100 }: PageOptions = {},
): AsyncGenerator<unknown> {
	const size = Math.max(1, Math.min(pageSize, limit));
	let seen = 0;
	for (let offset = 0; seen < limit; offset += size) {
		const response = await apiRequest(ctx, {
			method: 'POST',
			path: '/v3/customers/search',
			body: { ...body, offset, page_size: size },
			idempotent: true,
		});
		const page = parseResponse(
			ctx.getNode(),
			customerSearchPageSchema,
			response,
			'customer search',
		);
		for (const customer of page.customers) {
			if (seen >= limit) return;
			seen += 1;
			yield customer;
		}
		if (page.customers.length < size || offset + size >= page.total_hits) return;
	}
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

/** Replicated's customer endpoints (API.md §1.6): read, create, change, archive, list and search. */
import { type IDataObject, NodeOperationError } from 'n8n-workflow';

import { type ApiCustomer, customerEnvelopeSchema, customerSchema } from '../schemas/customer';
import { customerPageSchema, customerSearchPageSchema } from '../schemas/pages';
import { parseResponse } from '../schemas/parse';
import {
	apiRequest,
	checkComplete,
	collect,
	Collector,
	inOrder,
	type Page,
	PAGE_CONCURRENCY,
	type PageOptions,
	pagesFor,
	type ReplicatedContext,
	readItems,
	type RetryPolicy,
	send,
} from '../transport';
import { operation, route, target } from './route';

const customer = (body: unknown, ctx: ReplicatedContext): ApiCustomer =>
	parseResponse(ctx.getNode(), customerEnvelopeSchema, body, 'customer').customer;

/** SPEC getCustomer: the customer by ID (`{customer}` envelope). */
export const getCustomer = operation(
	route('GET', '/customer/{customer_id}', 'getCustomer'),
	async (
		ctx: ReplicatedContext,
		customerId: string,
		/** The webhook path's limits (handle-delivery.ts); the defaults elsewhere. */
		tuning: { policy?: RetryPolicy; timeoutMs?: number } = {},
	): Promise<ApiCustomer> => {
		const at = target(getCustomer.route, { customer_id: customerId });
		const request = { ...at, timeoutMs: tuning.timeoutMs };
		return customer(await apiRequest(ctx, request, tuning.policy), ctx);
	},
);

/**
 * SPEC createCustomer. Not retried automatically (a create); idempotency comes from the caller's
 * Custom ID lookup.
 */
export const createCustomer = operation(
	route('POST', '/customer', 'createCustomer'),
	async (ctx: ReplicatedContext, body: IDataObject): Promise<ApiCustomer> => {
		const at = target(createCustomer.route);
		return customer(await apiRequest(ctx, { ...at, body }), ctx);
	},
);

/**
 * SPEC patchCustomer: changes only the fields sent, and answers the customer as it now is. Never
 * PUT: PUT resets every field it is not given (API.md §1.6). The same PATCH twice is harmless, so
 * it may be retried.
 */
export const patchCustomer = operation(
	route('PATCH', '/customer/{customer_id}', 'patchCustomer'),
	async (ctx: ReplicatedContext, customerId: string, body: IDataObject): Promise<ApiCustomer> => {
		const at = target(patchCustomer.route, { customer_id: customerId });
		return customer(await apiRequest(ctx, { ...at, body, idempotent: true }), ctx);
	},
);

/** SPEC archiveCustomer. Doing it twice is harmless, so the request may be retried. */
export const archiveCustomer = operation(
	route('POST', '/customer/{customer_id}/archive', 'archiveCustomer'),
	async (ctx: ReplicatedContext, customerId: string): Promise<void> => {
		const at = target(archiveCustomer.route, { customer_id: customerId });
		await apiRequest(ctx, { ...at, idempotent: true });
	},
);

/** SPEC unarchiveCustomer. Doing it twice is harmless, so the request may be retried. */
export const unarchiveCustomer = operation(
	route('POST', '/customer/{customer_id}/unarchive', 'unarchiveCustomer'),
	async (ctx: ReplicatedContext, customerId: string): Promise<void> => {
		const at = target(unarchiveCustomer.route, { customer_id: customerId });
		await apiRequest(ctx, { ...at, idempotent: true });
	},
);

/**
 * SPEC listAppCustomers: the app's customers, every page (`currentPage` counts from 0), each once,
 * read a few pages at a time as the first page's `totalCustomers` plans them. Items are validated
 * by the caller's item schema.
 */
export const appCustomers = operation(
	route('GET', '/app/{app_id}/customers', 'listAppCustomers'),
	(
		ctx: ReplicatedContext,
		appId: string,
		qs: IDataObject = {},
		options: PageOptions = {},
	): AsyncGenerator<unknown> => {
		const at = target(appCustomers.route, { app_id: appId });
		const fetch = async (currentPage: number, pageSize: number): Promise<Page> => {
			const response = await send(ctx, {
				...at,
				qs: { ...qs, pageSize, currentPage },
			});
			const page = parseResponse(ctx.getNode(), customerPageSchema, response.body, 'customer list');
			return { items: page.customers, total: page.totalCustomers, retried: response.attempts > 1 };
		};
		return readItems(ctx, fetch, { ...options, planned: true, what: 'customer list' });
	},
);

/** Every include_* flag of customer search set, so that only the query decides (they default to false). */
export function searchBody(
	query: string,
	options: { appId?: string; includeArchived?: boolean } = {},
): IDataObject {
	return {
		...(options.appId ? { app_id: options.appId } : {}),
		query,
		include_paid: true,
		include_trial: true,
		include_dev: true,
		include_community: true,
		include_test: true,
		include_active: true,
		include_inactive: true,
		include_archived: options.includeArchived ?? false,
	};
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

/** SPEC searchTeamCustomers: one page at the given offset (a search may be sent again). */
export const searchPage = operation(
	route('POST', '/customers/search', 'searchTeamCustomers'),
	async (
		ctx: ReplicatedContext,
		body: IDataObject,
		offset: number,
		size: number,
	): Promise<Page & { total: number }> => {
		const response = await send(ctx, {
			...target(searchPage.route),
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
	},
);

/**
 * Items of SPEC searchTeamCustomers, each once, under either reading of `offset`. After the first
 * page, the rest are fetched a few at a time as SPEC counts them (pages); the first of them,
 * offset 1, tells whether that holds. If the API counts records instead, the pages fetched ahead
 * are dropped and the rest is read by record offsets: one round of requests wasted, only then.
 * (The page reader's planned reading, with this one probe: readPages cannot start again.)
 */
export const searchCustomers = operation(
	searchPage.route,
	async function* (
		ctx: ReplicatedContext,
		body: IDataObject,
		{ limit = Infinity, pageSize = 100, concurrency = PAGE_CONCURRENCY }: PageOptions = {},
	): AsyncGenerator<unknown> {
		const size = Math.max(1, Math.min(pageSize, limit));
		const name = { what: 'customer search' };
		const got = new Collector(limit);
		const first = await searchPage(ctx, body, 0, size);
		for (const item of got.take(first.items)) yield item;
		const pages = pagesFor(ctx, first.total, limit, size, name);
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
		checkComplete(ctx, got, first.total, name);
	},
);

/**
 * The customer whose Custom ID is exactly `customId`, or null. Search may return stale data
 * (official CLI), so the match is read again by ID before it is used.
 */
export async function findCustomerByCustomId(
	ctx: ReplicatedContext,
	customId: string,
	options: { appId?: string; includeArchived?: boolean } = {},
): Promise<ApiCustomer | null> {
	if (/\s/.test(customId)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Custom ID "${customId}" contains whitespace, which Replicated's search cannot match`,
			{
				description:
					'Custom IDs are matched exactly; use the CRM record ID as stored on the customer.',
			},
		);
	}
	const hits = (
		await collect(searchCustomers(ctx, searchBody(`customId:${customId}`, options), { limit: 10 }))
	).map((hit) => parseResponse(ctx.getNode(), customerSchema, hit, 'customer search'));
	const exact = hits.filter((c) => c.customId === customId);
	if (exact.length > 1) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${exact.length} customers have Custom ID "${customId}"`,
			{
				description: `Matches: ${exact.map((c) => `${c.name} (${c.id})`).join(', ')}. Select the customer by ID instead, or give each a unique Custom ID.`,
			},
		);
	}
	return exact.length ? await getCustomer(ctx, exact[0].id) : null;
}

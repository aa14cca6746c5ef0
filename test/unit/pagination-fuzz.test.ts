/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test: a model server's placeholder token */
import fc from 'fast-check';
import {
	type IExecuteFunctions,
	type IHttpRequestOptions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import {
	appCustomers,
	searchCustomers,
	type OffsetReading,
} from '../../nodes/Replicated/api/customers';
import { collect } from '../../nodes/Replicated/transport';
import { MAX_PAGES } from '../../nodes/Replicated/transport/pagination';

/**
 * Issue 33 item 6: the paged readers against generated hostile servers (a model of Replicated's
 * two customer lists, here in-process: thousands of servers per run). Invariants, each in a
 * test's name: requests bounded by the cap whatever the server says; every customer at most once
 * and never more than the limit; never silently short of what the server reported; an honest
 * server read exactly; nothing thrown but a node error.
 */

interface Server {
	/** How many customers it holds. */
	size: number;
	/** The total it reports: the truth, or anything at all. */
	total: number | null | 'truth';
	/** Pages counted from 0 (SPEC) or from 1 (page 0 and 1 both the first). */
	base: 0 | 1;
	/** It ignores the page asked for and serves the first again. */
	repeats: boolean;
	/** The most it puts in a page, whatever was asked. */
	servedMax: number;
	/** From this page on it serves empty pages. */
	emptyFrom: number;
	/** How the search counts `offset`. */
	offset: OffsetReading;
}

const ids = (server: Server) => Array.from({ length: server.size }, (_, i) => `c${i}`);

/** One answer of the model: `GET /v3/app/{id}/customers` or `POST /v3/customers/search`. */
function answer(server: Server, options: IHttpRequestOptions): unknown {
	const all = ids(server).map((id) => ({ id, name: id }));
	const search = options.method === 'POST';
	const query = (options.qs ?? {}) as Record<string, number>;
	const body = (options.body ?? {}) as Record<string, number>;
	const asked = search ? body.page_size : query.pageSize;
	const size = Math.min(asked, server.servedMax);
	let page: number;
	if (search) page = server.offset === 'pages' ? body.offset : Math.floor(body.offset / asked);
	else page = query.currentPage;
	if (server.repeats) page = 0;
	if (server.base === 1) page = Math.max(page - 1, 0);
	const customers = page >= server.emptyFrom ? [] : all.slice(page * size, page * size + size);
	const total = server.total === 'truth' ? server.size : server.total;
	return search ? { customers, total_hits: total } : { customers, totalCustomers: total };
}

/** n8n's execution context as the transport uses it, answering from the model. */
function fakeContext(server: Server) {
	let requests = 0;
	const ctx = {
		getNode: () => ({ id: 'n', name: 'Replicated', type: 'replicated', typeVersion: 1 }),
		getCredentials: async () => ({ apiToken: 'token-0123456789', baseUrl: 'http://model' }),
		logger: { warn: () => undefined, debug: () => undefined },
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				requests += 1;
				return { statusCode: 200, headers: {}, body: answer(server, options) };
			},
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, requests: () => requests };
}

const serverArb: fc.Arbitrary<Server> = fc.record({
	size: fc.nat({ max: 700 }),
	total: fc.oneof(
		fc.constant<'truth'>('truth'),
		fc.constant(null),
		fc.nat({ max: 1000 }),
		fc.integer({ min: 100_000, max: Number.MAX_SAFE_INTEGER }),
	),
	base: fc.constantFrom<0 | 1>(0, 1),
	repeats: fc.boolean(),
	servedMax: fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 120 })),
	emptyFrom: fc.oneof(fc.constant(Infinity), fc.nat({ max: 10 })),
	offset: fc.constantFrom<OffsetReading>('pages', 'records'),
});
const limitArb = fc.oneof(fc.constant(Infinity), fc.integer({ min: 1, max: 800 }));
const pageSizeArb = fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 150 }));

const honest = (s: Server) =>
	s.total === 'truth' &&
	s.base === 0 &&
	!s.repeats &&
	s.servedMax >= 150 &&
	s.emptyFrom === Infinity;

type Reader = 'appCustomers' | 'searchCustomers';

async function read(reader: Reader, server: Server, limit: number, pageSize: number) {
	const { ctx, requests } = fakeContext(server);
	const items =
		reader === 'appCustomers'
			? appCustomers(ctx, 'app', {}, { limit, pageSize })
			: searchCustomers(ctx, { app_id: 'app' }, { limit, pageSize });
	try {
		const got = (await collect(items)) as Array<{ id: string }>;
		return { got: got.map((c) => c.id), requests: requests() };
	} catch (error) {
		return { error, requests: requests() };
	}
}

describe.each<Reader>(['appCustomers', 'searchCustomers'])('fuzzing %s', (reader) => {
	it('requests bounded by the cap, whatever total, page size or repetition the server answers with', async () => {
		await fc.assert(
			fc.asyncProperty(serverArb, limitArb, pageSizeArb, async (server, limit, pageSize) => {
				const { requests } = await read(reader, server, limit, pageSize);
				// The search may read its pages twice: once by pages, once by records (see offsetReading).
				expect(requests).toBeLessThanOrEqual(
					reader === 'searchCustomers' ? 2 * MAX_PAGES : MAX_PAGES,
				);
			}),
			{ numRuns: 300 },
		);
	});

	it('each customer at most once, never more than the limit, never silently short of the reported total; only node errors', async () => {
		await fc.assert(
			fc.asyncProperty(serverArb, limitArb, pageSizeArb, async (server, limit, pageSize) => {
				const result = await read(reader, server, limit, pageSize);
				if ('error' in result) {
					// A node error (n8n shows it, Continue On Fail makes it an item), never a crash.
					expect(
						result.error instanceof NodeOperationError || result.error instanceof NodeApiError,
					).toBe(true);
					return;
				}
				const got = result.got;
				expect(new Set(got).size).toBe(got.length);
				expect(got.length).toBeLessThanOrEqual(limit);
				const reported = server.total === 'truth' ? server.size : (server.total ?? 0);
				expect(got.length).toBeGreaterThanOrEqual(Math.min(reported, limit, server.size));
				const known = new Set(ids(server));
				for (const id of got) expect(known.has(id)).toBe(true);
			}),
			{ numRuns: 300 },
		);
	});

	it('an honest server (0-based pages, the true total) is read exactly: every customer, in order, up to the limit', async () => {
		await fc.assert(
			fc.asyncProperty(
				serverArb.filter(honest),
				limitArb,
				pageSizeArb,
				async (server, limit, pageSize) => {
					const result = await read(reader, server, limit, pageSize);
					expect(result).toEqual({
						got: ids(server).slice(0, Math.min(limit, server.size)),
						requests: expect.any(Number),
					});
				},
			),
			{ numRuns: 200 },
		);
	});

	it('a total past the cap is refused after one request, naming the cap', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: MAX_PAGES * 100 + 1, max: Number.MAX_SAFE_INTEGER }),
				async (total) => {
					const server: Server = {
						size: 250,
						total,
						base: 0,
						repeats: false,
						servedMax: 1000,
						emptyFrom: Infinity,
						offset: 'pages',
					};
					const result = await read(reader, server, Infinity, 100);
					expect(result.requests).toBe(1);
					expect((result as { error: Error }).error.message).toMatch(
						/ customers: more than the 100,000 \(1000 pages of 100\) this node reads in one run$/,
					);
				},
			),
			{ numRuns: 100 },
		);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test: starts a child process with a small heap */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { appCustomers, collect, searchCustomers } from '../../nodes/Replicated/transport';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();
const ROOT = path.resolve(__dirname, '../..');

/**
 * Issue 33, "Resources sized by the server": what the server says (totals, pages) is a claim the
 * node checks and bounds, never a size it allocates or loops by.
 */
describe('bounded by us, not by the server: totals and pages', () => {
	const { emulator, context, appId } = useEmulator();

	it('a totalCustomers of 10^11 ends in an error naming the cap, not a fatal out-of-memory (256 MB heap)', async () => {
		const { stdout } = await promisify(execFile)(
			path.join(ROOT, 'node_modules/.bin/tsx'),
			[path.join(ROOT, 'test/support/huge-total.ts'), '100000000000'],
			{ env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=256' }, cwd: ROOT },
		);
		expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
			error:
				"Replicated's customer list reports 100,000,000,000 customers: more than the 100,000 (1000 pages of 100) this node reads in one run",
		});
	}, 60_000);

	it('a huge total_hits is refused after the first page: no page beyond it is planned or fetched', async () => {
		emulator().faults.add({ path: '/customers/search', answerPatch: { total_hits: 50_000_000 } });
		const body = { app_id: appId(), include_paid: true, include_trial: true, include_active: true };
		await expect(collect(searchCustomers(context(), body))).rejects.toThrow(
			"Replicated's customer search reports 50,000,000 customers: more than the 100,000 (1000 pages of 100) this node reads in one run",
		);
		expect(emulator().requests).toHaveLength(1);
	});

	it('a Limit bounds the pages whatever total the server reports', async () => {
		emulator().faults.add({ path: '/customers', answerPatch: { totalCustomers: 1e15 } });
		const got = await collect(appCustomers(context(), appId(), {}, { limit: 2 }));
		expect(got).toHaveLength(2);
		expect(emulator().requests).toHaveLength(1);
	});

	it.each([
		['negative', -1, 'Too small: expected number to be >=0'],
		['fractional', 2.5, 'Invalid input: expected int, received number'],
		['beyond 2^53', 1e300, 'Too big: expected int to be <9007199254740991'],
	])('a %s total is refused, naming the field', async (_what, total, reason) => {
		emulator().faults.add({ path: '/customers', answerPatch: { totalCustomers: total } });
		await expect(collect(appCustomers(context(), appId()))).rejects.toThrow(
			`Replicated: unexpected customer list response at "totalCustomers": ${reason}`,
		);
	});

	it('Channel → Get Many (Return All) stops at 50 pages, naming the cap, when the server serves full pages forever', async () => {
		const names = Array.from({ length: 100 }, (_, i) => `Channel ${i}`);
		const app = emulator().state.addApp('Many Channels', 'many-channels', names);
		// A server that ignores currentPage and reports a total it never reaches: the same full page, again and again.
		emulator().faults.add({
			path: '/channels',
			queryPatch: { currentPage: '0' },
			answerPatch: { totalCount: 1e12 },
			times: Infinity,
		});
		const run = node.execute.call(
			context({
				parameters: {
					resource: 'channel',
					operation: 'getAll',
					appId: { __rl: true, mode: 'id', value: app.id },
					returnAll: true,
					options: {},
				},
			}),
		);
		await expect(run).rejects.toThrow(
			"Replicated's channel list goes on past 50 pages of 100 (5,000 channels), the most this node reads",
		);
		expect(emulator().requests.filter((r) => r.path.endsWith('/channels'))).toHaveLength(50);
	}, 20_000);
});

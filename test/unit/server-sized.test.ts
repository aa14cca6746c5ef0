/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test: starts a child process with a small heap */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { channelReleases } from '../../nodes/Replicated/api/channels';
import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { appCustomers, searchCustomers } from '../../nodes/Replicated/api/customers';
import { collect } from '../../nodes/Replicated/transport';
import type { Emulator } from '../emulator/server';
import { useEmulator } from '../support/emulator-fixture';
import { exportFileName } from '../../nodes/Replicated/transport/file-name';

const node = new Replicated();
const ROOT = path.resolve(__dirname, '../..');

/**
 * An app of 100 channels whose server serves the first page for every page asked, with a total it
 * never reaches: the same full page, again and again.
 */
function endlessChannels(emulator: Emulator) {
	const names = Array.from({ length: 100 }, (_, i) => `Channel ${i}`);
	const app = emulator.state.addApp('Many Channels', 'many-channels', names);
	emulator.faults.add({
		path: '/channels',
		queryPatch: { currentPage: '0' },
		answerPatch: { totalCount: 1e12 },
		times: Infinity,
	});
	return app;
}

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
		const app = endlessChannels(emulator());
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

describe('bounded by us, not by the server: the other paging loops', () => {
	const { emulator, context } = useEmulator();

	it('Instance → Export: a channel filter looked up past the 50-page cap says so, not "no such channel"', async () => {
		const app = endlessChannels(emulator());
		const run = node.execute.call(
			context({
				parameters: {
					resource: 'instance',
					operation: 'export',
					appId: { __rl: true, mode: 'id', value: app.id },
					format: 'csv',
					output: 'items',
					binaryPropertyName: 'data',
					filters: { channelName: 'Nope' },
				},
			}),
		);
		await expect(run).rejects.toThrow(
			'Channel Name or ID: the app lists more than 5000 channels (50 pages of 100), the most this node reads, and "Nope" is not among them',
		);
		expect(emulator().requests.filter((r) => r.path.endsWith('/channels'))).toHaveLength(50);
	}, 20_000);

	it('channel releases: stops at 1,000 pages and logs a warning naming the cap', async () => {
		const app = emulator().state.addApp('Many Releases', 'many-releases', ['Stable']);
		const channel = emulator().state.appChannels(app.id)[0];
		for (let i = 0; i < 100; i++) emulator().state.addRelease(channel.id, { semver: `1.0.${i}` });
		emulator().faults.add({
			path: '/releases',
			queryPatch: { currentPage: '0' },
			answerPatch: { matchedCount: 1e12 },
			times: Infinity,
		});
		const ctx = context();
		const releases = await channelReleases(ctx, app.id, channel.id);
		expect(releases).toHaveLength(100_000);
		expect(emulator().requests).toHaveLength(1000);
		expect(ctx.logLines).toContainEqual(
			expect.stringContaining(
				`Replicated: channel ${channel.id} has more than 1000 pages of 100 releases; the newest 100000 are read, older ones are left out`,
			),
		);
	}, 60_000);
});

describe('bounded by us, not by the server: exports and files', () => {
	const { emulator, context, appId } = useEmulator();
	const exportRun = (parameters: Record<string, unknown>) =>
		node.execute.call(
			context({
				parameters: {
					resource: 'instance',
					operation: 'export',
					appId: { __rl: true, mode: 'id', value: appId() },
					format: 'csv',
					output: 'items',
					binaryPropertyName: 'data',
					filters: {},
					...parameters,
				},
			}),
		);

	it('Instance → Export (CSV): a quote never closed in 32 MB is refused at the 4 MiB row cap, naming the row, in linear time', async () => {
		emulator().faults.add({
			path: '/customer_instances',
			streamBody: {
				contentType: 'text/csv',
				head: 'instance_id,customer_id\ni-1,c-1\ni-2,"',
				chunk: 'x'.repeat(64 * 1024),
				repeat: 32 * 16,
			},
		});
		const started = performance.now();
		await expect(exportRun({})).rejects.toThrow(
			"Replicated's CSV export could not be read: the export's CSV row 3 (the header is row 1) is longer than 4,194,304 characters: a quote that is never closed, or not a CSV export",
		);
		// Before: every chunk re-read everything since the quote (32 MB: about 30 s here).
		expect(performance.now() - started).toBeLessThan(5000);
	}, 20_000);

	it('Instance → Export (JSON): a row that never ends is refused at the 4 MiB cap, naming the row', async () => {
		emulator().faults.add({
			path: '/customer_instances',
			streamBody: {
				contentType: 'application/json',
				head: '[{"instance_id":"i-1","customer_id":"c-1"},{"instance_id":"',
				chunk: 'x'.repeat(64 * 1024),
				repeat: 32 * 16,
			},
		});
		await expect(exportRun({ format: 'json' })).rejects.toThrow(
			"Replicated's JSON export came in a shape this node does not read: the export's row 2 is longer than 4,194,304 characters: a row that never ends, or not an export",
		);
	}, 20_000);

	it.each([
		['a path', 'attachment; filename="../../.ssh/authorized_keys"', 'authorized_keys'],
		['a Windows path', 'attachment; filename="C:\\Windows\\evil.csv"', 'evil.csv'],
		['a leading dot', 'attachment; filename=".bashrc"', 'bashrc'],
		['nothing left', 'attachment; filename="../.."', 'customer_instances.csv'],
		['no name', 'attachment', 'customer_instances.csv'],
		['RFC 6266 filename*', "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9%2F..%2Fx.csv", 'x.csv'],
		[
			'a name of 10,000 characters',
			`attachment; filename="${'n'.repeat(10_000)}.csv"`,
			`${'n'.repeat(124)}.csv`,
		],
	])(
		'Instance → Export (File): a server-given name with %s is sanitised',
		async (_what, disposition, name) => {
			emulator().faults.add({
				path: '/customer_instances',
				headers: { 'content-disposition': disposition },
			});
			const [[item]] = await exportRun({ output: 'binary' });
			expect(item.json.fileName).toBe(name);
			expect(item.binary!.data.fileName).toBe(name);
		},
	);

	it('License → Download: a license body past 10 MB is refused with an error, not read into memory', async () => {
		const customer = [...emulator().state.customers.values()].find((c) => c.type === 'prod')!;
		emulator().faults.add({
			path: '/license-download',
			streamBody: { contentType: 'text/yaml', chunk: 'a'.repeat(64 * 1024), repeat: 1024 * 16 },
		});
		const run = node.execute.call(
			context({
				parameters: {
					resource: 'license',
					operation: 'download',
					customer: { __rl: true, mode: 'id', value: customer.id },
					binaryPropertyName: 'data',
					options: {},
				},
			}),
		);
		await expect(run).rejects.toThrow(
			"Replicated's license file is larger than 10 MB, the most a license file can be here",
		);
	}, 20_000);
});

describe('server-given file names', () => {
	// Node's HTTP stack refuses to send these in a header; another server or a proxy may not.
	it('drops control characters (C0, DEL, C1) and keeps the rest', () => {
		expect(exportFileName('attachment; filename="a\u0007b\u001bc\u007f\u0085d.csv"', 'csv')).toBe(
			'abcd.csv',
		);
	});

	it('falls back to customer_instances.<format> for a header that is not a string', () => {
		expect(exportFileName(['a.csv', 'b.csv'], 'json')).toBe('customer_instances.json');
	});
});

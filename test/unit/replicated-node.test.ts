import { NodeApiError } from 'n8n-workflow';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { searchApps } from '../../nodes/Replicated/methods/listSearch';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();

describe('Replicated node: App and Channel', () => {
	const { emulator, context, appId } = useEmulator();

	it('App → Get Many returns one item per app, without channels unless asked', async () => {
		emulator().state.addApp('Zeta Analytics', 'zeta-analytics');
		const [items] = await node.execute.call(
			context({
				parameters: {
					resource: 'app',
					operation: 'getAll',
					returnAll: true,
					includeChannels: false,
				},
			}),
		);
		expect(items.map((i) => i.json.name)).toEqual(['Acme Platform', 'Zeta Analytics']);
		expect(items[0].json).not.toHaveProperty('channels');
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);

		const [withChannels] = await node.execute.call(
			context({
				parameters: {
					resource: 'app',
					operation: 'getAll',
					returnAll: false,
					limit: 1,
					includeChannels: true,
				},
			}),
		);
		expect(withChannels).toHaveLength(1);
		expect((withChannels[0].json.channels as Array<{ name: string }>).map((c) => c.name)).toEqual([
			'Stable',
			'Beta',
			'Unstable',
		]);
	});

	it('Channel → Get Many reads the app from the picker and pairs each output with its input item', async () => {
		const other = emulator().state.addApp('Zeta Analytics', 'zeta-analytics', ['Stable', 'LTS']);
		const apps = [appId(), other.id];
		const [items] = await node.execute.call(
			context({
				items: apps.map((id) => ({ json: { appId: id } })),
				parameters: {
					resource: 'channel',
					operation: 'getAll',
					appId: { __rl: true, mode: 'id', value: '={{ $json.appId }}' },
					returnAll: true,
					options: {},
				},
			}),
		);
		expect(items.map((i) => [i.json.name, (i.pairedItem as { item: number }).item])).toEqual([
			['Stable', 0],
			['Beta', 0],
			['Unstable', 0],
			['Stable', 1],
			['LTS', 1],
		]);
	});

	it('Channel → Get Many filters by name and honours the limit', async () => {
		const [items] = await node.execute.call(
			context({
				parameters: {
					resource: 'channel',
					operation: 'getAll',
					appId: { __rl: true, mode: 'id', value: appId() },
					returnAll: false,
					limit: 1,
					options: { channelName: 'a' },
				},
			}),
		);
		expect(items.map((i) => i.json.name)).toEqual(['Stable']);
	});

	it('turns an API error into an error item under Continue On Fail, and keeps going', async () => {
		const [items] = await node.execute.call(
			context({
				continueOnFail: true,
				items: [{ json: { appId: 'no-such-app-0000' } }, { json: { appId: appId() } }],
				parameters: {
					resource: 'channel',
					operation: 'getAll',
					appId: { __rl: true, mode: 'id', value: '={{ $json.appId }}' },
					returnAll: true,
					options: {},
				},
			}),
		);
		expect(items[0]).toEqual({
			json: {
				error: 'Replicated: app not found',
				details: { description: expect.stringContaining('Check the app'), httpCode: '404' },
			},
			pairedItem: { item: 0 },
		});
		expect(items.slice(1).map((i) => i.json.name)).toEqual(['Stable', 'Beta', 'Unstable']);
	});

	it("without Continue On Fail, fails with Replicated's message and the failing item", async () => {
		const run = node.execute.call(
			context({
				items: [{ json: { appId: appId() } }, { json: { appId: 'no-such-app-0000' } }],
				parameters: {
					resource: 'channel',
					operation: 'getAll',
					appId: { __rl: true, mode: 'id', value: '={{ $json.appId }}' },
					returnAll: true,
					options: {},
				},
			}),
		);
		await expect(run).rejects.toBeInstanceOf(NodeApiError);
		await expect(run).rejects.toMatchObject({
			message: 'Replicated: app not found',
			context: { itemIndex: 1 },
		});
	});

	it('offers apps in the picker, filtered by what the user types', async () => {
		emulator().state.addApp('Zeta Analytics', 'zeta-analytics');
		const all = await searchApps.call(context() as never);
		expect(all.results.map((r) => r.name)).toEqual(['Acme Platform', 'Zeta Analytics']);
		const filtered = await searchApps.call(context() as never, 'zeta');
		expect(filtered.results).toEqual([
			{
				name: 'Zeta Analytics',
				value: expect.any(String),
				url: 'https://vendor.replicated.com/apps/zeta-analytics',
			},
		]);
	});
});

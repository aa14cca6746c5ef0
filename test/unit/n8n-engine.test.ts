/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test: a deliberately wrong API token */
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { useEmulator } from '../support/emulator-fixture';
import { binaryBytes } from '../support/n8n-engine';

// The action node as n8n runs it: a workflow executed by n8n-core's WorkflowExecute, the emulator as
// Replicated. What these show is n8n's doing around our node: defaults, expressions per item,
// paired items, the node's error setting, binary data and the credential's authentication.
describe('the Replicated node on n8n’s execution engine', () => {
	const { emulator, run, appId } = useEmulator();
	const channels = (items: IDataObject[], continueOnFail: boolean | 'errorOutput' = false) =>
		run({
			continueOnFail,
			items: items.map((json) => ({ json })),
			// Only what a user sets: n8n fills in the rest from the node's defaults.
			parameters: {
				resource: 'channel',
				operation: 'getAll',
				appId: { __rl: true, mode: 'id', value: '={{ $json.appId }}' },
			},
		});

	it('resolves an expression per item and pairs every output item with its input', async () => {
		const other = emulator().state.addApp('Zeta Analytics', 'zeta-analytics', ['Stable', 'LTS']);
		const {
			output,
			error,
			run: execution,
		} = await channels([{ appId: appId() }, { appId: other.id }]);
		expect(error).toBeUndefined();
		expect(execution.status).toBe('success');
		expect(output[0].map((i) => [i.json.name, i.pairedItem])).toEqual([
			['Stable', { item: 0 }],
			['Beta', { item: 0 }],
			['Unstable', { item: 0 }],
			['Stable', { item: 1 }],
			['LTS', { item: 1 }],
		]);
		// n8n's HTTP client sent the credential's header as the credential declares it: the raw token.
		expect(emulator().requests.map((r) => r.auth)).toEqual(['ok', 'ok']);
	});

	it('fails the execution with Replicated’s message and the failing item when the node stops on errors', async () => {
		const {
			output,
			error,
			run: execution,
		} = await channels([{ appId: appId() }, { appId: 'no-such-app-0000' }]);
		expect(execution.status).toBe('error');
		expect(output).toEqual([]);
		// n8n keeps the error in the run data as a plain copy of the node's NodeApiError.
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: 'Replicated: app not found',
			httpCode: '404',
			context: { itemIndex: 1 },
		});
	});

	it('with "On Error: Continue" outputs the error as an item paired with its input, and goes on', async () => {
		const {
			output,
			error,
			run: execution,
		} = await channels([{ appId: 'no-such-app-0000' }, { appId: appId() }], true);
		expect(error).toBeUndefined();
		expect(execution.status).toBe('success');
		expect(output[0][0]).toEqual({
			json: {
				error: 'Replicated: app not found',
				details: { description: expect.stringContaining('Check the app'), httpCode: '404' },
			},
			pairedItem: { item: 0 },
		});
		expect(output[0].slice(1).map((i) => i.json.name)).toEqual(['Stable', 'Beta', 'Unstable']);
	});

	it('with "On Error: Continue (using error output)" sends the failing item to the error output, the others on', async () => {
		const {
			output,
			error,
			run: execution,
		} = await channels([{ appId: 'no-such-app-0000' }, { appId: appId() }], 'errorOutput');
		expect(error).toBeUndefined();
		expect(execution.status).toBe('success');
		expect(output[0].map((i) => i.json.name)).toEqual(['Stable', 'Beta', 'Unstable']);
		expect(output[1]).toEqual([
			{
				json: {
					error: 'Replicated: app not found',
					details: { description: expect.stringContaining('Check the app'), httpCode: '404' },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('a wrong token fails with Replicated’s 401 message, and the token is in no error field', async () => {
		const { error } = await run({
			token: 'emu_wrong_token_0000',
			parameters: { resource: 'app', operation: 'getAll' },
		});
		expect(error).toMatchObject({
			httpCode: '401',
			message:
				'Replicated: Unauthorized: invalid or missing API token. Check the API token in the Replicated credential.',
		});
		expect(JSON.stringify(error)).not.toContain('emu_wrong_token_0000');
		expect(emulator().requests.map((r) => r.auth)).toEqual(['invalid']);
	});

	it('stores an export in n8n’s binary data store, byte for byte what Replicated sent', async () => {
		emulator().state.apps.get(appId())!.syntheticInstances = 200;
		const { output } = await run({
			parameters: {
				resource: 'instance',
				operation: 'export',
				appId: { __rl: true, mode: 'id', value: appId() },
				format: 'csv',
				output: 'binary',
			},
		});
		const [item] = output[0];
		const file = item.binary!.data;
		expect(file).toMatchObject({ mimeType: 'text/csv', fileName: 'customer_instances.csv' });
		expect(file.id).toEqual(expect.stringMatching(/^filesystem-v2:/));
		const stored = await binaryBytes(file);
		// The same request again, straight to the emulator: what Replicated sent.
		const [exported] = emulator().requests.filter((r) => r.path.endsWith('/customer_instances'));
		const again = await request(
			`${emulator().baseUrl}${exported.path}?${new URLSearchParams(exported.query)}`,
			{ headers: { authorization: emulator().token } },
		);
		const sent = Buffer.from(await again.body.arrayBuffer());
		expect(stored.equals(sent)).toBe(true);
		// The header, the emulator's one seeded instance and the 200 synthetic ones.
		expect(stored.toString().trimEnd().split('\n')).toHaveLength(202);
	});
});

import { request } from 'undici';

import { type Emulator, startEmulator } from '../emulator/server';
import { type N8nInstance, startN8n } from '../support/n8n-process';
import { n8nVersion, versionAtLeast } from '../support/n8n-runtime';

const WORKFLOW_ID = 'e2eFoundation0001';
const WEBHOOK_ID = '3b1f2c4d-0000-4000-8000-00000000f001';
const CREDENTIAL = {
	id: 'e2eReplicatedCred1',
	name: 'Replicated (emulator)',
	type: 'replicatedApi',
};

/** Webhook → Replicated: App → Get Many → Replicated: Channel → Get Many (app ID from the previous item). */
function foundationWorkflow() {
	const credentials = { replicatedApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
	return {
		id: WORKFLOW_ID,
		name: 'E2E foundation: list apps and channels',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'a1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters: {
					httpMethod: 'POST',
					path: 'foundation',
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: 'a2',
				name: 'List apps',
				type: 'n8n-nodes-replicated.replicated',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'app',
					operation: 'getAll',
					returnAll: true,
					includeChannels: false,
				},
				credentials,
			},
			{
				id: 'a3',
				name: 'List channels',
				type: 'n8n-nodes-replicated.replicated',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'channel',
					operation: 'getAll',
					appId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					returnAll: true,
					options: {},
				},
				credentials,
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'List apps', type: 'main', index: 0 }]] },
			'List apps': { main: [[{ node: 'List channels', type: 'main', index: 0 }]] },
		},
	};
}

interface Execution {
	id: string;
	status: string;
	mode: string;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
			>;
		};
	};
}

// n8n-workflow before 2.41 (seen in n8n 2.0.3 and 2.20.12) declares `cause` as a class field of
// ExecutionBaseError, which resets the cause of every NodeApiError: n8n's credential test then never
// sees the HTTP status, skips a credential's response-code rules and answers its own 401 message.
const credentialTestAppliesRules = versionAtLeast(n8nVersion(), '2.41.1');

describe('a real n8n with the packed package installed', () => {
	let emulator: Emulator;
	let n8n: N8nInstance;

	beforeAll(async () => {
		emulator = await startEmulator();
		n8n = await startN8n({
			credentials: [
				{ ...CREDENTIAL, data: { apiToken: emulator.token, baseUrl: emulator.baseUrl } },
			],
			workflows: [foundationWorkflow()],
		});
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	}, 60_000);

	it('lists our node type under the package name, as users install it', async () => {
		const res = await request(`${n8n.origin}/types/nodes.json`, {
			headers: { cookie: n8n.cookie },
		});
		const types = (await res.body.json()) as Array<{
			name: string;
			credentials?: Array<{ name: string }>;
		}>;
		const ours = types.filter((t) => t.name.startsWith('n8n-nodes-replicated.'));
		expect(ours.map((t) => t.name)).toContain('n8n-nodes-replicated.replicated');
		expect(
			ours.find((t) => t.name === 'n8n-nodes-replicated.replicated')?.credentials?.[0].name,
		).toBe('replicatedApi');
	});

	// The tarball ships only what n8n loads (package.json `files`): the icons must be among it, at the
	// paths n8n derives from the descriptions (n8n-core DirectoryLoader.getIconPath).
	it("serves our nodes' and credentials' icons from the installed package", async () => {
		const ours = async (file: string) => {
			const res = await request(`${n8n.origin}/types/${file}`, { headers: { cookie: n8n.cookie } });
			const types = (await res.body.json()) as Array<{
				name: string;
				iconUrl?: string | { light: string; dark: string };
			}>;
			return types.filter((t) => /^(n8n-nodes-replicated\.|replicated)/.test(t.name));
		};
		const described = [...(await ours('nodes.json')), ...(await ours('credentials.json'))];
		expect(described.map((t) => t.name)).toEqual(
			expect.arrayContaining(['n8n-nodes-replicated.replicatedTrigger', 'replicatedWebhookApi']),
		);
		expect(described.filter((t) => !t.iconUrl).map((t) => t.name)).toEqual([]);
		const urls = [
			...new Set(
				described.flatMap(({ iconUrl }) =>
					typeof iconUrl === 'string' ? [iconUrl] : iconUrl ? [iconUrl.light, iconUrl.dark] : [],
				),
			),
		].sort();
		expect(urls).toEqual([
			'icons/n8n-nodes-replicated/dist/nodes/Replicated/replicated.dark.svg',
			'icons/n8n-nodes-replicated/dist/nodes/Replicated/replicated.svg',
		]);
		for (const url of urls) {
			const res = await request(`${n8n.origin}/${url}`);
			expect([url, res.statusCode, (await res.body.text()).startsWith('<svg')]).toEqual([
				url,
				200,
				true,
			]);
		}
	});

	it('accepts the credential in the credential test and names the problem for a wrong token', async () => {
		const good = await n8n.rest<{ data: { status: string } }>('POST', '/credentials/test', {
			credentials: { ...CREDENTIAL, data: { apiToken: emulator.token, baseUrl: emulator.baseUrl } },
		});
		expect(good.body.data.status).toBe('OK');
		const bad = await n8n.rest<{ data: { status: string; message: string } }>(
			'POST',
			'/credentials/test',
			{
				credentials: {
					...CREDENTIAL,
					data: { apiToken: 'not-the-token', baseUrl: emulator.baseUrl },
				},
			},
		);
		expect(bad.body.data).toEqual({
			status: 'Error',
			message: credentialTestAppliesRules
				? expect.stringContaining('Replicated rejected the API token (401 Unauthorized)')
				: 'Authorization failed - please check your credentials',
		});
		// The credential test sent the raw token header (a Bearer prefix would count as invalid too,
		// but the good token passing proves the header form).
		const auth = emulator.requests.filter((r) => r.path === '/v3/apps').map((r) => r.auth);
		expect(auth[0]).toBe('ok');
		expect(auth.slice(1).every((a) => a === 'invalid')).toBe(true);
	});

	it('executes a workflow whose Replicated nodes call the API with the credential', async () => {
		const res = await request(`${n8n.origin}/webhook/foundation`, {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json' },
		});
		const channels = (await res.body.json()) as Array<{ name: string; appId: string }>;
		expect(res.statusCode).toBe(200);
		const appId = [...emulator.state.apps.keys()][0];
		expect(channels.map((c) => c.name)).toEqual(['Stable', 'Beta', 'Unstable']);
		expect(channels.every((c) => c.appId === appId)).toBe(true);

		// Read the same execution back through n8n's public API.
		const { data } = await n8n.api<{ data: Execution[] }>(
			`/executions?workflowId=${WORKFLOW_ID}&includeData=true`,
		);
		expect(data).toHaveLength(1);
		const [execution] = data;
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		const run = execution.data.resultData.runData;
		expect(run['List apps'][0].data.main[0].map((i) => i.json.name)).toEqual(['Acme Platform']);
		expect(run['List channels'][0].data.main[0]).toHaveLength(3);
		expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.auth}`)).toEqual(
			expect.arrayContaining([`GET /v3/apps ok`, `GET /v3/app/${appId}/channels ok`]),
		);
	});

	it('keeps the token out of everything n8n logged', () => {
		expect(n8n.log()).not.toContain(emulator.token);
	});
});

import { request } from 'undici';

import { REPLICATED_HOSTS } from '../../nodes/Replicated/fulfillment/install-hosts';
import {
	type InstallFacts,
	installInstructions,
} from '../../nodes/Replicated/fulfillment/install-instructions';
import { instructionsHtml, instructionsMarkdown } from '../../nodes/Replicated/fulfillment/render';
import { licenseYaml } from '../emulator/license-file';
import { type Emulator, startEmulator } from '../emulator/server';
import { type N8nInstance, startN8n } from '../support/n8n-process';

const CREDENTIAL = {
	id: 'e2eReplicatedCred2',
	name: 'Replicated (emulator)',
	type: 'replicatedApi',
};
const credentials = { replicatedApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
const replicated = (id: string, name: string, x: number, parameters: Record<string, unknown>) => ({
	id,
	name,
	type: 'n8n-nodes-replicated.replicated',
	typeVersion: 1,
	position: [x, 0],
	parameters,
	credentials,
});
const webhook = (path: string, responseData = 'allEntries') => ({
	id: `hook-${path}`,
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2.1,
	position: [0, 0],
	webhookId: `6c0ffee0-0000-4000-8000-${path.padStart(12, '0').slice(-12)}`,
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
});
const chain = (...names: string[]) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);

/** Deal won: create the customer (idempotent by CRM ID) → convert to paid → read its milestones. */
function lifecycleWorkflow(appId: string) {
	const customer = {
		__rl: true,
		mode: 'customId',
		value: "={{ $('Webhook').item.json.body.crmId }}",
	};
	return {
		id: 'e2eLifecycle00001',
		name: 'E2E lifecycle: create, convert, milestones',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhook('lifecycle'),
			replicated('b1', 'Create customer', 220, {
				resource: 'customer',
				operation: 'create',
				appId: { __rl: true, mode: 'id', value: appId },
				name: '={{ $json.body.company }}',
				customId: '={{ $json.body.crmId }}',
				email: '={{ $json.body.email }}',
				licenseType: 'trial',
				expiresAt: '2026-12-31T00:00:00',
				sendInvite: true,
				onExisting: 'return',
			}),
			replicated('b2', 'Convert to paid', 440, {
				resource: 'license',
				operation: 'convert',
				customer,
				licenseType: 'paid',
				expiryMode: 'set',
				expiresAt: "={{ $('Webhook').item.json.body.contractEnd }}",
				entitlements: {
					values: [{ name: 'seats', value: "={{ $('Webhook').item.json.body.seats }}" }],
				},
			}),
			replicated('b3', 'Milestones', 660, {
				resource: 'milestone',
				operation: 'get',
				customer,
				policy: 'provisioned',
				options: { confirmedRunning: false },
			}),
		],
		connections: chain('Webhook', 'Create customer', 'Convert to paid', 'Milestones'),
	};
}

/** Weekly export as a file: Instance → Export with binary output, answered as the webhook's body. */
function exportWorkflow(appId: string) {
	return {
		id: 'e2eExport00000001',
		name: 'E2E export to file',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhook('export', 'firstEntryBinary'),
			replicated('c1', 'Export instances', 220, {
				resource: 'instance',
				operation: 'export',
				appId: { __rl: true, mode: 'id', value: appId },
				format: 'csv',
				output: 'binary',
				binaryPropertyName: 'data',
			}),
		],
		connections: chain('Webhook', 'Export instances'),
	};
}

/**
 * Get (by Custom ID) → Update → Instance → Get Many; Customer → Get Many; Customer → Archive;
 * Customer → Unarchive → License → Download, answered with the file.
 */
function customerOpsWorkflows(appId: string) {
	const byCrmId = { __rl: true, mode: 'customId', value: '={{ $json.body.crmId }}' };
	const byId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
	const workflow = (
		id: string,
		path: string,
		nodes: ReturnType<typeof replicated>[],
		responseData?: string,
	) => ({
		id,
		name: `E2E ${path}`,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [webhook(path, responseData), ...nodes],
		connections: chain('Webhook', ...nodes.map((n) => n.name)),
	});
	return [
		workflow('e2eCustomerOps001', 'customer-ops', [
			replicated('d1', 'Get customer', 220, {
				resource: 'customer',
				operation: 'get',
				customer: byCrmId,
			}),
			replicated('d2', 'Update email', 440, {
				resource: 'customer',
				operation: 'update',
				customer: byId,
				updateFields: { email: 'ops@airplane.example.org' },
			}),
			replicated('d3', 'Instances', 660, {
				resource: 'instance',
				operation: 'getAll',
				customer: byId,
			}),
		]),
		workflow('e2eCustomerList01', 'customer-list', [
			replicated('e1', 'Search customers', 220, {
				resource: 'customer',
				operation: 'getAll',
				appId: { __rl: true, mode: 'id', value: appId },
				returnAll: true,
				filters: { licenseTypes: ['trial', 'dev'] },
			}),
		]),
		workflow('e2eCustomerArch01', 'customer-archive', [
			replicated('f1', 'Archive customer', 220, {
				resource: 'customer',
				operation: 'archive',
				customer: byCrmId,
			}),
		]),
		workflow(
			'e2eCustomerBack01',
			'customer-returns',
			[
				replicated('g1', 'Unarchive customer', 220, {
					resource: 'customer',
					operation: 'unarchive',
					customer: byCrmId,
				}),
				replicated('g2', 'Download license', 440, {
					resource: 'license',
					operation: 'download',
					customer: byId,
					binaryPropertyName: 'data',
					options: {},
				}),
			],
			'firstEntryBinary',
		),
		workflow('e2eInstallSteps01', 'install-instructions', [
			replicated('h1', 'Install instructions', 220, {
				resource: 'license',
				operation: 'installInstructions',
				customer: byCrmId,
				options: { chartName: 'hooli-chart' },
			}),
		]),
	];
}

async function post(url: string, body: unknown) {
	const res = await request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

describe('the Replicated action node in a real n8n', () => {
	let emulator: Emulator;
	let n8n: N8nInstance;
	let appId: string;

	beforeAll(async () => {
		emulator = await startEmulator();
		appId = [...emulator.state.apps.keys()][0];
		emulator.state.apps.get(appId)!.syntheticInstances = 20_000;
		n8n = await startN8n({
			credentials: [
				{ ...CREDENTIAL, data: { apiToken: emulator.token, baseUrl: emulator.baseUrl } },
			],
			workflows: [lifecycleWorkflow(appId), exportWorkflow(appId), ...customerOpsWorkflows(appId)],
		});
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	}, 60_000);

	/** The run data n8n stored for the workflow's latest execution, per node. */
	const lastRunData = async (workflowId: string) => {
		const { data } = await n8n.api<{ data: Array<{ id: string }> }>(
			`/executions?workflowId=${workflowId}&limit=1`,
		);
		const run = await n8n.api<{
			data: {
				resultData: {
					runData: Record<string, Array<{ data: { main: unknown[][] }; hints?: unknown[] }>>;
				};
			};
		}>(`/executions/${data[0].id}?includeData=true`);
		return run.data.resultData.runData;
	};

	const deal = {
		company: 'Hooli',
		crmId: '006Dn000004HooliAA',
		email: 'it@hooli.example',
		contractEnd: '2027-11-30',
		seats: 250,
	};

	it('creates, converts and reads the milestones of a customer', async () => {
		const res = await post(`${n8n.origin}/webhook/lifecycle`, deal);
		expect(res.status).toBe(200);
		const [milestones] = JSON.parse(res.text);
		const customer = [...emulator.state.customers.values()].find((c) => c.customId === deal.crmId)!;
		expect(customer).toMatchObject({
			name: 'Hooli',
			type: 'prod',
			expiresAt: '2027-11-30T00:00:00Z',
		});
		expect(customer.entitlements).toContainEqual({ name: 'seats', value: '250', isDefault: false });
		expect(milestones).toMatchObject({
			customId: deal.crmId,
			customerId: customer.id,
			licenseType: 'paid',
			recognitionPolicy: 'provisioned',
			recognizedAt: customer.enterprise_portal.first_invite_sent_at,
		});
		expect(milestones.recognizedAt).toEqual(expect.any(String));
	});

	it('is safe to run again for the same deal: still one customer and one invite', async () => {
		const res = await post(`${n8n.origin}/webhook/lifecycle`, deal);
		expect(res.status).toBe(200);
		expect(
			[...emulator.state.customers.values()].filter((c) => c.customId === deal.crmId),
		).toHaveLength(1);
		expect(
			emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v3/customer'),
		).toHaveLength(1);
		expect(
			emulator.requests.filter((r) => r.path.endsWith('/enterprise-portal/customer-user')),
		).toHaveLength(1);
		expect(emulator.requests.some((r) => r.method === 'PUT')).toBe(false);
	});

	it('streams a 20,000-row export into a binary file', async () => {
		const res = await post(`${n8n.origin}/webhook/export`, {});
		expect(res.status).toBe(200);
		expect(String(res.headers['content-type'])).toContain('text/csv');
		const lines = res.text.trim().split('\n');
		expect(lines[0]).toMatch(/^customer_id,customer_name,/);
		expect(lines).toHaveLength(1 + 20_000 + emulator.state.instances.size);
	});

	it('gets, updates and lists the instances of a customer found by Custom ID', async () => {
		const res = await post(`${n8n.origin}/webhook/customer-ops`, { crmId: '001Dn00000AirplaneCo' });
		expect(res.status).toBe(200);
		const instances = JSON.parse(res.text);
		const airplane = [...emulator.state.customers.values()].find(
			(c) => c.customId === '001Dn00000AirplaneCo',
		)!;
		expect(airplane.email).toBe('ops@airplane.example.org');
		expect(instances).toEqual([
			expect.objectContaining({
				customId: airplane.customId,
				customerId: airplane.id,
				appStatus: 'ready',
			}),
		]);
		const patch = emulator.requests.find(
			(r) => r.method === 'PATCH' && r.path === `/v3/customer/${airplane.id}`,
		)!;
		expect(patch.body).toEqual({ email: 'ops@airplane.example.org' });
	});

	it('searches customers by license type, noting above the output those without a Custom ID', async () => {
		const res = await post(`${n8n.origin}/webhook/customer-list`, {});
		expect(
			JSON.parse(res.text)
				.map((c: { name: string }) => c.name)
				.sort(),
		).toEqual(['Globex Trial', 'Initech Dev']);
		const [globex, initech] = ['Globex Trial', 'Initech Dev'].map(
			(name) => [...emulator.state.customers.values()].find((c) => c.name === name)!.id,
		);
		// The execution hint as n8n stored it with the run (the editor shows it above the output).
		expect((await lastRunData('e2eCustomerList01'))['Search customers'][0].hints).toEqual([
			{
				message: `2 of 2 customers have no Custom ID: Globex Trial (${globex}), Initech Dev (${initech}). The CRM flows find a customer's CRM record by its Custom ID. Set it to the CRM record's ID with Customer → Update (Update Fields → Custom ID).`,
				location: 'outputPane',
			},
		]);
	});

	it('archives a customer found by Custom ID', async () => {
		const res = await post(`${n8n.origin}/webhook/customer-archive`, { crmId: deal.crmId });
		expect(JSON.parse(res.text)).toEqual([
			expect.objectContaining({ customId: deal.crmId, archived: true }),
		]);
		expect(
			[...emulator.state.customers.values()].find((c) => c.customId === deal.crmId)!.isArchived,
		).toBe(true);
	});

	it('unarchives the returning customer and answers with its license file, byte for byte', async () => {
		const seen = emulator.requests.length;
		const res = await post(`${n8n.origin}/webhook/customer-returns`, { crmId: deal.crmId });
		const customer = [...emulator.state.customers.values()].find((c) => c.customId === deal.crmId)!;
		expect(res.status).toBe(200);
		expect(customer.isArchived).toBe(false);
		expect(String(res.headers['content-type'])).toBe('text/yaml');
		expect(res.text).toBe(licenseYaml(emulator.state.apps.get(appId)!, customer));
		expect(
			emulator.requests
				.slice(seen)
				.filter((r) => r.method === 'POST' || r.path.includes('license'))
				.map((r) => `${r.method} ${r.path} ${r.status}`),
		).toEqual([
			'POST /v3/customers/search 200',
			`POST /v3/customer/${customer.id}/unarchive 204`,
			`GET /v3/app/${appId}/customer/${customer.id}/license-download 200`,
		]);
		// The file as n8n stored it (the webhook's answer carries no file name).
		const runData = await lastRunData('e2eCustomerBack01');
		const [out] = runData['Download license'][0].data.main[0] as Array<{
			json: Record<string, unknown>;
			binary: Record<string, { fileName: string; mimeType: string }>;
		}>;
		expect(out.binary.data).toMatchObject({
			fileName: 'hooli-acme-platform-license.yaml',
			mimeType: 'text/yaml',
		});
		expect(out.json).toMatchObject({
			customId: deal.crmId,
			fileName: 'hooli-acme-platform-license.yaml',
		});
	});

	it("writes the returning customer's install instructions with the app's registry domain", async () => {
		const customer = [...emulator.state.customers.values()].find((c) => c.customId === deal.crmId)!;
		Object.assign(customer, { isHelmInstallEnabled: true, isKotsInstallEnabled: true });
		emulator.state.addCustomHostname(appId, 'registry', 'registry.acme.example');
		const res = await post(`${n8n.origin}/webhook/install-instructions`, { crmId: deal.crmId });
		expect(res.status).toBe(200);
		const [item] = JSON.parse(res.text);
		const facts: InstallFacts = {
			appName: 'Acme Platform',
			appSlug: 'acme-platform',
			channelName: 'Stable',
			channelSlug: 'stable',
			customerName: 'Hooli',
			email: deal.email,
			licenseId: customer.installationId,
			hosts: { ...REPLICATED_HOSTS, registry: 'registry.acme.example' },
			allows: { helm: true, helmAirgap: false, embeddedCluster: false, kots: true, airgap: false },
			// The workflow's Helm Chart Name option, in place of the channel's chart.
			helmCharts: ['hooli-chart'],
			embeddedClusterVersion: 2,
			downloadPortal: { url: customer.downloadPortalUrl, password: null },
		};
		const expected = installInstructions(facts);
		expect(item).toMatchObject({
			customId: deal.crmId,
			methods: ['helm', 'kots'],
			helmCharts: [
				{ name: 'hooli-chart', version: null, source: 'option', included: true, reason: null },
			],
			airgap: { installers: false, helm: false, downloadPortalUrl: null, password: null },
			channelCommands: [
				{
					field: 'existingClusterInstallCommand',
					result: 'agrees',
					detail: 'kubectl kots install acme-platform, as these instructions have it',
				},
				{
					field: 'embeddedClusterInstallCommand',
					result: 'unrecognised',
					detail: 'a kURL install (k8s.kurl.sh), which these instructions do not build',
				},
			],
		});
		expect(item.markdown).toBe(instructionsMarkdown(facts, expected));
		expect(item.html).toBe(instructionsHtml(facts, expected));
		expect(item.markdown).toContain(
			`helm registry login registry.acme.example --username ${deal.email} --password ${customer.installationId}`,
		);
		expect(item.markdown).toContain(
			'helm install hooli-chart oci://registry.acme.example/acme-platform/hooli-chart',
		);
	});

	describe('dropdowns, loaded the way the editor loads them', () => {
		const nodeTypeAndVersion = { name: 'n8n-nodes-replicated.replicated', version: 1 };
		const creds = { replicatedApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };

		it("offers the app's channels and license fields", async () => {
			const channels = await n8n.rest<{ data: Array<{ name: string; value: string }> }>(
				'POST',
				'/dynamic-node-parameters/options',
				{
					nodeTypeAndVersion,
					path: 'channelId',
					methodName: 'getChannelsOrAppDefault',
					credentials: creds,
					currentNodeParameters: {
						resource: 'customer',
						operation: 'create',
						appId: { __rl: true, mode: 'list', value: appId },
					},
				},
			);
			expect(channels.body.data.map((c) => c.name)).toEqual([
				"App's Default Channel",
				'Stable (default)',
				'Beta',
				'Unstable',
			]);
			const airplane = [...emulator.state.customers.values()].find(
				(c) => c.customId === '001Dn00000AirplaneCo',
			)!;
			const fields = await n8n.rest<{ data: Array<{ value: string }> }>(
				'POST',
				'/dynamic-node-parameters/options',
				{
					nodeTypeAndVersion,
					path: 'removeEntitlements',
					methodName: 'getLicenseFields',
					credentials: creds,
					// Convert has no App field: the app comes from the chosen customer.
					currentNodeParameters: {
						resource: 'license',
						operation: 'convert',
						customer: { __rl: true, mode: 'id', value: airplane.id },
					},
				},
			);
			expect(fields.body.data.map((f) => f.value)).toEqual(['seats', 'tier', 'sso_enabled']);
		});

		it('searches apps and customers in the pickers', async () => {
			const apps = await n8n.rest<{ data: { results: Array<{ name: string }> } }>(
				'POST',
				'/dynamic-node-parameters/resource-locator-results',
				{
					nodeTypeAndVersion,
					path: 'appId',
					methodName: 'searchApps',
					filter: 'acme',
					credentials: creds,
					currentNodeParameters: { resource: 'channel', operation: 'getAll' },
				},
			);
			expect(apps.body.data.results.map((a) => a.name)).toEqual(['Acme Platform']);
			const customers = await n8n.rest<{ data: { results: Array<{ name: string }> } }>(
				'POST',
				'/dynamic-node-parameters/resource-locator-results',
				{
					nodeTypeAndVersion,
					path: 'customer',
					methodName: 'searchCustomers',
					filter: 'globex',
					credentials: creds,
					currentNodeParameters: { resource: 'customer', operation: 'get' },
				},
			);
			expect(customers.body.data.results.map((c) => c.name)).toEqual(['Globex Trial · trial']);
		});
	});

	it('records every execution as successful in n8n', async () => {
		const { data } = await n8n.api<{ data: Array<{ workflowId: string; status: string }> }>(
			'/executions?limit=10',
		);
		expect(data.filter((e) => e.workflowId === 'e2eLifecycle00001').map((e) => e.status)).toEqual([
			'success',
			'success',
		]);
		expect(data.filter((e) => e.workflowId === 'e2eExport00000001').map((e) => e.status)).toEqual([
			'success',
		]);
	});
});

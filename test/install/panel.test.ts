/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test: drives n8n from outside */
import { eventually } from '../support/eventually';
import { type N8nInstance, startN8n } from '../support/n8n-process';
import {
	eventsToSink,
	type InstallRig,
	NODE_TYPES,
	PACKAGE,
	publishWorkflow,
	startInstallRig,
	subscriptionsAt,
} from './rig';

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	updateAvailable?: string;
	installedNodes: Array<{ name: string; type: string; latestVersion: number }>;
}

const HOOK = 'a0a0a0a0-0000-4000-8000-0000000035a1';

describe('installed from the Community Nodes panel, from a registry, then upgraded and uninstalled', () => {
	let rig: InstallRig;
	let n8n: N8nInstance;
	let workflowId: string;
	const webhookUrl = () => `${n8n.origin}/webhook/${HOOK}/webhook`;
	const packages = async () =>
		(await n8n.rest<{ data: InstalledPackage[] }>('GET', '/community-packages')).body.data;
	const nodeTypes = async () => {
		const res = await fetch(`${n8n.origin}/types/nodes.json`, {
			headers: { cookie: n8n.cookie },
		});
		return ((await res.json()) as Array<{ name: string }>).map((t) => t.name);
	};
	const delivered = () => new Set(rig.sink.hits.map((h) => h.deliveryId)).size;

	beforeAll(async () => {
		rig = await startInstallRig();
		n8n = await startN8n({
			installPackage: false,
			credentials: rig.credentials(),
			env: rig.env(),
		});
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
		await rig?.stop();
	});

	it('installs the latest release with the request the panel sends, from npm’s registry address', async () => {
		expect((await nodeTypes()).filter((t) => t.startsWith(PACKAGE))).toEqual([]);
		const res = await n8n.rest<{ data: InstalledPackage }>('POST', '/community-packages', {
			name: PACKAGE,
		});
		expect(res.status).toBe(200);
		expect(res.body.data.packageName).toBe(PACKAGE);
		expect(res.body.data.installedVersion).toBe('0.1.0');
		expect(res.body.data.installedNodes.map((n) => n.type).sort()).toEqual(NODE_TYPES);
		// n8n asked npm's registry for the version, and its npm fetched the tarball from there.
		expect(rig.registryCalls()).toEqual(
			expect.arrayContaining([`GET /${PACKAGE}/latest`, `GET /${PACKAGE}/-/${PACKAGE}-0.1.0.tgz`]),
		);
		expect((await nodeTypes()).filter((t) => t.startsWith(PACKAGE)).sort()).toEqual(
			expect.arrayContaining(NODE_TYPES),
		);
	});

	it('runs a workflow built with the installed nodes: published, subscribed, delivering', async () => {
		workflowId = await publishWorkflow(n8n, eventsToSink('panel', HOOK, rig.sink.url));
		await eventually(
			'one subscription at the workflow',
			() => subscriptionsAt(rig.emulator, webhookUrl()).length === 1,
		);
		const { deliveries } = await rig.emulator.notify('customer.created');
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		await eventually('the event at the sink', () => delivered() === 1);
	});

	it('upgrades 0.1.0 → 0.1.1 from the panel with the trigger active: one subscription kept, no delivery lost', async () => {
		const [before] = subscriptionsAt(rig.emulator, webhookUrl());
		await rig.registry.publish(rig.releases['0.1.1']);
		const [listed] = await packages();
		expect([listed.installedVersion, listed.updateAvailable]).toEqual(['0.1.0', '0.1.1']);
		// Replicated keeps sending while n8n swaps the package; what n8n cannot take it sends again.
		let sending = true;
		let sent = 0;
		const statuses: number[] = [];
		// Each event its own second (a sample event's body has nothing else of its own), a minute before
		// the earlier test's: the same body is a retry of the same delivery, which the trigger drops.
		const start = Date.now() - 60_000;
		const traffic = (async () => {
			while (sending) {
				const { deliveries } = await rig.emulator.notify('customer.created', {
					timestamp: new Date(start - (sent + 1) * 1000),
				});
				statuses.push(...deliveries.map((d) => d.status));
				sent++;
				await new Promise((r) => setTimeout(r, 100));
			}
		})();
		const res = await n8n.rest<{ data: InstalledPackage }>('PATCH', '/community-packages', {
			name: PACKAGE,
		});
		await new Promise((r) => setTimeout(r, 1000));
		sending = false;
		await traffic;
		console.log(`during the upgrade: ${sent} events, first answers ${JSON.stringify(statuses)}`);
		expect(statuses.length).toBeGreaterThan(0);
		expect(res.status).toBe(200);
		expect(res.body.data.installedVersion).toBe('0.1.1');
		expect((await packages()).map((p) => [p.packageName, p.installedVersion])).toEqual([
			[PACKAGE, '0.1.1'],
		]);
		await eventually(`all ${sent + 1} events at the sink`, () => delivered() === sent + 1);
		const after = subscriptionsAt(rig.emulator, webhookUrl());
		expect(after.map((s) => [s.id, s.isEnabled])).toEqual([[before.id, true]]);
		const { deliveries } = await rig.emulator.notify('customer.created');
		expect(deliveries.map((d) => d.status)).toEqual([200]);
	});

	it('uninstalls from the panel: the nodes go; the workflow stays published and its subscription stays at Replicated, answered 400', async () => {
		const [subscription] = subscriptionsAt(rig.emulator, webhookUrl());
		const res = await n8n.rest('DELETE', `/community-packages?name=${PACKAGE}`);
		expect(res.status).toBe(200);
		expect(await packages()).toEqual([]);
		expect((await nodeTypes()).filter((t) => t.startsWith(PACKAGE))).toEqual([]);
		// n8n removes the files and node types only: no trigger code runs, so nothing deletes the
		// subscription. Replicated keeps delivering; n8n refuses each (a failure Replicated counts).
		const workflow = await n8n.api<{ active: boolean }>(`/workflows/${workflowId}`);
		expect(workflow.active).toBe(true);
		expect(subscriptionsAt(rig.emulator, webhookUrl()).map((s) => [s.id, s.isEnabled])).toEqual([
			[subscription.id, true],
		]);
		const { deliveries } = await rig.emulator.notify('customer.created');
		expect(deliveries.map((d) => d.status)).toEqual([400]);
		expect(deliveries[0].body).toContain(`Unrecognized node type: ${PACKAGE}.replicatedTrigger`);
	});
});

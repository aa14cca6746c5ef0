import { workerProcess } from '../../scripts/services/queue-mode';
import { eventually } from '../support/eventually';
import type { QueueMode } from '../support/queue-mode';
import {
	eventsToSink,
	type InstallRig,
	PACKAGE,
	publishWorkflow,
	startInstallRig,
	startQueue,
} from './rig';

const HOOK = 'a0a0a0a0-0000-4000-8000-0000000035c1';
/** n8n's answer to the panel on such an instance (CommunityPackagesLifecycleService). */
const MANAGED =
	'Community packages are managed via environment variables on this instance and cannot be modified through the API.';

describe('env-managed: N8N_COMMUNITY_PACKAGES with the package, version and checksum, in queue mode', () => {
	let rig: InstallRig;
	let queue: QueueMode;
	/** N8N_COMMUNITY_PACKAGES pinning this release, with the checksum n8n verifies it by. */
	const packages = (version: '0.1.0' | '0.1.1') =>
		JSON.stringify([{ name: PACKAGE, version, checksum: rig.checksum(version) }]);
	/** How often a process loaded the package (on start, on each install or update command). */
	const installs = (name: string) =>
		queue.log(name).split(`Community package installed: ${PACKAGE}`).length - 1;
	const delivered = () => new Set(rig.sink.hits.map((h) => h.deliveryId)).size;

	beforeAll(async () => {
		rig = await startInstallRig();
		queue = await startQueue(rig, {
			N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV: 'true',
			N8N_COMMUNITY_PACKAGES: packages('0.1.0'),
			// Main reconciles the list on start; the others only reinstall what main recorded.
			N8N_REINSTALL_MISSING_PACKAGES: 'true',
		});
	}, 400_000);

	afterAll(async () => {
		await queue?.stop();
		await rig?.stop();
	});

	it("takes as checksum the registry's dist.integrity: sha512- and the tarball's base64 SHA-512", async () => {
		const res = await fetch(`${rig.registry.origin}/${PACKAGE}/0.1.0`);
		const { dist } = (await res.json()) as { dist: { integrity: string } };
		expect(dist.integrity).toBe(rig.checksum('0.1.0'));
		expect(dist.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
	});

	it('installs on main at start, and on the webhook process and worker started with N8N_REINSTALL_MISSING_PACKAGES', async () => {
		expect(queue.log('main')).toContain(`Installed community package '${PACKAGE}@0.1.0' from env`);
		const { body } = await queue.main.rest<{
			data: Array<{ packageName: string; installedVersion: string }>;
		}>('GET', '/community-packages');
		expect(body.data.map((p) => [p.packageName, p.installedVersion])).toEqual([[PACKAGE, '0.1.0']]);
		for (const name of ['webhook', 'worker-1'])
			expect(queue.log(name)).toContain('Packages reinstalled successfully');
	});

	it('refuses installs, upgrades and uninstalls from the panel', async () => {
		const install = await queue.main.rest<{ message: string }>('POST', '/community-packages', {
			name: PACKAGE,
		});
		const update = await queue.main.rest<{ message: string }>('PATCH', '/community-packages', {
			name: PACKAGE,
		});
		const remove = await queue.main.rest<{ message: string }>(
			'DELETE',
			`/community-packages?name=${PACKAGE}`,
		);
		expect([install, update, remove].map((r) => [r.status, r.body.message])).toEqual([
			[400, MANAGED],
			[400, MANAGED],
			[400, MANAGED],
		]);
	});

	it('runs a signed delivery on the worker', async () => {
		await publishWorkflow(queue.main, eventsToSink('env', HOOK, rig.sink.url));
		await eventually('one subscription', () => rig.emulator.state.subscriptions.size === 1);
		const { deliveries } = await rig.emulator.notify('customer.created');
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		await eventually('the event at the sink', () => delivered() === 1);
	});

	it('upgrades to 0.1.1 when main restarts with the new version and checksum: the running processes follow, the subscription is kept', async () => {
		const [before] = [...rig.emulator.state.subscriptions.values()];
		const installedBefore: Record<string, number> = {
			webhook: installs('webhook'),
			'worker-1': installs('worker-1'),
		};
		await rig.registry.publish(rig.releases['0.1.1']);
		await queue.stopProcess('main');
		await queue.main.startAgain({ N8N_COMMUNITY_PACKAGES: packages('0.1.1') });
		expect(queue.log('main')).toContain(
			`Updated community package '${PACKAGE}' from 0.1.0 to 0.1.1 from env`,
		);
		// The update reaches the webhook process and the worker over pub/sub, as a panel upgrade does.
		await eventually('the webhook process and the worker updated it', () =>
			['webhook', 'worker-1'].every((p) => installs(p) === installedBefore[p] + 1),
		);
		expect([...rig.emulator.state.subscriptions.values()].map((s) => [s.id, s.isEnabled])).toEqual([
			[before.id, true],
		]);
		const { deliveries } = await rig.emulator.notify('customer.created', {
			timestamp: new Date(Date.now() - 60_000),
		});
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		await eventually('the second event at the sink', () => delivered() === 2);
	});

	it('leaves a worker started without N8N_REINSTALL_MISSING_PACKAGES without the package (n8n warns)', async () => {
		const bare = await queue.start(workerProcess(1), { N8N_REINSTALL_MISSING_PACKAGES: 'false' });
		expect(bare.log()).toContain('n8n detected that some packages are missing');
		expect(bare.log()).not.toContain('Packages reinstalled successfully');
	});
});

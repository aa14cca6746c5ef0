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
	subscriptionsAt,
} from './rig';

const HOOK = 'a0a0a0a0-0000-4000-8000-0000000035b1';
/** What n8n logs once a process has the package loaded (CommunityPackagesService). */
const INSTALLED = `Community package installed: ${PACKAGE}`;

describe('queue mode: installed from the panel on main while the webhook process and a worker run', () => {
	let rig: InstallRig;
	let queue: QueueMode;
	const webhookUrl = () => `${queue.webhookOrigin}/webhook/${HOOK}/webhook`;
	const delivered = () => new Set(rig.sink.hits.map((h) => h.deliveryId)).size;

	beforeAll(async () => {
		rig = await startInstallRig();
		queue = await startQueue(rig);
	}, 400_000);

	afterAll(async () => {
		await queue?.stop();
		await rig?.stop();
	});

	it('installs on main from the panel, and n8n’s pub/sub installs it on the running webhook process and worker', async () => {
		expect(queue.log('webhook')).not.toContain(INSTALLED);
		const res = await queue.main.rest<{ data: { installedVersion: string } }>(
			'POST',
			'/community-packages',
			{ name: PACKAGE },
		);
		expect(res.status).toBe(200);
		expect(res.body.data.installedVersion).toBe('0.1.0');
		// No restart: each process takes the install command from Redis and installs it itself.
		await eventually('the webhook process and the worker installed it', () =>
			['webhook', 'worker-1'].every((p) => queue.log(p).includes(INSTALLED)),
		);
	});

	it('runs a signed delivery on the worker with no restart', async () => {
		await publishWorkflow(queue.main, eventsToSink('queue', HOOK, rig.sink.url));
		await eventually(
			'one subscription at the webhook process',
			() => subscriptionsAt(rig.emulator, webhookUrl()).length === 1,
		);
		const { deliveries } = await rig.emulator.notify('customer.created');
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		await eventually('the event at the sink', () => delivered() === 1);
	});

	it('installs it on a worker started later with N8N_REINSTALL_MISSING_PACKAGES=true, which then runs the deliveries', async () => {
		const later = await queue.start(workerProcess(1), { N8N_REINSTALL_MISSING_PACKAGES: 'true' });
		expect(later.log()).toContain('Attempting to reinstall missing packages');
		expect(later.log()).toContain('Packages reinstalled successfully');
		// The first worker goes: only the late one can run the next delivery.
		await queue.stopProcess('worker-1');
		const { deliveries } = await rig.emulator.notify('customer.created', {
			timestamp: new Date(Date.now() - 60_000),
		});
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		await eventually('the event at the sink', () => delivered() === 2);
	});
});

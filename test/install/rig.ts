/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type NpmRegistry, startNpmRegistry } from '../../scripts/services/npm-registry';
import { type Emulator, startEmulator } from '../emulator/server';
import { type CrmProxy, startCrmProxy } from '../fakes/crm-proxy';
import { npmRegistryFake } from '../fakes/npm-registry';
import { eventually } from '../support/eventually';
import type { N8nInstance } from '../support/n8n-process';
import { type QueueMode, startQueueMode } from '../support/queue-mode';
import { integrity, releaseAs } from '../support/release';
import { emulatorCredential } from '../support/replicated-credential';
import { type Sink, sinkNode, startSink } from '../support/sink';
import { triggerNode } from '../support/trigger-node';

export const PACKAGE = 'n8n-nodes-replicated';
export const NODE_TYPES = [`${PACKAGE}.replicated`, `${PACKAGE}.replicatedTrigger`];
/** Replicated's retries, compressed: a delivery n8n could not take is sent again within seconds. */
const RETRY_SCHEDULE_MS = [1000, 2000, 4000, 8000];

/** The package's two releases from this tree, as `npm publish` would upload them. */
export interface Releases {
	'0.1.0': string;
	'0.1.1': string;
}

/**
 * Everything an install test needs around n8n: npm's registry answered by a local one through the
 * intercepting proxy (release 0.1.0 published, 0.1.1 ready to publish), Replicated's emulator
 * (retrying deliveries as Replicated does) and a sink the test workflow posts each event to.
 */
export interface InstallRig {
	registry: NpmRegistry;
	proxy: CrmProxy;
	emulator: Emulator;
	sink: Sink;
	releases: Releases;
	/** The checksum n8n expects for a release (`dist.integrity`), e.g. for N8N_COMMUNITY_PACKAGES. */
	checksum(version: keyof Releases): string;
	/** What every n8n process needs: the proxy, and an npm cache of its own. */
	env(): Record<string, string>;
	/** The credentials the test workflow uses, for IMPORT_CREDENTIALS. */
	credentials(): object[];
	/** Requests n8n (or its npm) made to npm's registry: `METHOD /path`. */
	registryCalls(): string[];
	stop(): Promise<void>;
}

export async function startInstallRig(): Promise<InstallRig> {
	const tgz = process.env.PACKAGE_TGZ;
	const node24 = process.env.NODE24_BIN;
	if (!tgz || !node24)
		throw new Error('PACKAGE_TGZ and NODE24_BIN are set by `npm test` / scripts/test/test.sh');
	const releases: Releases = { '0.1.0': releaseAs(tgz, '0.1.0'), '0.1.1': releaseAs(tgz, '0.1.1') };
	const registry = await startNpmRegistry(node24);
	await registry.publish(releases['0.1.0']);
	const proxy = await startCrmProxy([npmRegistryFake(registry.origin)]);
	const emulator = await startEmulator({ retryScheduleMs: RETRY_SCHEDULE_MS });
	emulator.allowPrivateWebhookUrls(true);
	const sink = await startSink();
	const npmCache = mkdtempSync(path.join(tmpdir(), 'install-npm-cache-'));
	return {
		registry,
		proxy,
		emulator,
		sink,
		releases,
		checksum: (version) => integrity(releases[version]),
		env: () => ({
			...proxy.env(),
			// npm's own cache kept apart: this registry's copy of the package must not reach the user's.
			npm_config_cache: npmCache,
			// The npm n8n spawns takes its CAs from its config, not from NODE_EXTRA_CA_CERTS (seen: its
			// `npm pack` failed with SELF_SIGNED_CERT_IN_CHAIN); as a user behind a TLS-inspecting proxy sets.
			npm_config_cafile: proxy.env().NODE_EXTRA_CA_CERTS,
		}),
		credentials: () => [emulatorCredential('installReplicated', emulator)],
		registryCalls: () =>
			proxy.calls
				.filter((c) => c.host === 'registry.npmjs.org')
				.map((c) => `${c.method} ${c.path}`),
		stop: async () => {
			await sink.close();
			await emulator.close();
			await proxy.stop();
			await registry.stop();
		},
	};
}

/** A workflow a user builds after installing: every customer.created event to the sink. */
export function eventsToSink(id: string, webhookId: string, sinkUrl: string) {
	return {
		name: `Install test ${id}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			triggerNode({
				id: `${id}-trigger`,
				webhookId,
				registration: 'auto',
				events: ['customer.created'],
				options: { enrichCustomer: false },
				credentials: { replicatedApi: { id: 'installReplicated', name: 'Replicated account' } },
			}),
			sinkNode(
				`${id}-sink`,
				sinkUrl,
				'={{ JSON.stringify({ deliveryId: $json.deliveryId, event: $json.event }) }}',
			),
		],
		connections: {
			'Replicated Trigger': { main: [[{ node: 'To Sink', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * Creates the workflow through n8n's public API and publishes it; its ID returned once the trigger
 * has saved its registration (subscription and secret, in the workflow's static data): a delivery
 * in between is refused 401 (Replicated sends it again; a test asserting the first answer waits).
 */
export async function publishWorkflow(n8n: N8nInstance, workflow: object): Promise<string> {
	const created = await n8n.api<{ id?: string; message?: string }>('/workflows', 'POST', workflow);
	if (!created.id) throw new Error(`workflow not created: ${created.message}`);
	const activated = await n8n.api<{ active?: boolean; message?: string }>(
		`/workflows/${created.id}/activate`,
		'POST',
	);
	if (!activated.active) throw new Error(`workflow not published: ${activated.message}`);
	await eventually('the trigger saved its registration', async () => {
		const { staticData } = await n8n.api<{
			staticData: Record<string, { subscriptionId?: string; webhookSecret?: string }> | null;
		}>(`/workflows/${created.id}`);
		const saved = staticData?.['node:Replicated Trigger'];
		return Boolean(saved?.subscriptionId && saved.webhookSecret);
	});
	return created.id;
}

/**
 * n8n's queue mode as separate hosts or containers run it: main, a webhook process and a worker,
 * each process with a user folder of its own and nothing installed in it, so each has the package
 * only if n8n installs it there.
 */
export async function startQueue(
	rig: InstallRig,
	env: Record<string, string> = {},
): Promise<QueueMode> {
	return await startQueueMode({
		installPackage: false,
		ownUserFolders: true,
		workers: 1,
		credentials: rig.credentials(),
		env: { ...rig.env(), ...env },
	});
}

/** The Replicated subscriptions pointing at this workflow's production webhook. */
export function subscriptionsAt(emulator: Emulator, webhookUrl: string) {
	return [...emulator.state.subscriptions.values()].filter((s) => s.webhookUrl === webhookUrl);
}

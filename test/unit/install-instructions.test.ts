import type { IBinaryKeyData } from 'n8n-workflow';

import {
	type InstallFacts,
	installInstructions,
	REPLICATED_HOSTS,
} from '../../nodes/Replicated/fulfillment/install-instructions';
import { instructionsHtml, instructionsMarkdown } from '../../nodes/Replicated/fulfillment/render';
import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { useEmulator } from '../support/emulator-fixture';
import { binaryBytes } from '../support/n8n-engine';

const FACTS: InstallFacts = {
	appName: 'Acme Platform',
	appSlug: 'acme-platform',
	channelName: 'Beta',
	channelSlug: 'beta',
	customerName: 'Initrode',
	email: 'it@initrode.example',
	licenseId: 'LICENSE-ID-123',
	hosts: REPLICATED_HOSTS,
	allows: { helm: true, embeddedCluster: true, kots: true, airgap: true },
	chartName: 'acme-platform',
	embeddedClusterVersion: 2,
};

const commands = (facts: InstallFacts) =>
	installInstructions(facts).sections.flatMap((s) => s.steps.flatMap((t) => t.command ?? []));

describe('install instructions: what the license allows, the way Replicated shows them', () => {
	it('every method on a Beta channel, as Markdown', () => {
		expect(instructionsMarkdown(FACTS, installInstructions(FACTS))).toBe(
			[
				'# Installing Acme Platform',
				'',
				'Your Acme Platform license (Beta channel) is attached to this message as a YAML file. Keep it private: it grants access to the software.',
				'',
				'## Helm (existing Kubernetes cluster)',
				'',
				'1. Log in to the registry with your email address and license ID:',
				'',
				'   ```bash',
				'   helm registry login registry.replicated.com --username it@initrode.example --password LICENSE-ID-123',
				'   ```',
				'2. Install Acme Platform:',
				'',
				'   ```bash',
				'   helm install acme-platform oci://registry.replicated.com/acme-platform/beta/acme-platform',
				'   ```',
				'',
				'## Embedded Cluster (a Linux machine, no Kubernetes needed)',
				'',
				'1. On the Linux machine to install on, download the installer:',
				'',
				'   ```bash',
				'   curl -f "https://replicated.app/embedded/acme-platform/beta" -H "Authorization: LICENSE-ID-123" -o acme-platform-beta.tgz',
				'   ```',
				'2. Extract it:',
				'',
				'   ```bash',
				'   tar -xvzf acme-platform-beta.tgz',
				'   ```',
				'3. Install (the license file is in the archive):',
				'',
				'   ```bash',
				'   sudo ./acme-platform install --license license.yaml',
				'   ```',
				'',
				'## KOTS Admin Console (existing Kubernetes cluster)',
				'',
				'1. Install the KOTS plugin for kubectl:',
				'',
				'   ```bash',
				'   curl https://kots.io/install | bash',
				'   ```',
				'2. Install, with the attached license file saved as license.yaml:',
				'',
				'   ```bash',
				'   kubectl kots install acme-platform/beta --license-file ./license.yaml',
				'   ```',
				'',
				'## Air gap (no internet access)',
				'',
				'1. On a machine with internet access, download the installer with the air gap bundle:',
				'',
				'   ```bash',
				'   curl -f "https://replicated.app/embedded/acme-platform/beta?airgap=true" -H "Authorization: LICENSE-ID-123" -o acme-platform-beta.tgz',
				'   ```',
				'2. Copy it to the machine to install on and extract it:',
				'',
				'   ```bash',
				'   tar -xvzf acme-platform-beta.tgz',
				'   ```',
				'3. Install from the bundle:',
				'',
				'   ```bash',
				'   sudo ./acme-platform install --license license.yaml --airgap-bundle acme-platform.airgap',
				'   ```',
				'4. For Helm or KOTS without internet access, download the air gap bundle and its instructions from the Download Portal: https://get.replicated.com',
				'',
			].join('\n'),
		);
	});

	it('Stable: Helm and KOTS address the app without a channel; the Embedded Cluster URL keeps it', () => {
		expect(commands({ ...FACTS, channelName: 'Stable', channelSlug: 'stable' })).toEqual(
			expect.arrayContaining([
				'helm install acme-platform oci://registry.replicated.com/acme-platform/acme-platform',
				'curl -f "https://replicated.app/embedded/acme-platform/stable" -H "Authorization: LICENSE-ID-123" -o acme-platform-stable.tgz',
				'kubectl kots install acme-platform --license-file ./license.yaml',
			]),
		);
	});

	it("custom domains replace Replicated's hosts; Embedded Cluster 3 installs with --airgap", () => {
		const all = commands({
			...FACTS,
			hosts: {
				registry: 'registry.acme.example',
				replicatedApp: 'updates.acme.example',
				downloadPortal: 'portal.acme.example',
			},
			embeddedClusterVersion: 3,
		});
		expect(all).toContain(
			'helm registry login registry.acme.example --username it@initrode.example --password LICENSE-ID-123',
		);
		expect(all).toContain(
			'curl -f "https://updates.acme.example/embedded/acme-platform/beta?airgap=true" -H "Authorization: LICENSE-ID-123" -o acme-platform-beta.tgz',
		);
		expect(all).toContain('sudo ./acme-platform install --license license.yaml --airgap');
		expect(all.join('\n')).not.toMatch(/replicated\.(com|app)/);
	});

	it('only what the license allows, and Helm only with an email (the registry user name)', () => {
		const helmOnly = {
			...FACTS,
			allows: { helm: true, embeddedCluster: false, kots: false, airgap: false },
		};
		expect(installInstructions(helmOnly).methods).toEqual(['helm']);
		const noEmail = installInstructions({ ...helmOnly, email: null });
		expect(noEmail).toEqual({
			methods: [],
			sections: [],
			omitted: [
				{
					method: 'helm',
					reason:
						"the customer has no email address, which the registry login needs: set the customer's email",
				},
			],
		});
		expect(instructionsMarkdown(FACTS, noEmail)).toContain(
			'Your license enables no install method yet',
		);
		expect(installInstructions({ ...FACTS, only: ['kots'] }).methods).toEqual(['kots', 'airgap']);
	});

	it('HTML: every text escaped, commands in code blocks with inline styles', () => {
		const facts = { ...FACTS, appName: 'Acme <Platform> & Co' };
		const html = instructionsHtml(facts, installInstructions(facts));
		expect(html).toContain(
			'<h1 style="font-size:20px">Installing Acme &lt;Platform&gt; &amp; Co</h1>',
		);
		expect(html).toContain(
			'>curl -f &quot;https://replicated.app/embedded/acme-platform/beta&quot; -H &quot;Authorization: LICENSE-ID-123&quot; -o acme-platform-beta.tgz</code>',
		);
		expect(html).not.toContain('<Platform>');
		expect(html).not.toMatch(/<style|<script|<link/);
	});
});

describe('Replicated node: License → Get Install Instructions', () => {
	const { emulator, context, appId } = useEmulator();
	const node = new Replicated();
	const run = async (options: Record<string, unknown> = {}) =>
		(
			await node.execute.call(
				context({
					parameters: {
						resource: 'license',
						operation: 'installInstructions',
						customer: { __rl: true, mode: 'customId', value: 'crm-initrode' },
						options,
					},
				}),
			)
		)[0][0].json;

	const addInitrode = (flags: Record<string, boolean>) => {
		const beta = emulator().state.appChannels(appId())[1];
		return emulator().state.addCustomer({
			appId: appId(),
			name: 'Initrode',
			email: 'it@initrode.example',
			customId: 'crm-initrode',
			type: 'prod',
			channelIds: [beta.id],
			flags,
		});
	};

	it("builds the customer's instructions from its license, channel and the app's custom domains", async () => {
		emulator().state.addCustomHostname(appId(), 'registry', 'registry.acme.example');
		emulator().state.addCustomHostname(appId(), 'registry', 'registry2.acme.example');
		const customer = addInitrode({ isHelmInstallEnabled: true, airgap: true });
		const item = await run({ chartName: 'acme' });
		expect(item).toMatchObject({
			customId: 'crm-initrode',
			customerId: customer.id,
			name: 'Initrode',
			email: 'it@initrode.example',
			app: { id: appId(), name: 'Acme Platform', slug: 'acme-platform' },
			channel: { name: 'Beta', slug: 'beta' },
			methods: ['helm', 'airgap'],
			omitted: [],
			hosts: {
				registry: 'registry.acme.example',
				replicatedApp: 'replicated.app',
				downloadPortal: 'get.replicated.com',
			},
		});
		expect(item.markdown).toContain(
			`helm registry login registry.acme.example --username it@initrode.example --password ${customer.installationId}`,
		);
		expect(item.markdown).toContain(
			'helm install acme oci://registry.acme.example/acme-platform/beta/acme',
		);
		expect(
			emulator()
				.requests.filter((r) => r.path.startsWith('/v3/app/'))
				.map((r) => r.path)
				.sort(),
		).toEqual([`/v3/app/${appId()}`, `/v3/app/${appId()}/custom-hostnames`]);
	});

	it("a channel's own domain wins over the app's default (the CLI's order)", async () => {
		emulator().state.addCustomHostname(appId(), 'replicatedApp', 'updates.acme.example');
		emulator().state.appChannels(appId())[1].customHostnameOverrides = {
			replicatedApp: { hostname: 'beta-updates.acme.example' },
		};
		addInitrode({ isEmbeddedClusterDownloadEnabled: true });
		const item = await run();
		expect(item.methods).toEqual(['embeddedCluster']);
		expect(item.hosts).toMatchObject({ replicatedApp: 'beta-updates.acme.example' });
		expect(item.markdown).toContain(
			'https://beta-updates.acme.example/embedded/acme-platform/beta"',
		);
	});

	it("a domain that is not the default is not used, as in the CLI: Replicated's host instead", async () => {
		emulator().state.addCustomHostname(appId(), 'registry', 'registry.acme.example').is_default =
			false;
		addInitrode({ isHelmInstallEnabled: true });
		expect((await run()).hosts).toMatchObject({ registry: 'registry.replicated.com' });
	});

	const runItem = async (options: Record<string, unknown>, binary?: IBinaryKeyData) =>
		(
			await node.execute.call(
				context({
					items: [{ json: {}, ...(binary ? { binary } : {}) }],
					parameters: {
						resource: 'license',
						operation: 'installInstructions',
						customer: { __rl: true, mode: 'customId', value: 'crm-initrode' },
						options,
					},
				}),
			)
		)[0][0];

	it('adds the instructions as an HTML page file, for an email attachment or a CRM upload', async () => {
		addInitrode({ isHelmInstallEnabled: true });
		const item = await runItem({ asFile: 'html' });
		const file = item.binary!.instructions;
		expect(file).toMatchObject({
			fileName: 'install-acme-platform.html',
			mimeType: 'text/html',
		});
		const page = (await binaryBytes(file)).toString('utf8');
		expect(
			page.startsWith(
				'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Installing Acme Platform</title></head>',
			),
		).toBe(true);
		expect(page).toContain(String(item.json.html).trimEnd());
		expect(page.endsWith('</body>\n</html>\n')).toBe(true);
	});

	it('adds the Markdown as a file in the named field, keeping the files already on the item', async () => {
		addInitrode({ isKotsInstallEnabled: true });
		const license = {
			data: Buffer.from('apiVersion: kots.io/v1beta1').toString('base64'),
			mimeType: 'text/yaml',
			fileName: 'license.yaml',
		};
		const item = await runItem({ asFile: 'markdown', binaryPropertyName: 'howto' }, { license });
		expect(Object.keys(item.binary!).sort()).toEqual(['howto', 'license']);
		expect(item.binary!.howto).toMatchObject({
			fileName: 'install-acme-platform.md',
			mimeType: 'text/markdown',
		});
		expect((await binaryBytes(item.binary!.howto)).toString('utf8')).toBe(item.json.markdown);
		expect(await binaryBytes(item.binary!.license)).toEqual(
			Buffer.from('apiVersion: kots.io/v1beta1'),
		);
	});

	it('outputs no file unless asked', async () => {
		addInitrode({ isKotsInstallEnabled: true });
		expect((await runItem({})).binary).toBeUndefined();
	});

	it('says why Helm is missing when the customer has no email', async () => {
		const customer = addInitrode({ isHelmInstallEnabled: true, isKotsInstallEnabled: true });
		customer.email = '';
		const item = await run();
		expect(item.methods).toEqual(['kots']);
		expect(item.omitted).toEqual([
			{
				method: 'helm',
				reason:
					"the customer has no email address, which the registry login needs: set the customer's email",
			},
		]);
	});
});

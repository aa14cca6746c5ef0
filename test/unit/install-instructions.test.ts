import { checkChannelCommands } from '../../nodes/Replicated/fulfillment/channel-commands';
import { helmChartPlan } from '../../nodes/Replicated/fulfillment/helm-charts';
import {
	downloadPortalLink,
	installHosts,
	isHostname,
	REPLICATED_HOSTS,
} from '../../nodes/Replicated/fulfillment/install-hosts';
import {
	type InstallFacts,
	installInstructions,
} from '../../nodes/Replicated/fulfillment/install-instructions';
import { instructionsHtml, instructionsMarkdown } from '../../nodes/Replicated/fulfillment/render';
import { shellWord } from '../../nodes/Replicated/escape/shell';
import { airgapPasswordSchema } from '../../nodes/Replicated/schemas/install';
import { shellArgs } from '../support/shell-args';

const PORTAL = 'https://get.replicated.com/acme-platform/2Customer0001';

const FACTS: InstallFacts = {
	appName: 'Acme Platform',
	appSlug: 'acme-platform',
	channelName: 'Beta',
	channelSlug: 'beta',
	customerName: 'Initrode',
	email: 'it@initrode.example',
	licenseId: 'LICENSE-ID-123',
	hosts: REPLICATED_HOSTS,
	allows: { helm: true, helmAirgap: true, embeddedCluster: true, kots: true, airgap: true },
	helmCharts: ['acme-platform'],
	embeddedClusterVersion: 2,
	downloadPortal: { url: PORTAL, password: null },
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
				"   curl -f https://replicated.app/embedded/acme-platform/beta -H 'Authorization: LICENSE-ID-123' -o acme-platform-beta.tgz",
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
				"   curl -f 'https://replicated.app/embedded/acme-platform/beta?airgap=true' -H 'Authorization: LICENSE-ID-123' -o acme-platform-beta.tgz",
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
				`4. For KOTS or Helm, open your Download Portal: <${PORTAL}>`,
				'5. Log in with the Download Portal password we send you separately. If it has not reached you, ask us for it.',
				"6. KOTS: download the air gap bundle there and follow the portal's KOTS air gap steps.",
				"7. Helm: follow the portal's Helm air gap steps; they list the images to copy to your own registry.",
				'',
			].join('\n'),
		);
		expect(installInstructions(FACTS).airgap).toEqual({
			installers: true,
			helm: true,
			downloadPortalUrl: PORTAL,
			password: 'sentSeparately',
		});
	});

	it('Stable: Helm and KOTS address the app without a channel; the Embedded Cluster URL keeps it', () => {
		expect(commands({ ...FACTS, channelName: 'Stable', channelSlug: 'stable' })).toEqual(
			expect.arrayContaining([
				'helm install acme-platform oci://registry.replicated.com/acme-platform/acme-platform',
				"curl -f https://replicated.app/embedded/acme-platform/stable -H 'Authorization: LICENSE-ID-123' -o acme-platform-stable.tgz",
				'kubectl kots install acme-platform --license-file ./license.yaml',
			]),
		);
	});

	it('several charts: one registry login, then one install each, in the order given', () => {
		const facts = { ...FACTS, helmCharts: ['acme-db', 'acme-api'] };
		const [helm] = installInstructions(facts).sections;
		expect(helm.steps).toEqual([
			{
				text: 'Log in to the registry with your email address and license ID:',
				command:
					'helm registry login registry.replicated.com --username it@initrode.example --password LICENSE-ID-123',
			},
			{
				text: 'Install the acme-db chart (1 of 2):',
				command: 'helm install acme-db oci://registry.replicated.com/acme-platform/beta/acme-db',
			},
			{
				text: 'Install the acme-api chart (2 of 2):',
				command: 'helm install acme-api oci://registry.replicated.com/acme-platform/beta/acme-api',
			},
		]);
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
			"curl -f 'https://updates.acme.example/embedded/acme-platform/beta?airgap=true' -H 'Authorization: LICENSE-ID-123' -o acme-platform-beta.tgz",
		);
		expect(all).toContain('sudo ./acme-platform install --license license.yaml --airgap');
		expect(all.join('\n')).not.toMatch(/replicated\.(com|app)/);
	});

	it('only what the license allows; Helm only with an email (the registry user name) and a chart', () => {
		const none = {
			helm: false,
			helmAirgap: false,
			embeddedCluster: false,
			kots: false,
			airgap: false,
		};
		const helmOnly = { ...FACTS, allows: { ...none, helm: true } };
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
			airgap: { installers: false, helm: false, downloadPortalUrl: null, password: null },
		});
		expect(instructionsMarkdown(FACTS, noEmail)).toContain(
			'Your license enables no install method yet',
		);
		expect(
			installInstructions({ ...helmOnly, helmCharts: [], helmProblem: 'no chart: set one' })
				.omitted,
		).toEqual([{ method: 'helm', reason: 'no chart: set one' }]);
		expect(installInstructions({ ...FACTS, only: ['kots'] }).methods).toEqual(['kots', 'airgap']);
		// Each air gap on its own option: Helm's is not the installers', nor the other way round.
		expect(
			installInstructions({ ...FACTS, allows: { ...none, helm: true, airgap: true } }).methods,
		).toEqual(['helm']);
		expect(
			installInstructions({ ...FACTS, allows: { ...none, kots: true, helmAirgap: true } }).methods,
		).toEqual(['kots']);
	});

	it('with the new Download Portal password, the step carries it as code', () => {
		const facts = {
			...FACTS,
			allows: { ...FACTS.allows, embeddedCluster: false, helm: false },
			downloadPortal: { url: PORTAL, password: 'pa`ss' },
		};
		const instructions = installInstructions(facts);
		expect(instructions.airgap.password).toBe('included');
		expect(instructionsMarkdown(facts, instructions)).toContain(
			'2. Log in with this password (it replaces any earlier one): ``pa`ss``',
		);
		expect(instructionsHtml(facts, instructions)).toContain(
			'<li><p>Log in with this password (it replaces any earlier one): <code style="font-family:monospace">pa`ss</code></p></li>',
		);
	});

	it('a password answer the customer could not type is refused (SPEC postAirgapPassword: a string)', () => {
		expect(airgapPasswordSchema.safeParse({ password: 'Zx9-kP2q' }).success).toBe(true);
		for (const password of ['', 'a\nb', 'tab\there', 42, null])
			expect(airgapPasswordSchema.safeParse({ password }).success).toBe(false);
	});

	it('HTML: every text escaped, commands in code blocks with inline styles, the portal as a link', () => {
		const facts = { ...FACTS, appName: 'Acme <Platform> & Co' };
		const html = instructionsHtml(facts, installInstructions(facts));
		expect(html).toContain(
			'<h1 style="font-size:20px">Installing Acme &lt;Platform&gt; &amp; Co</h1>',
		);
		expect(html).toContain(
			">curl -f https://replicated.app/embedded/acme-platform/beta -H &#39;Authorization: LICENSE-ID-123&#39; -o acme-platform-beta.tgz</code>",
		);
		expect(html).toContain(`open your Download Portal: <a href="${PORTAL}">${PORTAL}</a></p>`);
		expect(html).not.toContain('<Platform>');
		expect(html).not.toMatch(/<style|<script|<link/);
	});

	it("Markdown: prose can add no markup, and a command's backticks cannot close its block", () => {
		const facts = {
			...FACTS,
			appName: 'Acme <img src=x> [Co](https://evil.example) *new*\n# Heading',
			appSlug: 'acme```x',
		};
		const markdown = instructionsMarkdown(facts, installInstructions(facts));
		expect(markdown.split('\n')[0]).toBe(
			'# Installing Acme \\<img src=x\\> \\[Co\\](https://evil.example) \\*new\\* # Heading',
		);
		expect(markdown).toContain(
			"   ````bash\n   kubectl kots install 'acme```x/beta' --license-file ./license.yaml\n   ````",
		);
	});
});

describe('shell words (POSIX): plain values as Replicated prints them, anything else single-quoted', () => {
	it.each([
		['it@initrode.example', 'it@initrode.example'],
		['https://replicated.app/embedded/acme/beta', 'https://replicated.app/embedded/acme/beta'],
		['o+tag@x.example', 'o+tag@x.example'],
		['-x', '-x'],
		['https://x.example/a?airgap=true', "'https://x.example/a?airgap=true'"],
		["it'ops", "'it'\\''ops'"],
		['$(echo INJECTED)', "'$(echo INJECTED)'"],
		['`echo INJECTED`', "'`echo INJECTED`'"],
		['two words', "'two words'"],
		['line\nbreak', "'line\nbreak'"],
		['a;echo INJECTED', "'a;echo INJECTED'"],
		['~root', "'~root'"],
		['=ls', "'=ls'"],
		['*', "'*'"],
		['', "''"],
	])('%j → %s, one argument with the value', (value, word) => {
		expect(shellWord(value)).toBe(word);
		expect(shellArgs(`x ${shellWord(value)} y`)).toEqual(['x', value, 'y']);
	});
});

describe('which charts Helm installs (SPEC HelmChart)', () => {
	const chart = (name: string, more: Record<string, unknown> = {}) => ({
		name,
		version: '1.0.0',
		weight: 0,
		error: null,
		isKotsInstallerOnly: false,
		...more,
	});

	it('by weight, equal weights in the order Replicated gives; installer-only charts left out', () => {
		const plan = helmChartPlan({
			channelCharts: [
				chart('b', { weight: 5 }),
				chart('a', { weight: null }),
				chart('k', { weight: -1, isKotsInstallerOnly: true, error: 'ignored' }),
				chart('c', { weight: 5 }),
			],
			override: '',
			channelName: 'Beta',
		});
		expect(plan.install).toEqual(['a', 'b', 'c']);
		expect(plan.charts.map((c) => [c.name, c.included])).toEqual([
			['k', false],
			['a', true],
			['b', true],
			['c', true],
		]);
		expect(plan.problem).toBeNull();
	});

	it('the Helm Chart Name option replaces them, if Helm accepts the name', () => {
		expect(
			helmChartPlan({ channelCharts: [chart('a')], override: 'mine', channelName: 'Beta' }),
		).toEqual({
			charts: [{ name: 'mine', version: null, source: 'option', included: true, reason: null }],
			install: ['mine'],
			problem: null,
		});
		expect(
			helmChartPlan({ channelCharts: [], override: "x'; rm -rf /", channelName: 'Beta' }),
		).toMatchObject({
			install: [],
			problem:
				'the Helm Chart Name option "x\'; rm -rf /" is not a name Helm accepts for a release',
		});
	});

	it('a release with more charts than anyone follows is refused, not written out', () => {
		const many = Array.from({ length: 51 }, (_, i) => chart(`c${i}`));
		expect(helmChartPlan({ channelCharts: many, override: '', channelName: 'Beta' })).toEqual({
			charts: [],
			install: [],
			problem:
				"the Beta channel's release lists 51 charts, more than these instructions write (50): set the Helm Chart Name option",
		});
	});
});

describe('hosts and the Download Portal link', () => {
	const none = { registry: [], replicatedApp: [], downloadPortal: [] };

	it('host names only: a URL, a path, spaces or a shell expansion are passed over', () => {
		for (const ok of ['registry.acme.example', 'localhost:5000', 'r.example:443'])
			expect(isHostname(ok)).toBe(true);
		for (const bad of ['', 'a b', 'x.example/y', 'https://x.example', '$(x)', '-x.example', 'x..y'])
			expect(isHostname(bad)).toBe(false);
		expect(
			installHosts(
				{
					customHostnameOverrides: { registry: { hostname: 'x.example/`y`' } },
					replicatedRegistryDomain: 'registry.team.example',
				},
				none,
			),
		).toEqual({ ...REPLICATED_HOSTS, registry: 'registry.team.example' });
	});

	it("the customer's https link as it is; anything else falls back to the portal's host", () => {
		expect(downloadPortalLink(PORTAL, 'get.replicated.com')).toBe(PORTAL);
		for (const bad of [
			null,
			'',
			'http://get.replicated.com/x',
			'javascript:alert(1)',
			'https://user:pw@get.replicated.com/x',
			'https://get.replicated.com/x?a=`b`',
			'not a url',
		])
			expect(downloadPortalLink(bad, 'portal.acme.example')).toBe('https://portal.acme.example');
	});
});

describe("the channel's own install commands, read only", () => {
	const check = (existing: string | null, embedded: string | null, facts = FACTS) =>
		checkChannelCommands(facts, {
			existingClusterInstallCommand: existing,
			embeddedClusterInstallCommand: embedded,
		});

	it('agrees with every helm install it recognises, or names the first piece that differs', () => {
		const two =
			'helm install acme-db oci://registry.replicated.com/acme-platform/beta/acme-db &&\nhelm install acme-api oci://registry.replicated.com/acme-platform/beta/acme-api';
		expect(check(two, null)).toEqual([
			{
				field: 'existingClusterInstallCommand',
				result: 'agrees',
				detail: 'its 2 helm installs, as these instructions have them',
			},
		]);
		expect(
			check('helm install acme-db oci://registry.replicated.com/acme-platform/acme-db', null)[0],
		).toEqual({
			field: 'existingClusterInstallCommand',
			result: 'differs',
			detail:
				'chart path: the channel\'s command has "acme-platform/acme-db", these instructions "acme-platform/beta/acme-db"',
		});
		expect(check(null, null)).toEqual([]);
		expect(check('', 'echo hello')).toEqual([
			{
				field: 'embeddedClusterInstallCommand',
				result: 'unrecognised',
				detail: 'not a command these instructions recognise',
			},
		]);
	});

	it('an Embedded Cluster download on the same host, app and channel agrees', () => {
		expect(
			check(null, "curl -f 'https://replicated.app/embedded/acme-platform/beta' -o x.tgz"),
		).toEqual([
			{
				field: 'embeddedClusterInstallCommand',
				result: 'agrees',
				detail:
					'the download from https://replicated.app/embedded/acme-platform/beta, as these instructions have it',
			},
		]);
	});
});

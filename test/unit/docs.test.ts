/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test: reads the docs from disk */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { readmeWithTable, README, triggerDocWithTable } from '../../scripts/docs/trigger-events';
import { productFieldNames } from '../../scripts/templates/crm/product-fields';

const ROOT = path.join(__dirname, '../..');
const REPOSITORY = 'https://github.com/n8n-nodes-replicated/n8n-nodes-replicated';
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const DOCS = [
	'README.md',
	'CONTRIBUTING.md',
	'workflows-templates/README.md',
	// docs/pictures/ holds the pictures the documents show.
	...readdirSync(path.join(ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`),
];

/** The anchors GitHub (and npm) give a Markdown file's headings. */
function anchorsOf(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
	for (const [, text] of withoutCode.matchAll(/^#{1,6} (.+)$/gm)) {
		const slug = text
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const n = seen.get(slug) ?? 0;
		anchors.add(n ? `${slug}-${n}` : slug);
		seen.set(slug, n + 1);
	}
	return anchors;
}

/** Links to files of this repository: relative ones, and absolute ones to its GitHub page. */
function localLinks(file: string, markdown: string): Array<{ target: string; anchor?: string }> {
	const links: Array<{ target: string; anchor?: string }> = [];
	const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`]*`/g, '');
	for (const [, href] of withoutCode.matchAll(/\]\(([^)\s]+)\)/g)) {
		if (/^(https?|mailto):/.test(href) && !href.startsWith(REPOSITORY)) continue;
		const local = href.startsWith(REPOSITORY)
			? href
					.slice(REPOSITORY.length)
					.replace(/^\/blob\/main\//, '')
					.replace(/^\/?/, '') || 'README.md'
			: href.startsWith('#')
				? `${file}${href}`
				: path.join(path.dirname(file), href);
		const [target, anchor] = local.split('#');
		links.push({ target: target || file, anchor });
	}
	return links;
}

describe('The documentation', () => {
	it('lists the trigger events exactly as the trigger offers them (npm run docs)', () => {
		const readme = readFileSync(README, 'utf8');
		expect(readme).toBe(readmeWithTable(readme));
		expect(readme).toContain('| Instance: Version Behind | `instance.version_behind` |');
		expect(readme.match(/^\| [^|]+ \| `[a-z_.]+` \|/gm)).toHaveLength(28);
	});

	it("lists each event's data fields under their source: documented, the backend as quoted, INFERRED (npm run docs)", () => {
		const doc = read('docs/trigger.md');
		expect(doc).toBe(triggerDocWithTable(doc));
		const rows = doc.match(/^\| [^|]+ \(`[a-z_.]+`\) \|.*$/gm) ?? [];
		expect(rows).toHaveLength(28);
		const row = (key: string) => rows.find((r) => r.includes(`(\`${key}\`)`));
		expect(row('release.asset_downloaded')).toBe(
			'| Release: Asset Downloaded (`release.asset_downloaded`) | `event_type`, `team_id`, `customer_id`, `customer_name`, `service_account_name`, `app_id`, `app_name`, `app_slug`, `channel_id`, `channel_name`, `asset_type`, `asset_name`, `asset_version`, `license_type`, `downloaded_at`, `is_first_customer_pull` | – | `subscription_name` |',
		);
		expect(row('customer.ep_user_joined')).toBe(
			'| Enterprise Portal: User Joined (`customer.ep_user_joined`) | – | `event_type`, `team_id`, `customer_id`, `customer_name`, `app_id`, `app_name`, `app_slug`, `joined_email`, `access_method`, `is_first_user`, `license_type`, `joined_at` | `channel_id`, `channel_name`, `subscription_name` |',
		);
		expect(row('instance.state.flapping')).toBe(
			'| Instance: State Flapping (`instance.state.flapping`) | – | – | `event_type`, `team_id`, `app_id`, `app_name`, `app_slug`, `customer_id`, `customer_name`, `license_type`, `channel_id`, `channel_name`, `instance_id`, `status`, `app_version`, `cloud_provider`, `k8s_distribution`, `created_at`, `last_check_in`, `state_changes`, `window_minutes`, `subscription_name` |',
		);
		// Documented: one event's fields, and no other event's.
		expect(rows.filter((r) => !r.split(' | ')[1].startsWith('–'))).toEqual([
			row('release.asset_downloaded'),
		]);
		expect(read('README.md')).toContain('docs/trigger.md#event-data-fields-and-their-sources');
	});

	it.each(DOCS)(
		'%s: every link to this repository reaches a file and a heading that exist',
		(file) => {
			const broken = localLinks(file, read(file))
				.filter(({ target, anchor }) => {
					const resolved = path.join(ROOT, target.replace(/\/$/, ''));
					if (!existsSync(resolved)) return true;
					if (!anchor) return false;
					const markdown = target.endsWith('/') || !target.endsWith('.md') ? '' : read(target);
					return !anchorsOf(markdown).has(anchor);
				})
				.map(({ target, anchor }) => `${target}${anchor ? `#${anchor}` : ''}`);
			expect(broken).toEqual([]);
		},
	);

	it('names in docs/product-mapping.md every product field the fulfillment templates read, per CRM', () => {
		const rows = read('docs/product-mapping.md')
			.split('## Reference data in each CRM')[1]
			.split('\n')
			.filter((line) => line.startsWith('| `'));
		const named = (crmField: string) => rows.filter((r) => r.includes(`| \`${crmField}\` |`));
		for (const naming of ['salesforce', 'property'] as const)
			for (const field of productFieldNames(naming))
				expect([field, named(field).length]).toEqual([field, 1]);
		expect(rows).toHaveLength(productFieldNames('salesforce').length);
	});

	it('reads as a user page: installation first, contributor material one link away', () => {
		const headings = [...read('README.md').matchAll(/^## (.+)$/gm)].map((m) => m[1]);
		expect(headings).toEqual([
			'Installation',
			'Operations',
			'Trigger events',
			'Credentials',
			'Compatibility',
			'Usage',
			'Common issues',
			'Resources',
			'Version history',
			'Development',
			'License',
		]);
		expect(read('README.md')).toContain('N8N_UNVERIFIED_PACKAGES_ENABLED');
		expect(read('README.md')).toContain('N8N_REINSTALL_MISSING_PACKAGES');
	});

	it('shows the compatibility run of exactly the versions npm run test:compat runs, all passed', () => {
		const compat = (JSON.parse(read('package.json')) as { config: { compat: string[] } }).config
			.compat;
		const table = /<!-- compat:start[^>]*-->\n([\s\S]*?)<!-- compat:end -->/.exec(
			read('README.md'),
		);
		const rows = [...(table?.[1] ?? '').matchAll(/^\| ([\d.]+) \| ([\d.]+) \| (.+) \|$/gm)];
		expect(rows.map(([, n8n, node]) => `${n8n}@${node}`)).toEqual(compat);
		for (const [, , , result] of rows)
			expect(result).toMatch(/^\d+ passed, 0 failed \(\d{4}-\d\d-\d\d\)$/);
		// The pinned n8n, which every other test runs against, is the newest of them.
		const { n8nVersion, node24Version } = (
			JSON.parse(read('package.json')) as { config: { n8nVersion: string; node24Version: string } }
		).config;
		expect(compat.at(-1)).toBe(`${n8nVersion}@${node24Version}`);
	});
});

describe('The codex files', () => {
	const nodes = [
		['Replicated', 'nodes/Replicated/Replicated.node.ts'],
		['ReplicatedTrigger', 'nodes/Replicated/ReplicatedTrigger.node.ts'],
	] as const;

	it.each(nodes)('%s: nodeVersion is the node’s newest version', (name, source) => {
		const codex = JSON.parse(read(`nodes/Replicated/${name}.node.json`)) as { nodeVersion: string };
		const declared = /\bversion: (\[[^\]]+\]|[\d.]+)/.exec(read(source))?.[1] ?? '';
		const versions = (JSON.parse(declared) as number | number[]) ?? [];
		const newest = Math.max(...([] as number[]).concat(versions));
		expect(Number(codex.nodeVersion)).toBe(newest);
	});

	it.each(nodes)('%s: every documentation URL reaches a heading of the README', (name) => {
		const codex = read(`nodes/Replicated/${name}.node.json`);
		const urls = [...codex.matchAll(/"url": "([^"]+)"/g)].map((m) => m[1]);
		expect(urls.length).toBeGreaterThan(0);
		const anchors = anchorsOf(read('README.md'));
		for (const url of urls) {
			expect(url.startsWith(`${REPOSITORY}#`)).toBe(true);
			expect([url, anchors.has(url.split('#')[1])]).toEqual([url, true]);
		}
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test: inspects the packed package beside n8n */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { n8nInstall } from '../support/n8n-runtime';

interface Probe {
	loadedBeforeUse: string[];
	loadedAfterUse: string[];
	sameDescription: boolean;
	nativelyResolvable: boolean;
	responses: Record<string, unknown>;
	entryShape: unknown;
	implShape: unknown;
	secretTest: unknown;
}

/**
 * Runs in a fresh Node 24 process over the package as npm delivers it: requires each node entry the
 * way n8n does at start-up, compares it with its implementation, then uses one forwarded method.
 */
function probe(): Probe {
	const tgz = process.env.PACKAGE_TGZ;
	if (!tgz) throw new Error('PACKAGE_TGZ is not set: run through `npm run test:e2e`');
	const dir = mkdtempSync(path.join(tmpdir(), 'entries-'));
	execFileSync('tar', ['-xzf', tgz, '-C', dir]);
	const pkgDir = path.join(dir, 'package');
	const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[] };
	};
	const { n8nDir, node24Bin } = n8nInstall();
	const workflow = createRequire(path.join(n8nDir, 'node_modules', 'n8n', 'package.json')).resolve(
		'n8n-workflow',
	);
	const script = `
		const Module = require('node:module');
		const path = require('node:path');
		const { isDeepStrictEqual } = require('node:util');
		// n8n resolves n8n-workflow for community packages from its own install.
		const wf = require(${JSON.stringify(workflow)});
		const resolve = Module._resolveFilename;
		Module._resolveFilename = function (request, ...rest) {
			return request === 'n8n-workflow' ? ${JSON.stringify(workflow)} : resolve.call(this, request, ...rest);
		};
		const ours = () => Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(pkgDir)})).map((f) => path.relative(${JSON.stringify(pkgDir)}, f)).sort();
		const shape = (node) => ({
			calls: Object.getOwnPropertyNames(Object.getPrototypeOf(node)).filter((k) => k !== 'constructor').sort(),
			methods: Object.fromEntries(Object.entries(node.methods ?? {}).map(([g, m]) => [g, Object.keys(m).sort()])),
			webhookMethods: Object.fromEntries(Object.entries(node.webhookMethods ?? {}).map(([w, m]) => [w, Object.keys(m).sort()])),
		});
		const entries = ${JSON.stringify(pkg.n8n.nodes)}.map((f) => {
			const mod = require(path.join(${JSON.stringify(pkgDir)}, f));
			const [name] = Object.keys(mod);
			return { f, node: new mod[name](), name };
		});
		const loadedBeforeUse = ours();
		const trigger = entries.find((e) => e.name === 'ReplicatedTrigger').node;
		Promise.resolve(trigger.methods.credentialTest.replicatedWebhookSecretTest.call({}, { data: { secret: 'short' } })).then((secretTest) => {
			let sameDescription = true;
			const entryShape = {}, implShape = {};
			// The resolvers are functions under a symbol: compared by their source.
			const RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers');
			const comparable = (d) => ({ ...d, webhooks: (d.webhooks ?? []).map((w) => ({ ...Object.fromEntries(Object.entries(w)), resolvers: Object.entries(w[RESOLVERS] ?? {}).map(([k, r]) => [k, r.template, String(r.resolve)]) })) });
			const webhook = trigger.description.webhooks[0];
			const nativelyResolvable = wf.webhookDescriptionIsNativelyResolvable(webhook);
			const responses = {};
			for (const acknowledge of [undefined, 'onReceipt', 'afterRun']) {
				const node = { parameters: { options: acknowledge ? { acknowledge } : {} } };
				responses[acknowledge ?? 'default'] = ['responseMode', 'responseData'].map((f) => wf.resolveWebhookDescriptionField(node, webhook, f));
			}
			for (const { f, node, name } of entries) {
				const Impl = require(path.join(${JSON.stringify(pkgDir)}, f.replace(/\\.node\\.js$/, '.impl.js')))[name];
				const impl = new Impl();
				sameDescription &&= isDeepStrictEqual(comparable(node.description), comparable(impl.description));
				entryShape[name] = shape(node);
				implShape[name] = shape(impl);
			}
			process.stdout.write(JSON.stringify({ loadedBeforeUse, loadedAfterUse: ours(), sameDescription, nativelyResolvable, responses, entryShape, implShape, secretTest }));
		});
	`;
	return JSON.parse(
		execFileSync(path.join(node24Bin, 'node'), ['-e', script], { encoding: 'utf8' }),
	) as Probe;
}

describe('the packed node entries n8n loads at start-up', () => {
	let result: Probe;
	beforeAll(() => {
		result = probe();
	});

	it('hold only the descriptions: no operation, schema or zod is loaded before first use', () => {
		expect(result.loadedBeforeUse).toEqual([
			'dist/nodes/Replicated/Replicated.node.js',
			'dist/nodes/Replicated/ReplicatedTrigger.node.js',
		]);
	});

	it('describe exactly what their implementations describe', () => {
		expect(result.sameDescription).toBe(true);
	});

	it("let n8n resolve the trigger's response mode without its expression engine, per the Acknowledge option", () => {
		expect(result.nativelyResolvable).toBe(true);
		const answer = (mode: string, data: string) => [
			{ resolved: true, value: mode },
			{ resolved: true, value: data },
		];
		expect(result.responses).toEqual({
			default: answer('onReceived', ''),
			onReceipt: answer('onReceived', ''),
			afterRun: answer('lastNode', 'noData'),
		});
	});

	it('offer every method, webhook method and call of their implementations', () => {
		expect(result.entryShape).toEqual(result.implShape);
		expect(result.implShape).toMatchObject({
			Replicated: { calls: ['execute'] },
			ReplicatedTrigger: {
				calls: ['webhook'],
				webhookMethods: { default: ['checkExists', 'create', 'delete'] },
				methods: { credentialTest: ['replicatedWebhookSecretTest'] },
			},
		});
	});

	it('load the implementation on first use and answer from it', () => {
		expect(result.secretTest).toEqual({
			status: 'Error',
			message: 'The secret has only 5 characters; use at least 16 (Replicated can generate one).',
		});
		expect(result.loadedAfterUse).toEqual(
			expect.arrayContaining([
				'dist/nodes/Replicated/ReplicatedTrigger.impl.js',
				'dist/vendor/zod.js',
			]),
		);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- benchmark: runs beside n8n, never inside it */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { n8nInstall } from '../../test/support/n8n-runtime';
import { round, type Row } from '../row';

const ROOT = path.resolve(__dirname, '../..');

/** Times `require` of the files in a fresh Node 24 process (`node24`: its bin folder), n8n-workflow loaded. */
function loadMs(node24: string, preload: string[], files: string[]): number {
	const script = `
		for (const p of ${JSON.stringify(preload)}) require(p);
		const t0 = performance.now();
		for (const f of ${JSON.stringify(files)}) require(f);
		process.stdout.write(String(performance.now() - t0));
	`;
	return Number(execFileSync(path.join(node24, 'node'), ['-e', script], { encoding: 'utf8' }));
}

/**
 * Row 5: what loading our package adds to n8n's start: our node and credential files in a fresh
 * process (as n8n loads a community package), against n8n's own Stripe node and credential.
 */
export function loadRows(): Row[] {
	const { n8nDir, node24Bin } = n8nInstall();
	const ours = [
		'dist/nodes/Replicated/Replicated.node.js',
		'dist/nodes/Replicated/ReplicatedTrigger.node.js',
		'dist/credentials/ReplicatedApi.credentials.js',
		'dist/credentials/ReplicatedWebhookApi.credentials.js',
	].map((f) => path.join(ROOT, f));
	if (!ours.every((f) => existsSync(f)))
		execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
	const base = path.join(n8nDir, 'node_modules', 'n8n-nodes-base', 'dist');
	const stripe = [
		'nodes/Stripe/Stripe.node.js',
		'nodes/Stripe/StripeTrigger.node.js',
		'credentials/StripeApi.credentials.js',
	].map((f) => path.join(base, f));
	// n8n has n8n-workflow loaded before it loads any node: both sides start from there.
	const preload = [
		createRequire(path.join(n8nDir, 'node_modules', 'n8n', 'package.json')).resolve('n8n-workflow'),
		createRequire(path.join(ROOT, 'package.json')).resolve('n8n-workflow'),
	];
	const a: number[] = [];
	const b: number[] = [];
	for (let i = 0; i < 11; i++) {
		a.push(loadMs(node24Bin, preload, ours));
		b.push(loadMs(node24Bin, preload, stripe));
	}
	const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
	const [oursMs, stripeMs] = [median(a), median(b)];
	return [
		{
			name: 'package load: our node + trigger + credentials (fresh process)',
			ours: round(oursMs, 1),
			baseline: round(stripeMs, 1),
			unit: 'ms',
			ratio: round(oursMs / stripeMs),
			target: "≤ 50 ms and ≤ 2× n8n's Stripe node files",
			met: oursMs <= 50 && oursMs <= 2 * stripeMs,
		},
	];
}

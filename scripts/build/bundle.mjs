// Community packages may have no runtime dependencies (n8n-node lint: no-runtime-dependencies), and
// n8n does not resolve `zod` for packages in ~/.n8n/nodes. So after `n8n-node build` (tsc), zod is
// bundled once into dist/vendor/zod.js and the compiled files are pointed at that copy.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const dist = path.resolve('dist');
const vendorFile = path.join(dist, 'vendor', 'zod.js');

// zod's classic entry re-exports every message locale (`z.locales`), ~60 % of the bundle; the node
// uses only English, which zod configures itself. Parsing less is faster package loading in n8n.
const englishOnly = {
	name: 'zod-english-only',
	setup(b) {
		b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.c?js$/ }, () => ({
			contents: 'export {};',
			loader: 'js',
		}));
	},
};

await build({
	entryPoints: [require.resolve('zod/v4')],
	plugins: [englishOnly],
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	minify: true,
	// n8n's community-package scanner forbids console calls in anything shipped; zod's only one is a
	// warning of its JSON-schema generator, which the node never calls.
	drop: ['console'],
	legalComments: 'inline',
	outfile: vendorFile,
	logLevel: 'warning',
});

async function* jsFiles(dir) {
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (full !== path.dirname(vendorFile)) yield* jsFiles(full);
		} else if (entry.name.endsWith('.js')) yield full;
	}
}

let rewritten = 0;
for await (const file of jsFiles(dist)) {
	const source = await readFile(file, 'utf8');
	if (!/require\("zod(\/v4)?"\)/.test(source)) continue;
	let relative = path
		.relative(path.dirname(file), vendorFile)
		.replace(/\.js$/, '')
		.split(path.sep)
		.join('/');
	if (!relative.startsWith('.')) relative = `./${relative}`;
	await writeFile(file, source.replace(/require\("zod(\/v4)?"\)/g, `require("${relative}")`));
	rewritten += 1;
}
console.log(`bundled zod into dist/vendor/zod.js; ${rewritten} compiled files point at it`);

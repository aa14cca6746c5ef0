/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { codeFile, filled, functionBody, unannotated } from '../../scripts/templates/code/inline';
import { lineOfCode } from '../../scripts/templates/crm/product-fields';
import { PRODUCT_PROPERTIES } from '../../scripts/templates/crm/product-properties';

const CODE = path.resolve(__dirname, '../../scripts/templates/code');
const files = readdirSync(CODE).filter((f) => f.endsWith('.js'));
/** The template sources (scripts/templates/**.ts), which inline the files. */
const SOURCES = (readdirSync(path.dirname(CODE), { recursive: true }) as string[])
	.filter((f) => f.endsWith('.ts'))
	.map((f) => readFileSync(path.join(path.dirname(CODE), f), 'utf8'));

describe("a Code node's JavaScript file (scripts/templates/code/)", () => {
	it("is the body of its one function, one tab less: the function gives the text's return a scope", () => {
		expect(
			functionBody(
				[
					'// @ts-check',
					'/** What it does. */',
					'function sample(__X__) {',
					'\tconst a = __X__;',
					'',
					'\tif (a)',
					'\t\treturn [a];',
					'\treturn [];',
					'}',
					'',
				].join('\n'),
			),
		).toBe(['const a = __X__;', '', 'if (a)', '\treturn [a];', 'return [];'].join('\n'));
	});

	it('refuses a file without a function, or a body line not one tab in', () => {
		expect(() => functionBody('const a = 1;\n', 'code/a.js')).toThrow(
			'code/a.js: no top-level function to inline',
		);
		expect(() => functionBody('function b() {\n  return 1;\n}\n', 'code/b.js')).toThrow(
			'code/b.js: a body line not one tab in:   return 1;',
		);
	});

	it('fills each placeholder, in code, strings and comments, with the text given for it', () => {
		expect(
			filled("// linked to __ACCOUNT__\nconst o = $('__NODE__').item.json;\n__LINES__", {
				__ACCOUNT__: 'an Account',
				__NODE__: 'Order to Fulfil',
				__LINES__: 'const a = 1;\nconst b = 2;',
			}),
		).toBe(
			"// linked to an Account\nconst o = $('Order to Fulfil').item.json;\nconst a = 1;\nconst b = 2;",
		);
	});

	it('refuses a placeholder without a value, and a value without its placeholder', () => {
		expect(() => filled('__A__ __B__', { __A__: 'a', __C__: 'c' }, 'code/x.js')).toThrow(
			'code/x.js: placeholders without a value: __B__; values without a placeholder: __C__',
		);
	});

	it("leaves out the type-check's check-only lines", () => {
		expect(
			unannotated(
				['const m = 1;', 'void m; // check-only: the __PAID__ lines read it', 'return m;'].join(
					'\n',
				),
			),
		).toBe('const m = 1;\nreturn m;');
	});

	it("leaves out the type-check's inline @type annotations, and nothing else", () => {
		expect(
			unannotated(
				'const pick = (/** @type {string[]} */ ...keys) => /** @type {Array<[string, number]>} */ (keys || []); /** a comment */',
			),
		).toBe('const pick = (...keys) => (keys || []); /** a comment */');
	});

	it.each(files)('%s is type-checked, inlines, and a template source inlines it', (file) => {
		const source = readFileSync(path.join(CODE, file), 'utf8');
		const name = file.replace(/\.js$/, '');
		expect(source.startsWith('// @ts-check\n')).toBe(true);
		expect(codeFile(name, placeholdersOf(source)).length).toBeGreaterThan(0);
		expect(SOURCES.some((text) => new RegExp(`code(File|Lines)\\(\\s*'${name}'`).test(text))).toBe(
			true,
		);
	});
});

describe('lineOfCode (code/line-of.js)', () => {
	it("fills each product field's placeholder with the CRM's read of it, in its naming", () => {
		expect(lineOfCode(PRODUCT_PROPERTIES, (field) => `p.${field}`)).toBe(
			[
				"// The product's Replicated fields (docs/product-mapping.md); Map Products checks them.",
				'const entitlementsOf = (text) => {',
				"  if (text === undefined || text === null || String(text).trim() === '') return {};",
				'  try { return JSON.parse(text); } catch { return String(text); }',
				'};',
				'const lineOf = (product, quantity, p) => ({',
				'  product,',
				'  quantity,',
				'  app: p.replicated_app,',
				'  channel: p.replicated_channel,',
				'  isAddOn: p.is_add_on,',
				'  licenseType: p.license_type,',
				'  termMonths: p.term_months,',
				'  quantityEntitlement: p.quantity_entitlement,',
				'  entitlements: entitlementsOf(p.replicated_entitlements),',
				'  installOptions: {',
				'    is_helm_install_enabled: p.is_helm_install_enabled,',
				'    is_kots_install_enabled: p.is_admin_console_enabled,',
				'    is_embedded_cluster_download_enabled: p.is_embedded_cluster_enabled,',
				'    is_airgap_enabled: p.is_airgap_enabled,',
				'    is_snapshot_supported: p.is_snapshot_supported,',
				'    is_support_bundle_upload_enabled: p.is_support_bundle_upload_enabled,',
				'  },',
				'});',
			].join('\n'),
		);
	});
});

/** Each placeholder of a file given its own name as value, so that the file inlines. */
function placeholdersOf(source: string): Record<string, string> {
	return Object.fromEntries(
		[...new Set(functionBody(source).match(/__[A-Z][A-Z0-9_]*__/g) ?? [])].map((p) => [p, p]),
	);
}

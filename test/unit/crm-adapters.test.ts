/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test infrastructure: runs beside n8n, never inside it */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { TEMPLATES } from '../../scripts/templates/all';
import { catalogue } from '../../scripts/templates/catalogue';
import { CRMS } from '../../scripts/templates/crm';
import { productFieldNames } from '../../scripts/templates/crm/product-fields';
import { groupedBy, listed, wrapped } from '../../scripts/templates/prose';

const root = path.resolve(__dirname, '..', '..');

/** What adding a CRM takes besides its adapter: CONTRIBUTING.md's "How to add a CRM". */
describe.each(CRMS.map((crm) => [crm.crm, crm] as const))('the %s adapter', (id, crm) => {
	it('has its fake, its views and its end-to-end test, named by its id', () => {
		expect(
			[
				`test/fakes/${id}.ts`,
				`test/support/views/${id}.ts`,
				`test/e2e/templates-${id}.test.ts`,
			].filter((file) => !existsSync(path.join(root, file))),
		).toEqual([]);
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the file named by the id
		const views = require(path.join(root, 'test/support/views', id)) as Record<string, unknown>;
		expect([typeof views[`${id}View`], typeof views[`${id}Fulfillment`]]).toEqual([
			'function',
			'function',
		]);
	});

	it('gives every template its id, and the catalogue a section under its title', () => {
		expect(TEMPLATES.filter((t) => t.crm === id).length).toBeGreaterThan(0);
		expect(catalogue(TEMPLATES)).toContain(`\n## ${crm.tag}\n`);
		expect(catalogue(TEMPLATES)).toContain(
			`\n| ${crm.tag} | ${crm.fulfillment.catalogue.row[0]} |`,
		);
	});

	it('names every product field, each once', () => {
		const names = productFieldNames(crm.products);
		expect(names.filter((name) => !name)).toEqual([]);
		expect(new Set(names).size).toBe(names.length);
	});
});

describe('the CRM list', () => {
	it('is the adapters, each id and title once', () => {
		expect(new Set(CRMS.map((crm) => crm.crm)).size).toBe(CRMS.length);
		expect(new Set(CRMS.map((crm) => crm.tag)).size).toBe(CRMS.length);
	});
});

describe('the catalogue prose helpers', () => {
	it('list words as a sentence does', () => {
		expect(listed([], 'and')).toBe('');
		expect(listed(['Attio'], 'and')).toBe('Attio');
		expect(listed(['HubSpot', 'Attio'], 'or')).toBe('HubSpot or Attio');
		expect(listed(['Salesforce', 'HubSpot', 'Attio'], 'and')).toBe('Salesforce, HubSpot and Attio');
	});

	it('wrap a paragraph greedily at a width, a longer word on its own line', () => {
		expect(wrapped('one two three four', 9)).toEqual(['one two', 'three', 'four']);
		expect(wrapped('a  verylongword b', 5)).toEqual(['a', 'verylongword', 'b']);
		expect(wrapped('', 10)).toEqual([]);
	});

	it('group items by a key, in the order each group first appears', () => {
		expect(groupedBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0])).toEqual([
			['b1', 'b2'],
			['a1', 'a2'],
			['c1'],
		]);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test: reads api/ and the vendored spec from disk */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { pathOf, type Route } from '../../nodes/Replicated/api/route';

const API_DIR = path.resolve(__dirname, '../../nodes/Replicated/api');
const spec = JSON.parse(
	readFileSync(
		path.resolve(__dirname, '../fixtures/replicated/vendor-api-v3.swagger.json'),
		'utf8',
	),
) as {
	basePath: string;
	paths: Record<string, Record<string, { operationId?: string; description?: string }>>;
};

/**
 * Exported functions of api/ that are no spec operation: they build a request body, read an
 * offset, or combine operations. Anything else api/ exports must carry its route.
 */
const NOT_OPERATIONS = new Set([
	'customers.searchBody',
	'customers.searchOffset',
	'customers.offsetReading',
	'customers.findCustomerByCustomId',
	'route.route',
	'route.operation',
	'route.pathOf',
	'route.target',
]);

/** Every function exported by a file of api/, named `<file>.<export>`. */
function apiFunctions(): Array<[name: string, fn: { route?: Route }]> {
	return readdirSync(API_DIR)
		.filter((file) => file.endsWith('.ts') && file !== 'index.ts')
		.flatMap((file) => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- every api/ file, by name
			const module = require(path.join(API_DIR, file)) as Record<string, unknown>;
			const base = file.replace(/\.ts$/, '');
			return Object.entries(module)
				.filter(([, value]) => typeof value === 'function')
				.map(
					([name, fn]) =>
						[`${base}.${name}`, fn as { route?: Route }] as [string, { route?: Route }],
				);
		});
}

const operations = apiFunctions().filter(([name]) => !NOT_OPERATIONS.has(name));

describe('api/: every function is one operation of the vendored spec', () => {
	it('api/ exports the operations the node calls (one or more per endpoint group)', () => {
		const files = new Set(operations.map(([name]) => name.split('.')[0]));
		expect([...files].sort()).toEqual([
			'apps',
			'channels',
			'customers',
			'enterprise-portal',
			'instances',
			'licenses',
			'notifications',
		]);
	});

	it.each(operations)('%s names its route', (_name, fn) => {
		expect(fn.route).toEqual({
			method: expect.stringMatching(/^(GET|POST|PUT|PATCH|DELETE)$/),
			path: expect.stringMatching(/^\//),
			operationId: expect.any(String),
			...(fn.route?.policy ? { policy: expect.stringMatching(/^team\//) } : {}),
		});
	});

	it.each(operations.filter(([, fn]) => fn.route?.policy))(
		'%s: the team policy a 403 names is the one SPEC requires',
		(_name, fn) => {
			const { method, path: template, policy } = fn.route!;
			const description = spec.paths[template]?.[method.toLowerCase()]?.description ?? '';
			expect(description).toContain(`Required RBAC Policy: ${policy}`);
		},
	);

	it.each(operations)('%s: its method and path are the spec operation it names', (_name, fn) => {
		const { method, path: template, operationId } = fn.route!;
		const found = spec.paths[template]?.[method.toLowerCase()];
		expect({ method, path: template, operationId: found?.operationId }).toEqual({
			method,
			path: template,
			operationId,
		});
	});

	it('paths are requested under the spec basePath (the credential URL ends in /vendor)', () => {
		expect(spec.basePath).toBe('/vendor/v3');
		const route: Route = {
			method: 'GET',
			path: '/app/{app_id}/customer/{customer_id}/instances',
			operationId: 'listCustomerInstances',
		};
		expect(pathOf(route, { app_id: 'a/b', customer_id: 'c d' })).toBe(
			'/v3/app/a%2Fb/customer/c%20d/instances',
		);
		expect(() => pathOf(route, { app_id: 'a' })).toThrow(
			'listCustomerInstances: no value for {customer_id}',
		);
	});
});

import type { IHttpRequestMethods } from 'n8n-workflow';

/** The vendor API's version prefix: SPEC's basePath is `/vendor/v3`, the credential's base URL ends in `/vendor`. */
const PREFIX = '/v3';

/**
 * One SPEC operation as data: its method, its path template exactly as SPEC spells it (basePath
 * left out), its operationId and, for team-level endpoints, the RBAC policy SPEC requires.
 * test/unit/api-spec.test.ts holds every route to the vendored spec.
 */
export interface Route {
	method: IHttpRequestMethods;
	path: string;
	operationId: string;
	/** SPEC's "Required RBAC Policy" where it is a team policy (a 403 names it). */
	policy?: string;
}

/** A function of api/ that is one spec operation: it carries its route for the spec test. */
export type Operation<F> = F & { route: Route };

export function route(
	method: IHttpRequestMethods,
	path: string,
	operationId: string,
	policy?: string,
): Route {
	return { method, path, operationId, ...(policy ? { policy } : {}) };
}

/** Marks `fn` as the call of `route` (the spec test reads `fn.route`). */
export function operation<F extends (...args: never[]) => unknown>(
	spec: Route,
	fn: F,
): Operation<F> {
	return Object.assign(fn, { route: spec });
}

/**
 * The path to request: the template's `{name}` parameters filled in, each URL-encoded. A parameter
 * the template names but `params` lacks is a programming error, refused at once.
 */
export function pathOf(spec: Route, params: Record<string, string> = {}): string {
	return (
		PREFIX +
		spec.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
			const value = params[name];
			if (value === undefined) throw new Error(`${spec.operationId}: no value for {${name}}`);
			return encodeURIComponent(value);
		})
	);
}

/** The method and path of a call of `spec`, spread into the request: the route is the one truth. */
export function target(
	spec: Route,
	params: Record<string, string> = {},
): { method: IHttpRequestMethods; path: string; policy?: string } {
	return {
		method: spec.method,
		path: pathOf(spec, params),
		...(spec.policy ? { policy: spec.policy } : {}),
	};
}

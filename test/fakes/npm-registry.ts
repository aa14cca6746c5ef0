import { type FakeCrm, type FakeRequest, type FakeResponse, PASSED_HEADERS } from './crm-proxy';
import { PUBLIC_REGISTRY } from '../../scripts/services/npm-registry';

/** Request headers a registry reads: npm's Accept picks the abbreviated metadata (corgi) form. */
const FORWARDED = ['accept', 'authorization', 'npm-command', 'user-agent', 'if-none-match'];

/**
 * npm's registry host answered by the local registry (scripts/services/npm-registry.ts): an
 * unlicensed n8n installs community packages from `https://registry.npmjs.org` only (n8n's
 * CommunityPackagesService.getNpmRegistry), passing it to the npm it spawns (`npm pack … --registry`)
 * and reading version metadata from it over HTTP. Through the intercepting proxy both reach the
 * local registry, which serves this package as published there and everything else from npm.
 */
export function npmRegistryFake(localOrigin: string): FakeCrm {
	return {
		host: new URL(PUBLIC_REGISTRY).host,
		handle: async (req: FakeRequest): Promise<FakeResponse> => {
			const headers = Object.fromEntries(
				FORWARDED.flatMap((k) => (typeof req.headers[k] === 'string' ? [[k, req.headers[k]]] : [])),
			) as Record<string, string>;
			const query = req.query.toString();
			const res = await fetch(`${localOrigin}${req.path}${query ? `?${query}` : ''}`, {
				method: req.method,
				// Uncompressed: the proxy hands the bytes on as they are, without content-encoding.
				headers: { ...headers, 'accept-encoding': 'identity' },
				body: ['GET', 'HEAD'].includes(req.method) ? undefined : req.bytes,
			});
			const kept: Record<string, string> = {};
			for (const name of PASSED_HEADERS) {
				const value = res.headers.get(name);
				if (value) kept[name] = value;
			}
			return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: kept };
		},
	};
}

import { calling } from '../carry';
import { credential, httpRequest, type TemplateNode } from '../kit';

/** Attio has no n8n node: its REST API v2 through HTTP Request with a Bearer token credential. */
export const ATTIO = credential('httpBearerAuth', 'Attio API token');

/**
 * The request path with each `{{ expression }}` one encoded path segment (crm/path-segment.ts): IDs
 * come from Replicated (the Custom ID) and from deliveries, and must not add a segment or a query.
 */
const encodedPath = (path: string) =>
	path.replace(
		/\{\{\s*([\s\S]+?)\s*\}\}/g,
		(_, value: string) =>
			`{{ ${calling('scripts/templates/crm/path-segment.ts', 'pathSegment', value)} }}`,
	);

export function attio(
	name: string,
	position: [number, number],
	method: string,
	path: string,
	body?: string,
	query?: Record<string, string>,
): TemplateNode {
	return httpRequest(
		name,
		position,
		{
			method,
			url: path.startsWith('=')
				? `=https://api.attio.com/v2${encodedPath(path.slice(1))}`
				: `https://api.attio.com/v2${path}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpBearerAuth',
			...(query
				? {
						sendQuery: true,
						queryParameters: {
							parameters: Object.entries(query).map(([n, value]) => ({ name: n, value })),
						},
					}
				: {}),
			...(body ? { jsonBody: body } : {}),
		},
		ATTIO,
	);
}

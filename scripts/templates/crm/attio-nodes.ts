import { credential, httpRequest, type TemplateNode } from '../kit';

/** Attio has no n8n node: its REST API v2 through HTTP Request with a Bearer token credential. */
export const ATTIO = credential('httpBearerAuth', 'Attio API token');

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
				? `=https://api.attio.com/v2${path.slice(1)}`
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

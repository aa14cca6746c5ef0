import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * An API key of this n8n, for Notification → Check Trigger Health to read the published workflows
 * (n8n's public API, `GET /api/v1/workflows`). The package's own credential: a community node may
 * not use n8n's `n8nApi` (@n8n/community-nodes/no-credential-reuse); it sends the same header.
 */
export class ReplicatedN8nApi implements ICredentialType {
	name = 'replicatedN8nApi';

	displayName = 'Replicated Trigger Health API';

	icon: Icon = {
		light: 'file:../nodes/Replicated/replicated.svg',
		dark: 'file:../nodes/Replicated/replicated.dark.svg',
	};

	documentationUrl = 'https://docs.n8n.io/api/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'n8n API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An API key of this n8n (Settings → n8n API → Create an API key). Where n8n lets you choose scopes, workflow:list is all it needs.',
		},
		{
			displayName: 'n8n API URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://localhost:5678/api/v1',
			required: true,
			placeholder: 'https://n8n.example.com/api/v1',
			description: "This n8n's address as n8n itself reaches it, followed by /api/v1",
		},
	];

	// n8n's public API authentication (docs.n8n.io/api/authentication: the X-N8N-API-KEY header).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-N8N-API-KEY': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/workflows',
			qs: { limit: 1 },
		},
	};
}

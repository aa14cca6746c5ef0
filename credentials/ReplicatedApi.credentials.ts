import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class ReplicatedApi implements ICredentialType {
	name = 'replicatedApi';

	displayName = 'Replicated API';

	icon: Icon = {
		light: 'file:../nodes/Replicated/replicated.svg',
		dark: 'file:../nodes/Replicated/replicated.dark.svg',
	};

	documentationUrl = 'https://docs.replicated.com/reference/vendor-api-using';

	properties: INodeProperties[] = [
		{
			displayName:
				'Get a token in the Vendor Portal (vendor.replicated.com): Account Settings → User API Tokens, or Team → Service Accounts. Give it Read/Write access; its role must allow the customer actions the flows perform (RBAC kots/app/[:appid]/license/create and …/update). A Read Only token can list, export and score, but not create or convert.',
			name: 'whereToGetIt',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A Vendor Portal API token: a user token (Account Settings → User API Tokens) or a service-account token (Team → Service Accounts). Creating customers and converting licenses needs Read/Write access.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.replicated.com/vendor',
			description:
				'Leave as is for Replicated. Change it only to go through a proxy or to use the local Replicated API emulator (npm start prints its URL). A credential test answering ECONNREFUSED, ENOTFOUND or ETIMEDOUT means nothing answers at this URL from the n8n server: check the address, the port and any proxy.',
		},
		{
			displayName: 'Local Sandbox: Allow Private Webhook URLs',
			name: 'allowPrivateWebhookUrls',
			type: 'boolean',
			default: false,
			description:
				"Whether the Replicated Trigger may register a localhost or private-network URL. Replicated refuses those, so leave this off for Replicated; only this package's local emulator (npm start) delivers to them.",
		},
	];

	// Replicated expects the raw token, not "Bearer <token>" (Vendor API v3 api_key security definition).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			// SPEC `apps` takes no query parameters (the CLI's excludeChannels is not among them).
			url: '/v3/apps',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Replicated rejected the API token (401 Unauthorized). Paste the token exactly as the Vendor Portal shows it, without "Bearer".',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Replicated accepted the token but refused access (403 Forbidden). Give the token (or its service account) access to your apps.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Replicated Vendor API at this API Base URL (404). It must end in /vendor, e.g. https://api.replicated.com/vendor.',
				},
			},
		],
	};
}

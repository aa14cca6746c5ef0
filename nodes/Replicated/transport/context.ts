import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

/** Every n8n context that may call Replicated: node execution, dropdowns, trigger hooks and webhooks. */
export type ReplicatedContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const CREDENTIAL_TYPE = 'replicatedApi';
export const DEFAULT_BASE_URL = 'https://api.replicated.com/vendor';

export interface ReplicatedCredentials {
	apiToken: string;
	baseUrl: string;
}

export async function readCredentials(ctx: ReplicatedContext): Promise<ReplicatedCredentials> {
	const credentials = await ctx.getCredentials<{ apiToken?: string; baseUrl?: string }>(
		CREDENTIAL_TYPE,
	);
	return {
		apiToken: String(credentials.apiToken ?? ''),
		baseUrl: String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, ''),
	};
}

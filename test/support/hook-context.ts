import type { IDataObject, IHookFunctions, INodeParameters } from 'n8n-workflow';

import { executeContext } from './n8n-engine';
export interface HookContextOptions {
	credentials: { apiToken: string; baseUrl: string; allowPrivateWebhookUrls?: boolean };
	/** The n8n instance activating the trigger (default "n8n-instance-A"). */
	instanceId?: string;
	/** "manual" for the editor's test URL; "trigger" (default) for a production activation. */
	mode?: 'trigger' | 'manual';
	/** What the user set; everything else takes the default n8n gives it in the editor. */
	parameters?: INodeParameters;
	webhookUrl?: string;
	workflowName?: string;
	staticData?: IDataObject;
}

export interface HookContext extends IHookFunctions {
	logLines: string[];
	/** The node's parameters as n8n resolved them (set values over displayed defaults). */
	resolved: IDataObject;
}

/**
 * The trigger's context in its webhookMethods: n8n's own node context (n8n-core, see n8n-engine.ts),
 * so parameters resolve as in n8n (a field the user never touched has the default the editor shows,
 * a hidden one has none) and requests authenticate as n8n does, with what an activation adds
 * (webhook URL, static data, instance, mode, workflow) set by the test.
 */
export function createHookContext(options: HookContextOptions): HookContext {
	const base = executeContext({
		node: {
			type: 'n8n-nodes-replicated.replicatedTrigger',
			typeVersion: 1.1,
			name: 'Replicated Trigger',
		},
		credentials: { replicatedApi: options.credentials },
		parameters: options.parameters,
	});
	const resolved = base.getNode().parameters as IDataObject;
	const staticData = options.staticData ?? {};
	const getNodeParameter = base.getNodeParameter.bind(base);
	const ctx = Object.assign(base, {
		resolved,
		getNodeParameter: (name: string, fallback?: unknown) => getNodeParameter(name, 0, fallback),
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.com/webhook/abc/webhook',
		getWorkflowStaticData: () => staticData,
		getInstanceId: () => options.instanceId ?? 'n8n-instance-A',
		getMode: () => options.mode ?? 'trigger',
		getWorkflow: () => ({
			id: 'wf1',
			name: options.workflowName ?? 'Replicated flow',
			active: true,
		}),
	});
	return ctx as unknown as HookContext;
}

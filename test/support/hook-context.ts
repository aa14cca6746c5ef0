import {
	type IDataObject,
	type IHookFunctions,
	type INodeParameters,
	NodeHelpers,
} from 'n8n-workflow';

import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import { createExecuteContext } from './execute-context';

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

const trigger = new ReplicatedTrigger();

/**
 * The parts of IHookFunctions the trigger's webhookMethods use. Parameters are resolved with
 * n8n-workflow's own NodeHelpers.getNodeParameters, so a field the user never touched has the
 * default the editor shows, and a hidden one has none, as in a real n8n.
 */
export function createHookContext(options: HookContextOptions): HookContext {
	const description = trigger.description;
	const resolved = NodeHelpers.getNodeParameters(
		description.properties,
		(options.parameters ?? {}) as INodeParameters,
		true,
		false,
		{ typeVersion: 1.1 },
		description,
	) as IDataObject;
	const base = createExecuteContext({ credentials: options.credentials, parameters: resolved });
	const staticData = options.staticData ?? {};
	const { getNode, getNodeParameter } = base;
	const ctx = Object.assign(base, {
		resolved,
		getNode: () => ({
			...getNode(),
			name: 'Replicated Trigger',
			type: 'n8n-nodes-replicated.replicatedTrigger',
			typeVersion: 1.1,
		}),
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

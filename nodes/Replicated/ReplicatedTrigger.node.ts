import {
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { withBuilderHints } from './builder-hints';
import { listSearch, loadOptions } from './methods';
import { acknowledgeFields } from './trigger/delivery/acknowledge';
import { handleDelivery } from './trigger/delivery/handle-delivery';
import { replicatedWebhookSecretTest } from './trigger/lifecycle/secret-test';
import { checkExists, create, remove } from './trigger/lifecycle/webhook-methods';
import { TRIGGER_BUILDER_HINT, TRIGGER_PARAMETER_BUILDER_HINTS } from './trigger/panel/builder-hints';
import { DATA_FIELD_HINTS } from './trigger/panel/data-hints';
import { TRIGGER_PANEL, triggerProperties } from './trigger/panel/description';

export class ReplicatedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Replicated Trigger',
		name: 'replicatedTrigger',
		icon: { light: 'file:replicated.svg', dark: 'file:replicated.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n evaluates a Webhook-v1 compatibility expression for every delivery to a
		// version-1 webhook node (webhook-helpers parseRequestBody), which under its default vm engine
		// costs an expression isolate per delivery; from 1.1 on, nothing reaches the engine.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ ($parameter["events"] || ["*"]).includes("*") ? "All events" : $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow on verified Replicated event notifications (customers, Enterprise Portal, instances, releases)',
		defaults: { name: 'Replicated Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'replicatedApi', required: true },
			{
				name: 'replicatedWebhookApi',
				required: false,
				testedBy: 'replicatedWebhookSecretTest',
				displayOptions: { show: { registration: ['manual'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				...acknowledgeFields(),
				path: 'webhook',
			},
		],
		triggerPanel: TRIGGER_PANEL,
		properties: withBuilderHints(triggerProperties, TRIGGER_PARAMETER_BUILDER_HINTS),
		hints: DATA_FIELD_HINTS,
		builderHint: TRIGGER_BUILDER_HINT,
	};

	methods = { listSearch, loadOptions, credentialTest: { replicatedWebhookSecretTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}

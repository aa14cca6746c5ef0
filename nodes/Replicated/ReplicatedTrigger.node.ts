import {
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import { listSearch, loadOptions } from './methods';
import { CREDENTIAL_TYPE, DEFAULT_BASE_URL } from './transport';
import { acknowledgeFields } from './trigger/acknowledge';
import { TRIGGER_PANEL, triggerProperties } from './trigger/description';
import { chosenFilters, eventConfigs } from './trigger/filters';
import { handleDelivery, signingSecret, type TriggerOptions } from './trigger/handle-delivery';
import {
	createSubscription,
	deleteSubscription,
	type RegistrationState,
	type SubscriptionConfig,
	subscriptionExists,
} from './trigger/registration';
import { explained } from './trigger/activation-error';
import { unreachableWebhook } from './trigger/private-address';
import { replicatedWebhookSecretTest } from './trigger/secret-test';
import { subscriptionName } from './trigger/subscription-name';

/** What the subscription must say; refused here, before any request, when it cannot be registered. */
function subscriptionConfig(ctx: IHookFunctions): SubscriptionConfig {
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const header = options.requiredHeader?.header;
	const webhookUrl = ctx.getNodeWebhookUrl('default') as string;
	const registration = eventConfigs(
		ctx.getNodeParameter('events', ['*']) as string[],
		chosenFilters((name, fallback) => ctx.getNodeParameter(name, fallback)),
	);
	if (registration.problem) {
		const { message, description } = registration.problem;
		throw new NodeOperationError(ctx.getNode(), message, { description });
	}
	for (const { eventType, missing } of registration.leftOut)
		ctx.logger.info(
			`Replicated Trigger: All Events leaves out ${eventType} until ${missing.join(' and ')} is filled in`,
		);
	return {
		name: subscriptionName(
			ctx.getWorkflow().name ?? ctx.getWorkflow().id ?? 'workflow',
			webhookUrl,
		),
		webhookUrl,
		eventConfigs: registration.eventConfigs,
		...(header?.name ? { customHeader: { name: header.name, value: header.value ?? '' } } : {}),
	};
}

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
		properties: triggerProperties,
	};

	methods = { listSearch, loadOptions, credentialTest: { replicatedWebhookSecretTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await explained(this.getNode(), async () => {
					if (this.getNodeParameter('registration') === 'auto') {
						return await subscriptionExists(
							this,
							this.getWorkflowStaticData('node') as RegistrationState,
							subscriptionConfig(this),
						);
					}
					const options = this.getNodeParameter('options', {}) as TriggerOptions;
					if (!(await signingSecret(this)) && !options.allowUnsigned) {
						throw new NodeOperationError(this.getNode(), 'No webhook signing secret', {
							description:
								'Add a "Replicated Webhook API" credential with the secret set in the Vendor Portal, or turn on Options → Allow Unsigned Deliveries (not recommended).',
						});
					}
					return true;
				});
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await explained(this.getNode(), async () => {
					if (this.getNodeParameter('registration') === 'auto') {
						const { baseUrl } = await this.getCredentials<{ baseUrl?: string }>(CREDENTIAL_TYPE);
						const unreachable = unreachableWebhook(
							this.getNodeWebhookUrl('default') as string,
							baseUrl || DEFAULT_BASE_URL,
						);
						if (unreachable) throw new NodeOperationError(this.getNode(), unreachable);
						await createSubscription(
							this,
							this.getWorkflowStaticData('node') as RegistrationState,
							subscriptionConfig(this),
						);
					}
					return true;
				});
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await explained(this.getNode(), async () => {
					if (this.getNodeParameter('registration') === 'auto') {
						await deleteSubscription(this, this.getWorkflowStaticData('node') as RegistrationState);
					}
					return true;
				});
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}

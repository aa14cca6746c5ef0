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
import { CREDENTIAL_TYPE } from './transport';
import { acknowledgeFields } from './trigger/delivery/acknowledge';
import { DATA_FIELD_HINTS } from './trigger/panel/data-hints';
import { TRIGGER_PANEL, triggerProperties } from './trigger/panel/description';
import { chosenFilters, eventConfigs } from './trigger/panel/filters';
import {
	handleDelivery,
	signingSecret,
	type TriggerOptions,
} from './trigger/delivery/handle-delivery';
import { catchUp, catchUpDue } from './trigger/lifecycle/catch-up';
import {
	checkSubscription,
	createSubscription,
	deleteSubscription,
	registrationState,
	type RegistrationState,
	type SubscriptionConfig,
	type Wanted,
} from './trigger/lifecycle/registration';
import { DEFAULT_REPLAY_TOLERANCE_MINUTES } from './trigger/delivery/verify';
import { explained } from './trigger/lifecycle/activation-error';
import { unreachableWebhook } from './trigger/lifecycle/private-address';
import { triggerLabel } from './trigger/lifecycle/label';
import { replicatedWebhookSecretTest } from './trigger/lifecycle/secret-test';
import { subscriptionName } from './trigger/lifecycle/subscription-name';

const triggerOptions = (ctx: IHookFunctions) =>
	ctx.getNodeParameter('options', {}) as TriggerOptions;

/**
 * Secret rotation as the options ask: a rotated-out secret is accepted for the replay window, or
 * not at all with Revoke Previous Secret Now.
 */
function wanted(ctx: IHookFunctions): Wanted {
	const options = triggerOptions(ctx);
	const tolerance = options.replayToleranceMinutes ?? DEFAULT_REPLAY_TOLERANCE_MINUTES;
	return {
		secretVersion: Math.max(1, Math.floor(options.secretVersion ?? 1)),
		graceMs: options.revokePreviousSecret
			? 0
			: Math.max(tolerance, DEFAULT_REPLAY_TOLERANCE_MINUTES) * 60_000,
	};
}

/** Production only: the editor's test URL listens for one event, not for what was missed. */
async function catchUpNow(ctx: IHookFunctions, state: RegistrationState): Promise<void> {
	if (ctx.getMode() === 'manual' || triggerOptions(ctx).catchUp === false) return;
	if (state.subscriptionId && catchUpDue(state.subscriptionId, true))
		await catchUp(ctx, state.subscriptionId, triggerLabel(ctx));
}

/** What the subscription must say; refused here, before any request, when it cannot be registered. */
function subscriptionConfig(ctx: IHookFunctions): SubscriptionConfig {
	const header = triggerOptions(ctx).requiredHeader?.header;
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
		hints: DATA_FIELD_HINTS,
	};

	methods = { listSearch, loadOptions, credentialTest: { replicatedWebhookSecretTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await explained(this, async () => {
					if (this.getNodeParameter('registration') === 'auto') {
						const state = registrationState(this);
						const health = await checkSubscription(
							this,
							state,
							subscriptionConfig(this),
							wanted(this),
						);
						if (health.exists) await catchUpNow(this, state);
						return health.exists;
					}
					if (!(await signingSecret(this)) && !triggerOptions(this).allowUnsigned) {
						throw new NodeOperationError(this.getNode(), 'No webhook signing secret', {
							description:
								'Add a "Replicated Webhook API" credential with the secret set in the Vendor Portal, or turn on Options → Allow Unsigned Deliveries (not recommended).',
						});
					}
					return true;
				});
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await explained(this, async () => {
					if (this.getNodeParameter('registration') === 'auto') {
						const { allowPrivateWebhookUrls } = await this.getCredentials<{
							allowPrivateWebhookUrls?: boolean;
						}>(CREDENTIAL_TYPE);
						const unreachable = unreachableWebhook(
							this.getNodeWebhookUrl('default') as string,
							allowPrivateWebhookUrls === true,
						);
						if (unreachable) throw new NodeOperationError(this.getNode(), unreachable);
						const state = registrationState(this);
						const health = await createSubscription(
							this,
							state,
							subscriptionConfig(this),
							wanted(this),
						);
						// An adopted subscription may hold what failed while it had no trigger.
						if (health.adopted) await catchUpNow(this, state);
					}
					return true;
				});
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await explained(this, async () => {
					if (this.getNodeParameter('registration') === 'auto') {
						await deleteSubscription(this, registrationState(this), wanted(this).graceMs);
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

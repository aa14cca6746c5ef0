import { type IHookFunctions, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../transport';
import { signingSecret } from '../delivery/signing-secrets';
import { registration, triggerOptions } from '../panel/parameters';
import { explained } from './activation-error';
import { catchUp, catchUpDue } from './catch-up';
import { triggerLabel } from './label';
import { blockedWebhook, unreachableWebhook } from './private-address';
import {
	checkSubscription,
	createSubscription,
	deleteSubscription,
	registrationState,
	type RegistrationState,
} from './registration';
import { subscriptionConfig, wanted } from './subscription-config';
import { askForTestDelivery, listenLocally } from './test-event';

/** Production only: the editor's test URL listens for one event, not for what was missed. */
async function catchUpNow(ctx: IHookFunctions, state: RegistrationState): Promise<void> {
	if (ctx.getMode() === 'manual' || triggerOptions(ctx).catchUp === false) return;
	if (state.subscriptionId && catchUpDue(state.subscriptionId, true))
		await catchUp(ctx, state.subscriptionId, triggerLabel(ctx));
}

/**
 * Asked by n8n on every activation: the subscription is there and as configured (automatic),
 * or a signing secret is (manual).
 */
export async function checkExists(ctx: IHookFunctions): Promise<boolean> {
	return await explained(ctx, async () => {
		if (registration(ctx) === 'auto') {
			const state = registrationState(ctx);
			const health = await checkSubscription(ctx, state, subscriptionConfig(ctx), wanted(ctx));
			if (health.exists) await catchUpNow(ctx, state);
			return health.exists;
		}
		if (!(await signingSecret(ctx)) && !triggerOptions(ctx).allowUnsigned) {
			throw new NodeOperationError(ctx.getNode(), 'No webhook signing secret', {
				description:
					'Add a "Replicated Webhook API" credential with the secret set in the Vendor Portal, or turn on Options → Allow Unsigned Deliveries (not recommended).',
			});
		}
		return true;
	});
}

/**
 * When checkExists says no: registers the subscription (automatic), after the URL is checked.
 * Listening for a test event (n8n's mode `manual`: the editor's test URL), it then asks Replicated
 * for a test delivery; at a URL Replicated cannot reach, it registers nothing and listens for a
 * delivery sent from this machine (test-event.ts). Production activation refuses such a URL.
 */
export async function create(ctx: IHookFunctions): Promise<boolean> {
	return await explained(ctx, async () => {
		if (registration(ctx) === 'auto') {
			const listening = ctx.getMode() === 'manual';
			const { allowPrivateWebhookUrls } = await ctx.getCredentials<{
				allowPrivateWebhookUrls?: boolean;
			}>(CREDENTIAL_TYPE);
			const webhookUrl = ctx.getNodeWebhookUrl('default') as string;
			const allowPrivate = allowPrivateWebhookUrls === true;
			const blocked = blockedWebhook(webhookUrl, allowPrivate);
			if (blocked && !listening)
				throw new NodeOperationError(ctx.getNode(), unreachableWebhook(webhookUrl, allowPrivate)!);
			const state = registrationState(ctx);
			const config = subscriptionConfig(ctx);
			if (blocked) {
				await listenLocally(ctx, state, config, blocked);
				return true;
			}
			const health = await createSubscription(ctx, state, config, wanted(ctx));
			// An adopted subscription may hold what failed while it had no trigger.
			if (health.adopted) await catchUpNow(ctx, state);
			if (listening) await askForTestDelivery(ctx, state, config);
		}
		return true;
	});
}

/** On deactivation: the subscription goes (automatic); a manual one is the user's. */
export async function remove(ctx: IHookFunctions): Promise<boolean> {
	return await explained(ctx, async () => {
		if (registration(ctx) === 'auto') {
			await deleteSubscription(ctx, registrationState(ctx), wanted(ctx).graceMs);
		}
		return true;
	});
}

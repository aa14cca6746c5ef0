import { type IHookFunctions, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../transport';
import { signingSecret } from '../delivery/signing-secrets';
import { registration, triggerOptions } from '../panel/parameters';
import { explained } from './activation-error';
import { catchUp, catchUpDue } from './catch-up';
import { triggerLabel } from './label';
import { unreachableWebhook } from './private-address';
import {
	checkSubscription,
	createSubscription,
	deleteSubscription,
	registrationState,
	type RegistrationState,
} from './registration';
import { subscriptionConfig, wanted } from './subscription-config';

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

/** When checkExists says no: registers the subscription (automatic), after the URL is checked. */
export async function create(ctx: IHookFunctions): Promise<boolean> {
	return await explained(ctx, async () => {
		if (registration(ctx) === 'auto') {
			const { allowPrivateWebhookUrls } = await ctx.getCredentials<{
				allowPrivateWebhookUrls?: boolean;
			}>(CREDENTIAL_TYPE);
			const unreachable = unreachableWebhook(
				ctx.getNodeWebhookUrl('default') as string,
				allowPrivateWebhookUrls === true,
			);
			if (unreachable) throw new NodeOperationError(ctx.getNode(), unreachable);
			const state = registrationState(ctx);
			const health = await createSubscription(ctx, state, subscriptionConfig(ctx), wanted(ctx));
			// An adopted subscription may hold what failed while it had no trigger.
			if (health.adopted) await catchUpNow(ctx, state);
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

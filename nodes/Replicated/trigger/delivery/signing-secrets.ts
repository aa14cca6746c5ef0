import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { registrationState } from '../lifecycle/registration';
import { registration, triggerOptions, type TriggerParameters } from '../panel/parameters';

/**
 * The secrets a delivery may be signed with, current first: generated at registration, or the
 * credential's; during a rotation also the previous one (automatic: until its grace period ends;
 * manual: while the credential's Previous Secret is set), unless Revoke Previous Secret Now is on:
 * a leaked secret is then refused from the next delivery on.
 */
export async function signingSecrets(
	ctx: IWebhookFunctions | IHookFunctions,
	now = Date.now(),
	// A delivery passes what it read on arrival; activation reads them here.
	parameters: Pick<TriggerParameters, 'registration' | 'options'> = {
		registration: registration(ctx),
		options: triggerOptions(ctx),
	},
): Promise<string[]> {
	const { revokePreviousSecret } = parameters.options;
	if (parameters.registration === 'auto') {
		const state = registrationState(ctx);
		const retired = revokePreviousSecret
			? []
			: (state.retiredSecrets ?? []).filter((r) => r.until > now).map((r) => r.secret);
		return state.webhookSecret ? [state.webhookSecret, ...retired] : [];
	}
	try {
		const credential = await ctx.getCredentials<{ secret?: string; previousSecret?: string }>(
			'replicatedWebhookApi',
		);
		const previous = revokePreviousSecret ? undefined : credential.previousSecret;
		return [credential.secret, previous].filter((s): s is string => Boolean(s));
	} catch {
		return [];
	}
}

export async function signingSecret(
	ctx: IWebhookFunctions | IHookFunctions,
): Promise<string | undefined> {
	return (await signingSecrets(ctx))[0];
}

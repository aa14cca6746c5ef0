import { type IHookFunctions, NodeOperationError } from 'n8n-workflow';

import { printable } from '../../fulfillment/text';
import { DEFAULT_REPLAY_TOLERANCE_MINUTES } from '../delivery/verify';
import { chosenFilters, eventConfigs } from '../panel/filters';
import { triggerOptions, triggerParameters } from '../panel/parameters';
import type { SubscriptionConfig, Wanted } from './registration';
import { subscriptionName } from './subscription-name';

/**
 * Secret rotation as the options ask: a rotated-out secret is accepted for the replay window, or
 * not at all with Revoke Previous Secret Now.
 */
export function wanted(ctx: IHookFunctions): Wanted {
	const options = triggerOptions(ctx);
	const tolerance = options.replayToleranceMinutes ?? DEFAULT_REPLAY_TOLERANCE_MINUTES;
	return {
		secretVersion: Math.max(1, Math.floor(options.secretVersion ?? 1)),
		graceMs: options.revokePreviousSecret
			? 0
			: Math.max(tolerance, DEFAULT_REPLAY_TOLERANCE_MINUTES) * 60_000,
	};
}

/** What the subscription must say; refused here, before any request, when it cannot be registered. */
export function subscriptionConfig(ctx: IHookFunctions): SubscriptionConfig {
	const { events, filters, options } = triggerParameters(ctx);
	const header = options.requiredHeader?.header;
	const webhookUrl = ctx.getNodeWebhookUrl('default') as string;
	const registration = eventConfigs(
		events,
		chosenFilters(filters, (name, fallback) => ctx.getNodeParameter(name, fallback)),
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
		...failureContact(ctx, options.failureContact),
	};
}

/** The most of a refused value an error message repeats: a pasted document stays out of the log. */
const SHOWN_CHARACTERS = 100;

/** Options → Failure Alert Email, trimmed; refused before any request unless it is one address. */
function failureContact(ctx: IHookFunctions, value: string | undefined) {
	const email = value?.trim();
	if (!email) return {};
	if (!/^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(email))
		throw new NodeOperationError(
			ctx.getNode(),
			`Failure Alert Email "${printable(email, SHOWN_CHARACTERS)}" is not an email address`,
			{
				description: 'Enter one address, e.g. revops-alerts@example.com, or leave it empty.',
			},
		);
	return { failureContact: email };
}

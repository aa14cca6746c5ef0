import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { getCustomer } from '../../api/customers';
import { customerItem } from '../../schemas/customer';
import { DEFAULT_RETRY_POLICY } from '../../transport';
import { catchUp, catchUpDue } from '../lifecycle/catch-up';
import { triggerLabel } from '../lifecycle/label';
import { registrationState } from '../lifecycle/registration';
import { filtersFor } from '../panel/filters';
import type { TriggerOptions } from '../panel/options';
import { left, within } from './deadline';
import { arrive, envelopeOf, GATES, type Passage, type Verdict } from './gates';
import { eventItem, type EventItem } from './normalize';
import { logRefusal } from './refusal-log';

/** Replicated gives up after 5 s: enrichment must leave room for the answer. */
const ENRICH_POLICY = {
	...DEFAULT_RETRY_POLICY,
	maxRetries: 1,
	baseDelayMs: 200,
	maxDelayMs: 400,
	maxRetryAfterMs: 500,
};

/**
 * One delivery: through the gates (gates.ts, in order), then the event's item, the customer's
 * details, the answer and, answered already, a catch-up when one is due. Only a delivery that
 * passes every gate starts an execution.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const passage = arrive(this);
	for (const gate of GATES) {
		const verdict = await gate(this, passage);
		if (verdict.kind === 'refuse') return refused(this, passage, verdict);
		if (verdict.kind === 'acknowledge')
			return { webhookResponse: { received: true, ...verdict.extra } };
	}
	const { parsed, delivery } = envelopeOf(passage);
	const item = eventItem(delivery, {
		includeRaw: passage.options.includeRaw,
		deliveryId: passage.deliveryId,
		filters: filtersFor(delivery.event, passage.settings),
	});
	if (passage.redelivered) item.redelivered = true;
	await enrich.call(this, item, passage.options, passage.answerBy);
	return await answer(this, passage, item, parsed);
}

/** Logged at warn and answered with the reason; nothing runs. */
function refused(
	ctx: IWebhookFunctions,
	passage: Passage,
	{ status, reason }: Extract<Verdict, { kind: 'refuse' }>,
): IWebhookResponseData {
	logRefusal(ctx, status, reason, passage.body);
	ctx.getResponseObject().status(status).json({ error: reason });
	return { noWebhookResponse: true };
}

/** Enrich With Customer: the customer's details on the item, or why they are missing. */
async function enrich(
	this: IWebhookFunctions,
	item: EventItem,
	options: TriggerOptions,
	answerBy: number,
): Promise<void> {
	if (options.enrichCustomer !== false && item.customer && !item.isTest) {
		try {
			// Read before the answer (acknowledging on receipt): within what is left of the 5 seconds.
			const customer = customerItem(
				await within(
					getCustomer(this, item.customer.id, {
						policy: ENRICH_POLICY,
						timeoutMs: Math.max(1, Math.min(2500, left(answerBy))),
					}),
					left(answerBy),
					"the customer was not read in time for Replicated's 5-second limit",
				),
			);
			item.customer = {
				...item.customer,
				customId: customer.customId,
				name: customer.name,
				email: customer.email,
				licenseType: customer.licenseType,
				expiresAt: customer.expiresAt,
				channel: customer.channel?.name ?? null,
			};
			item.customId = customer.customId;
		} catch (error) {
			// The event is kept; the item says why it lacks the customer's details.
			item.customer = { ...item.customer, enrichmentError: (error as Error).message };
		}
	}
}

/** The run's item, answered as Acknowledge asks; on receipt, then a catch-up when one is due. */
async function answer(
	ctx: IWebhookFunctions,
	passage: Passage,
	item: EventItem,
	parsed: unknown,
): Promise<IWebhookResponseData> {
	const workflowData = [ctx.helpers.returnJsonArray([item as unknown as IDataObject])];
	// n8n answers once the execution has ended (the webhook's response mode follows this option).
	if (passage.afterRun) return { workflowData };
	// Answered here rather than through webhookResponse: n8n then saves this request's static data
	// (the duplicate record) before it prepares the run, which would otherwise reset its changed
	// flag (observed with n8n 2.41: a second Workflow over the same static data resets it).
	ctx.getResponseObject().status(200).json({ received: true });
	// Answered already: Replicated does not wait for this; the run starts once it is done.
	const registered = registrationState(ctx).subscriptionId;
	if (registered && ctx.getMode() !== 'manual' && passage.options.catchUp !== false && !item.isTest)
		if (catchUpDue(registered))
			await catchUp(ctx, registered, triggerLabel(ctx), parsed as Record<string, unknown>);
	return { noWebhookResponse: true, workflowData };
}

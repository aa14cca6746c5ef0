import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { getCustomer } from '../api/customers';
import { customerItem } from '../schemas/customer';
import { deliveryProblem, deliverySchema } from '../schemas/event';
import { DEFAULT_RETRY_POLICY } from '../transport';
import type { Acknowledge } from './acknowledge';
import { catchUp, catchUpDue } from './catch-up';
import { ANSWER_WITHIN_MS, left, within } from './deadline';
import { acceptOnce, bodyHash, type SeenDeliveries } from './dedupe';
import { chosenFilters, filtersFor, outOfScope } from './filters';
import { eventItem } from './normalize';
import { hasRecent, withRecent } from './redelivery-memory';
import { admitStale, type RedeliveryState, triggerScope } from './stale-delivery';
import { markUntilAnswered } from './static-data';
import { triggerLabel } from './label';
import { logRefusal } from './refusal-log';
import { registrationState } from './registration';
import {
	checkFreshness,
	DEFAULT_REPLAY_TOLERANCE_MINUTES,
	tokenMatches,
	verifySignature,
} from './verify';

export interface TriggerOptions {
	acknowledge?: Acknowledge;
	allowUnsigned?: boolean;
	enrichCustomer?: boolean;
	includeRaw?: boolean;
	maxBodyKb?: number;
	replayToleranceMinutes?: number;
	requiredHeader?: { header?: { name?: string; value?: string } };
	catchUp?: boolean;
	secretVersion?: number;
	revokePreviousSecret?: boolean;
}

/** Replicated gives up after 5 s: enrichment must leave room for the answer. */
const ENRICH_POLICY = {
	...DEFAULT_RETRY_POLICY,
	maxRetries: 1,
	baseDelayMs: 200,
	maxDelayMs: 400,
	maxRetryAfterMs: 500,
};

/**
 * The secrets a delivery may be signed with, current first: generated at registration, or the
 * credential's; during a rotation also the previous one (automatic: until its grace period ends;
 * manual: while the credential's Previous Secret is set), unless Revoke Previous Secret Now is on:
 * a leaked secret is then refused from the next delivery on.
 */
export async function signingSecrets(
	ctx: IWebhookFunctions | IHookFunctions,
	now = Date.now(),
): Promise<string[]> {
	const { revokePreviousSecret } = ctx.getNodeParameter('options', {}) as TriggerOptions;
	if (ctx.getNodeParameter('registration', 'auto') === 'auto') {
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

/**
 * Everything a delivery goes through, in order: size, signature (before anything reads the body),
 * custom header, JSON, envelope schema, replay window, event selection, scope, duplicates. Only a
 * delivery that passes all of them starts an execution.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const answerBy = Date.now() + ANSWER_WITHIN_MS;
	const req = this.getRequestObject();
	const res = this.getResponseObject();
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const body: Buffer = Buffer.isBuffer(req.rawBody)
		? req.rawBody
		: Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? {}));
	const refuse = (status: number, reason: string): IWebhookResponseData => {
		logRefusal(this, status, reason, body);
		res.status(status).json({ error: reason });
		return { noWebhookResponse: true };
	};
	const acknowledge = (extra: IDataObject): IWebhookResponseData => ({
		webhookResponse: { received: true, ...extra },
	});

	const maxBytes = (options.maxBodyKb ?? 256) * 1024;
	if (body.length > maxBytes) return refuse(413, `body larger than ${options.maxBodyKb ?? 256} KB`);

	const secrets = await signingSecrets(this);
	if (secrets.length) {
		const signature = req.headers['x-replicated-signature'];
		let verdict = verifySignature(body, signature, secrets[0]);
		for (const older of secrets.slice(1))
			if (!verdict.ok) verdict = verifySignature(body, signature, older);
		if (!verdict.ok) return refuse(401, verdict.reason);
	} else if (!options.allowUnsigned) {
		return refuse(401, 'no webhook secret is configured for this trigger');
	}
	const header = options.requiredHeader?.header;
	if (header?.name && !tokenMatches(req.headers[header.name.toLowerCase()], header.value ?? '')) {
		return refuse(401, `missing or wrong ${header.name} header`);
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(body.toString('utf8'));
	} catch {
		return refuse(400, 'body is not valid JSON');
	}
	const result = deliverySchema.safeParse(parsed);
	if (!result.success) return refuse(400, deliveryProblem(result.error));
	const delivery = result.data;

	const tolerance = options.replayToleranceMinutes ?? DEFAULT_REPLAY_TOLERANCE_MINUTES;
	const fresh = checkFreshness(delivery.timestamp, tolerance);
	const afterRun = options.acknowledge === 'afterRun';
	let redelivered = false;
	if (!fresh.ok) {
		// Only a signed delivery can be a redelivery; whether it is, Replicated's log says.
		if (!secrets.length || fresh.reason.includes('future')) return refuse(401, fresh.reason);
		const outcome = await admitStale(
			this,
			parsed as Record<string, unknown>,
			fresh.reason,
			afterRun,
			answerBy,
		);
		if ('refuse' in outcome) return refuse(outcome.refuse.status, outcome.refuse.reason);
		if ('acknowledge' in outcome) return acknowledge(outcome.acknowledge);
		redelivered = true;
		// n8n saves a change made here only once the run has ended, and preparing the run clears it.
		if (afterRun) markUntilAnswered(this, 'redeliveries');
	}

	// "All events" also admits keys Replicated adds later; an explicit list admits only its keys.
	const chosen = this.getNodeParameter('events', ['*']) as string[];
	if (chosen.length && !chosen.includes('*') && !chosen.includes(delivery.event))
		return acknowledge({ ignored: 'event not selected' });
	const settings = chosenFilters(
		(name, fallback) => this.getNodeParameter(name, fallback),
		delivery.event,
	);
	const outside = outOfScope(delivery.data, settings);
	if (outside) return acknowledge({ ignored: `outside the ${outside} filter` });

	const deliveryId = bodyHash(body);
	// Answered after the run, a retry means the earlier execution failed, was lost or was slow: it
	// runs again (the trigger cannot learn how an execution ended, so it keeps no record then).
	if (!afterRun) {
		// Reassigning the key marks the static data as changed, so n8n saves it after this request.
		const state = this.getWorkflowStaticData('node') as { seen?: SeenDeliveries } & RedeliveryState;
		const windowMs = Math.max(tolerance, DEFAULT_REPLAY_TOLERANCE_MINUTES) * 60_000;
		const trigger = triggerScope(this);
		const { duplicate, record } = acceptOnce(trigger, state.seen, deliveryId, windowMs);
		if (duplicate) return acknowledge({ duplicate: true });
		state.seen = record;
		// What a concurrent write dropped of the redeliveries run here goes back with this one.
		if (hasRecent(trigger)) state.redeliveries = withRecent(trigger, state.redeliveries);
	}

	const item = eventItem(delivery, {
		includeRaw: options.includeRaw,
		deliveryId,
		filters: filtersFor(delivery.event, settings),
	});
	if (redelivered) item.redelivered = true;
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
	const workflowData = [this.helpers.returnJsonArray([item as unknown as IDataObject])];
	// n8n answers once the execution has ended (the webhook's response mode follows this option).
	if (afterRun) return { workflowData };
	// Answered here rather than through webhookResponse: n8n then saves this request's static data
	// (the duplicate record) before it prepares the run, which would otherwise reset its changed
	// flag (observed with n8n 2.41: a second Workflow over the same static data resets it).
	res.status(200).json({ received: true });
	// Answered already: Replicated does not wait for this; the run starts once it is done.
	const registered = registrationState(this).subscriptionId;
	if (registered && this.getMode() !== 'manual' && options.catchUp !== false && !item.isTest)
		if (catchUpDue(registered))
			await catchUp(this, registered, triggerLabel(this), parsed as Record<string, unknown>);
	return { noWebhookResponse: true, workflowData };
}

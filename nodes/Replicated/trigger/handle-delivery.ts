import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { getCustomerById } from '../actions/customer/lookup';
import { customerItem } from '../schemas/customer';
import { deliveryProblem, deliverySchema } from '../schemas/event';
import { DEFAULT_RETRY_POLICY } from '../transport';
import type { Acknowledge } from './acknowledge';
import { acceptOnce, bodyHash, type SeenDeliveries } from './dedupe';
import { chosenFilters, filtersFor, outOfScope } from './filters';
import { eventItem } from './normalize';
import type { RegistrationState } from './registration';
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
}

/** Replicated gives up after 5 s: enrichment must leave room for the answer. */
const ENRICH_POLICY = {
	...DEFAULT_RETRY_POLICY,
	maxRetries: 1,
	baseDelayMs: 200,
	maxDelayMs: 400,
	maxRetryAfterMs: 500,
};

/** The secret deliveries are signed with: generated at registration, or the credential's. */
export async function signingSecret(
	ctx: IWebhookFunctions | IHookFunctions,
): Promise<string | undefined> {
	if (ctx.getNodeParameter('registration', 'auto') === 'auto') {
		return (ctx.getWorkflowStaticData('node') as RegistrationState).webhookSecret;
	}
	try {
		const credential = await ctx.getCredentials<{ secret?: string }>('replicatedWebhookApi');
		return credential.secret || undefined;
	} catch {
		return undefined;
	}
}

/**
 * Everything a delivery goes through, in order: size, signature (before anything reads the body),
 * custom header, JSON, envelope schema, replay window, event selection, scope, duplicates. Only a
 * delivery that passes all of them starts an execution.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const res = this.getResponseObject();
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const refuse = (status: number, reason: string): IWebhookResponseData => {
		res.status(status).json({ error: reason });
		return { noWebhookResponse: true };
	};
	const acknowledge = (extra: IDataObject): IWebhookResponseData => ({
		webhookResponse: { received: true, ...extra },
	});

	const raw: Buffer = Buffer.isBuffer(req.rawBody)
		? req.rawBody
		: Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? {}));
	const maxBytes = (options.maxBodyKb ?? 256) * 1024;
	if (raw.length > maxBytes) return refuse(413, `body larger than ${options.maxBodyKb ?? 256} KB`);

	const secret = await signingSecret(this);
	if (secret) {
		const verdict = verifySignature(raw, req.headers['x-replicated-signature'], secret);
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
		parsed = JSON.parse(raw.toString('utf8'));
	} catch {
		return refuse(400, 'body is not valid JSON');
	}
	const result = deliverySchema.safeParse(parsed);
	if (!result.success) return refuse(400, deliveryProblem(result.error));
	const delivery = result.data;

	const tolerance = options.replayToleranceMinutes ?? DEFAULT_REPLAY_TOLERANCE_MINUTES;
	const fresh = checkFreshness(delivery.timestamp, tolerance);
	if (!fresh.ok) return refuse(401, fresh.reason);

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

	const deliveryId = bodyHash(raw);
	// Answered after the run, a retry means the earlier execution failed, was lost or was slow: it
	// runs again (the trigger cannot learn how an execution ended, so it keeps no record then).
	if (options.acknowledge !== 'afterRun') {
		// Reassigning the key marks the static data as changed, so n8n saves it after this request.
		const state = this.getWorkflowStaticData('node') as { seen?: SeenDeliveries };
		const windowMs = Math.max(tolerance, DEFAULT_REPLAY_TOLERANCE_MINUTES) * 60_000;
		const trigger = `${this.getWorkflow().id ?? ''}:${this.getNode().id ?? this.getNode().name}`;
		const { duplicate, record } = acceptOnce(trigger, state.seen, deliveryId, windowMs);
		if (duplicate) return acknowledge({ duplicate: true });
		state.seen = record;
	}

	const item = eventItem(delivery, {
		includeRaw: options.includeRaw,
		deliveryId,
		filters: filtersFor(delivery.event, settings),
	});
	if (options.enrichCustomer !== false && item.customer && !item.isTest) {
		try {
			const customer = customerItem(
				await getCustomerById(this, item.customer.id, { policy: ENRICH_POLICY, timeoutMs: 2500 }),
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
	if (options.acknowledge === 'afterRun') return { workflowData };
	// Answered here rather than through webhookResponse: n8n then saves this request's static data
	// (the duplicate record) before it prepares the run, which would otherwise reset its changed
	// flag (observed with n8n 2.41: a second Workflow over the same static data resets it).
	res.status(200).json({ received: true });
	return { noWebhookResponse: true, workflowData };
}

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { type Delivery, deliveryProblem, deliverySchema } from '../../schemas/event';
import { chosenFilters, type FilterValues, outOfScope } from '../panel/filters';
import type { TriggerOptions } from '../panel/options';
import { triggerParameters, type TriggerParameters } from '../panel/parameters';
import { ANSWER_WITHIN_MS } from './deadline';
import { acceptOnce, bodyHash, type SeenDeliveries } from './dedupe';
import { hasRecent, withRecent } from './redelivery-memory';
import { signingSecrets } from './signing-secrets';
import { admitStale, type RedeliveryState, triggerScope } from './stale-delivery';
import { markUntilAnswered } from './static-data';
import {
	checkFreshness,
	DEFAULT_REPLAY_TOLERANCE_MINUTES,
	tokenMatches,
	verifySignature,
} from './verify';

/** The request's headers, as n8n hands them over. */
type Headers = ReturnType<IWebhookFunctions['getRequestObject']>['headers'];

/** What one gate says about a delivery: refuse it, answer it without a run, or pass it on. */
export type Verdict =
	| { kind: 'refuse'; status: number; reason: string }
	| { kind: 'acknowledge'; extra: IDataObject }
	| { kind: 'next' };

const NEXT: Verdict = { kind: 'next' };
const refuse = (status: number, reason: string): Verdict => ({ kind: 'refuse', status, reason });
const acknowledge = (extra: IDataObject): Verdict => ({ kind: 'acknowledge', extra });

/** The delivery as `parse` read it. */
export interface Envelope {
	parsed: unknown;
	delivery: Delivery;
}

/** One delivery on its way through the gates; a gate fills in what the ones after it read. */
export interface Passage {
	/** When the answer is due (epoch ms): Replicated gives up after 5 s. */
	readonly answerBy: number;
	/** Registration, Events, Filters and Options, read and checked once, on arrival. */
	readonly parameters: TriggerParameters;
	/** `parameters.options`, as the gates read it. */
	readonly options: TriggerOptions;
	readonly headers: Headers;
	/** The body exactly as it was signed. */
	readonly body: Buffer;
	readonly afterRun: boolean;
	/** The replay window, in minutes. */
	readonly tolerance: number;
	/** By `signature`: the secrets the body may be signed with (none: unsigned deliveries allowed). */
	secrets: string[];
	/** By `parse`. */
	envelope?: Envelope;
	/** By `freshness`: a delivery older than the window that Replicated's log has as not delivered. */
	redelivered: boolean;
	/** By `scope`: the trigger's filter settings for this event. */
	settings: FilterValues;
	/** By `dedupe`: the body's hash, the item's `deliveryId`. */
	deliveryId: string;
}

export type Gate = (ctx: IWebhookFunctions, p: Passage) => Verdict | Promise<Verdict>;

/** A delivery as it arrives, before any gate. */
export function arrive(ctx: IWebhookFunctions): Passage {
	const answerBy = Date.now() + ANSWER_WITHIN_MS;
	const req = ctx.getRequestObject();
	const parameters = triggerParameters(ctx);
	const { options } = parameters;
	const body: Buffer = Buffer.isBuffer(req.rawBody)
		? req.rawBody
		: Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? {}));
	return {
		answerBy,
		parameters,
		options,
		headers: req.headers,
		body,
		afterRun: options.acknowledge === 'afterRun',
		tolerance: options.replayToleranceMinutes ?? DEFAULT_REPLAY_TOLERANCE_MINUTES,
		secrets: [],
		redelivered: false,
		settings: {},
		deliveryId: '',
	};
}

/** The parsed delivery, for the gates after `parse` (which always comes first). */
export function envelopeOf(p: Passage): Envelope {
	if (!p.envelope) throw new Error('Replicated Trigger: a gate read the delivery before parse');
	return p.envelope;
}

function size(_ctx: IWebhookFunctions, p: Passage): Verdict {
	const maxBytes = (p.options.maxBodyKb ?? 256) * 1024;
	return p.body.length > maxBytes
		? refuse(413, `body larger than ${p.options.maxBodyKb ?? 256} KB`)
		: NEXT;
}

/** Before anything reads the body: the current secret, then any still-accepted older one. */
async function signature(ctx: IWebhookFunctions, p: Passage): Promise<Verdict> {
	p.secrets = await signingSecrets(ctx, Date.now(), p.parameters);
	if (!p.secrets.length)
		return p.options.allowUnsigned
			? NEXT
			: refuse(401, 'no webhook secret is configured for this trigger');
	const given = p.headers['x-replicated-signature'];
	let check = verifySignature(p.body, given, p.secrets[0]);
	for (const older of p.secrets.slice(1))
		if (!check.ok) check = verifySignature(p.body, given, older);
	return check.ok ? NEXT : refuse(401, check.reason);
}

/** Options → Required Header. */
function header(_ctx: IWebhookFunctions, p: Passage): Verdict {
	const required = p.options.requiredHeader?.header;
	if (!required?.name || tokenMatches(p.headers[required.name.toLowerCase()], required.value ?? ''))
		return NEXT;
	return refuse(401, `missing or wrong ${required.name} header`);
}

/** JSON, then the envelope's schema. */
function parse(_ctx: IWebhookFunctions, p: Passage): Verdict {
	let parsed: unknown;
	try {
		parsed = JSON.parse(p.body.toString('utf8'));
	} catch {
		return refuse(400, 'body is not valid JSON');
	}
	const result = deliverySchema.safeParse(parsed);
	if (!result.success) return refuse(400, deliveryProblem(result.error));
	p.envelope = { parsed, delivery: result.data };
	return NEXT;
}

/** The replay window; past it, only a redelivery Replicated's log confirms runs (once). */
async function freshness(ctx: IWebhookFunctions, p: Passage): Promise<Verdict> {
	const { parsed, delivery } = envelopeOf(p);
	const fresh = checkFreshness(delivery.timestamp, p.tolerance);
	if (fresh.ok) return NEXT;
	// Only a signed delivery can be a redelivery; whether it is, Replicated's log says.
	if (!p.secrets.length || fresh.reason.includes('future')) return refuse(401, fresh.reason);
	const outcome = await admitStale(
		ctx,
		parsed as Record<string, unknown>,
		fresh.reason,
		p.afterRun,
		p.answerBy,
	);
	if ('refuse' in outcome) return refuse(outcome.refuse.status, outcome.refuse.reason);
	if ('acknowledge' in outcome) return acknowledge(outcome.acknowledge);
	p.redelivered = true;
	// n8n saves a change made here only once the run has ended, and preparing the run clears it.
	if (p.afterRun) markUntilAnswered(ctx, 'redeliveries');
	return NEXT;
}

/** "All events" also admits keys Replicated adds later; an explicit list admits only its keys. */
function selection(_ctx: IWebhookFunctions, p: Passage): Verdict {
	const chosen = p.parameters.events;
	const { event } = envelopeOf(p).delivery;
	return chosen.length && !chosen.includes('*') && !chosen.includes(event)
		? acknowledge({ ignored: 'event not selected' })
		: NEXT;
}

/** The trigger's filters on each delivery: a subscription set up by hand behaves like ours. */
function scope(ctx: IWebhookFunctions, p: Passage): Verdict {
	const { delivery } = envelopeOf(p);
	p.settings = chosenFilters(
		p.parameters.filters,
		(name, fallback) => ctx.getNodeParameter(name, fallback),
		delivery.event,
	);
	const outside = outOfScope(delivery.data, p.settings);
	return outside ? acknowledge({ ignored: `outside the ${outside} filter` }) : NEXT;
}

/** The same body twice within the window runs once. */
function dedupe(ctx: IWebhookFunctions, p: Passage): Verdict {
	p.deliveryId = bodyHash(p.body);
	// Answered after the run, a retry means the earlier execution failed, was lost or was slow: it
	// runs again (the trigger cannot learn how an execution ended, so it keeps no record then).
	if (p.afterRun) return NEXT;
	// Reassigning the key marks the static data as changed, so n8n saves it after this request.
	const state = ctx.getWorkflowStaticData('node') as { seen?: SeenDeliveries } & RedeliveryState;
	const windowMs = Math.max(p.tolerance, DEFAULT_REPLAY_TOLERANCE_MINUTES) * 60_000;
	const trigger = triggerScope(ctx);
	const { duplicate, record } = acceptOnce(trigger, state.seen, p.deliveryId, windowMs);
	if (duplicate) return acknowledge({ duplicate: true });
	state.seen = record;
	// What a concurrent write dropped of the redeliveries run here goes back with this one.
	if (hasRecent(trigger)) state.redeliveries = withRecent(trigger, state.redeliveries);
	return NEXT;
}

/**
 * Everything a delivery goes through, in order; only one that passes all of them starts an
 * execution. The signature is checked before anything reads the body.
 */
export const GATES: readonly Gate[] = [
	size,
	signature,
	header,
	parse,
	freshness,
	selection,
	scope,
	dedupe,
];

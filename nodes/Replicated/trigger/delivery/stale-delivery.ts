import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { left, LOOKUP_WITHIN_MS, within } from './deadline';
import { judgeStale, redeliveryKey, type StaleVerdict } from './redelivery';
import { acceptRedelivery, recall, type RedeliveryMemory } from './redelivery-memory';

/** What the trigger keeps in the workflow's static data about redeliveries it ran. */
export interface RedeliveryState {
	redeliveries?: RedeliveryMemory;
}

export type StaleOutcome =
	| { refuse: { status: number; reason: string } }
	| { acknowledge: IDataObject }
	| { redelivered: true };

/**
 * The trigger a per-process record belongs to: workflow, node and mode (the test listener keeps
 * its own: the same event reaches both URLs with one body).
 */
export function triggerScope(ctx: IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id ?? ctx.getNode().name}:${ctx.getMode()}`;
}

/**
 * A copy of a redelivery this trigger ran already: a replay, or Replicated delivering it again
 * because the answer was lost or (acknowledging after the run) the run failed. Nothing runs.
 * Acknowledging on receipt, it is answered as any duplicate (200), so Replicated records it
 * delivered, which it was. Acknowledging after the run, 409: Replicated keeps it as not delivered,
 * which may be true (retry that execution in n8n), and catch-up leaves it alone.
 */
function alreadyRan(afterRun: boolean): StaleOutcome {
	return afterRun
		? {
				refuse: {
					status: 409,
					reason:
						'delivery was already run once as a redelivery (replay); not run again: retry its execution in n8n if it failed',
				},
			}
		: { acknowledge: { duplicate: true } };
}

/**
 * A signed delivery older than the replay window: run once if Replicated's log has it as not
 * delivered and this trigger has not run it before; otherwise answered without a run. The memory
 * is read first (a replay costs no request to Replicated) and written before anything is awaited
 * again, so two copies arriving together cannot both run.
 */
export async function admitStale(
	ctx: IWebhookFunctions,
	delivery: Record<string, unknown>,
	staleReason: string,
	afterRun: boolean,
	/** When the answer is due (epoch ms): the lookup ends before it. */
	answerBy: number,
): Promise<StaleOutcome> {
	const state = ctx.getWorkflowStaticData('node') as RedeliveryState;
	const scope = triggerScope(ctx);
	const key = redeliveryKey(delivery);
	const at = Date.parse(String(delivery.timestamp));
	const before = recall(scope, state.redeliveries, key, at);
	if (before.verdict === 'remembered') return alreadyRan(afterRun);
	if (before.verdict === 'forgotten') return { refuse: { status: 401, reason: before.reason } };
	let verdict: StaleVerdict;
	try {
		verdict = await within(
			judgeStale(ctx, delivery),
			Math.min(LOOKUP_WITHIN_MS, left(answerBy)),
			"Replicated's delivery log did not answer in time for Replicated's 5-second limit",
		);
	} catch (error) {
		return {
			refuse: {
				status: 503,
				reason: `${staleReason}, and Replicated's delivery log could not be read to tell a redelivery from a replay (${(error as Error).message}); Replicated will deliver it again`,
			},
		};
	}
	if (verdict === 'unknown')
		return {
			refuse: {
				status: 401,
				reason: `${staleReason}, and not in Replicated's delivery log as undelivered`,
			},
		};
	if (verdict === 'delivered') {
		ctx.logger.info(
			`Replicated Trigger: an old delivery of ${String(delivery.event)} that Replicated has already delivered arrived again; acknowledged without a run`,
		);
		return { acknowledge: { duplicate: true } };
	}
	const accepted = acceptRedelivery(scope, state.redeliveries, key, at);
	if (accepted.recall.verdict === 'remembered') return alreadyRan(afterRun);
	if (accepted.recall.verdict === 'forgotten')
		return { refuse: { status: 401, reason: accepted.recall.reason } };
	// Reassigning the key marks the static data as changed, so n8n saves it.
	state.redeliveries = accepted.memory;
	return { redelivered: true };
}

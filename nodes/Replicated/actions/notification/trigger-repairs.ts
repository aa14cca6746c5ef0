import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { retryEvent, updateSubscription } from '../../api/notifications';
import type { TriggerStatus } from '../../insights/trigger-health/status';
import { replicatedSaid } from '../../transport';
import { clip, type GatheredFacts } from './trigger-facts';

export interface RepairChoice {
	reEnable: boolean;
	retryFailed: boolean;
}

/** Replicated's words for a refusal; a repair that fails is reported, not thrown. */
const said = (error: unknown) =>
	error instanceof NodeApiError ? replicatedSaid(error) : (error as Error).message;

async function reEnable(ctx: IExecuteFunctions, facts: GatheredFacts): Promise<string> {
	if (facts.readonly)
		return 'not re-enabled: another team member made it, and only they or a team admin may change it';
	try {
		// A partial PUT, as the CLI sends it (SPEC updateNotificationSubscription; pact: isEnabled alone).
		await updateSubscription(ctx, facts.subscription!.id, { isEnabled: true });
		return 're-enabled';
	} catch (error) {
		return `re-enabling failed: ${clip(said(error))}`;
	}
}

async function retryFailed(ctx: IExecuteFunctions, facts: GatheredFacts): Promise<string> {
	let queued = 0;
	const refused: string[] = [];
	for (const id of facts.failedEventIds) {
		try {
			const answer = await retryEvent(ctx, id);
			if (answer.retried) queued++;
			else refused.push(answer.message);
		} catch (error) {
			refused.push(said(error));
		}
	}
	const more = (facts.deliveries?.failed ?? 0) - facts.failedEventIds.length;
	return [
		`retried ${queued} failed ${queued === 1 ? 'delivery' : 'deliveries'}`,
		...(refused.length ? [`${refused.length} refused (${clip(refused[0])})`] : []),
		...(more > 0 ? [`${more} more left for the next check`] : []),
	].join('; ');
}

/** What the chosen repairs did for this trigger, in words; nothing when none applied. */
export async function repair(
	ctx: IExecuteFunctions,
	facts: GatheredFacts,
	status: TriggerStatus,
	choice: RepairChoice,
): Promise<string[]> {
	const done: string[] = [];
	if (choice.reEnable && status === 'disabled') done.push(await reEnable(ctx, facts));
	// Retried into a disabled subscription they would fail again: only once it is enabled.
	const enabled = status !== 'disabled' || done[0] === 're-enabled';
	if (choice.retryFailed && enabled && facts.failedEventIds.length)
		done.push(await retryFailed(ctx, facts));
	return done;
}

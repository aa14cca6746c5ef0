import { type IDataObject, type IWebhookFunctions, sleep } from 'n8n-workflow';

/** How often the change is marked again while n8n runs the workflow. */
const MARK_EVERY_MS = 10;
/** A run longer than this is long past Replicated's 5 s; its answer no longer matters to it. */
const MARK_AT_MOST_MS = 15 * 60_000;

interface Answerable {
	once?: (event: 'finish', listener: () => void) => unknown;
	writableFinished?: boolean;
}

/**
 * Keeps a change the webhook made to the trigger's static data marked as changed until n8n has
 * answered the request. n8n saves static data when the webhook call's response is settled; with
 * Acknowledge After the Workflow Succeeds that is once the run has ended, and preparing the run
 * wraps the same data in new Workflow objects, which clears the mark (n8n-workflow's
 * ObservableObject.create, called by WorkflowRunner.run and runMainProcess in n8n 2.41): the change
 * would be lost. Marked again every few milliseconds, it is seen by the save at the end of the run
 * (regular mode) and by the one before the answer (both modes), which comes before `finish`.
 */
export function markUntilAnswered(ctx: IWebhookFunctions, key: string): void {
	const state = ctx.getWorkflowStaticData('node') as IDataObject;
	const res = ctx.getResponseObject() as unknown as Answerable;
	let answered = false;
	if (typeof res.once === 'function') res.once('finish', () => (answered = true));
	const until = Date.now() + MARK_AT_MOST_MS;
	void (async () => {
		while (!answered && !res.writableFinished && Date.now() < until) {
			await sleep(MARK_EVERY_MS);
			const value = state[key];
			// Setting a key through n8n's proxy is what marks the data changed.
			state[key] = value;
		}
	})();
}

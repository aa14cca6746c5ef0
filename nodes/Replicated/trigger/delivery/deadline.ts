import { sleep } from 'n8n-workflow';

/**
 * Replicated gives up on a delivery after 5 seconds and counts it failed ("Each delivery attempt
 * times out after five seconds", DOCS event-notifications-webhooks.mdx). What the trigger asks
 * Replicated before answering ends within this, from the request's arrival; the rest is n8n's, to
 * save static data and answer.
 */
export const ANSWER_WITHIN_MS = 4000;
/** Of which the delivery-log lookup of a stale delivery may take this; beyond it, 503. */
export const LOOKUP_WITHIN_MS = 3000;

/** Milliseconds left until `deadline` (epoch ms), never below 0. */
export const left = (deadline: number) => Math.max(0, deadline - Date.now());

/**
 * `work`, or an error saying `what` once `ms` have passed. The work is not cancelled: each request
 * in it has its own timeout and retry limits, so it ends soon after on its own.
 */
export async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
	const done = new AbortController();
	const late = sleep(ms, done.signal).then(() => {
		throw new Error(what);
	});
	// Whichever loses the race must not go unhandled (the timer's loss is the abort below).
	late.catch(() => undefined);
	work.catch(() => undefined);
	try {
		return await Promise.race([work, late]);
	} finally {
		done.abort();
	}
}

/**
 * Notes above the node's output where a result is right but surprising (n8n's execution hints, as
 * its Split Out and HTTP Request nodes add them): each operation says when, beside what it returns.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

/** The messages this run has shown: an operation runs once per input item, the note shows once. */
const shown = new WeakMap<IExecuteFunctions, Set<string>>();

/** Shows `message` above the output, once per run of the node; nothing for null. */
export function showOutputHint(ctx: IExecuteFunctions, message: string | null): void {
	if (message === null) return;
	const messages = shown.get(ctx) ?? new Set<string>();
	shown.set(ctx, messages);
	if (messages.has(message)) return;
	messages.add(message);
	ctx.addExecutionHints({ message, location: 'outputPane' });
}

/**
 * The note for a list that stopped at Limit (`limit` as `resultLimit` reads it: Infinity for Return
 * All), or null when fewer came: a list cut short reads like the whole of it.
 */
export function limitReachedHint(limit: number, returned: number, what: string): string | null {
	if (returned < limit) return null;
	return `Stopped at Limit (${limit}): more ${what} may exist. Turn on Return All, or raise Limit.`;
}

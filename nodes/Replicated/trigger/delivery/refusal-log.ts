import type { IWebhookFunctions } from 'n8n-workflow';

import { workflowName } from '../lifecycle/label';

/** Only an event key's characters: nothing else from an unverified body reaches the log. */
const EVENT_KEY = /"event"\s*:\s*"([a-z0-9_.-]{1,64})"/i;

/** The event key, read cheaply from the start of the body without parsing it (it may be hostile). */
export function eventKeyOf(raw: Buffer | undefined): string | undefined {
	if (!raw) return undefined;
	return EVENT_KEY.exec(raw.subarray(0, 4096).toString('utf8'))?.[1];
}

/**
 * Logs a refused delivery at warn: the status, the reason, the event key when it can be read and
 * who sent it. Never the secret, the signature or the body: the reason texts name headers, never
 * their values.
 */
export function logRefusal(
	ctx: IWebhookFunctions,
	status: number,
	reason: string,
	raw?: Buffer,
): void {
	const req = ctx.getRequestObject();
	const from = req.ip ?? req.socket?.remoteAddress ?? 'unknown address';
	const event = eventKeyOf(raw);
	ctx.logger.warn(
		`Replicated Trigger refused a delivery from ${from} with ${status}: ${reason}${event ? ` (event ${event})` : ''} — workflow "${workflowName(ctx)}"`,
		{ status, reason, event, remoteAddress: from, workflowId: ctx.getWorkflow().id },
	);
}

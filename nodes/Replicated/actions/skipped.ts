/**
 * Items of a list that fail their schema (one customer, one instance, one row): left out so the
 * rest still counts, each named in a warning, and counted. One licensee's odd record must not stop
 * a fleet's dashboard or digest.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { quoteText } from '../fulfillment/text';

export interface Skip {
	/** The item as a person finds it: its ID and name, nothing else (a license ID is a secret). */
	name: string;
	/** The first problem: the field's path and zod's message, never the value. */
	problem: string;
}

/** The first issue of a failed parse as `"path" message`. */
export function problemOf(error: z.ZodError): string {
	const issue = error.issues[0];
	return `${JSON.stringify(issue.path.map(String).join('.') || '(root)')} ${issue.message}`;
}

const text = (record: Record<string, unknown>, key: string) =>
	typeof record[key] === 'string' && record[key] ? quoteText(record[key], 60) : null;

/** An item named by its IDs and name, read only from fields that are never secret. */
export function nameOf(value: unknown, fallback: string): string {
	if (typeof value !== 'object' || value === null) return fallback;
	const record = value as Record<string, unknown>;
	const id = text(record, 'customerId') ?? text(record, 'customer_id') ?? text(record, 'id');
	const instance = text(record, 'instanceId') ?? text(record, 'instance_id');
	const name =
		text(record, 'customerName') ?? text(record, 'customer_name') ?? text(record, 'name');
	const parts = [
		id && `customer ${id}`,
		name && `named ${name}`,
		instance && `instance ${instance}`,
	].filter(Boolean);
	return parts.length ? `${fallback} (${parts.join(', ')})` : fallback;
}

/** Parses one item; a failure is recorded in `skipped` and gives undefined. */
export function parseOrSkip<T extends z.ZodType>(
	schema: T,
	value: unknown,
	name: string,
	skipped: Skip[],
): z.output<T> | undefined {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	skipped.push({ name: nameOf(value, name), problem: problemOf(parsed.error) });
	return undefined;
}

/** At most this many skipped items are named; the count covers all. */
const NAMED = 5;

/** The warning for skipped items, or null when none was: `what` names them, e.g. "export rows". */
export function skippedMessage(what: string, skipped: Skip[]): string | null {
	if (!skipped.length) return null;
	const named = skipped
		.slice(0, NAMED)
		.map((s) => `${s.name}: ${s.problem}`)
		.join('; ');
	const more = skipped.length > NAMED ? `; and ${skipped.length - NAMED} more` : '';
	const subject = what.charAt(0).toUpperCase() + what.slice(1);
	return `${subject} left out (${skipped.length}), not in the shape this node reads: ${named}${more}`;
}

/** Logs the warning and shows it above the node's output. */
export function warnSkipped(ctx: IExecuteFunctions, what: string, skipped: Skip[]): void {
	const message = skippedMessage(what, skipped);
	if (!message) return;
	ctx.logger.warn(message);
	ctx.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
}

import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	eventListSchema,
	isDeleted,
	type NotificationEvent,
	type NotificationSubscription,
	notificationSubscriptionSchema,
	retryAnswerSchema,
	subscriptionListSchema,
} from '../schemas/notification';
import { parseResponse } from '../schemas/parse';
import { apiRequest, asNodeError, type ReplicatedContext, type RetryPolicy } from '../transport';

/** Replicated's notification endpoints (API.md §1.10), parsed with the schemas. */

const byId = (id: string) => `/v3/notification_subscription/${encodeURIComponent(id)}`;

export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

export function isForbidden(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '403';
}

/** Replicated's own words in an API error (the transport keeps them as `errorResponse.message`). */
export function replicatedSaid(error: NodeApiError): string {
	const said = error.errorResponse?.message;
	return typeof said === 'string' && said ? said : error.message;
}

/** The subscription, or null when there is none: not found, or deleted (kept with `deletedAt`). */
export async function getSubscription(
	ctx: ReplicatedContext,
	id: string,
): Promise<NotificationSubscription | null> {
	try {
		const body = await apiRequest(ctx, { method: 'GET', path: byId(id) });
		const subscription = parseResponse(
			ctx.getNode(),
			notificationSubscriptionSchema,
			body,
			'subscription',
		);
		return isDeleted(subscription) ? null : subscription;
	} catch (error) {
		if (isNotFound(error)) return null;
		throw asNodeError(ctx.getNode(), error);
	}
}

/**
 * The team's subscriptions, deleted ones left out. `type=team` asks for every team member's, not
 * only the token user's (SPEC has no query here; the CLI sends it, pkg/kotsclient/notification.go:67,
 * and its provider-verified pact has Replicated answer it, pact/kotsclient/notification_test.go:37).
 * A server that ignores it lists what it lists: the code never relies on seeing others'.
 */
export async function listSubscriptions(
	ctx: ReplicatedContext,
	/** The webhook path's limits (redelivery.ts); the defaults elsewhere. */
	limits: { policy?: RetryPolicy; timeoutMs?: number } = {},
): Promise<NotificationSubscription[]> {
	const body = await apiRequest(
		ctx,
		{
			method: 'GET',
			path: '/v3/notification_subscriptions',
			qs: { type: 'team' },
			...(limits.timeoutMs ? { timeoutMs: limits.timeoutMs } : {}),
		},
		limits.policy,
	);
	const list = parseResponse(ctx.getNode(), subscriptionListSchema, body, 'subscription list');
	return (list.subscriptions ?? []).filter((s) => !isDeleted(s));
}

/** What a subscription body holds that no error may show: its signing secret, its header tokens. */
function secretsOf(body: IDataObject): string[] {
	const headers = Array.isArray(body.customHeaders) ? (body.customHeaders as IDataObject[]) : [];
	return [body.webhookSecret, ...headers.map((h) => h?.value)].filter(
		(v): v is string => typeof v === 'string' && v !== '',
	);
}

export async function createSubscriptionRequest(
	ctx: ReplicatedContext,
	body: IDataObject,
): Promise<NotificationSubscription> {
	const answer = await apiRequest(ctx, {
		method: 'POST',
		path: '/v3/notification_subscription',
		body,
		secrets: secretsOf(body),
	});
	return parseResponse(ctx.getNode(), notificationSubscriptionSchema, answer, 'subscription');
}

export async function updateSubscription(
	ctx: ReplicatedContext,
	id: string,
	body: IDataObject,
): Promise<void> {
	await apiRequest(ctx, { method: 'PUT', path: byId(id), body, secrets: secretsOf(body) });
}

/** Deletes; one already gone counts as deleted. */
export async function deleteSubscriptionRequest(ctx: ReplicatedContext, id: string): Promise<void> {
	try {
		await apiRequest(ctx, { method: 'DELETE', path: byId(id) });
	} catch (error) {
		if (!isNotFound(error)) throw asNodeError(ctx.getNode(), error);
	}
}

/** SPEC listNotificationEvents query parameters (snake_case as the spec names them). */
export interface EventQuery extends IDataObject {
	subscription_id?: string;
	/** SPEC: "computed status: success, pending, or failed". */
	status?: string;
	/** ISO 8601 (SPEC: "Filter events after this time"). */
	start_time?: string;
	end_time?: string;
	/** Sent as a repeated key (the transport's arrayFormat), as the CLI does. */
	event_types?: string[];
	search?: string;
}

/** The most a page holds here; SPEC's default is 20. */
export const EVENT_PAGE_SIZE = 100;

export interface EventPage {
	/** The page's events not seen on an earlier page. */
	events: NotificationEvent[];
	/** How many the server has in all for the query (SPEC totalCount), when it says. */
	totalCount?: number;
}

/**
 * The delivery log, server-filtered and read a page at a time (SPEC listNotificationEvents), each
 * event once; the caller stops when it has enough. `currentPage` counting from 0 is INFERRED (the
 * CLI's "Pagination page index", default 0, cli/cmd/notification.go:246). Should Replicated count
 * from 1, page 0 and page 1 are both the first page: a page 1 that brings nothing new is skipped.
 */
export async function* notificationEventPages(
	ctx: ReplicatedContext,
	query: EventQuery,
	options: {
		pageSize?: number;
		maxPages: number;
		timeoutMs?: number;
		policy?: RetryPolicy;
		/** Called when the reading stops at maxPages with more to come (the caller says so). */
		onCap?: () => void;
	},
): AsyncGenerator<EventPage> {
	const pageSize = Math.max(1, Math.min(options.pageSize ?? EVENT_PAGE_SIZE, EVENT_PAGE_SIZE));
	const seen = new Set<string>();
	for (let page = 0; page < options.maxPages; page++) {
		const body = await apiRequest(
			ctx,
			{
				method: 'GET',
				path: '/v3/notification_events',
				qs: { ...query, pageSize, currentPage: page },
				...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
			},
			options.policy,
		);
		const list = parseResponse(ctx.getNode(), eventListSchema, body, 'delivery log');
		const events = list.events ?? [];
		const fresh = events.filter((e) => !seen.has(e.id));
		for (const event of fresh) seen.add(event.id);
		if (page === 1 && events.length && !fresh.length) continue;
		yield {
			events: fresh,
			...(typeof list.totalCount === 'number' ? { totalCount: list.totalCount } : {}),
		};
		if (!fresh.length || events.length < pageSize || seen.size >= (list.totalCount ?? Infinity))
			return;
	}
	options.onCap?.();
}

/** What Replicated said to a retry: whether it will deliver the event again, and its words. */
export interface RetryAnswer {
	retried: boolean;
	message: string;
}

/**
 * Statuses with which Replicated declines a retry it will not make (an event delivered already, or
 * of a deleted subscription). INFERRED: SPEC lists 400 for retryNotificationEvent; the CLI's answer
 * type has `success: false` for a 200 that declines. Both read as a refusal, with the message.
 */
const REFUSALS = new Set(['400', '409', '422']);

/**
 * Asks Replicated to deliver the event again now (SPEC: "a failed notification event, including
 * permanently failed events").
 */
export async function retryEvent(ctx: ReplicatedContext, eventId: string): Promise<RetryAnswer> {
	let body: unknown;
	try {
		body = await apiRequest(ctx, {
			method: 'POST',
			path: `/v3/notification_event/${encodeURIComponent(eventId)}/retry`,
			// Asking twice only delivers twice, which the trigger's duplicate check absorbs.
			idempotent: true,
		});
	} catch (error) {
		if (error instanceof NodeApiError && REFUSALS.has(error.httpCode ?? ''))
			return { retried: false, message: replicatedSaid(error) };
		throw asNodeError(ctx.getNode(), error);
	}
	// SPEC gives the 200 no body: an answer without `success` is an acceptance.
	const answer = retryAnswerSchema.safeParse(body);
	const { success, message } = answer.success ? answer.data : {};
	return { retried: success !== false, message: message ?? '' };
}

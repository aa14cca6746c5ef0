/**
 * Replicated's event notifications (API.md §1.10): subscriptions, the delivery log (deliveries),
 * event types and the test webhook, parsed with the schemas.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { eventTypeListSchema } from '../schemas/event-type';
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
import {
	type ApiRequest,
	apiRequest,
	asNodeError,
	isNotFound,
	type Page,
	type ReplicatedContext,
	readPages,
	replicatedSaid,
	type RetryPolicy,
} from '../transport';
import { operation, route, target } from './route';

const SUBSCRIPTION = '/notification_subscription/{id}';

/**
 * The team-level RBAC policies SPEC names for the notification endpoints ("Required RBAC Policy"):
 * app-level roles do not grant them, so a 403 there names the one to add.
 */
const READ = 'team/notifications/subscriptions/read';
const CREATE = 'team/notifications/subscriptions/create';

/**
 * The subscription as Replicated has it, deleted ones too (kept with `deletedAt`, where Replicated
 * keeps them: INFERRED, a deleted one may as well be 404), or null when it is not found.
 */
export const getSubscriptionRecord = operation(
	route('GET', SUBSCRIPTION, 'getNotificationSubscription', READ),
	async (ctx: ReplicatedContext, id: string): Promise<NotificationSubscription | null> => {
		try {
			const at = target(getSubscriptionRecord.route, { id });
			const body = await apiRequest(ctx, { ...at });
			return parseResponse(ctx.getNode(), notificationSubscriptionSchema, body, 'subscription');
		} catch (error) {
			if (isNotFound(error)) return null;
			throw asNodeError(ctx.getNode(), error);
		}
	},
);

/** The subscription, or null when there is none: not found, or deleted (kept with `deletedAt`). */
export const getSubscription = operation(
	getSubscriptionRecord.route,
	async (ctx: ReplicatedContext, id: string): Promise<NotificationSubscription | null> => {
		const subscription = await getSubscriptionRecord(ctx, id);
		return subscription && !isDeleted(subscription) ? subscription : null;
	},
);

/**
 * The team's subscriptions, deleted ones left out. `type=team` asks for every team member's, not
 * only the token user's (SPEC has no query here; the CLI sends it, pkg/kotsclient/notification.go:67,
 * and its provider-verified pact has Replicated answer it, pact/kotsclient/notification_test.go:37).
 * A server that ignores it lists what it lists: the code never relies on seeing others'.
 */
export const listSubscriptions = operation(
	route('GET', '/notification_subscriptions', 'listNotificationSubscriptions', READ),
	async (
		ctx: ReplicatedContext,
		/** The webhook path's limits (redelivery.ts); the defaults elsewhere. */
		limits: { policy?: RetryPolicy; timeoutMs?: number } = {},
	): Promise<NotificationSubscription[]> => {
		const body = await apiRequest(
			ctx,
			{
				...target(listSubscriptions.route),
				qs: { type: 'team' },
				...(limits.timeoutMs ? { timeoutMs: limits.timeoutMs } : {}),
			},
			limits.policy,
		);
		const list = parseResponse(ctx.getNode(), subscriptionListSchema, body, 'subscription list');
		return (list.subscriptions ?? []).filter((s) => !isDeleted(s));
	},
);

/** What a subscription body holds that no error may show: its signing secret, its header tokens. */
function secretsOf(body: IDataObject): string[] {
	const headers = Array.isArray(body.customHeaders) ? (body.customHeaders as IDataObject[]) : [];
	return [body.webhookSecret, ...headers.map((h) => h?.value)].filter(
		(v): v is string => typeof v === 'string' && v !== '',
	);
}

export const createSubscriptionRequest = operation(
	route('POST', '/notification_subscription', 'createNotificationSubscription', CREATE),
	async (ctx: ReplicatedContext, body: IDataObject): Promise<NotificationSubscription> => {
		const answer = await apiRequest(ctx, {
			...target(createSubscriptionRequest.route),
			body,
			secrets: secretsOf(body),
		});
		return parseResponse(ctx.getNode(), notificationSubscriptionSchema, answer, 'subscription');
	},
);

export const updateSubscription = operation(
	route(
		'PUT',
		SUBSCRIPTION,
		'updateNotificationSubscription',
		'team/notifications/subscriptions/update',
	),
	async (ctx: ReplicatedContext, id: string, body: IDataObject): Promise<void> => {
		const at = target(updateSubscription.route, { id });
		await apiRequest(ctx, { ...at, body, secrets: secretsOf(body) });
	},
);

/** Deletes; one already gone counts as deleted. */
export const deleteSubscriptionRequest = operation(
	route(
		'DELETE',
		SUBSCRIPTION,
		'deleteNotificationSubscription',
		'team/notifications/subscriptions/delete',
	),
	async (ctx: ReplicatedContext, id: string): Promise<void> => {
		try {
			const at = target(deleteSubscriptionRequest.route, { id });
			await apiRequest(ctx, { ...at });
		} catch (error) {
			if (!isNotFound(error)) throw asNodeError(ctx.getNode(), error);
		}
	},
);

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
 * The delivery log, server-filtered and read a page at a time (SPEC listNotificationEvents) by the
 * page reader, each event once; the caller stops when it has enough. `currentPage` counting from 0
 * is INFERRED (the CLI's "Pagination page index", default 0, cli/cmd/notification.go:246): the
 * reader passes over a page 1 that brings nothing new. A page with nothing new ends the reading.
 */
export const notificationEventPages = operation(
	route('GET', '/notification_events', 'listNotificationEvents', 'team/notifications/events/read'),
	async function* (
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
		const at = target(notificationEventPages.route);
		const fetch = async (currentPage: number, pageSize: number): Promise<Page> => {
			const request = {
				...at,
				qs: { ...query, pageSize, currentPage },
				...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
			};
			const body = await apiRequest(ctx, request, options.policy);
			const list = parseResponse(ctx.getNode(), eventListSchema, body, 'delivery log');
			return { items: list.events ?? [], total: list.totalCount };
		};
		const pages = readPages(ctx, fetch, {
			what: 'delivery log',
			items: 'deliveries',
			pageSize: Math.max(1, Math.min(options.pageSize ?? EVENT_PAGE_SIZE, EVENT_PAGE_SIZE)),
			maxPages: options.maxPages,
			endWhenStale: true,
			onCap: () => options.onCap?.(),
		});
		for await (const page of pages)
			yield {
				events: page.items as NotificationEvent[],
				...('total' in page ? { totalCount: page.total } : {}),
			};
	},
);

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
export const retryEvent = operation(
	route(
		'POST',
		'/notification_event/{event_id}/retry',
		'retryNotificationEvent',
		// SPEC names this policy in another form than its siblings; quoted as is.
		'team/[:teamid]/notification/write',
	),
	async (ctx: ReplicatedContext, eventId: string): Promise<RetryAnswer> => {
		let body: unknown;
		try {
			body = await apiRequest(ctx, {
				...target(retryEvent.route, { event_id: eventId }),
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
	},
);

/** SPEC searchNotificationEventTypes: Replicated's catalogue of event types (`q`, `limit`). */
export const searchEventTypes = operation(
	route(
		'GET',
		'/notification_event_types',
		'searchNotificationEventTypes',
		'team/notifications/types/list',
	),
	async (ctx: ReplicatedContext, qs: IDataObject) => {
		const at = target(searchEventTypes.route);
		const body = await apiRequest(ctx, { ...at, qs });
		return parseResponse(ctx.getNode(), eventTypeListSchema, body, 'event type list');
	},
);

/**
 * SPEC testWebhook: Replicated POSTs a sample event to the URL. The secrets, when given (the
 * signing secret, a custom header's value), are the request's secrets: no error shows them.
 * `request.credentials` as read earlier: for a request sent after n8n's call returned (transport).
 */
export const testWebhook = operation(
	route('POST', '/notification_webhook/test', 'testWebhook', CREATE),
	async (
		ctx: ReplicatedContext,
		body: IDataObject,
		secret?: string | string[],
		request: Pick<ApiRequest, 'credentials' | 'timeoutMs'> = {},
	): Promise<IDataObject> => {
		const secrets = (Array.isArray(secret) ? secret : [secret]).filter((s): s is string => !!s);
		return await apiRequest<IDataObject>(ctx, {
			...target(testWebhook.route),
			body,
			...(secrets.length ? { secrets } : {}),
			...request,
		});
	},
);

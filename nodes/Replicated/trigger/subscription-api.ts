import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	eventListSchema,
	type NotificationEvent,
	type NotificationSubscription,
	notificationSubscriptionSchema,
	subscriptionListSchema,
} from '../schemas/notification';
import { parseResponse } from '../schemas/parse';
import { apiRequest, asNodeError, type ReplicatedContext, type RetryPolicy } from '../transport';

/** Replicated's notification endpoints (API.md §1.10), parsed with the schemas. */

const byId = (id: string) => `/v3/notification_subscription/${encodeURIComponent(id)}`;

export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

export async function getSubscription(
	ctx: ReplicatedContext,
	id: string,
): Promise<NotificationSubscription | null> {
	try {
		const body = await apiRequest(ctx, { method: 'GET', path: byId(id) });
		return parseResponse(ctx.getNode(), notificationSubscriptionSchema, body, 'subscription');
	} catch (error) {
		if (isNotFound(error)) return null;
		throw asNodeError(ctx.getNode(), error);
	}
}

export async function listSubscriptions(
	ctx: ReplicatedContext,
): Promise<NotificationSubscription[]> {
	const body = await apiRequest(ctx, { method: 'GET', path: '/v3/notification_subscriptions' });
	return (
		parseResponse(ctx.getNode(), subscriptionListSchema, body, 'subscription list').subscriptions ??
		[]
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
	});
	return parseResponse(ctx.getNode(), notificationSubscriptionSchema, answer, 'subscription');
}

export async function updateSubscription(
	ctx: ReplicatedContext,
	id: string,
	body: IDataObject,
): Promise<void> {
	await apiRequest(ctx, { method: 'PUT', path: byId(id), body });
}

/** Deletes; one already gone counts as deleted. */
export async function deleteSubscriptionRequest(ctx: ReplicatedContext, id: string): Promise<void> {
	try {
		await apiRequest(ctx, { method: 'DELETE', path: byId(id) });
	} catch (error) {
		if (!isNotFound(error)) throw asNodeError(ctx.getNode(), error);
	}
}

/** The subscription's delivery log (SPEC listNotificationSubscriptionEvents: all of it, no paging). */
export async function subscriptionEvents(
	ctx: ReplicatedContext,
	id: string,
	limits: { timeoutMs?: number; policy?: RetryPolicy } = {},
): Promise<NotificationEvent[]> {
	const body = await apiRequest(
		ctx,
		{
			method: 'GET',
			path: `${byId(id)}/events`,
			...(limits.timeoutMs ? { timeoutMs: limits.timeoutMs } : {}),
		},
		limits.policy,
	);
	return parseResponse(ctx.getNode(), eventListSchema, body, 'delivery log').events ?? [];
}

/** Asks Replicated to deliver the event again now (also a permanently failed one, SPEC). */
export async function retryEvent(ctx: ReplicatedContext, eventId: string): Promise<void> {
	await apiRequest(ctx, {
		method: 'POST',
		path: `/v3/notification_event/${encodeURIComponent(eventId)}/retry`,
		// Asking twice only delivers twice, which the trigger's duplicate check absorbs.
		idempotent: true,
	});
}

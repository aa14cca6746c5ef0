/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import type { ServerResponse } from 'node:http';

import {
	eventConfigProblem,
	ONCE_PER_SUBSCRIPTION,
} from '../../../nodes/Replicated/trigger/panel/filter-catalogue';
import { isPrivateHost } from '../../../nodes/Replicated/trigger/lifecycle/private-address';
import { asObject, BadRequest, NotFound, sendEmpty, sendError, sendJson } from '../http';
import type { NotificationSubscription } from '../model';
import type { Readings, RouteContext } from './context';

type Body = Record<string, unknown>;
type Header = { name: string; value: string };

/** DOCS event-notifications-webhooks.mdx, "About adding custom HTTP headers". */
const MAX_HEADERS = 5;
const MAX_HEADER_VALUE = 2048;
/** "Certain reserved headers (such as Content-Type and Host) cannot be overridden" (the two named). */
const RESERVED_HEADERS = ['content-type', 'host'];

export function webhookUrlProblem(webhookUrl: string, allowPrivate: boolean): string | null {
	let host: string;
	try {
		host = new URL(webhookUrl).hostname;
	} catch {
		return 'webhookUrl is not a valid URL';
	}
	// Replicated blocks private and internal addresses; tests may lift this to register loopback URLs.
	return isPrivateHost(host) && !allowPrivate
		? 'webhookUrl must not point to a private or internal address'
		: null;
}

function checkEventConfigs(eventConfigs: NotificationSubscription['eventConfigs']): void {
	if (!eventConfigs.length) throw new BadRequest('eventConfigs must list at least one event');
	// The docs' filter tables (notifications-events-filters.md), through the package's catalogue,
	// which test/unit/filter-catalogue.test.ts holds to them.
	for (const config of eventConfigs) {
		if (!config.filters || typeof config.filters !== 'object')
			throw new BadRequest(
				`eventConfigs: filters of ${config.eventType} must be an object ({} for none)`,
			);
		const problem = eventConfigProblem(config.eventType, config.filters);
		if (problem) throw new BadRequest(`eventConfigs: ${problem}`, 'invalid_filter');
	}
	for (const once of ONCE_PER_SUBSCRIPTION)
		if (eventConfigs.filter((c) => c.eventType === once).length > 1)
			throw new BadRequest(`eventConfigs: only one ${once} event is allowed per subscription`);
}

function checkHeaders(headers: Header[]): void {
	if (headers.length > MAX_HEADERS) throw new BadRequest('at most 5 custom headers are allowed');
	const names = headers.map((h) => h.name.toLowerCase());
	if (new Set(names).size !== names.length)
		throw new BadRequest('duplicate custom header names are not allowed');
	const reserved = names.find((n) => RESERVED_HEADERS.includes(n));
	if (reserved) throw new BadRequest(`custom header ${reserved} is reserved`);
	if (headers.some((h) => h.value.length > MAX_HEADER_VALUE))
		throw new BadRequest('custom header values can be up to 2048 characters');
}

/**
 * A header's value as answers show it: never the whole value (SPEC CustomHeaderMasked; DOCS "masked
 * in the UI after you save the subscription"). INFERRED: the mask's form (Readings.headerMask).
 */
const masked = (header: Header, mask: Readings['headerMask']) => ({
	name: header.name,
	maskedValue:
		mask === 'edges' && header.value.length > 8
			? `${header.value.slice(0, 4)}...${header.value.slice(-4)}`
			: '********',
});

export function registerSubscriptionRoutes(
	{ router, state, readings }: RouteContext,
	allowPrivateUrls: () => boolean,
): void {
	/**
	 * The stored subscription with the body's fields over it. Create starts from nothing; PUT is
	 * partial, as the CLI sends it (UpdateNotificationSubscriptionRequest: every field optional,
	 * pkg/kotsclient/notification.go:23) and its pact has Replicated answer a `{"isEnabled": false}`
	 * alone with the other fields kept (pact/kotsclient/notification_test.go:180).
	 */
	const merge = (body: Body, base: NotificationSubscription): NotificationSubscription => {
		const text = (key: string, fallback: string | null) =>
			key in body
				? typeof body[key] === 'string' && body[key]
					? (body[key] as string)
					: null
				: fallback;
		const sub: NotificationSubscription = {
			...base,
			name: 'name' in body ? (typeof body.name === 'string' ? body.name : '') : base.name,
			isEnabled: 'isEnabled' in body ? body.isEnabled !== false : base.isEnabled,
			emailAddress: text('emailAddress', base.emailAddress),
			webhookUrl: text('webhookUrl', base.webhookUrl),
			failureContact: text('failureContact', base.failureContact),
			eventConfigs: Array.isArray(body.eventConfigs)
				? (body.eventConfigs as NotificationSubscription['eventConfigs'])
				: base.eventConfigs,
			customHeaders: Array.isArray(body.customHeaders)
				? (body.customHeaders as Array<Partial<Header>>).map((h) => ({
						name: String(h?.name ?? ''),
						value: String(h?.value ?? ''),
					}))
				: base.customHeaders,
			updatedAt: state.now(),
		};
		if (!sub.webhookUrl && !sub.emailAddress)
			throw new BadRequest('webhookUrl or emailAddress is required');
		const urlProblem = sub.webhookUrl && webhookUrlProblem(sub.webhookUrl, allowPrivateUrls());
		if (urlProblem) throw new BadRequest(urlProblem, 'invalid_webhook_url');
		// DOCS event-notifications-create: "up to 255 ASCII characters (letters, numbers, and basic punctuation)".
		if (sub.name.length > 255 || /[^\x20-\x7e]/.test(sub.name))
			throw new BadRequest('name must be at most 255 ASCII characters', 'invalid_name');
		checkEventConfigs(sub.eventConfigs);
		checkHeaders(sub.customHeaders);
		return sub;
	};

	/** SPEC NotificationSubscription as the tokens' user sees it. */
	const view = (sub: NotificationSubscription) => {
		const { customHeaders, deletedAt, ...rest } = sub;
		const creator = state.member(sub.userId);
		return {
			...rest,
			customHeaders: customHeaders.map((h) => masked(h, readings.headerMask)),
			createdBy: {
				id: sub.userId,
				type: 'user',
				description: creator?.email ?? '',
				link: '',
				timestamp: sub.createdAt,
			},
			// Only its creator or a team admin may change it (INFERRED, model.ts TeamMember).
			readonly: !state.canEdit(sub),
			...(deletedAt ? { deletedAt } : {}),
		};
	};
	const live = (id: string) => {
		const sub = state.subscriptions.get(id);
		if (!sub || sub.deletedAt) throw new NotFound('notification subscription not found');
		return sub;
	};
	/** A change by someone who may not make it: SPEC responseErrForbidden. */
	const refuseUnlessEditable = (sub: NotificationSubscription, res: ServerResponse): boolean => {
		if (state.canEdit(sub)) return false;
		sendError(
			res,
			403,
			'only the creator of this notification subscription or a team admin can change it',
			'forbidden',
		);
		return true;
	};
	const storeSecret = (id: string, secret: unknown) => {
		if (typeof secret === 'string' && secret) state.subscriptionSecrets.set(id, secret);
	};

	router.on('POST', '/v3/notification_subscription', (req, res) => {
		const body = asObject(req.body);
		const sub = merge(body, state.newSubscription({ eventConfigs: [] }));
		state.subscriptions.set(sub.id, sub);
		storeSecret(sub.id, body.webhookSecret);
		sendJson(res, 201, view(sub));
	});
	router.on('GET', '/v3/notification_subscriptions', (req, res) => {
		// A contract supplement (contract.ts) admits `type` and `search`, which the CLI sends.
		const type = readings.subscriptionListType === 'honoured' ? req.query.get('type') : null;
		const search = req.query.get('search')?.toLowerCase();
		const subscriptions = [...state.subscriptions.values()]
			.filter((s) => readings.deletedSubscriptions === 'kept' || !s.deletedAt)
			.filter((s) => type === 'team' || s.userId === state.tokenUser.id)
			// INFERRED: the text is looked for in the name, the webhook URL and the email address.
			.filter(
				(s) =>
					!search ||
					[s.name, s.webhookUrl ?? '', s.emailAddress ?? ''].some((v) =>
						v.toLowerCase().includes(search),
					),
			)
			.map(view);
		sendJson(res, 200, { subscriptions, totalCount: subscriptions.length });
	});
	router.on('GET', '/v3/notification_subscription/:id', (req, res) => {
		const sub = state.subscriptions.get(req.params.id);
		// Kept after deletion only under that reading, and then with deletedAt.
		if (!sub || (sub.deletedAt && readings.deletedSubscriptions !== 'kept'))
			throw new NotFound('notification subscription not found');
		sendJson(res, 200, view(sub));
	});
	router.on('PUT', '/v3/notification_subscription/:id', (req, res) => {
		const existing = live(req.params.id);
		if (refuseUnlessEditable(existing, res)) return;
		const body = asObject(req.body);
		const sub = merge(body, existing);
		state.subscriptions.set(sub.id, sub);
		storeSecret(sub.id, body.webhookSecret);
		sendJson(res, 200, view(sub));
	});
	router.on('DELETE', '/v3/notification_subscription/:id', (req, res) => {
		const sub = live(req.params.id);
		if (refuseUnlessEditable(sub, res)) return;
		if (readings.deletedSubscriptions === 'kept') sub.deletedAt = state.now();
		else state.subscriptions.delete(sub.id);
		state.deliveries.subscriptionDeleted(sub.id);
		state.subscriptionSecrets.delete(sub.id);
		sendEmpty(res);
	});
}

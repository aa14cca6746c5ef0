/* eslint-disable @n8n/community-nodes/require-node-api-error -- test infrastructure: runs beside n8n, never inside it */
import {
	eventConfigProblem,
	ONCE_PER_SUBSCRIPTION,
} from '../../../nodes/Replicated/trigger/filter-catalogue';
import { isPrivateHost } from '../../../nodes/Replicated/trigger/private-address';
import { asObject, BadRequest, NotFound, sendEmpty, sendJson } from '../http';
import type { NotificationSubscription } from '../model';
import type { RouteContext } from './context';

export function registerSubscriptionRoutes(
	{ router, state }: RouteContext,
	allowPrivateUrls: () => boolean,
): void {
	const parse = (raw: unknown, existing?: NotificationSubscription): NotificationSubscription => {
		const body = asObject(raw);
		const webhookUrl = typeof body.webhookUrl === 'string' ? body.webhookUrl : null;
		const emailAddress = typeof body.emailAddress === 'string' ? body.emailAddress : null;
		if (!webhookUrl && !emailAddress)
			throw new BadRequest('webhookUrl or emailAddress is required');
		if (webhookUrl) {
			let host: string;
			try {
				host = new URL(webhookUrl).hostname;
			} catch {
				throw new BadRequest('webhookUrl is not a valid URL', 'invalid_webhook_url');
			}
			// Replicated blocks private and internal addresses; tests may lift this to register loopback URLs.
			if (isPrivateHost(host) && !allowPrivateUrls()) {
				throw new BadRequest(
					'webhookUrl must not point to a private or internal address',
					'invalid_webhook_url',
				);
			}
		}
		const name = typeof body.name === 'string' ? body.name : '';
		// DOCS event-notifications-create: "up to 255 ASCII characters (letters, numbers, and basic punctuation)".
		if (name.length > 255 || /[^\x20-\x7e]/.test(name))
			throw new BadRequest('name must be at most 255 ASCII characters', 'invalid_name');
		const eventConfigs = (Array.isArray(body.eventConfigs) ? body.eventConfigs : []) as Array<{
			eventType: string;
			filters: Record<string, unknown>;
		}>;
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
		const customHeaders = Array.isArray(body.customHeaders) ? body.customHeaders : [];
		if (customHeaders.length > 5) throw new BadRequest('at most 5 custom headers are allowed');
		const now = state.now();
		return {
			id: existing?.id ?? state.newId('subscription'),
			name,
			isEnabled: body.isEnabled !== false,
			emailAddress,
			webhookUrl,
			customHeaders,
			eventConfigs,
			failureContact: typeof body.failureContact === 'string' ? body.failureContact : null,
			createdAt: existing?.createdAt ?? now,
			updatedAt: now,
		};
	};
	const get = (id: string) => {
		const sub = state.subscriptions.get(id);
		if (!sub) throw new NotFound('notification subscription not found');
		return sub;
	};
	const store = (sub: NotificationSubscription, secret: unknown) => {
		state.subscriptions.set(sub.id, sub);
		if (typeof secret === 'string' && secret) state.subscriptionSecrets.set(sub.id, secret);
	};

	router.on('POST', '/v3/notification_subscription', (req, res) => {
		const sub = parse(req.body);
		store(sub, (req.body as Record<string, unknown>).webhookSecret);
		sendJson(res, 201, sub);
	});
	router.on('GET', '/v3/notification_subscriptions', (_req, res) => {
		const subscriptions = [...state.subscriptions.values()];
		sendJson(res, 200, { subscriptions, totalCount: subscriptions.length });
	});
	router.on('GET', '/v3/notification_subscription/:id', (req, res) =>
		sendJson(res, 200, get(req.params.id)),
	);
	router.on('PUT', '/v3/notification_subscription/:id', (req, res) => {
		const sub = parse(req.body, get(req.params.id));
		store(sub, (req.body as Record<string, unknown>).webhookSecret);
		sendJson(res, 200, sub);
	});
	router.on('DELETE', '/v3/notification_subscription/:id', (req, res) => {
		get(req.params.id);
		state.subscriptions.delete(req.params.id);
		state.deliveries.subscriptionDeleted(req.params.id);
		state.subscriptionSecrets.delete(req.params.id);
		sendEmpty(res);
	});
}

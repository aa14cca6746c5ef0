import { asObject, BadRequest, NotFound, sendJson } from '../http';
import type { Customer, NotificationSubscription } from '../model';
import { sampleDelivery } from '../samples';
import { type Delivery, sendDelivery } from '../sender';
import type { RouteContext } from './context';
import { webhookUrlProblem } from './subscriptions';

function headersOf(list: unknown): Record<string, string> {
	if (!Array.isArray(list)) return {};
	return Object.fromEntries(
		list
			.filter((h): h is { name: string; value: string } => typeof h?.name === 'string')
			.map((h) => [h.name, String(h.value ?? '')]),
	);
}

/**
 * How Replicated itself sends: `POST /v3/notification_webhook/test` (the Vendor Portal's "Send test",
 * API.md §1.10) and `POST /_emulator/notify`, which plays an event to every subscription listening
 * for it, signed with the secret that subscription was created with — the sandbox's stand-in for a
 * real customer doing something. Payloads are the samples, filled with the emulator's own app and
 * customer so that the trigger's enrichment finds them.
 */
export function registerNotificationRoutes(
	{ router, state }: RouteContext,
	allowPrivateUrls: () => boolean,
): Notify {
	const contextFor = (customer: Customer | undefined) => {
		const app = customer ? state.apps.get(customer.appId) : [...state.apps.values()][0];
		return {
			...(app ? { appId: app.id, appName: app.name, appSlug: app.slug } : {}),
			...(customer
				? {
						customerId: customer.id,
						customerName: customer.name,
						licenseType: customer.type === 'prod' ? 'paid' : customer.type,
					}
				: {}),
		};
	};
	const customerFor = (id: unknown) => {
		if (typeof id === 'string' && id) {
			const customer = state.customers.get(id);
			if (!customer) throw new NotFound(`customer ${id} not found`);
			return customer;
		}
		return [...state.customers.values()].find((c) => c.customId && !c.isArchived);
	};

	/** Plays an event to every enabled subscription listening for it, through the delivery log. */
	const notify: Notify = async (eventType, options = {}) => {
		const delivery = sampleDelivery(eventType, contextFor(customerFor(options.customerId)), {
			test: options.test,
			timestamp: options.timestamp,
		});
		const listening = [...state.subscriptions.values()].filter(
			(s: NotificationSubscription) =>
				s.isEnabled &&
				!s.deletedAt &&
				s.webhookUrl &&
				s.eventConfigs.some((c) => c.eventType === eventType),
		);
		const deliveries = await Promise.all(
			listening.map(async (s) => {
				const attempt = await state.deliveries.deliver(s, delivery);
				return {
					subscriptionId: s.id,
					webhookUrl: s.webhookUrl,
					eventId: attempt.eventId,
					status: attempt.statusCode,
					body: attempt.responseBody || attempt.errorMessage || '',
				};
			}),
		);
		return { event: delivery, deliveries };
	};

	router.on('POST', '/v3/notification_webhook/test', async (req, res) => {
		const body = asObject(req.body);
		if (typeof body.webhookUrl !== 'string') throw new BadRequest('webhookUrl is required');
		if (typeof body.eventType !== 'string') throw new BadRequest('eventType is required');
		// The same URL rule as a subscription's (INFERRED for the test: DOCS name the block for
		// webhook URLs, not per endpoint): Replicated does not send to private addresses.
		const urlProblem = webhookUrlProblem(body.webhookUrl, allowPrivateUrls());
		if (urlProblem) throw new BadRequest(urlProblem);
		const delivery = sampleDelivery(body.eventType, contextFor(customerFor(undefined)), {
			test: true,
		});
		const result = await sendDelivery(body.webhookUrl, delivery, {
			secret: typeof body.webhookSecret === 'string' ? body.webhookSecret : undefined,
			headers: headersOf(body.customHeaders),
		}).catch(() => ({ status: 0, durationMs: 0 }));
		sendJson(res, 200, {
			success: result.status >= 200 && result.status < 300,
			statusCode: result.status,
			durationMs: Math.round(result.durationMs),
		});
	});

	router.on('POST', '/_emulator/notify', async (req, res) => {
		const body = asObject(req.body);
		if (typeof body.eventType !== 'string') throw new BadRequest('eventType is required');
		const timestamp = typeof body.timestamp === 'string' ? new Date(body.timestamp) : undefined;
		if (timestamp && Number.isNaN(timestamp.getTime()))
			throw new BadRequest('timestamp must be an ISO 8601 time');
		sendJson(
			res,
			200,
			await notify(body.eventType, {
				customerId: body.customerId,
				test: body.test === true,
				timestamp,
			}),
		);
	});
	return notify;
}

export interface NotifyOptions {
	customerId?: unknown;
	test?: boolean;
	/** When the event happened (default now): a delivery carries it, retries and redeliveries too. */
	timestamp?: Date;
}

export type Notify = (
	eventType: string,
	options?: NotifyOptions,
) => Promise<{
	event: Delivery;
	deliveries: Array<{
		subscriptionId: string;
		webhookUrl: string | null;
		eventId: string;
		status: number;
		body: string;
	}>;
}>;

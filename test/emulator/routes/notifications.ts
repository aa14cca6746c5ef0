import { asObject, BadRequest, NotFound, sendJson } from '../http';
import type { Customer, NotificationSubscription } from '../model';
import { sampleDelivery } from '../samples';
import { sendDelivery } from '../sender';
import type { RouteContext } from './context';

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
export function registerNotificationRoutes({ router, state }: RouteContext): void {
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

	router.on('POST', '/v3/notification_webhook/test', async (req, res) => {
		const body = asObject(req.body);
		if (typeof body.webhookUrl !== 'string') throw new BadRequest('webhookUrl is required');
		if (typeof body.eventType !== 'string') throw new BadRequest('eventType is required');
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
		const eventType = body.eventType;
		if (typeof eventType !== 'string') throw new BadRequest('eventType is required');
		const delivery = sampleDelivery(eventType, contextFor(customerFor(body.customerId)), {
			test: body.test === true,
		});
		const listening = [...state.subscriptions.values()].filter(
			(s: NotificationSubscription) =>
				s.isEnabled && s.webhookUrl && s.eventConfigs.some((c) => c.eventType === eventType),
		);
		const deliveries = await Promise.all(
			listening.map(async (s) => {
				const result = await sendDelivery(s.webhookUrl!, delivery, {
					secret: state.subscriptionSecrets.get(s.id),
					headers: headersOf(s.customHeaders),
				}).catch((error: Error) => ({ status: 0, body: error.message }));
				return {
					subscriptionId: s.id,
					webhookUrl: s.webhookUrl,
					status: result.status,
					body: result.body,
				};
			}),
		);
		sendJson(res, 200, { event: delivery, deliveries });
	});
}

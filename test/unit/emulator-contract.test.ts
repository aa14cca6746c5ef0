/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type Emulator, startEmulator } from '../emulator/server';
import { callEmulator } from '../support/emulator-client';

/**
 * The emulator is held to Replicated's Swagger spec (test/fixtures/replicated/): what the spec does
 * not allow is refused with a 400 that names the parameter or field, and every JSON answer the
 * emulator gives is checked against the spec's response schema.
 */
describe("Replicated API emulator: held to Replicated's spec", () => {
	let emulator: Emulator;
	let appId: string;
	let customerId: string;
	beforeAll(async () => {
		// Default options: strict is the default, no test has to ask for it.
		emulator = await startEmulator();
	});
	afterAll(() => emulator.close());
	beforeEach(() => {
		emulator.reset();
		appId = [...emulator.state.apps.keys()][0];
		customerId = [...emulator.state.customers.values()].find((c) => c.type === 'prod')!.id;
	});

	const call = (method: string, path: string, body?: unknown) =>
		callEmulator(emulator, method, path, body);

	describe('requests', () => {
		it('refuses a misspelled body field with 400, naming the field and the spec check', async () => {
			const res = await call('POST', '/v3/customer', {
				name: 'Acme',
				app_id: appId,
				chanel_id: 'x',
			});
			expect(res).toMatchObject({
				status: 400,
				json: {
					error_code: 'spec_check',
					message:
						'spec check (createCustomer): body property "chanel_id" is not in Replicated\'s spec',
				},
			});
			expect(emulator.state.customers.size).toBe(3);
		});

		it('refuses a field of the wrong JSON type, also nested', async () => {
			const res = await call('POST', '/v3/customer', {
				name: 'Acme',
				app_id: appId,
				entitlementValues: [{ name: 'seats', value: 250 }],
			});
			expect(res.status).toBe(400);
			expect(res.json.message).toBe(
				'spec check (createCustomer): body property "entitlementValues[0].value" must be of JSON type string',
			);
		});

		it('refuses create fields that exist only on PATCH (is_enterprise_portal_enabled) and the CLI-only channels[]', async () => {
			const res = await call('POST', '/v3/customer', {
				name: 'Acme',
				app_id: appId,
				is_enterprise_portal_enabled: true,
				channels: [{ channel_id: 'x', is_default_for_customer: true }],
			});
			expect(res.json.message).toBe(
				'spec check (createCustomer): body property "is_enterprise_portal_enabled" is not in Replicated\'s spec; body property "channels" is not in Replicated\'s spec',
			);
			const patch = await call('PATCH', `/v3/customer/${customerId}`, {
				is_enterprise_portal_enabled: true,
			});
			expect(patch.status).toBe(200);
		});

		it('refuses an unknown query parameter and a value of the wrong type', async () => {
			expect((await call('GET', `/v3/app/${appId}/customers?pagesize=10`)).json.message).toBe(
				'spec check (listAppCustomers): query parameter "pagesize" is not in Replicated\'s spec',
			);
			expect((await call('GET', `/v3/app/${appId}/customers?pageSize=ten`)).json.message).toBe(
				'spec check (listAppCustomers): query parameter "pageSize" must be of JSON type integer',
			);
			expect((await call('GET', '/v3/apps?excludeChannels=true')).json.message).toBe(
				'spec check (apps): query parameter "excludeChannels" is not in Replicated\'s spec',
			);
			expect(
				(await call('GET', `/v3/app/${appId}/customers?pageSize=10&IncludeTest=true`)).status,
			).toBe(200);
		});

		it("admits the query parameters the CLI's provider-verified pact sends beyond the spec, and no others", async () => {
			// listNotificationSubscriptions: search and type (contract.ts QUERY_SUPPLEMENTS).
			expect(
				(await call('GET', '/v3/notification_subscriptions?search=release&type=team')).status,
			).toBe(200);
			expect((await call('GET', '/v3/notification_subscriptions?kind=team')).json.message).toBe(
				'spec check (listNotificationSubscriptions): query parameter "kind" is not in Replicated\'s spec',
			);
		});

		it('refuses an operation the spec does not have', async () => {
			expect((await call('DELETE', '/v3/apps')).json.message).toBe(
				"spec check: Replicated's spec has no DELETE operation on /v3/apps",
			);
			expect((await call('GET', '/v3/customer-list')).json.message).toBe(
				"spec check: GET /v3/customer-list is not an operation in Replicated's spec",
			);
		});

		it('refuses a body where the spec defines none, and a missing required body', async () => {
			expect(
				(await call('POST', `/v3/customer/${customerId}/archive`, { reason: 'churn' })).json
					.message,
			).toBe("spec check (archiveCustomer): Replicated's spec defines no body for this operation");
			expect((await call('POST', '/v3/notification_subscription')).json.message).toBe(
				"spec check (createNotificationSubscription): a JSON body is required by Replicated's spec",
			);
		});
	});

	describe('answers', () => {
		it("turns an answer that breaks the spec's response schema into a 500 naming the property", async () => {
			(emulator.state.customers.get(customerId) as unknown as Record<string, unknown>).name = 42;
			const res = await call('GET', `/v3/customer/${customerId}`);
			expect(res).toMatchObject({
				status: 500,
				json: {
					message:
						'spec check of the emulator\'s answer (getCustomer 200): property "customer.name" must be of JSON type string',
				},
			});
		});

		describe('every route the emulator serves answers within the spec', () => {
			let receiver: Server;
			let receiverUrl: string;
			beforeAll(async () => {
				receiver = createServer((req, res) => req.resume().on('end', () => res.end('ok')));
				await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
				receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
			});
			afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

			it('walks them all: 2xx each (a violation would be a 500), and no route is left out', async () => {
				emulator.allowPrivateWebhookUrls(true);
				emulator.state.addCustomHostname(appId, 'registry', 'registry.acme.example');
				const c = emulator.state.customers.get(customerId)!;
				const channel = emulator.state.appChannels(appId)[0];
				const instance = [...emulator.state.instances.values()].find((i) => i.customerId === c.id)!;
				const subscription = {
					name: 'walk',
					isEnabled: true,
					webhookUrl: receiverUrl,
					webhookSecret: 'whsec_walk',
					eventConfigs: [{ eventType: 'customer.created', filters: {} }],
				};
				const walked: Array<[string, string, string, unknown?]> = [
					['GET /v3/apps', 'GET', '/v3/apps'],
					['GET /v3/app/:appId', 'GET', `/v3/app/${appId}`],
					['GET /v3/app/:appId/channels', 'GET', `/v3/app/${appId}/channels`],
					[
						'GET /v3/app/:appId/channel/:channelId',
						'GET',
						`/v3/app/${appId}/channel/${channel.id}?excludeReleases=true`,
					],
					[
						'GET /v3/app/:appId/channel/:channelId/releases',
						'GET',
						`/v3/app/${appId}/channel/${channel.id}/releases?pageSize=5`,
					],
					['GET /v3/app/:appId/license-fields', 'GET', `/v3/app/${appId}/license-fields`],
					['GET /v3/app/:appId/custom-hostnames', 'GET', `/v3/app/${appId}/custom-hostnames`],
					['GET /v3/app/:appId/customers', 'GET', `/v3/app/${appId}/customers?pageSize=2`],
					[
						'POST /v3/customers/search',
						'POST',
						'/v3/customers/search',
						{ app_id: appId, include_paid: true, include_active: true, page_size: 10 },
					],
					['GET /v3/customer/:customerId', 'GET', `/v3/customer/${c.id}`],
					[
						'POST /v3/customer',
						'POST',
						'/v3/customer',
						{ name: 'Walk Co', app_id: appId, type: 'trial', custom_id: 'walk-1' },
					],
					[
						'PATCH /v3/customer/:customerId',
						'PATCH',
						`/v3/customer/${c.id}`,
						{ email: 'w@x.example' },
					],
					[
						'POST /v3/customer/:customerId/airgap/password',
						'POST',
						`/v3/customer/${c.id}/airgap/password`,
					],
					['POST /v3/customer/:customerId/archive', 'POST', `/v3/customer/${c.id}/archive`],
					['POST /v3/customer/:customerId/unarchive', 'POST', `/v3/customer/${c.id}/unarchive`],
					[
						'GET /v3/app/:appId/customer/:customerId/license-download',
						'GET',
						`/v3/app/${appId}/customer/${c.id}/license-download`,
					],
					[
						'GET /v3/app/:appId/customer/:customerId/instances',
						'GET',
						`/v3/app/${appId}/customer/${c.id}/instances`,
					],
					[
						'GET /v3/app/:appId/events',
						'GET',
						`/v3/app/${appId}/events?instanceIds=${instance.instanceId}&eventTypes=appStatus`,
					],
					[
						'GET /v3/app/:appId/customer_instances',
						'GET',
						`/v3/app/${appId}/customer_instances?format=json&IncludeActive=true&IncludeInactive=true`,
					],
					[
						'POST /v3/app/:appId/enterprise-portal/customer-user',
						'POST',
						`/v3/app/${appId}/enterprise-portal/customer-user`,
						{ customer_id: c.id, email_address: 'it@airplane.example' },
					],
					[
						'GET /v3/app/:appId/enterprise-portal/customer-users',
						'GET',
						`/v3/app/${appId}/enterprise-portal/customer-users?FilterCustomerID=${c.id}`,
					],
					[
						'POST /v3/notification_subscription',
						'POST',
						'/v3/notification_subscription',
						subscription,
					],
					['GET /v3/notification_subscriptions', 'GET', '/v3/notification_subscriptions'],
					[
						'GET /v3/notification_event_types',
						'GET',
						'/v3/notification_event_types?q=release&limit=20',
					],
					[
						'POST /v3/notification_webhook/test',
						'POST',
						'/v3/notification_webhook/test',
						{ webhookUrl: receiverUrl, webhookSecret: 'whsec_walk', eventType: 'instance.ready' },
					],
					[
						'PUT /v3/customer/:customerId',
						'PUT',
						`/v3/customer/${c.id}`,
						{ name: c.name, app_id: appId },
					],
				];
				const statuses: Record<string, number> = {};
				for (const [route, method, path, body] of walked) {
					const res = await call(method, path, body);
					statuses[route] = res.status;
					if (res.status >= 300)
						throw new Error(`${route}: ${res.status} ${JSON.stringify(res.json)}`);
				}
				const id = (await call('GET', '/v3/notification_subscriptions')).json.subscriptions[0].id;
				const { deliveries } = await emulator.notify('customer.created');
				const eventId = deliveries[0].eventId;
				for (const [route, method, path] of [
					[
						'GET /v3/notification_events',
						'GET',
						`/v3/notification_events?subscription_id=${id}&status=success&pageSize=5&currentPage=0`,
					],
					[
						'GET /v3/notification_subscription/:id/events',
						'GET',
						`/v3/notification_subscription/${id}/events`,
					],
					[
						'POST /v3/notification_event/:event_id/retry',
						'POST',
						`/v3/notification_event/${eventId}/retry`,
					],
				] as const) {
					const res = await call(method, path);
					statuses[route] = res.status;
					if (res.status >= 300)
						throw new Error(`${route}: ${res.status} ${JSON.stringify(res.json)}`);
				}
				for (const [method, body] of [['GET'], ['PUT', subscription], ['DELETE']] as const) {
					const res = await call(method, `/v3/notification_subscription/${id}`, body);
					statuses[`${method} /v3/notification_subscription/:id`] = res.status;
					expect(res.status).toBeLessThan(300);
				}
				const served = emulator.routes().filter((r) => !r.includes('/_emulator/'));
				expect(Object.keys(statuses).sort()).toEqual([...served].sort());
			});
		});
	});
});

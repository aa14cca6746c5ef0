/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { request } from 'undici';

import { type Emulator, startEmulator } from '../emulator/server';
import { licenseYaml } from '../emulator/license-file';
import { callEmulator } from '../support/emulator-client';
import { buildDelivery, sendDelivery, signBody } from '../emulator/sender';

describe('Replicated API emulator', () => {
	let emulator: Emulator;
	let appId: string;
	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(() => emulator.close());
	beforeEach(() => {
		emulator.reset();
		appId = [...emulator.state.apps.keys()][0];
	});

	const call = (method: string, path: string, body?: unknown, token?: string | null) =>
		callEmulator(emulator, method, path, body, token);

	describe('authentication', () => {
		it('answers 401 {message} without a token, and for "Bearer <token>"', async () => {
			expect(await call('GET', '/v3/apps', undefined, null)).toMatchObject({
				status: 401,
				json: { message: expect.any(String) },
			});
			expect((await call('GET', '/v3/apps', undefined, `Bearer ${emulator.token}`)).status).toBe(
				401,
			);
			expect((await call('GET', '/v3/apps')).status).toBe(200);
		});

		it('answers 403 {error: {message, messageCode}} when a read-only token writes', async () => {
			const res = await call(
				'POST',
				'/v3/customer',
				{ name: 'X', app_id: appId },
				emulator.readOnlyToken,
			);
			expect(res).toMatchObject({
				status: 403,
				json: { error: { message: expect.any(String), messageCode: expect.any(String) } },
			});
		});

		it('serves only under /vendor/v3, like the real base URL', async () => {
			const res = await request(`${emulator.origin}/v3/apps`, {
				headers: { authorization: emulator.token },
			});
			expect(res.statusCode).toBe(404);
			await res.body.dump();
		});
	});

	describe('customers', () => {
		it('creates with 201 {customer}, storing paid as prod and entitlements as strings', async () => {
			const res = await call('POST', '/v3/customer', {
				name: 'Acme',
				app_id: appId,
				type: 'paid',
				custom_id: 'crm-1',
				email: 'a@acme.example',
				expires_at: '2027-06-30T00:00:00Z',
				entitlementValues: [{ name: 'seats', value: '25' }],
				is_airgap_enabled: true,
			});
			expect(res.status).toBe(201);
			expect(res.json.customer).toMatchObject({
				name: 'Acme',
				type: 'prod',
				customId: 'crm-1',
				expiresAt: '2027-06-30T00:00:00Z',
				airgap: true,
				channels: [expect.objectContaining({ name: 'Stable', isDefault: true })],
			});
			expect(res.json.customer.entitlements).toContainEqual({
				name: 'seats',
				value: '25',
				isDefault: false,
			});
			expect(res.json.customer).not.toHaveProperty('appId');
		});

		it('answers 400 {error_code, message} naming the missing field', async () => {
			expect(await call('POST', '/v3/customer', { app_id: appId })).toMatchObject({
				status: 400,
				json: {
					error_code: 'spec_check',
					message:
						'spec check (createCustomer): body property "name" is required by Replicated\'s spec',
				},
			});
			expect((await call('POST', '/v3/customer', { name: 'X' })).json.message).toBe(
				'spec check (createCustomer): body property "app_id" is required by Replicated\'s spec',
			);
			// What the spec cannot say (an empty name) the emulator's own route refuses.
			expect(await call('POST', '/v3/customer', { name: ' ', app_id: appId })).toMatchObject({
				status: 400,
				json: { error_code: 'missing_field', message: 'name is required' },
			});
			expect(
				(await call('POST', '/v3/customer', { name: 'X', app_id: appId, type: 'gold' })).status,
			).toBe(400);
		});

		it('PATCH changes only the fields sent; PUT resets the ones omitted', async () => {
			const { json } = await call('POST', '/v3/customer', {
				name: 'Patchy',
				app_id: appId,
				type: 'trial',
				email: 'p@x.example',
				custom_id: 'crm-2',
				expires_at: '2027-01-01',
			});
			const id = json.customer.id;
			const patched = await call('PATCH', `/v3/customer/${id}`, {
				type: 'paid',
				add_entitlements: [{ name: 'seats', value: '99' }],
			});
			expect(patched.json.customer).toMatchObject({
				type: 'prod',
				email: 'p@x.example',
				customId: 'crm-2',
				expiresAt: '2027-01-01T00:00:00Z',
			});
			expect(patched.json.customer.entitlements).toContainEqual({
				name: 'seats',
				value: '99',
				isDefault: false,
			});
			const perpetual = await call('PATCH', `/v3/customer/${id}`, { remove_expires_at: true });
			expect(perpetual.json.customer.expiresAt).toBeNull();

			const put = await call('PUT', `/v3/customer/${id}`, { name: 'Patchy', app_id: appId });
			expect(put.json.customer).toMatchObject({
				type: 'dev',
				email: '',
				customId: '',
				expiresAt: null,
			});
		});

		it('archives with 204 and hides archived customers from the list', async () => {
			const id = [...emulator.state.customers.keys()][0];
			const res = await call('POST', `/v3/customer/${id}/archive`);
			expect(res.status).toBe(204);
			expect(res.text).toBe('');
			const list = await call('GET', `/v3/app/${appId}/customers`);
			expect(list.json.totalCustomers).toBe(2);
			expect((await call('GET', `/v3/customer/${id}`)).json.customer.isArchived).toBe(true);
		});

		it('pages the app customer list with pageSize/currentPage and reports totalCustomers', async () => {
			const page = await call('GET', `/v3/app/${appId}/customers?pageSize=2&currentPage=1`);
			expect(page.json.customers).toHaveLength(1);
			expect(page.json.totalCustomers).toBe(3);
		});

		it('searches with customId:, email:, type: and name forms; include_* flags default to false', async () => {
			const base = {
				app_id: appId,
				include_paid: true,
				include_trial: true,
				include_dev: true,
				include_active: true,
				include_inactive: true,
			};
			const search = async (query: string, extra = {}) =>
				(await call('POST', '/v3/customers/search', { ...base, query, ...extra })).json;
			expect(
				(await search('customId:001Dn00000AirplaneCo')).customers.map(
					(c: { name: string }) => c.name,
				),
			).toEqual(['The Airplane Company']);
			expect((await search('email:IT@globex.example')).total_hits).toBe(1);
			// SPEC: type: takes prod, trial, dev or community; paid is not among them.
			expect((await search('type:prod')).total_hits).toBe(1);
			expect((await search('type:paid')).total_hits).toBe(0);
			expect((await search('initech')).total_hits).toBe(1);
			expect((await search('customId:001Dn')).total_hits).toBe(0); // exact, not prefix
			const none = await call('POST', '/v3/customers/search', { app_id: appId, query: '' });
			expect(none.json.total_hits).toBe(0);
		});

		it('answers 404 {message} for an unknown customer', async () => {
			expect(await call('GET', '/v3/customer/unknown')).toMatchObject({
				status: 404,
				json: { message: 'customer not found' },
			});
		});
	});

	describe('channels and install facts', () => {
		const beta = () => emulator.state.appChannels(appId)[1];

		it('GET channel answers SPEC getChannelProperties {channel}: charts, registry domain, install commands', async () => {
			beta().chartReleases = [
				{
					name: 'acme-api',
					version: '1.2.0',
					weight: 10,
					error: '',
					hasPreflightSpec: true,
					isKotsInstallerOnly: false,
				},
			];
			const res = await call('GET', `/v3/app/${appId}/channel/${beta().id}`);
			expect(res.status).toBe(200);
			expect(res.json.channel).toMatchObject({
				id: beta().id,
				channelSlug: 'beta',
				chartReleases: [{ name: 'acme-api', version: '1.2.0', weight: 10 }],
				replicatedRegistryDomain: 'registry.replicated.com',
				existingClusterInstallCommand:
					'curl -fsSL https://kots.io/install | bash\nkubectl kots install acme-platform/beta',
				embeddedClusterInstallCommand:
					'curl -fsSL https://k8s.kurl.sh/acme-platform-beta | sudo bash',
			});
			expect(res.json.channel).not.toHaveProperty('installCommands');
			expect((await call('GET', `/v3/app/${appId}/channel/nope`)).status).toBe(404);
		});

		it("a customer's channels carry the channel's details, read when served, unless under the 'summary' reading", async () => {
			const customer = emulator.state.addCustomer({
				appId,
				name: 'Channel Co',
				channelIds: [beta().id],
			});
			beta().customHostnameOverrides = { registry: { hostname: 'beta.acme.example' } };
			const detail = (await call('GET', `/v3/customer/${customer.id}`)).json.customer.channels[0];
			expect(detail).toMatchObject({
				id: beta().id,
				is_default_for_customer: true,
				chartReleases: [{ name: 'acme-platform' }],
				customHostnameOverrides: { registry: { hostname: 'beta.acme.example' } },
				replicatedRegistryDomain: 'registry.replicated.com',
			});
			emulator.setReadings({ customerChannels: 'summary' });
			const summary = (await call('GET', `/v3/customer/${customer.id}`)).json.customer.channels[0];
			expect(Object.keys(summary).sort()).toEqual(
				[
					'id',
					'appId',
					'appSlug',
					'channelSlug',
					'name',
					'isDefault',
					'is_default_for_customer',
					'pinned_channel_sequence',
				].sort(),
			);
		});

		it("serves each customer's own Download Portal link (SPEC Customer.downloadPortalUrl)", async () => {
			emulator.state.addCustomHostname(appId, 'downloadPortal', 'portal.acme.example');
			const customer = emulator.state.addCustomer({ appId, name: 'Portal Co' });
			const res = await call('GET', `/v3/customer/${customer.id}`);
			expect(res.json.customer.downloadPortalUrl).toBe(
				`https://portal.acme.example/acme-platform/${customer.id}`,
			);
		});

		it('POST airgap/password resets the Download Portal password and answers {password} (SPEC postAirgapPassword)', async () => {
			const customer = [...emulator.state.customers.values()][0];
			const path = `/v3/customer/${customer.id}/airgap/password`;
			const first = await call('POST', path);
			expect(first.status).toBe(200);
			expect(first.json).toEqual({ password: expect.stringMatching(/^[\w-]{20}$/) });
			const second = await call('POST', path);
			expect(second.json.password).not.toBe(first.json.password);
			expect(emulator.state.airgapPasswords.get(customer.id)).toBe(second.json.password);
			expect((await call('POST', path, { password: 'chosen-one' })).json).toEqual({
				password: 'chosen-one',
			});
			expect((await call('GET', `/v3/customer/${customer.id}`)).text).not.toContain('chosen-one');
			expect((await call('POST', path, undefined, emulator.readOnlyToken)).status).toBe(403);
			expect((await call('POST', '/v3/customer/nope/airgap/password')).status).toBe(404);
		});
	});

	describe('license download (SPEC downloadLicense)', () => {
		const paid = () => [...emulator.state.customers.values()].find((c) => c.type === 'prod')!;
		const url = (customerId: string, app = appId) =>
			`/v3/app/${app}/customer/${customerId}/license-download`;

		it('serves the license as text/yaml: a KOTS License with the license ID and entitlements', async () => {
			const customer = paid();
			const res = await call('GET', url(customer.id));
			expect(res.status).toBe(200);
			expect(res.headers['content-type']).toBe('text/yaml');
			expect(res.text).toBe(licenseYaml(emulator.state.apps.get(appId)!, customer));
			expect(res.text).toMatch(/^apiVersion: kots\.io\/v1beta1\nkind: License\n/);
			expect(res.text).toContain(`  licenseID: ${customer.installationId}\n`);
			expect(res.text).toContain(`  customerName: ${JSON.stringify(customer.name)}\n`);
		});

		it('changes when the license does (the signature covers it)', async () => {
			const customer = paid();
			const before = (await call('GET', url(customer.id))).text;
			await call('PATCH', `/v3/customer/${customer.id}`, { expires_at: '2030-01-31' });
			const after = (await call('GET', url(customer.id))).text;
			expect(after).toContain('      value: "2030-01-31T00:00:00Z"\n');
			expect(after.split('signature: ')[1]).not.toBe(before.split('signature: ')[1]);
		});

		it('answers 404 {message} for an unknown customer, an unknown app, or a customer of another app', async () => {
			expect(await call('GET', url('unknown'))).toMatchObject({
				status: 404,
				json: { message: 'customer not found' },
			});
			expect(await call('GET', url(paid().id, 'unknownapp'))).toMatchObject({
				status: 404,
				json: { message: 'app not found' },
			});
			const other = emulator.state.addApp('Other App', 'other-app').id;
			expect(await call('GET', url(paid().id, other))).toMatchObject({
				status: 404,
				json: { message: 'customer not found' },
			});
		});

		it("archived customers: refused by default, served under the other reading (INFERRED: Replicated's sources say neither)", async () => {
			const customer = paid();
			await call('POST', `/v3/customer/${customer.id}/archive`);
			expect(await call('GET', url(customer.id))).toMatchObject({
				status: 400,
				json: { error_code: 'customer_archived', message: 'customer is archived' },
			});
			emulator.setReadings({ archivedLicense: 'served' });
			expect((await call('GET', url(customer.id))).status).toBe(200);
		});
	});

	describe('instances and export', () => {
		it("lists a customer's instances", async () => {
			const customer = [...emulator.state.customers.values()].find((c) => c.type === 'prod')!;
			const res = await call('GET', `/v3/app/${appId}/customer/${customer.id}/instances`);
			expect(res.json.instances).toHaveLength(1);
			expect(res.json.instances[0]).toMatchObject({
				appStatus: 'ready',
				licenseId: customer.installationId,
			});
		});

		it('exports the same deterministic rows as CSV and JSON', async () => {
			emulator.state.apps.get(appId)!.syntheticInstances = 50;
			const csv = await call(
				'GET',
				`/v3/app/${appId}/customer_instances?format=csv&IncludeActive=true&IncludeInactive=true`,
			);
			expect(csv.headers['content-disposition']).toBe(
				'attachment; filename="customer_instances.csv"',
			);
			const lines = csv.text.trim().split('\n');
			expect(lines).toHaveLength(52);
			expect(lines[0].split(',')).toEqual(
				expect.arrayContaining(['customer_id', 'instance_id', 'custom_metric__active_users']),
			);
			const json = await call(
				'GET',
				`/v3/app/${appId}/customer_instances?format=json&IncludeActive=true&IncludeInactive=true`,
			);
			expect(json.json).toHaveLength(51);
			const again = await call(
				'GET',
				`/v3/app/${appId}/customer_instances?format=json&IncludeActive=true&IncludeInactive=true`,
			);
			expect(again.json.slice(1)).toEqual(json.json.slice(1));
		});

		it('filters the export by license type (paid accepted as prod)', async () => {
			const res = await call(
				'GET',
				`/v3/app/${appId}/customer_instances?format=json&LicenseType=paid&IncludeActive=true&IncludeInactive=true`,
			);
			expect(res.json.map((r: { customer_type: string }) => r.customer_type)).toEqual(['prod']);
		});
	});

	describe('notification subscriptions', () => {
		const subscription = {
			name: 'n8n',
			webhookUrl: 'https://hooks.example.com/replicated',
			webhookSecret: 'whsec_test',
			eventConfigs: [{ eventType: 'customer.created', filters: { appId: 'x' } }],
		};

		it('stores the secret but never returns it', async () => {
			const created = await call('POST', '/v3/notification_subscription', subscription);
			expect(created.status).toBe(201);
			expect(created.text).not.toContain('whsec_test');
			expect(emulator.state.subscriptionSecrets.get(created.json.id)).toBe('whsec_test');
			const list = await call('GET', '/v3/notification_subscriptions');
			expect(list.json.totalCount).toBe(1);
			expect(list.text).not.toContain('whsec_test');
			expect(
				(await call('DELETE', `/v3/notification_subscription/${created.json.id}`)).status,
			).toBe(204);
			expect((await call('GET', `/v3/notification_subscription/${created.json.id}`)).status).toBe(
				404,
			);
		});

		it('refuses private webhook URLs unless a test lifts that', async () => {
			const local = { ...subscription, webhookUrl: 'http://127.0.0.1:5678/webhook/x' };
			expect((await call('POST', '/v3/notification_subscription', local)).status).toBe(400);
			emulator.allowPrivateWebhookUrls(true);
			expect((await call('POST', '/v3/notification_subscription', local)).status).toBe(201);
			emulator.allowPrivateWebhookUrls(false);
		});

		it('masks custom headers in every answer (SPEC CustomHeaderMasked) and keeps the value for deliveries', async () => {
			const headers = [{ name: 'X-Hook-Token', value: 'tok-s3cret-123' }];
			const created = await call('POST', '/v3/notification_subscription', {
				...subscription,
				customHeaders: headers,
			});
			const id = created.json.id as string;
			const put = await call('PUT', `/v3/notification_subscription/${id}`, {
				...subscription,
				customHeaders: headers,
			});
			const answers = [
				created,
				await call('GET', `/v3/notification_subscription/${id}`),
				put,
				await call('GET', '/v3/notification_subscriptions'),
			];
			expect(answers.map((a) => a.status)).toEqual([201, 200, 200, 200]);
			for (const answer of answers) expect(answer.text).not.toContain('tok-s3cret-123');
			expect(created.json.customHeaders).toEqual([
				{ name: 'X-Hook-Token', maskedValue: '********' },
			]);
			expect(emulator.state.subscriptions.get(id)?.customHeaders).toEqual(headers);
		});

		it('takes a partial PUT, as the CLI sends it: {"isEnabled": false} alone keeps the rest', async () => {
			const created = await call('POST', '/v3/notification_subscription', {
				...subscription,
				customHeaders: [{ name: 'X-Hook-Token', value: 't0k' }],
			});
			const id = created.json.id as string;
			const put = await call('PUT', `/v3/notification_subscription/${id}`, { isEnabled: false });
			expect(put.status).toBe(200);
			expect({ ...put.json, updatedAt: null }).toEqual({
				...created.json,
				isEnabled: false,
				updatedAt: null,
			});
			expect(emulator.state.subscriptionSecrets.get(id)).toBe('whsec_test');
			expect(emulator.state.subscriptions.get(id)?.customHeaders).toEqual([
				{ name: 'X-Hook-Token', value: 't0k' },
			]);
		});

		it("says who made each subscription; another member's is readonly and answers a change with 403 unless the token is an admin's", async () => {
			const theirs = emulator.state.addSubscription({
				by: 'teammate',
				name: 'Ops pager',
				webhookUrl: 'https://pager.example.com/hook',
			});
			const got = await call('GET', `/v3/notification_subscription/${theirs.id}`);
			expect(got.json).toMatchObject({
				userId: 'emulator-teammate',
				teamId: theirs.teamId,
				readonly: true,
				createdBy: { id: 'emulator-teammate', type: 'user', description: 'teammate@acme.example' },
			});
			const refused = await call('PUT', `/v3/notification_subscription/${theirs.id}`, {
				isEnabled: false,
			});
			expect(refused).toMatchObject({
				status: 403,
				json: {
					error: {
						message:
							'only the creator of this notification subscription or a team admin can change it',
						messageCode: 'forbidden',
					},
				},
			});
			expect((await call('DELETE', `/v3/notification_subscription/${theirs.id}`)).status).toBe(403);
			emulator.state.tokenUser.isAdmin = true;
			expect((await call('GET', `/v3/notification_subscription/${theirs.id}`)).json.readonly).toBe(
				false,
			);
			expect(
				(await call('PUT', `/v3/notification_subscription/${theirs.id}`, { isEnabled: false }))
					.status,
			).toBe(200);
		});

		it("lists the caller's own, and the team's with type=team where Replicated honours it (INFERRED both)", async () => {
			const mine = (await call('POST', '/v3/notification_subscription', subscription)).json
				.id as string;
			const theirs = emulator.state.addSubscription({
				by: 'teammate',
				name: 'Ops pager',
				webhookUrl: 'https://pager.example.com/hook',
			}).id;
			const ids = async (query: string) =>
				(
					(await call('GET', `/v3/notification_subscriptions${query}`)).json
						.subscriptions as Array<{
						id: string;
					}>
				).map((s) => s.id);
			expect(await ids('')).toEqual([mine]);
			expect(await ids('?type=team')).toEqual([mine, theirs]);
			expect(await ids('?type=personal')).toEqual([mine]);
			expect(await ids('?type=team&search=pager')).toEqual([theirs]);
			emulator.setReadings({ subscriptionListType: 'ignored' });
			expect(await ids('?type=team')).toEqual([mine]);
		});

		it('deletes for good, or keeps the subscription with deletedAt (INFERRED both)', async () => {
			emulator.setReadings({ deletedSubscriptions: 'kept' });
			const id = (await call('POST', '/v3/notification_subscription', subscription)).json
				.id as string;
			expect((await call('DELETE', `/v3/notification_subscription/${id}`)).status).toBe(204);
			const kept = await call('GET', `/v3/notification_subscription/${id}`);
			expect(kept.status).toBe(200);
			expect(kept.json.deletedAt).toEqual(expect.any(String));
			expect(
				(await call('GET', '/v3/notification_subscriptions')).json.subscriptions[0].deletedAt,
			).toBe(kept.json.deletedAt);
			expect(
				(await call('PUT', `/v3/notification_subscription/${id}`, { isEnabled: true })).status,
			).toBe(404);
			expect((await emulator.notify('customer.created')).deliveries).toEqual([]);
		});
	});

	describe('delivery log', () => {
		const down = 'http://127.0.0.1:9/unreachable';

		it('logs what Replicated sent, eventData in its internal camelCase, under each reading of payload and requestBody', async () => {
			const sub = emulator.state.addSubscription({ webhookUrl: down });
			const delivery = buildDelivery('customer.created', { customer_id: 'c1', app_id: 'a1' });
			await emulator.state.deliveries.deliver(sub, delivery);
			const entry = async () =>
				(await call('GET', `/v3/notification_events?subscription_id=${sub.id}`)).json.events[0];
			const core = { event: delivery.event, timestamp: delivery.timestamp, data: delivery.data };
			expect(await entry()).toMatchObject({
				eventType: 'customer.created',
				eventData: { eventType: 'customer.created', customerId: 'c1', appId: 'a1' },
				payload: delivery,
				attempts: [{ requestBody: delivery }],
			});
			emulator.setReadings({ logPayload: 'partial', attemptBodies: 'omitted' });
			const partial = await entry();
			expect(partial.payload).toEqual(core);
			expect(partial.attempts[0]).not.toHaveProperty('requestBody');
		});

		it("serves a subscription's own log within the spec also once the subscription is deleted", async () => {
			const sub = emulator.state.addSubscription({ webhookUrl: down });
			await emulator.state.deliveries.deliver(sub, buildDelivery('customer.created', {}));
			emulator.state.deliveries.subscriptionDeleted(sub.id);
			const own = await call('GET', `/v3/notification_subscription/${sub.id}/events`);
			expect(own.status).toBe(200);
			expect(own.json.events[0]).not.toHaveProperty('subscriptionDeletedAt');
			const team = await call('GET', `/v3/notification_events?subscription_id=${sub.id}`);
			expect(team.json.events[0].subscriptionDeletedAt).toEqual(expect.any(String));
		});

		it('filters by event_types given as csv (SPEC) or as a repeated key (the CLI)', async () => {
			const sub = emulator.state.addSubscription({ webhookUrl: down });
			for (const type of ['customer.created', 'instance.inactive', 'customer.archived'])
				await emulator.state.deliveries.deliver(sub, buildDelivery(type, {}));
			const types = async (query: string) =>
				(
					(await call('GET', `/v3/notification_events?${query}`)).json.events as Array<{
						eventType: string;
					}>
				)
					.map((e) => e.eventType)
					.sort();
			const both = ['customer.created', 'instance.inactive'];
			expect(await types('event_types=customer.created,instance.inactive')).toEqual(both);
			expect(await types('event_types=customer.created&event_types=instance.inactive')).toEqual(
				both,
			);
			expect(
				(await call('GET', '/v3/notification_events?event_types%5B0%5D=customer.created')).status,
			).toBe(400);
		});

		it('retries an undelivered event and answers {success, message}; refuses a delivered one under either answer (INFERRED)', async () => {
			const sub = emulator.state.addSubscription({ webhookUrl: down });
			const { eventId } = await emulator.state.deliveries.deliver(
				sub,
				buildDelivery('customer.created', {}),
			);
			expect((await call('POST', `/v3/notification_event/${eventId}/retry`)).json).toEqual({
				success: true,
				message: 'Notification event queued for retry',
			});
			emulator.state.deliveries.events.get(eventId)!.attempts[0].success = true;
			expect(await call('POST', `/v3/notification_event/${eventId}/retry`)).toMatchObject({
				status: 200,
				json: { success: false, message: 'notification event was already delivered' },
			});
			emulator.setReadings({ retryRefusal: 'badRequest' });
			expect(await call('POST', `/v3/notification_event/${eventId}/retry`)).toMatchObject({
				status: 400,
				json: { error_code: 'not_retryable', message: 'notification event was already delivered' },
			});
		});
	});

	describe('sending events as Replicated does', () => {
		let receiver: Server;
		let received: Array<{ url: string; headers: Record<string, unknown>; body: string }>;
		let hookUrl: string;
		beforeAll(async () => {
			receiver = createServer((req, res) => {
				let body = '';
				req.on('data', (c: Buffer) => (body += c.toString()));
				req.on('end', () => {
					received.push({ url: req.url ?? '', headers: req.headers, body });
					res.end('{"received":true}');
				});
			});
			await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
			hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
		});
		afterAll(() => new Promise((r) => receiver.close(r)));
		beforeEach(() => {
			received = [];
			emulator.allowPrivateWebhookUrls(true);
		});
		afterEach(() => emulator.allowPrivateWebhookUrls(false));

		it("plays an event to every subscription listening for it, signed with that subscription's secret", async () => {
			const subscribe = (path: string, secret: string, eventType: string, headers = []) =>
				call('POST', '/v3/notification_subscription', {
					webhookUrl: `${hookUrl}${path}`,
					webhookSecret: secret,
					customHeaders: headers,
					eventConfigs: [{ eventType, filters: {} }],
				});
			await subscribe('/a', 'whsec_a', 'customer.created', [
				{ name: 'X-Token', value: 't0k' },
			] as never);
			await subscribe('/b', 'whsec_b', 'customer.created');
			await subscribe('/c', 'whsec_c', 'instance.ready');
			const res = await request(`${emulator.origin}/_emulator/notify`, {
				method: 'POST',
				body: JSON.stringify({ eventType: 'customer.created' }),
			});
			const answer = (await res.body.json()) as { deliveries: Array<{ status: number }> };
			expect(answer.deliveries.map((d) => d.status)).toEqual([200, 200]);
			expect(received.map((r) => r.url).sort()).toEqual(['/a', '/b']);
			for (const r of received) {
				const secret = r.url === '/a' ? 'whsec_a' : 'whsec_b';
				expect(r.headers['x-replicated-signature']).toBe(signBody(r.body, secret));
				const delivery = JSON.parse(r.body);
				expect(delivery.event).toBe('customer.created');
				// A customer the emulator knows, so that the trigger's enrichment finds it.
				expect(emulator.state.customers.get(delivery.data.customer_id)?.customId).toBeTruthy();
			}
			expect(received.find((r) => r.url === '/a')!.headers['x-token']).toBe('t0k');
		});

		it('sends a signed test delivery with POST /v3/notification_webhook/test', async () => {
			const res = await call('POST', '/v3/notification_webhook/test', {
				webhookUrl: `${hookUrl}/t`,
				webhookSecret: 'whsec_t',
				eventType: 'instance.ready',
				customHeaders: [],
			});
			expect(res.json).toMatchObject({ success: true, statusCode: 200 });
			expect(JSON.parse(received[0].body)).toMatchObject({ event: 'instance.ready', test: true });
			expect(received[0].headers['x-replicated-signature']).toBe(
				signBody(received[0].body, 'whsec_t'),
			);
		});

		it('sends a test with the custom headers asked for, and refuses a private URL as a subscription', async () => {
			const res = await call('POST', '/v3/notification_webhook/test', {
				webhookUrl: `${hookUrl}/t`,
				webhookSecret: 'whsec_t',
				eventType: 'customer.created',
				customHeaders: [{ name: 'X-Hook-Token', value: 'tok-1' }],
			});
			expect(res.json).toMatchObject({ success: true, statusCode: 200 });
			expect(JSON.parse(received[0].body)).toMatchObject({ event: 'customer.created', test: true });
			expect(received[0].headers['x-hook-token']).toBe('tok-1');
			emulator.allowPrivateWebhookUrls(false);
			const refused = await call('POST', '/v3/notification_webhook/test', {
				webhookUrl: `${hookUrl}/t`,
				eventType: 'customer.created',
			});
			expect([refused.status, refused.json]).toEqual([
				400,
				{
					error_code: 'bad_request',
					message: 'webhookUrl must not point to a private or internal address',
				},
			]);
			expect(received).toHaveLength(1);
		});
	});

	describe('fault injection', () => {
		it('answers queued faults in order, then normally', async () => {
			emulator.faults
				.add({ path: '/v3/apps', status: 429, retryAfter: 7 })
				.add({ path: '/v3/apps', status: 503 });
			const first = await call('GET', '/v3/apps');
			expect(first.status).toBe(429);
			expect(first.headers['retry-after']).toBe('7');
			expect((await call('GET', '/v3/apps')).status).toBe(503);
			expect((await call('GET', '/v3/apps')).status).toBe(200);
		});

		it('adds latency', async () => {
			emulator.faults.add({ path: '/v3/apps', delayMs: 300 });
			const started = Date.now();
			await call('GET', '/v3/apps');
			expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		});

		it('enforces a rate limit with Retry-After', async () => {
			emulator.setRateLimit(2, 60_000);
			const statuses = [];
			for (let i = 0; i < 3; i++) statuses.push((await call('GET', '/v3/apps')).status);
			expect(statuses).toEqual([200, 200, 429]);
		});

		it('can be driven over HTTP from another process', async () => {
			const res = await request(`${emulator.origin}/_emulator/faults`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ path: '/v3/apps', status: 502 }),
			});
			expect(res.statusCode).toBe(201);
			await res.body.dump();
			expect((await call('GET', '/v3/apps')).status).toBe(502);
		});
	});
});

describe('signed-event sender', () => {
	it('signs the raw body as sha256=<hex HMAC-SHA256>', () => {
		const body = '{"event":"customer.created"}';
		expect(signBody(body, 's3cret')).toBe(
			`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`,
		);
	});

	it('builds the documented envelope and delivers it with the signature header', async () => {
		const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
		const { createServer } = await import('node:http');
		const server = createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				received.push({ headers: req.headers, body });
				res.end('ok');
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const { port } = server.address() as { port: number };
		const delivery = buildDelivery(
			'instance.ready',
			{ customer_id: 'c1', customer_name: 'Acme' },
			{ test: true },
		);
		const result = await sendDelivery(`http://127.0.0.1:${port}/hook`, delivery, {
			secret: 'whsec_x',
			headers: { 'x-extra': 'token' },
		});
		server.close();
		expect(result.status).toBe(200);
		const [got] = received;
		expect(JSON.parse(got.body)).toEqual({
			event: 'instance.ready',
			timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
			data: { event_type: 'instance.ready', customer_id: 'c1', customer_name: 'Acme' },
			text: 'instance.ready for Acme',
			test: true,
		});
		expect(got.headers['x-replicated-signature']).toBe(signBody(got.body, 'whsec_x'));
		expect(got.headers['x-extra']).toBe('token');
	});
});

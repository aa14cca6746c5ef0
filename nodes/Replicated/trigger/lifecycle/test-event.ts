import { createHmac } from 'crypto';

import { type IDataObject, type IHookFunctions, sleep } from 'n8n-workflow';

import { testWebhook } from '../../api/notifications';
import { readCredentials, type ReplicatedCredentials } from '../../transport';
import { triggerParameters } from '../panel/parameters';
import { triggerLabel } from './label';
import type { RegistrationState, SubscriptionConfig } from './registration';

/**
 * The event a test delivery is asked for with All Events: the one every app has (a customer is
 * created before anything else happens to it) and whose item carries the customer's fields.
 * The catalogue's first, Self-Serve Signup Pending, happens only where self-serve signup is on.
 */
export const ALL_EVENTS_TEST_EVENT = 'customer.created';

/**
 * How long after n8n's `create` call the test delivery is asked for. Replicated sends it while
 * answering (SPEC TestWebhookResponseBody reports the receiver's `statusCode`), and n8n keeps the
 * test listener's static data, which holds the signing secret, only once `create` has returned
 * (n8n 2.41.1 dist/webhooks/test-webhooks.js, needsWebhook: `cacheableWebhook.staticData =
 * workflow.staticData` after `createWebhookIfNotExists`). Asked from inside `create`, the delivery
 * finds no secret and is refused: "401: no webhook secret is configured for this trigger", seen in
 * test/e2e/trigger.test.ts with the request awaited there.
 */
export const TEST_DELIVERY_DELAY_MS = 1000;

/** Replicated waits up to 5 s for the receiver (API.md §2.4); the rest is its own round trip. */
const TEST_DELIVERY_TIMEOUT_MS = 15_000;

/**
 * The event to ask a test delivery for: the first one in Events, as saved (the order picked);
 * with All Events, ALL_EVENTS_TEST_EVENT. Always one the subscription registers, so the trigger
 * runs it (`registered`: the subscription's event types, in its order).
 */
export function testEventType(events: string[], registered: string[]): string {
	const wanted = events.includes('*') || !events.length ? ALL_EVENTS_TEST_EVENT : events[0];
	return registered.includes(wanted) ? wanted : (registered[0] ?? wanted);
}

/**
 * SPEC testWebhook's body (its fields, each as SPEC names it): Replicated signs the sample with
 * `webhookSecret` and sends the `customHeaders` with it, as it does a subscription's deliveries.
 * The CLI sends only `webhookUrl` and `eventType` (pkg/kotsclient/notification.go
 * TestNotificationWebhook; its pact, pact/kotsclient/notification_test.go, body
 * `{"webhookUrl", "eventType": "release.promoted"}`).
 */
export function testDeliveryRequest(
	config: SubscriptionConfig,
	secret: string,
	eventType: string,
): IDataObject {
	return {
		webhookUrl: config.webhookUrl,
		eventType,
		webhookSecret: secret,
		// SPEC CustomHeaderInput {name, value}: the Required Header option, as the subscription has it.
		customHeaders: config.customHeader ? [config.customHeader] : [],
	};
}

/**
 * The secret a test listener at a URL Replicated cannot reach takes: derived from the credential's
 * API token and the test URL, so that the send-event command can sign with it (`--listen`, given
 * the token) and no log ever holds it. It opens that one URL, only while listening.
 */
export function listenSecret(apiToken: string, webhookUrl: string): string {
	const mac = createHmac('sha256', apiToken)
		.update(`n8n-nodes-replicated listen: ${webhookUrl}`)
		.digest('base64url');
	return `whsec_listen_${mac}`;
}

/**
 * What a user runs to deliver a signed sample to a test URL Replicated cannot reach
 * (test/emulator/send-event-cli.ts: `--listen` signs with listenSecret of REPLICATED_API_TOKEN,
 * `--test` marks it as a test delivery, as Replicated's are). No secret is in it.
 */
export function sendEventCommand(
	eventType: string,
	webhookUrl: string,
	header?: { name: string },
): string {
	const headerArg = header ? ` --header '${header.name}:<the Required Header value>'` : '';
	return `REPLICATED_API_TOKEN=<the API token of the trigger's Replicated credential> npm run send-event -- ${eventType} --url ${webhookUrl} --listen --test${headerArg}`;
}

/** Replicated's answer to a test, as the log says it (SPEC TestWebhookResponseBody). */
export function testOutcome(answer: IDataObject): { delivered: boolean; said: string } {
	const status = typeof answer.statusCode === 'number' ? `HTTP ${answer.statusCode}` : 'no answer';
	const took = typeof answer.durationMs === 'number' ? ` in ${answer.durationMs} ms` : '';
	const error = typeof answer.error === 'string' && answer.error ? `: ${answer.error}` : '';
	return { delivered: answer.success === true, said: `${status}${took}${error}` };
}

async function requestTestDelivery(
	ctx: IHookFunctions,
	body: IDataObject,
	secrets: string[],
	credentials: ReplicatedCredentials,
): Promise<void> {
	const label = triggerLabel(ctx);
	const what = `test delivery of ${String(body.eventType)} to ${String(body.webhookUrl)}`;
	const fallback =
		'listening goes on: use Send test on the notification in the Vendor Portal (Notifications), or make the event happen';
	try {
		await sleep(TEST_DELIVERY_DELAY_MS);
		const answer = await testWebhook(ctx, body, secrets, {
			credentials,
			timeoutMs: TEST_DELIVERY_TIMEOUT_MS,
		});
		const { delivered, said } = testOutcome(answer);
		if (delivered) ctx.logger.info(`${label}: Replicated sent a ${what} (${said})`);
		else ctx.logger.warn(`${label}: Replicated's ${what} failed (${said}); ${fallback}`);
	} catch (error) {
		ctx.logger.warn(
			`${label}: could not ask Replicated for a ${what}: ${(error as Error).message.replace(/\.$/, '')}; ${fallback}`,
		);
	}
}

/**
 * Listening for a test event (automatic registration, a URL Replicated reaches): asks Replicated
 * for a test delivery of the first selected event, signed with the subscription's secret, once
 * n8n has stored the listener (TEST_DELIVERY_DELAY_MS). A failure is logged, never thrown: the
 * listener stays up for an event from the Vendor Portal.
 */
export async function askForTestDelivery(
	ctx: IHookFunctions,
	state: RegistrationState,
	config: SubscriptionConfig,
): Promise<void> {
	const eventType = testEventType(
		triggerParameters(ctx).events,
		config.eventConfigs.map((c) => c.eventType),
	);
	// Read now: once n8n's call returns, its credential can no longer be resolved (transport send).
	const credentials = await readCredentials(ctx);
	const secret = state.webhookSecret ?? '';
	const body = testDeliveryRequest(config, secret, eventType);
	const secrets = [secret, config.customHeader?.value ?? ''];
	void requestTestDelivery(ctx, body, secrets, credentials);
}

/**
 * Listening for a test event at a URL Replicated cannot reach (localhost or a private network,
 * without the sandbox credential's opt-in): nothing is registered, and the listener takes a
 * delivery signed with a secret made for it alone (listenSecret), which the command the log gives
 * derives from the API token. n8n gives a test listener static data of its own and drops it when
 * listening ends (registration.ts registrationState).
 */
export async function listenLocally(
	ctx: IHookFunctions,
	state: RegistrationState,
	config: SubscriptionConfig,
	blocked: string,
): Promise<void> {
	const { apiToken } = await readCredentials(ctx);
	state.webhookSecret = listenSecret(apiToken, config.webhookUrl);
	const eventType = testEventType(
		triggerParameters(ctx).events,
		config.eventConfigs.map((c) => c.eventType),
	);
	const command = sendEventCommand(eventType, config.webhookUrl, config.customHeader);
	ctx.logger.warn(
		`${triggerLabel(ctx)}: ${blocked} Listening for a test event without registering anything: deliver a signed sample from a clone of n8n-nodes-replicated with: ${command}`,
	);
}

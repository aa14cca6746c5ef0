import type { Faults, RateLimit } from '../faults';
import type { Router } from '../http';
import type { CustomerChannelReading } from '../serialize';
import type { EmulatorState } from '../state';

/**
 * Where Replicated's own sources disagree, the emulator can answer under each reading, so that a
 * test proves the package works under both (API.md Corrections).
 */
export interface Readings {
	/** Search `offset`: pages to skip (SPEC, replicated-lib) or records to skip (the CLI). */
	searchOffset: 'pages' | 'records';
	/** Enterprise Portal invite answer: `{invite: CustomerInvite}` (SPEC) or `{url}` (the CLI). */
	inviteAnswer: 'spec' | 'cli';
	/**
	 * `currentPage` of the delivery log: counted from 0 or from 1 (SPEC says neither; INFERRED).
	 * Counted from 1, page 0 is the first page again, as servers that clamp answer.
	 */
	eventPages: 'fromZero' | 'fromOne';
	/**
	 * An archived customer's `license-download`: refused (400) or served. Our sources say neither
	 * (INFERRED); refusing is the default, the stricter of the two for a client.
	 */
	archivedLicense: 'refused' | 'served';
	/**
	 * The license file's media type: SPEC `downloadLicense` produces text/yaml and application/json,
	 * with the schema "string" (read as the YAML, JSON-encoded).
	 */
	licenseAnswer: 'yaml' | 'json';
	/**
	 * The customer_instances export as JSON: SPEC says only "the list of customers" (INFERRED):
	 * a bare list of rows named like the CSV columns (`rows`, the default), the same in an object
	 * (`{"customers": [...], "totalCount"}`), or the customers themselves (SPEC `Customer`) each
	 * holding its `instances` (SPEC `CustomerInstance`), bare or in that object.
	 */
	exportJson: 'rows' | 'envelopedRows' | 'customers' | 'envelopedCustomers';
	/** A customer's `channels[]` with the channel's details (SPEC) or without (the CLI reads the channel). */
	customerChannels: CustomerChannelReading;
	/**
	 * A delivery log entry's `payload` (SPEC: an object, no more): the body as sent, or only its
	 * `{event, timestamp, data}`. INFERRED both: the CLI's provider-verified pact
	 * (pact/kotsclient/notification_test.go:266) shows `payload: {"event": ...}`, which either has.
	 */
	logPayload: 'full' | 'partial';
	/**
	 * Each attempt's `requestBody` (SPEC NotificationEventAttempt.requestBody) served, or left out
	 * (the CLI decodes it `omitempty`, pkg/types/notification.go:100; the pact's attempts are empty).
	 */
	attemptBodies: 'served' | 'omitted';
	/**
	 * An event Replicated will not retry (delivered already, or its subscription deleted): answered
	 * 200 `{success: false, message}` (the shape of the CLI's NotificationRetryResponse,
	 * pkg/types/notification.go:130) or 400 `{message}`. INFERRED which: SPEC retryNotificationEvent
	 * lists both statuses and gives the 200 no schema.
	 */
	retryRefusal: 'answer' | 'badRequest';
	/**
	 * A deleted subscription: gone (404), or kept with `deletedAt` set (SPEC
	 * NotificationSubscription.deletedAt suggests a soft delete; INFERRED which Replicated does).
	 */
	deletedSubscriptions: 'gone' | 'kept';
	/**
	 * `GET /v3/notification_subscriptions?type=`: honoured (`team`: every team member's; `personal`
	 * or none: the caller's own), or ignored, the caller's own only. SPEC has no `type`; the CLI
	 * sends it (pkg/kotsclient/notification.go:67, its pact notification_test.go:37). INFERRED both.
	 */
	subscriptionListType: 'honoured' | 'ignored';
	/**
	 * A custom header's `maskedValue` (SPEC CustomHeaderMasked; DOCS "masked in the UI"): all hidden,
	 * or its first and last four characters shown, the way the CLI masks an API token
	 * (cli/cmd/root.go:407). INFERRED both: no source shows Replicated's mask.
	 */
	headerMask: 'hidden' | 'edges';
}

export const DEFAULT_READINGS: Readings = {
	searchOffset: 'pages',
	inviteAnswer: 'spec',
	eventPages: 'fromZero',
	archivedLicense: 'refused',
	licenseAnswer: 'yaml',
	exportJson: 'rows',
	customerChannels: 'detail',
	logPayload: 'full',
	attemptBodies: 'served',
	retryRefusal: 'answer',
	deletedSubscriptions: 'gone',
	subscriptionListType: 'honoured',
	headerMask: 'hidden',
};

export interface RouteContext {
	router: Router;
	state: EmulatorState;
	faults: Faults;
	rateLimit: { current: RateLimit | null };
	readings: Readings;
}

import { EVENT_TYPES } from '../../nodes/Replicated/trigger/panel/events';
import { buildDelivery, type Delivery } from './sender';

/**
 * A realistic payload for every event key: used by the sender (`npm run send-event`), by the tests
 * and as the trigger's documented output. Fields follow API.md §2.1–2.2; fields of events for which
 * Replicated publishes no payload (instance state, metrics, release, support, platform) are INFERRED
 * from the subscription filter names and the Vendor Portal, and the trigger keeps `data` open.
 */
export interface SampleContext {
	appId?: string;
	appName?: string;
	appSlug?: string;
	customerId?: string;
	customerName?: string;
	channelId?: string;
	channelName?: string;
	licenseType?: string;
	instanceId?: string;
}

const DEFAULTS: Required<SampleContext> = {
	appId: '2C0OQyxiiA4pc3blK0cKs5VQS3N',
	appName: 'Acme Platform',
	appSlug: 'acme-platform',
	customerId: '2JBxR7eNpTA5vl2rkkmUbVozdLd',
	customerName: 'The Airplane Company',
	channelId: '2C0OR5HUAAge0xo2ggEwGwOHSG4',
	channelName: 'Stable',
	licenseType: 'paid',
	instanceId: '2LhYgNgyP6gwPbq2ZgV3FCXbVqJ',
};

export function sampleData(
	event: string,
	context: SampleContext = {},
	now = new Date(),
): Record<string, unknown> {
	const c = { ...DEFAULTS, ...context };
	const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
	const app = {
		team_id: 'Dq6-SEzp_hIUBfpMe5cv0OzaFIb8IDpv',
		app_id: c.appId,
		app_name: c.appName,
		app_slug: c.appSlug,
	};
	const customer = {
		...app,
		customer_id: c.customerId,
		customer_name: c.customerName,
		license_type: c.licenseType,
		channel_id: c.channelId,
		channel_name: c.channelName,
	};
	const instance = {
		...customer,
		instance_id: c.instanceId,
		status: 'ready',
		app_version: '2.4.0',
		cloud_provider: 'aws',
		k8s_distribution: 'eks',
		created_at: at,
		last_check_in: at,
	};
	switch (event) {
		case 'customer.pending_signup':
			// INFERRED: the signup form's fields arrive as they were configured for trial signup.
			return {
				...app,
				email: 'jane.doe@initech.example',
				first_name: 'Jane',
				last_name: 'Doe',
				company: 'Initech',
				job_title: 'Platform Lead',
				company_size: '201-500',
				use_case: 'Self-hosted analytics',
				signed_up_at: at,
			};
		case 'customer.created':
			return { ...customer, license_type: 'trial', expires_at: '2027-01-31T00:00:00Z' };
		case 'customer.updated':
			return {
				...customer,
				old_customer_name: c.customerName,
				old_license_type: 'trial',
				expires_at: '2027-12-31T00:00:00Z',
				old_expires_at: '2027-01-31T00:00:00Z',
				expiration_changed: true,
				old_channel_id: c.channelId,
				old_channel_name: c.channelName,
				channel_changed: false,
				helm_email: 'ops@airplane.example',
				old_helm_email: 'ops@airplane.example',
				changed_install_options: [],
				changed_entitlements: [{ name: 'seats', old_value: '10', new_value: '250' }],
				updated_at: at,
			};
		case 'customer.archived':
		case 'customer.unarchived':
			return { ...customer };
		case 'customer.license_expiring':
			return {
				...customer,
				expires_at: new Date(now.getTime() + 30 * 86_400_000)
					.toISOString()
					.replace(/\.\d{3}Z$/, 'Z'),
				days_until_expiry: '30',
			};
		case 'customer.ep_invite_sent':
			return {
				...customer,
				invited_email: 'it@airplane.example',
				is_first_user: true,
				sent_at: at,
			};
		case 'customer.ep_access_granted':
			return {
				...customer,
				activated_email: 'it@airplane.example',
				access_method: 'invite',
				granted_at: at,
			};
		case 'customer.ep_user_joined':
			return {
				...customer,
				joined_email: 'it@airplane.example',
				access_method: 'invite',
				is_first_user: true,
				joined_at: at,
			};
		case 'instance.created':
		case 'instance.ready':
			return { ...instance };
		case 'instance.upgrade_started':
		case 'instance.upgrade_completed':
			return {
				...instance,
				from_version: '2.3.2',
				to_version: '2.4.0',
				app_version: event.endsWith('completed') ? '2.4.0' : '2.3.2',
			};
		case 'instance.version_behind':
			return { ...instance, app_version: '2.1.5', latest_version: '2.4.0', versions_behind: '3' };
		case 'instance.inactive':
			return {
				...instance,
				status: 'missing',
				last_check_in: new Date(now.getTime() - 26 * 3_600_000)
					.toISOString()
					.replace(/\.\d{3}Z$/, 'Z'),
			};
		case 'instance.state.duration':
			return {
				...instance,
				status: 'degraded',
				state: 'degraded',
				duration_minutes: '45',
				state_since: new Date(now.getTime() - 45 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			};
		case 'instance.state.flapping':
			return { ...instance, status: 'degraded', state_changes: '6', window_minutes: '60' };
		case 'instance.custom_metric_threshold_reached':
			return {
				...instance,
				metric_name: 'active_users',
				metric_value: '480',
				operator: 'gte',
				threshold_value: '450',
			};
		case 'release.created':
		case 'release.promoted':
		case 'release.unpublished':
		case 'release.build_failed':
			return {
				...app,
				channel_id: c.channelId,
				channel_name: c.channelName,
				release_sequence: 42,
				version_label: '2.4.0',
			};
		case 'release.asset_downloaded':
			return {
				...customer,
				service_account_name: '',
				asset_type: 'helm_chart',
				asset_name: 'acme-platform',
				asset_version: '2.4.0',
				downloaded_at: at,
				is_first_customer_pull: true,
			};
		case 'channel.created':
		case 'channel.archived':
			return { ...app, channel_id: c.channelId, channel_name: c.channelName };
		case 'support.bundle.uploaded':
		case 'support.bundle.analyzed':
			return {
				...customer,
				instance_id: c.instanceId,
				bundle_id: '2Y3n4kS2bundle0000000000001',
				bundle_name: 'support-bundle-2026-11-23',
			};
		case 'platform.egress_threshold_reached':
			return { ...app, threshold_tib: '10', egress_tib: '10.4' };
		default:
			return { ...customer };
	}
}

export function sampleDelivery(
	event: string,
	context: SampleContext = {},
	options: { test?: boolean; timestamp?: Date } = {},
): Delivery {
	const now = options.timestamp ?? new Date();
	return buildDelivery(event, sampleData(event, context, now), {
		timestamp: now,
		test: options.test,
	});
}

export const SAMPLE_EVENTS = EVENT_TYPES.map((e) => e.key);

/**
 * Every event key Replicated can notify about (DOCS notifications-events-filters, API.md §2.3),
 * with what it means for RevOps and customer success. The webhook `event` equals these keys.
 */
export type EventCategory =
	| 'customer'
	| 'instance'
	| 'release'
	| 'channel'
	| 'support'
	| 'platform';

export interface EventType {
	key: string;
	category: EventCategory;
	name: string;
	description: string;
}

export const EVENT_TYPES: readonly EventType[] = [
	{
		key: 'customer.pending_signup',
		category: 'customer',
		name: 'Customer: Self-Serve Signup Pending',
		description: 'Someone signed up for a trial: a new lead',
	},
	{
		key: 'customer.created',
		category: 'customer',
		name: 'Customer: Created',
		description: 'A customer (license) was created: start or enrich the account',
	},
	{
		key: 'customer.updated',
		category: 'customer',
		name: 'Customer: Updated',
		description: 'License type, expiry, channel, entitlements or install options changed',
	},
	{
		key: 'customer.archived',
		category: 'customer',
		name: 'Customer: Archived',
		description: 'A customer was archived: churn or clean-up',
	},
	{
		key: 'customer.unarchived',
		category: 'customer',
		name: 'Customer: Unarchived',
		description: 'An archived customer was restored',
	},
	{
		key: 'customer.license_expiring',
		category: 'customer',
		name: 'Customer: License Expiring',
		description: 'A license expires soon: renewal prep',
	},
	{
		key: 'customer.ep_invite_sent',
		category: 'customer',
		name: 'Enterprise Portal: Invite Sent',
		description: 'An Enterprise Portal invite went out: provisioned',
	},
	{
		key: 'customer.ep_access_granted',
		category: 'customer',
		name: 'Enterprise Portal: Access Granted',
		description: 'First user activated the Enterprise Portal: a revenue-recognition milestone',
	},
	{
		key: 'customer.ep_user_joined',
		category: 'customer',
		name: 'Enterprise Portal: User Joined',
		description: 'A user joined the Enterprise Portal: engagement (first user = conversion signal)',
	},
	{
		key: 'instance.created',
		category: 'instance',
		name: 'Instance: Created',
		description: 'A new installation reported in: adoption started',
	},
	{
		key: 'instance.ready',
		category: 'instance',
		name: 'Instance: Ready',
		description: 'Software confirmed running: first-value signal, start onboarding',
	},
	{
		key: 'instance.upgrade_started',
		category: 'instance',
		name: 'Instance: Upgrade Started',
		description: 'An instance began upgrading',
	},
	{
		key: 'instance.upgrade_completed',
		category: 'instance',
		name: 'Instance: Upgrade Completed',
		description: 'An instance finished upgrading: version currency improved',
	},
	{
		key: 'instance.version_behind',
		category: 'instance',
		name: 'Instance: Version Behind',
		description: 'An instance is several versions behind: adoption risk',
	},
	{
		key: 'instance.inactive',
		category: 'instance',
		name: 'Instance: Inactive',
		description: 'An instance stopped checking in: churn or outage risk',
	},
	{
		key: 'instance.state.duration',
		category: 'instance',
		name: 'Instance: State Duration',
		description: 'An instance stayed in a state (e.g. degraded) too long: support escalation',
	},
	{
		key: 'instance.state.flapping',
		category: 'instance',
		name: 'Instance: State Flapping',
		description: 'An instance keeps changing state: instability',
	},
	{
		key: 'instance.custom_metric_threshold_reached',
		category: 'instance',
		name: 'Instance: Custom Metric Threshold Reached',
		description: 'A custom metric crossed its threshold: usage or expansion signal',
	},
	{
		key: 'release.created',
		category: 'release',
		name: 'Release: Created',
		description: 'A new release was created',
	},
	{
		key: 'release.promoted',
		category: 'release',
		name: 'Release: Promoted',
		description: 'A release was promoted to a channel: customers can upgrade',
	},
	{
		key: 'release.unpublished',
		category: 'release',
		name: 'Release: Demoted (Unpublished)',
		description: 'A release was pulled from a channel',
	},
	{
		key: 'release.build_failed',
		category: 'release',
		name: 'Release: Build Failed',
		description: 'A release build failed',
	},
	{
		key: 'release.asset_downloaded',
		category: 'release',
		name: 'Release: Asset Downloaded',
		description: 'A customer pulled the software: first download is a delivery milestone',
	},
	{
		key: 'channel.created',
		category: 'channel',
		name: 'Channel: Created',
		description: 'A release channel was created',
	},
	{
		key: 'channel.archived',
		category: 'channel',
		name: 'Channel: Archived',
		description: 'A release channel was archived',
	},
	{
		key: 'support.bundle.uploaded',
		category: 'support',
		name: 'Support: Bundle Uploaded',
		description: 'A customer uploaded a support bundle: open or update a ticket',
	},
	{
		key: 'support.bundle.analyzed',
		category: 'support',
		name: 'Support: Bundle Analyzed',
		description: 'A support bundle was analyzed',
	},
	{
		key: 'platform.egress_threshold_reached',
		category: 'platform',
		name: 'Platform: Egress Threshold Reached',
		description: 'Download egress passed its threshold',
	},
];

export const EVENT_KEYS: ReadonlySet<string> = new Set(EVENT_TYPES.map((e) => e.key));

/** The category of an event key; unknown future keys fall back to their prefix. */
export function categoryOf(event: string): string {
	return EVENT_TYPES.find((e) => e.key === event)?.category ?? event.split('.')[0];
}

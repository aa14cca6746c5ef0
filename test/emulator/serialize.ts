import { channelDetail } from './channel-view';
import type {
	Channel,
	Customer,
	EnterprisePortalInfo,
	Instance,
	InstancePreview,
	InstanceView,
} from './model';

/**
 * Whether a customer's `channels[]` carry the channel's details (charts, registry domain,
 * domain overrides, install commands): SPEC `CustomerChannelWithDetail` lists them ('detail'),
 * but the CLI reads the channel itself for them (GET /v3/app/{app_id}/channel/{channel_id},
 * cli/cmd/customer_inspect.go customerChannel), as if they were not filled in there ('summary').
 * No source settles it (INFERRED): the emulator answers under either reading.
 */
export type CustomerChannelReading = 'detail' | 'summary';

/**
 * DOCS notifications-events-filters.md lines 222 and 642: access and pulls are recorded per license
 * type only after March 27, 2026; first pulls (SPEC `first_software_pulled_at`, "forward-only
 * tracking") from March 18, 2026 (the same doc's is_first_customer_pull date; INFERRED that the
 * two features started together).
 */
export const PER_LICENSE_TYPE_SINCE = Date.parse('2026-03-27T00:00:00Z');
export const FIRST_PULL_SINCE = Date.parse('2026-03-18T00:00:00Z');

const since = <T extends Record<string, unknown>>(
	map: Record<string, T>,
	at: (entry: T) => string,
): Record<string, T> =>
	Object.fromEntries(
		Object.entries(map).filter(([, entry]) => Date.parse(at(entry)) >= PER_LICENSE_TYPE_SINCE),
	);

/**
 * What Replicated has recorded of the portal's milestones: tests stage what happened (a first access
 * in February, say), and, like Replicated, the emulator has no per-license-type record of it.
 */
export function recordedPortal(portal: EnterprisePortalInfo): EnterprisePortalInfo {
	const firstPullRecorded =
		portal.first_software_pulled_at !== null &&
		Date.parse(portal.first_software_pulled_at) >= FIRST_PULL_SINCE;
	return {
		...portal,
		access_milestones: since(portal.access_milestones, (m) => m.access_granted_at),
		software_pull_milestones: since(portal.software_pull_milestones, (m) => m.first_pulled_at),
		...(firstPullRecorded
			? {}
			: {
					first_software_pulled_at: null,
					first_software_pulled_asset_type: null,
					first_software_pulled_asset_version: null,
				}),
	};
}

/** The API's Customer: the app is only visible through channels (no top-level appId in SPEC). */
export function customerView(
	customer: Customer,
	channels: ReadonlyMap<string, Channel>,
	reading: CustomerChannelReading = 'detail',
): Omit<Customer, 'appId'> {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { appId, ...view } = customer;
	const served = { ...view, enterprise_portal: recordedPortal(customer.enterprise_portal) };
	if (reading === 'summary') return served;
	return {
		...served,
		channels: view.channels.map((c) => {
			const channel = channels.get(c.id);
			return channel ? { ...c, ...channelDetail(channel) } : c;
		}),
	};
}

/** The CLI (pkg/types/instance.go) says the API sorts `versionHistory` with the latest first. */
export function instanceView(instance: Instance): InstanceView {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { customerId, appId, versionLabel, customMetrics, ...view } = instance;
	const versionHistory = [...view.versionHistory].sort((a, b) =>
		b.intervalStart.localeCompare(a.intervalStart),
	);
	return { ...view, versionHistory };
}

export function instancePreview(instances: Instance[]): InstancePreview {
	return {
		instances: instances.slice(0, 3).map(instanceView),
		moreAvailable: instances.length > 3,
		totalCount: instances.length,
	};
}

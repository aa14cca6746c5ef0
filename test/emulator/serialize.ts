import { channelDetail } from './channel-view';
import type { Channel, Customer, Instance, InstancePreview, InstanceView } from './model';

/**
 * Whether a customer's `channels[]` carry the channel's details (charts, registry domain,
 * domain overrides, install commands): SPEC `CustomerChannelWithDetail` lists them ('detail'),
 * but the CLI reads the channel itself for them (GET /v3/app/{app_id}/channel/{channel_id},
 * cli/cmd/customer_inspect.go customerChannel), as if they were not filled in there ('summary').
 * No source settles it (INFERRED): the emulator answers under either reading.
 */
export type CustomerChannelReading = 'detail' | 'summary';

/** The API's Customer: the app is only visible through channels (no top-level appId in SPEC). */
export function customerView(
	customer: Customer,
	channels: ReadonlyMap<string, Channel>,
	reading: CustomerChannelReading = 'detail',
): Omit<Customer, 'appId'> {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { appId, ...view } = customer;
	if (reading === 'summary') return view;
	return {
		...view,
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

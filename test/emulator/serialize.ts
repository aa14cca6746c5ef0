import type { Customer, Instance, InstancePreview, InstanceView } from './model';

/** The API's Customer: the app is only visible through channels (no top-level appId in SPEC). */
export function customerView(customer: Customer): Omit<Customer, 'appId'> {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { appId, ...view } = customer;
	return view;
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

import type { Customer, Instance, InstancePreview, InstanceView } from './model';

/** The API's Customer: the app is only visible through channels (no top-level appId in SPEC). */
export function customerView(customer: Customer): Omit<Customer, 'appId'> {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { appId, ...view } = customer;
	return view;
}

export function instanceView(instance: Instance): InstanceView {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { customerId, appId, versionLabel, ...view } = instance;
	return view;
}

export function instancePreview(instances: Instance[]): InstancePreview {
	return {
		instances: instances.slice(0, 3).map(instanceView),
		moreAvailable: instances.length > 3,
		totalCount: instances.length,
	};
}

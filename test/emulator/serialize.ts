import type { Customer } from './model';

/** The API's Customer: the app is only visible through channels (no top-level appId in SPEC). */
export function customerView(customer: Customer): Omit<Customer, 'appId'> {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { appId, ...view } = customer;
	return view;
}

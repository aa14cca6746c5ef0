/**
 * The app's customers, read once per run (one request per 100): the instance export has no Custom
 * ID column, and a customer with no instance has no export row at all.
 */
import {
	type ApiCustomer,
	type CustomerItem,
	customerSchema,
	defaultChannelOf,
} from '../../schemas/customer';
import type { HealthRow } from '../../schemas/health';
import { normalizeLicenseType } from '../../schemas/license-type';
import { appCustomers } from '../../api/customers';
import type { ReplicatedContext } from '../../transport';
import { parseOrSkip, type Skip } from '../skipped';

export async function listAppCustomers(
	ctx: ReplicatedContext,
	appId: string,
	/** Entries left out, named (for the caller's warning). */
	skipped: Skip[] = [],
): Promise<ApiCustomer[]> {
	const customers: ApiCustomer[] = [];
	let n = 0;
	for await (const item of appCustomers(ctx, appId)) {
		// One odd entry must not cost the whole join: it is left out, its rows keep a null Custom ID.
		const parsed = parseOrSkip(customerSchema, item, `listed customer ${++n}`, skipped);
		if (parsed) customers.push(parsed);
	}
	return customers;
}

/** Custom IDs by customer ID (the CRM join key of export rows). */
export function customIdsOf(customers: ApiCustomer[]): Map<string, string | null> {
	return new Map(customers.map((c) => [c.id, c.customId || null]));
}

/** The export filters a listed customer is held to when it has no instance (and so no row). */
export interface CustomerScope {
	licenseType?: string;
	channelName?: string;
	customerIds?: string[];
}

export function inScope(customer: ApiCustomer, scope: CustomerScope): boolean {
	if (customer.isArchived) return false;
	if (scope.licenseType && normalizeLicenseType(customer.type) !== scope.licenseType) return false;
	if (scope.customerIds?.length && !scope.customerIds.includes(customer.id)) return false;
	if (scope.channelName) {
		const channel = defaultChannelOf(customer.channels);
		if (channel?.name !== scope.channelName) return false;
	}
	return true;
}

/** A customer as the export row it would have, without the instance columns. */
export function rowWithoutInstance(customer: CustomerItem): HealthRow {
	return {
		customId: customer.customId,
		customerId: customer.id,
		customerName: customer.name,
		licenseType: customer.licenseType,
		instanceId: null,
		customer_created_date: customer.createdAt,
		customer_license_expiration_date: customer.expiresAt,
		customer_channel_id: customer.channel?.id ?? null,
		customer_channel_name: customer.channel?.name ?? null,
		instance_is_active: null,
		instance_first_reported_at: null,
		instance_first_ready_at: null,
		instance_last_reported_at: null,
		instance_is_airgap: null,
		instance_last_app_status: null,
		instance_app_version: null,
		entitlements: customer.entitlements,
		customMetrics: {},
	};
}

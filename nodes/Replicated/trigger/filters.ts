import type { IDataObject } from 'n8n-workflow';

import { EVENT_TYPES } from './events';

/** What the user chose in the trigger: the event keys and the scope filters. */
export interface TriggerFilters {
	appId?: string;
	licenseType?: string;
	channelIds?: string[];
	customerId?: string;
	versionsBehind?: number;
	daysUntilExpiry?: string;
	state?: string;
	durationMinutes?: number;
	minStateChanges?: number;
	windowMinutes?: number;
}

/** The node's Filters collection as plain values (the App picker holds `{mode, value}`). */
export function triggerFilters(raw: IDataObject): TriggerFilters {
	const app = raw.appId as { value?: unknown } | string | undefined;
	const appId = String((typeof app === 'object' && app ? app.value : app) ?? '').trim();
	return { ...(raw as TriggerFilters), appId: appId || undefined };
}

export function selectedEvents(events: string[]): string[] {
	return events.includes('*') || events.length === 0
		? EVENT_TYPES.map((e) => e.key)
		: [...events].sort();
}

/**
 * Subscription event configs (API.md §1.10 / §2.3 filter keys). Numeric filter values are sent as
 * strings, as Replicated expects; event-specific filters go only to their event.
 */
export function eventConfigs(
	events: string[],
	f: TriggerFilters,
): Array<{ eventType: string; filters: IDataObject }> {
	const common: IDataObject = {
		...(f.appId ? { appId: f.appId } : {}),
		...(f.licenseType ? { licenseType: f.licenseType } : {}),
		...(f.channelIds?.length ? { channelId: f.channelIds } : {}),
		...(f.customerId ? { customerId: f.customerId } : {}),
	};
	return selectedEvents(events).map((eventType) => {
		const filters: IDataObject = { ...common };
		if (eventType === 'instance.version_behind' && f.versionsBehind)
			filters.versionsBehind = String(f.versionsBehind);
		if (eventType === 'customer.license_expiring' && f.daysUntilExpiry)
			filters.daysUntilExpiry = String(f.daysUntilExpiry);
		if (eventType === 'instance.state.duration') {
			if (f.state) filters.state = f.state;
			if (f.durationMinutes) filters.durationMinutes = String(f.durationMinutes);
		}
		if (eventType === 'instance.state.flapping') {
			if (f.minStateChanges) filters.minStateChanges = String(f.minStateChanges);
			if (f.windowMinutes) filters.windowMinutes = String(f.windowMinutes);
		}
		return { eventType, filters };
	});
}

/**
 * The same scope applied to each delivery, so manual subscriptions set up in the Vendor Portal
 * behave like automatic ones. A delivery without the field (e.g. a release event has no customer)
 * is not filtered out by it.
 */
export function outOfScope(data: Record<string, unknown>, f: TriggerFilters): string | null {
	const has = (key: string) => typeof data[key] === 'string' && data[key] !== '';
	if (f.appId && has('app_id') && data.app_id !== f.appId) return 'app';
	if (f.licenseType && has('license_type')) {
		const type = data.license_type === 'prod' ? 'paid' : data.license_type;
		if (type !== f.licenseType) return 'license type';
	}
	if (
		f.channelIds?.length &&
		has('channel_id') &&
		!f.channelIds.includes(data.channel_id as string)
	)
		return 'channel';
	if (f.customerId && has('customer_id') && data.customer_id !== f.customerId) return 'customer';
	return null;
}

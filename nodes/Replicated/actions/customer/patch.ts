import type { IDataObject } from 'n8n-workflow';

import { type ApiCustomer, defaultChannelOf } from '../../schemas/customer';
import { type LicenseType, toApiLicenseType } from '../../schemas/license-type';
import type { EntitlementInput } from '../validate';

/** What a user asked to change; anything left undefined is not sent (PATCH updates only sent fields). */
export interface CustomerChanges {
	name?: string;
	email?: string;
	customId?: string;
	licenseType?: LicenseType;
	/** RFC 3339; null makes the license perpetual (`remove_expires_at`). */
	expiresAt?: string | null;
	/** Make this channel the customer's default (added if missing, the previous default removed). */
	channelId?: string;
	setEntitlements?: EntitlementInput[];
	removeEntitlements?: string[];
	installOptions?: Record<string, boolean>;
}

/** Builds the body of `PATCH /v3/customer/{id}` (API.md §1.6). Never PUT: PUT resets omitted fields. */
export function patchBody(changes: CustomerChanges, current?: ApiCustomer): IDataObject {
	const body: IDataObject = {};
	if (changes.name !== undefined) body.name = changes.name;
	if (changes.email !== undefined) body.email = changes.email;
	if (changes.customId !== undefined) body.custom_id = changes.customId;
	if (changes.licenseType !== undefined) body.type = toApiLicenseType(changes.licenseType);
	if (changes.expiresAt === null) body.remove_expires_at = true;
	else if (changes.expiresAt !== undefined) body.expires_at = changes.expiresAt;
	if (changes.channelId) {
		// The move replaces the customer's default channel; other channels of a multi-channel
		// license stay. `isDefault` on a customer's channel is the app's default, not the customer's.
		const previous = current ? defaultChannelOf(current.channels) : null;
		if (previous?.id !== changes.channelId) {
			body.add_channels = [{ channel_id: changes.channelId, is_default_for_customer: true }];
			if (previous) body.remove_channels = [previous.id];
		}
	}
	if (changes.setEntitlements?.length)
		body.add_entitlements = changes.setEntitlements.map(({ name, value }) => ({ name, value }));
	if (changes.removeEntitlements?.length) body.remove_entitlements = changes.removeEntitlements;
	Object.assign(body, changes.installOptions ?? {});
	return body;
}

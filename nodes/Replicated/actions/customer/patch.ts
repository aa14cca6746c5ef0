import { type IDataObject, type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { type ApiCustomer, defaultChannelOf } from '../../schemas/customer';
import { type LicenseType, toApiLicenseType } from '../../schemas/license-type';
import type { EntitlementInput } from '../validate';
import { CREATE_ONLY_OPTIONS } from './fields';

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

/**
 * The create-only install options (CREATE_ONLY_OPTIONS) a change asks to set to something other
 * than the customer has: PATCH cannot do it, so the change is refused rather than half applied.
 */
function createOnlyConflicts(changes: CustomerChanges, current?: ApiCustomer): string[] {
	return Object.entries(changes.installOptions ?? {})
		.filter(([field]) => field in CREATE_ONLY_OPTIONS)
		.filter(
			([field, on]) =>
				((current as Record<string, unknown> | undefined)?.[CREATE_ONLY_OPTIONS[field]] ??
					false) !== on,
		)
		.map(([field]) => field);
}

/**
 * Builds the body of SPEC patchCustomer (API.md §1.6). Never PUT: PUT resets omitted fields.
 * A create-only install option is not sent (PATCH lacks it): one that already has the wanted value
 * needs nothing; one that does not stops the item, naming it.
 */
export function patchBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	changes: CustomerChanges,
	current?: ApiCustomer,
): IDataObject {
	const [conflict] = createOnlyConflicts(changes, current);
	if (conflict)
		throw new NodeOperationError(
			ctx.getNode(),
			`Install option ${conflict} can only be set when the customer is created: Replicated's update (PATCH or PUT) does not take it`,
			{
				itemIndex,
				description: `${current?.name ?? 'The customer'} has it ${changes.installOptions?.[conflict] ? 'off' : 'on'}. Change it in the Vendor Portal, or leave it out of this change (or of the products' install options).`,
			},
		);
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
	for (const [field, on] of Object.entries(changes.installOptions ?? {}))
		if (!(field in CREATE_ONLY_OPTIONS)) body[field] = on;
	return body;
}

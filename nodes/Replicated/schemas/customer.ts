import { z } from 'zod/v4';

import { looseScalar, nullable, type Scalar, scalarSchema } from './common';
import { dict, keyedBy } from './keyed';
import { withoutLicenseIds } from './license-id';
import { normalizeLicenseType } from './license-type';

/** SPEC `EntitlementValue`. */
export const entitlementValueSchema = z.looseObject({
	name: z.string(),
	value: nullable(z.string()),
	isDefault: nullable(z.boolean()),
});

/** SPEC `CustomerChannelWithDetail` (the fields a flow needs; the rest passes through). */
export const customerChannelSchema = z.looseObject({
	id: z.string(),
	name: nullable(z.string()),
	appId: nullable(z.string()),
	appSlug: nullable(z.string()),
	channelSlug: nullable(z.string()),
	/** The channel's own flag: the app's default channel, not the customer's. */
	isDefault: nullable(z.boolean()),
	is_default_for_customer: nullable(z.boolean()),
});
type CustomerChannel = z.infer<typeof customerChannelSchema>;

/**
 * The customer's default channel: the one flagged `is_default_for_customer` (the flag create and
 * PATCH write; API.md Corrections 3), else the first, as the CLI's `customer inspect` takes it.
 */
export function defaultChannelOf<T extends CustomerChannel>(channels: T[]): T | null {
	return channels.find((c) => c.is_default_for_customer === true) ?? channels[0] ?? null;
}

const epAccessMilestone = z.looseObject({
	access_granted_at: nullable(z.string()),
	access_method: nullable(z.string()),
});
const epPullMilestone = z.looseObject({
	first_pulled_at: nullable(z.string()),
	asset_type: nullable(z.string()),
	asset_version: nullable(z.string()),
});

/** SPEC `EnterprisePortalInfo` (snake_case, unlike the rest of Customer). Map keys are license types. */
export const enterprisePortalSchema = z.looseObject({
	enabled: nullable(z.boolean()),
	access_granted_at: nullable(z.string()),
	access_granted_by: nullable(z.string()),
	access_method: nullable(z.string()),
	access_milestones: nullable(keyedBy(epAccessMilestone)),
	first_invite_sent_at: nullable(z.string()),
	first_software_pulled_at: nullable(z.string()),
	first_software_pulled_asset_type: nullable(z.string()),
	first_software_pulled_asset_version: nullable(z.string()),
	last_software_pulled_at: nullable(z.string()),
	last_software_pulled_asset_type: nullable(z.string()),
	last_software_pulled_asset_version: nullable(z.string()),
	software_pull_milestones: nullable(keyedBy(epPullMilestone)),
	total_active_users: nullable(z.number()),
});
export type EnterprisePortal = z.infer<typeof enterprisePortalSchema>;

/** SPEC `Customer` / `ESCustomer` (search results share the shape). Unknown fields pass through. */
export const customerSchema = z.looseObject({
	id: z.string(),
	name: z.string(),
	email: nullable(z.string()),
	customId: nullable(z.string()),
	type: nullable(z.string()),
	teamId: nullable(z.string()),
	createdAt: nullable(z.string()),
	updatedAt: nullable(z.string()),
	expiresAt: nullable(z.string()),
	isArchived: nullable(z.boolean()),
	installationId: nullable(z.string()),
	isEnterprisePortalEnabled: nullable(z.boolean()),
	channels: z
		.array(customerChannelSchema)
		.nullish()
		.transform((v) => v ?? []),
	entitlements: z
		.array(entitlementValueSchema)
		.nullish()
		.transform((v) => v ?? []),
	enterprise_portal: nullable(enterprisePortalSchema),
});
export type ApiCustomer = z.infer<typeof customerSchema>;

export const customerEnvelopeSchema = z.looseObject({ customer: customerSchema });

/**
 * The customer item our node emits: Replicated's object plus the fields a CRM mapping needs
 * directly — `customId` (the join key) first, `licenseType` with paid/prod unified, the app and
 * default channel, and entitlements as a name → value map typed as in export rows. Replicated's
 * own names for the same facts (`type`, `installationId`, the `entitlements` array) are left out,
 * so that every fact has one name.
 */
export const customerItemSchema = z.looseObject({
	customId: z.string().nullable(),
	id: z.string(),
	name: z.string(),
	email: z.string().nullable(),
	licenseType: z.string().nullable(),
	expiresAt: z.string().nullable(),
	isArchived: z.boolean(),
	/** Only with Include License ID: the customer's registry password and download token. */
	licenseId: z.string().nullable().optional(),
	appId: z.string().nullable(),
	channel: z
		.object({ id: z.string(), name: z.string().nullable(), slug: z.string().nullable() })
		.nullable(),
	entitlements: keyedBy(scalarSchema),
	teamId: z.string().nullable(),
	createdAt: z.string().nullable(),
	updatedAt: z.string().nullable(),
	channels: z.array(customerChannelSchema),
	enterprise_portal: enterprisePortalSchema.nullable(),
});
export type CustomerItem = z.infer<typeof customerItemSchema>;

/** License field values by name, typed the same way in every output (see `looseScalar`). */
export function entitlementMap(
	entitlements: Array<{ name: string; value: string | null }>,
): Record<string, Scalar> {
	return dict(entitlements.map((e) => [e.name, looseScalar(e.value)]));
}

/**
 * The item for one customer. The license ID (SPEC `installationId`, and each embedded instance's
 * `licenseId`) is the customer's registry password and download token: every node, log and CRM
 * field that copies the item would copy it too, so it is there only when asked for.
 */
export function customerItem(customer: ApiCustomer, withLicenseId = false): CustomerItem {
	const {
		customId,
		id,
		name,
		email,
		expiresAt,
		isArchived,
		type,
		installationId,
		entitlements,
		...rest
	} = customer;
	const channel = defaultChannelOf(customer.channels);
	return {
		customId: customId || null,
		id,
		name,
		email: email || null,
		licenseType: normalizeLicenseType(type),
		expiresAt,
		isArchived: isArchived ?? false,
		...(withLicenseId ? { licenseId: installationId } : {}),
		appId: channel?.appId ?? null,
		channel: channel ? { id: channel.id, name: channel.name, slug: channel.channelSlug } : null,
		entitlements: entitlementMap(entitlements),
		...(withLicenseId ? rest : withoutLicenseIds(rest)),
	};
}

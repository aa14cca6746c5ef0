import { z } from 'zod/v4';

/** CRM fields arrive as text ("3", "true", ""): read them as the numbers and flags they mean. */
const flag = z.preprocess((v) => {
	if (typeof v === 'string') {
		const t = v.trim().toLowerCase();
		if (t === '') return undefined;
		if (['true', 'yes', '1', 'on'].includes(t)) return true;
		if (['false', 'no', '0', 'off'].includes(t)) return false;
	}
	return v === null ? undefined : v;
}, z.boolean().optional());

const count = (what: string) =>
	z.preprocess(
		(v) =>
			typeof v === 'string' && v.trim() !== '' ? Number(v) : v === null || v === '' ? undefined : v,
		z
			.number({ error: `${what} must be a number` })
			.positive(`${what} must be above 0`)
			.optional(),
	);

const text = z.preprocess(
	(v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
	z.string().trim().optional(),
);

/**
 * One line item of a won deal or activated order, with its product's Replicated fields, in the
 * shape every CRM's flow brings it to (docs/product-mapping.md). Unknown fields are ignored, so a
 * flow may pass the CRM's line item as it is beside these.
 */
export const productLineSchema = z.looseObject({
	product: z.string({ error: 'product (the product name or code) is required' }).trim().min(1),
	quantity: count('quantity').transform((v) => v ?? 1),
	isAddOn: flag.transform((v) => v ?? false),
	/** Replicated app ID or slug (base products). */
	app: text,
	/** Release channel ID or name (base products; empty: the app's default channel). */
	channel: text,
	licenseType: text,
	/** Contract term, used when the deal gives no end date. */
	termMonths: count('termMonths'),
	/** SPEC create-body install options (is_airgap_enabled …) this product turns on or off. */
	installOptions: z
		.record(z.string(), flag)
		.nullish()
		.transform((v) => v ?? {}),
	entitlements: z
		.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).nullable())
		.nullish()
		.transform((v) => v ?? {}),
	/** Base products sold by the unit (seats): the license field that takes the quantity. */
	quantityEntitlement: text,
});
export type ProductLine = z.infer<typeof productLineSchema>;

/** The license the products buy, as the mapping reads it from the line items. */
export const licenseTermsSchema = z.object({
	app: z.string(),
	channel: z.string().nullable(),
	licenseType: z.string(),
	expiresAt: z.string().nullable(),
	installOptions: z.record(z.string(), z.boolean()),
	entitlements: z.record(z.string(), z.string()),
	baseProduct: z.string(),
	addOns: z.array(z.object({ product: z.string(), quantity: z.number() })),
});
export type LicenseTerms = z.infer<typeof licenseTermsSchema>;

/** License → Map Products' item: the terms, with the app and channel resolved to Replicated's IDs. */
export const licenseTermsItemSchema = licenseTermsSchema.extend({
	app: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
	channel: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type LicenseTermsItem = z.infer<typeof licenseTermsItemSchema>;

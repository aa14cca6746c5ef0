/**
 * Products on a deal → the license they buy (docs/product-mapping.md), after Replicated's reference
 * Salesforce fulfillment: one base product names the app, channel and term; add-ons add to it.
 * Pure: no n8n, no HTTP. Throws MappingError with the line and field at fault.
 */
import type { LicenseTerms, ProductLine } from '../schemas/product-line';

export class MappingError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
	}
}

export interface MappingInput {
	lines: ProductLine[];
	/** YYYY-MM-DD or ISO: the contract's end, the license expiry when given. */
	contractEnd?: string;
	/** The contract's start (or the deal's close date): with the base product's term when no end. */
	contractStart?: string;
	defaultLicenseType: string;
	/** Install option fields Replicated accepts (SPEC create body). */
	installOptionFields: readonly string[];
}

const isNumeric = (v: string) => /^-?\d+(\.\d+)?$/.test(v.trim());
const asText = (v: string | number | boolean | null) => (v === null ? '' : String(v));

function day(value: string, field: string): Date {
	const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
	if (Number.isNaN(date.getTime()))
		throw new MappingError(`${field} "${value}" is not a date`, 'Use YYYY-MM-DD or an ISO date.');
	return date;
}

/** The reference implementation's rule: the term ends on the last day of its final month. */
function endOfTerm(start: Date, months: number): string {
	const last = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months + 1, 0));
	return last.toISOString().slice(0, 10);
}

function expiry(input: MappingInput, base: ProductLine): string | null {
	if (input.contractEnd) return day(input.contractEnd, 'Contract End').toISOString().slice(0, 10);
	if (base.termMonths && input.contractStart)
		return endOfTerm(day(input.contractStart, 'Contract Start'), base.termMonths);
	return null;
}

/**
 * The base product's values as they are, its quantity into `quantityEntitlement` when it names
 * one (seats sold as the quantity); each add-on's numeric values per unit (× its quantity), added
 * to the base's. Text and true/false values are taken as they are, an add-on's over the base's.
 */
function entitlements(base: ProductLine, addOns: ProductLine[]): Record<string, string> {
	const out = new Map<string, string>();
	for (const [name, raw] of Object.entries(base.entitlements)) out.set(name, asText(raw));
	if (base.quantityEntitlement) out.set(base.quantityEntitlement, String(base.quantity));
	for (const line of addOns) {
		for (const [name, raw] of Object.entries(line.entitlements)) {
			const value = asText(raw);
			const before = out.get(name);
			if (isNumeric(value)) {
				const sum =
					(before !== undefined && isNumeric(before) ? Number(before) : 0) +
					Number(value) * line.quantity;
				out.set(name, String(Math.round(sum * 1e6) / 1e6));
			} else {
				out.set(name, value);
			}
		}
	}
	return Object.fromEntries(out);
}

export function licenseFromProducts(input: MappingInput): LicenseTerms {
	const bases = input.lines.filter((l) => !l.isAddOn);
	if (bases.length !== 1) {
		const names = bases.map((l) => l.product).join(', ');
		throw new MappingError(
			bases.length
				? `${bases.length} base products on the deal (${names}): one license has one base product`
				: `No base product among ${input.lines.length} line item(s): only add-ons`,
			'Mark every product but the application itself as an add-on (isAddOn), or split the deal.',
		);
	}
	const [base] = bases;
	if (!base.app) {
		throw new MappingError(
			`The base product "${base.product}" names no Replicated app`,
			"Fill in the product's Replicated application (app ID or slug) in the CRM.",
		);
	}
	const addOns = input.lines.filter((l) => l.isAddOn);
	const installOptions: Record<string, boolean> = {};
	for (const line of [base, ...addOns]) {
		for (const [field, on] of Object.entries(line.installOptions)) {
			if (!input.installOptionFields.includes(field)) {
				throw new MappingError(
					`"${line.product}": install option "${field}" is not one Replicated knows`,
					`Use one of: ${input.installOptionFields.join(', ')}.`,
				);
			}
			// An option any product turns on stays on: an air gap add-on enables air gap.
			if (on !== undefined) installOptions[field] = (installOptions[field] ?? false) || on;
		}
	}
	return {
		app: base.app,
		channel: base.channel ?? null,
		licenseType: base.licenseType ?? input.defaultLicenseType,
		expiresAt: expiry(input, base),
		installOptions,
		entitlements: entitlements(base, addOns),
		baseProduct: base.product,
		addOns: addOns.map((l) => ({ product: l.product, quantity: l.quantity })),
	};
}

import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { LICENSE_TYPES, type LicenseType } from '../schemas/license-type';

/** Fails before any HTTP call, naming the field the user must fix. */
export function invalid(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field}: ${problem}`, {
		itemIndex,
		description: fix,
	});
}

export function requireText(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const text =
		typeof value === 'string'
			? value.trim()
			: value === undefined || value === null
				? ''
				: String(value).trim();
	if (!text) throw invalid(ctx, itemIndex, field, 'is empty', `Enter a ${field.toLowerCase()}.`);
	return text;
}

export function licenseType(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field = 'License Type',
): LicenseType {
	const normalized = String(value ?? '')
		.trim()
		.toLowerCase();
	const type = normalized === 'prod' ? 'paid' : normalized;
	if (!(LICENSE_TYPES as readonly string[]).includes(type)) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			`"${String(value)}" is not a license type`,
			`Use one of: ${LICENSE_TYPES.join(', ')}.`,
		);
	}
	return type as LicenseType;
}

/**
 * A date from a Date & Time field or an expression, as RFC 3339 UTC (what the official CLI sends).
 * A date without a time means the start of that day, UTC.
 */
export function expiryDate(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field = 'Expires At',
): string {
	const text = String(value ?? '').trim();
	const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
	if (!text || Number.isNaN(date.getTime())) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			`"${text}" is not a date`,
			'Use an ISO date such as 2027-06-30 or 2027-06-30T00:00:00Z.',
		);
	}
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Test licenses may last at most 48 hours (the official CLI refuses longer ones). */
export function checkTestLicenseExpiry(
	ctx: IExecuteFunctions,
	itemIndex: number,
	type: LicenseType,
	expiresAt: string | null,
): void {
	// The CLI's rule (cli/cmd/customer_create.go, customer_update.go): an expiry, when set, no more
	// than 48 hours away; a test license without one is accepted.
	if (type !== 'test' || !expiresAt) return;
	if (Date.parse(expiresAt) - Date.now() > 48 * 3_600_000) {
		throw invalid(
			ctx,
			itemIndex,
			'Expires At',
			'a Test license may expire at most 48 hours from now',
			'Set an expiry within 48 hours, leave it empty, or choose another license type.',
		);
	}
}

export interface EntitlementInput {
	name: string;
	value: string;
}

/** The rows of an "Entitlement Values" collection, checked and with every value as text. */
export function entitlementValues(
	ctx: IExecuteFunctions,
	itemIndex: number,
	collection: unknown,
	field = 'Entitlement Values',
): EntitlementInput[] {
	const rows =
		(collection as { values?: Array<{ name?: unknown; value?: unknown }> })?.values ?? [];
	return rows.map((row, i) => {
		const name = String(row.name ?? '').trim();
		if (!name)
			throw invalid(
				ctx,
				itemIndex,
				`${field} #${i + 1}`,
				'has no field name',
				'Choose the license field the value is for.',
			);
		const value = row.value;
		if (value !== null && typeof value === 'object') {
			throw invalid(
				ctx,
				itemIndex,
				`${field} "${name}"`,
				'is not a single value',
				'Entitlement values are text, numbers or true/false.',
			);
		}
		return { name, value: value === undefined || value === null ? '' : String(value) };
	});
}

/** The app of a customer, which the API only shows through the customer's channels. */
export function customerAppId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	customer: { appId: string | null },
): string {
	if (!customer.appId) {
		throw invalid(
			ctx,
			itemIndex,
			'Customer',
			'has no channel, so its app is unknown',
			'Assign the customer to a channel in the Vendor Portal.',
		);
	}
	return customer.appId;
}

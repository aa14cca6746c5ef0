import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { licenseTermsItemSchema } from '../../schemas/product-line';
import { type EntitlementInput, invalid } from '../validate';

const termsSchema = licenseTermsItemSchema.pick({ entitlements: true, installOptions: true });

/** Where Create and Convert take a License → Map Products item: its entitlements and install options. */
export function productTermsField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'License Terms From Products',
		name: 'productTerms',
		type: 'json',
		default: '',
		description:
			'The whole item of License → Map Products, as an expression: its entitlements and install options are set too. Entitlements and install options given above win over it.',
		displayOptions: { show },
	};
}

export interface ProductTerms {
	entitlements: EntitlementInput[];
	installOptions: Record<string, boolean>;
}

export function productTerms(ctx: IExecuteFunctions, itemIndex: number): ProductTerms {
	let value: unknown = ctx.getNodeParameter('productTerms', itemIndex, '');
	if (value === '' || value === null || value === undefined)
		return { entitlements: [], installOptions: {} };
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			throw invalid(
				ctx,
				itemIndex,
				'License Terms From Products',
				'is not valid JSON',
				'Map the item of License → Map Products, e.g. {{ $json }}.',
			);
		}
	}
	const parsed = termsSchema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw invalid(
			ctx,
			itemIndex,
			`License Terms From Products "${issue.path.join('.')}"`,
			issue.message,
			'Map the item of License → Map Products, e.g. {{ $json }}.',
		);
	}
	return {
		entitlements: Object.entries(parsed.data.entitlements).map(([name, v]) => ({ name, value: v })),
		installOptions: parsed.data.installOptions,
	};
}

/** Entitlements given on the panel win over the products' for the same field. */
export function withProductEntitlements(
	terms: ProductTerms,
	given: EntitlementInput[],
): EntitlementInput[] {
	const names = new Set(given.map((e) => e.name));
	return [...terms.entitlements.filter((e) => !names.has(e.name)), ...given];
}

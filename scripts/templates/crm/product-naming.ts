import type { ProductFieldKey } from './product-fields';

/** How one CRM names the product fields. */
export interface ProductNaming {
	/** The field's name in the CRM. */
	name: (field: ProductFieldKey) => string;
	/** The type the entitlements JSON is created with there. */
	entitlementsType: string;
	/** Whether the catalogue's mapping table gives every field's type beside its name, or only the entitlements'. */
	typedInCatalogue: boolean;
}

/** A naming from a table of names. */
export const namedBy = (
	names: Record<ProductFieldKey, string>,
	entitlementsType: string,
	typedInCatalogue: boolean,
): ProductNaming => ({ name: (field) => names[field], entitlementsType, typedInCatalogue });

import { printable } from '../../fulfillment/text';
import type { CustomerItem } from '../../schemas/customer';

/** At most this many customers are named; the count covers all. */
const NAMED = 3;

/**
 * The note for customers without a Custom ID, or null when each has one: the CRM flows find a
 * customer's CRM record by it (and Create finds an existing customer by it), so such a customer is
 * one they cannot match.
 */
export function withoutCustomIdHint(
	customers: Array<Pick<CustomerItem, 'customId' | 'id' | 'name'>>,
): string | null {
	const missing = customers.filter((c) => !c.customId);
	if (!missing.length) return null;
	const named = missing
		.slice(0, NAMED)
		.map((c) => `${printable(c.name, 60)} (${c.id})`)
		.join(', ');
	const more = missing.length > NAMED ? ` and ${missing.length - NAMED} more` : '';
	const subject =
		customers.length === 1
			? 'This customer has no Custom ID'
			: `${missing.length} of ${customers.length} customers have no Custom ID: ${named}${more}`;
	return `${subject}. The CRM flows find a customer's CRM record by its Custom ID. Set it to the CRM record's ID with Customer → Update (Update Fields → Custom ID).`;
}

// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Expansion Candidates (<crm>/monthly-expansion-scan, Run Once for All Items): the customers
 * with expansion signals linked to a CRM account.
 */
function expansionCandidates() {
	// Customers with expansion signals, linked to __ACCOUNT__.
	return $input.all()
	  .map((i) => i.json)
	  .filter((c) => c.customId && c.expansionSignals?.length)
	  .map((c) => ({ json: { accountId: c.customId, customerName: c.customerName, signals: c.expansionSignals } }));
}

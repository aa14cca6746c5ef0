// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * At Risk Accounts (<crm>/weekly-risk-digest, Run Once for All Items): the at-risk customers
 * linked to a CRM account.
 */
function atRiskAccounts() {
	// At-risk customers linked to __ACCOUNT__ (their Custom ID).
	return $input.all()
	  .map((i) => i.json)
	  .filter((c) => c.riskLevel === 'at risk' && c.customId)
	  .map((c) => ({ json: { accountId: c.customId, customerName: c.customerName, reasons: c.reasons } }));
}

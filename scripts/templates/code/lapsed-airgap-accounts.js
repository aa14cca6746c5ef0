// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Lapsed Air-Gap Accounts (<crm>/airgap-bundle-lapsed, Run Once for All Items): the air-gap
 * finding of each customer linked to a CRM account.
 */
function lapsedAirgapAccounts() {
	// The air-gap finding of each customer linked to __ACCOUNT__, one per customer.
	return $input.all()
	  .map((i) => i.json)
	  .filter((c) => c.customId)
	  .flatMap((c) => /** @type {Array<{ code: string, message: string, instanceId: string }>} */ (c.findings ?? []).filter((f) => f.code === 'airgap_report_lapsed').slice(0, 1)
	    .map((f) => ({ json: { accountId: c.customId, customerName: c.customerName, message: f.message, instanceId: f.instanceId } })));
}

// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Digest (<crm>/weekly-risk-digest, Run Once for All Items): the week's at-risk and watch lists
 * as one email's subject, text and HTML.
 */
function riskDigest() {
	// One email for the week: at risk first, each with its reasons, then the watch list;
	// its HTML part the dashboard's summary chart above the same lists.
	const scored = $('Score Customers').all().map((i) => i.json).filter((c) => c.customerId);
	const atRisk = scored.filter((c) => c.riskLevel === 'at risk');
	const watch = scored.filter((c) => c.riskLevel === 'watch');
	const entry = (/** @type {{ customerName: string, customId: string, reasons: string[] }} */ c) => [`- ${c.customerName} (${c.customId || 'no CRM ID'})`, ...c.reasons.map((r) => `    - ${r}`)].join('\n');
	const text = [
	  `At risk (${atRisk.length})`, ...(atRisk.length ? atRisk.map(entry) : ['- none']), '',
	  `Watch (${watch.length})`, ...(watch.length ? watch.map(entry) : ['- none']),
	].join('\n');
	return [{ json: { subject: `Customer health: ${atRisk.length} at risk, ${watch.length} to watch`, text, html: $input.first().json.summaryHtml, atRisk: atRisk.length, watch: watch.length } }];
}

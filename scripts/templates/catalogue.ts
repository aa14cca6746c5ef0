import { ENTITLEMENTS_FIELD, INSTALL_OPTION_FIELDS, PRODUCT_FIELDS } from './crm/product-fields';
import type { Template } from './kit';

const CRM_TITLES: Record<Template['crm'], string> = {
	salesforce: 'Salesforce',
	hubspot: 'HubSpot',
	attio: 'Attio',
	health: 'Health routing without a CRM',
};

function triggerOf(t: Template): string {
	const ours = t.workflow.nodes.find((n) => n.type === 'n8n-nodes-replicated.replicatedTrigger');
	if (ours) return (ours.parameters.events as string[]).map((e) => `\`${e}\``).join(', ');
	const other = t.workflow.nodes.find(
		(n) => /trigger|webhook/i.test(n.type) && n.type !== 'n8n-nodes-base.stickyNote',
	);
	return other ? other.name : 'manual';
}

function credentialsOf(t: Template): string {
	const names = new Set<string>();
	for (const n of t.workflow.nodes)
		for (const c of Object.values(n.credentials ?? {})) names.add(c.name);
	return [...names].join(', ');
}

/** The catalogue README, generated from the templates so it cannot drift from them. */
export function catalogue(templates: Template[]): string {
	const lines = [
		'# Workflow templates',
		'',
		'Importable n8n workflows that wire the Replicated nodes to Salesforce, HubSpot and Attio, and',
		'route customer health to the CRM, Slack, email and a PostgreSQL warehouse.',
		'Import one (editor: **Import from File**, or `n8n import:workflow --input=<file>`), pick the',
		'credentials it names, create the CRM fields it lists, and activate it. n8n picks a credential by',
		'the name a template gives when you have one of that type and name (a new Replicated credential is',
		'named "Replicated account", as the templates expect); otherwise it asks you to choose.',
		'`npm start` imports all of them into the local n8n the first time it starts, with a "Replicated',
		'account" credential pointed at the local emulator: their Replicated nodes open ready to run.',
		'',
		'Every template is executed end to end in CI against a real n8n, the Replicated API emulator and',
		'fakes of the CRM APIs and of Slack, a loopback SMTP sink and a real PostgreSQL',
		'(`test/e2e/templates-*.test.ts`). Generated from `scripts/templates/`',
		'(`npm run templates`); edit those, not the JSON. The pictures are screenshots of each template in',
		'the pinned n8n editor, taken by `npm run templates:pictures` (headless Chromium from Debian).',
		'',
	];
	for (const crm of ['salesforce', 'hubspot', 'attio', 'health'] as const) {
		const group = templates.filter((t) => t.crm === crm);
		if (!group.length) continue;
		lines.push(`## ${CRM_TITLES[crm]}`, '');
		lines.push('| Template | Trigger | What it writes where | Credentials | Create first |');
		lines.push('|---|---|---|---|---|');
		for (const t of group)
			lines.push(
				`| [${t.slug}](${crm}/${t.slug}.json) | ${triggerOf(t)} | ${t.summary} | ${credentialsOf(t)} | ${t.prerequisites.join('; ') || '—'} |`,
			);
		lines.push('');
		for (const t of group)
			lines.push(`### ${t.workflow.name}`, '', `![${t.workflow.name}](${crm}/${t.slug}.png)`, '');
	}
	lines.push(...FULFILLMENT_MAPPING);
	lines.push(...SALESFORCE_CONVERT_LEAD);
	return `${lines.join('\n')}`;
}

/** The product fields the fulfillment templates read, generated from the names they use. */
const FULFILLMENT_MAPPING = [
	'## Fulfillment: products → license',
	'',
	"The *fulfill-license* templates read the license terms from the CRM's products, as Replicated's",
	'reference Salesforce fulfillment (`crdant/replicated-salesforce-fulfillment`) does. Each order',
	'(an activated Salesforce Order, a HubSpot or Attio Deal at the stage set in **Config**) has',
	'exactly one **base** product, which names the app, channel, license type and term; the other',
	'lines are **add-ons**, whose license field values count per unit and are added to the base',
	"product's (base `seats: 100`, 2 × a User Pack of `seats: 25`: 150 seats), and whose install",
	"options turn the option on. The order's end date is the license expiry; without one, the term",
	'counts from the order start (Salesforce), the close date (HubSpot) or the day of fulfilment',
	'(Attio). The full rules: [docs/product-mapping.md](../docs/product-mapping.md).',
	'',
	'| Field | Salesforce (Product2) | HubSpot (product property) and Attio (`products` attribute) | Meaning |',
	'|---|---|---|---|',
	...PRODUCT_FIELDS.map(
		(f) => `| ${f.line} | \`${f.salesforce}\` (${f.type}) | \`${f.property}\` | ${f.what} |`,
	),
	`| entitlements | \`${ENTITLEMENTS_FIELD.salesforce}\` (Long Text Area) | \`${ENTITLEMENTS_FIELD.property}\` (Text) | license field values per unit, as JSON: \`{"seats": 25, "tier": "premium"}\` |`,
	...INSTALL_OPTION_FIELDS.map(
		(f) =>
			`| install option \`${f.option}\` | \`${f.salesforce}\` (Checkbox) | \`${f.property}\` | true turns it on |`,
	),
	'',
	'What each order is made of, and where the outcome goes:',
	'',
	'| CRM | Line items | Contact emailed | Files attached to | Written back |',
	'|---|---|---|---|---|',
	"| Salesforce | the Order's products (OrderItem: Product2, Quantity) | the Order's Ship To contact | the Order (Files) | Order `Replicated_Customer_Id__c`, `Replicated_License_State__c`, `Replicated_Fulfilled_At__c`, or `Replicated_Fulfillment_Error__c` |",
	"| HubSpot | the Deal's line items (product, quantity) | the Deal's first contact with an email | the Deal (a note with both files, uploaded as private files) | Deal `replicated_customer_id`, `replicated_license_state`, `replicated_fulfilled_at`, or `replicated_fulfillment_error` |",
	"| Attio | `line_items` records whose `deal` is the Deal (`product`, `quantity`) | the Deal's first associated person with an email | the Deal's files | Deal `replicated_customer_id`, `replicated_license_state`, `replicated_fulfilled_at`, or `replicated_fulfillment_error` |",
	'',
	'A record with a fulfillment error is left alone until the field is cleared; one marked fulfilled',
	'is never sent anything again.',
	'',
];

/**
 * Salesforce's REST API has no lead-conversion endpoint; conversion is `Database.convertLead` in
 * Apex (or SOAP `convertLead()`). This invocable class exposes it at Salesforce's documented custom
 * invocable actions endpoint, which the join template calls with the Salesforce credential.
 */
const SALESFORCE_CONVERT_LEAD = [
	'## Salesforce: the `ConvertLead` invocable action',
	'',
	'Salesforce converts leads only through Apex (`Database.convertLead`) or the SOAP API',
	'(`convertLead()`); its REST API has no endpoint for it. The *new customer → Account* template calls',
	"this invocable Apex class through REST's custom invocable actions endpoint",
	'(`POST /services/data/v59.0/actions/custom/apex/ConvertLead`, body `{"inputs": [...]}`), with the',
	'same Salesforce credential. Deploy it (Setup → Apex Classes → New, plus a test class for production',
	'orgs) and give the integration user the *Convert Leads* permission. `convertedStatus` must be one of',
	"your org's converted Lead Status values (`Closed - Converted` by default).",
	'',
	'```apex',
	'public with sharing class ConvertLead {',
	'    public class Request {',
	'        @InvocableVariable(required=true) public Id leadId;',
	'        @InvocableVariable public String convertedStatus;',
	'        @InvocableVariable public Boolean createOpportunity;',
	'        @InvocableVariable public String opportunityName;',
	'    }',
	'    public class Result {',
	'        @InvocableVariable public Id accountId;',
	'        @InvocableVariable public Id contactId;',
	'        @InvocableVariable public Id opportunityId;',
	'    }',
	"    @InvocableMethod(label='Convert Lead')",
	'    public static List<Result> convert(List<Request> requests) {',
	'        List<Result> results = new List<Result>();',
	'        for (Request r : requests) {',
	'            Database.LeadConvert lc = new Database.LeadConvert();',
	'            lc.setLeadId(r.leadId);',
	'            lc.setConvertedStatus(r.convertedStatus);',
	'            lc.setDoNotCreateOpportunity(r.createOpportunity == false);',
	'            if (r.opportunityName != null) lc.setOpportunityName(r.opportunityName);',
	'            Database.LeadConvertResult converted = Database.convertLead(lc);',
	'            Result result = new Result();',
	'            result.accountId = converted.getAccountId();',
	'            result.contactId = converted.getContactId();',
	'            result.opportunityId = converted.getOpportunityId();',
	'            results.add(result);',
	'        }',
	'        return results;',
	'    }',
	'}',
	'```',
	'',
	'Salesforce answers one result per input: `[{"actionName": "ConvertLead", "isSuccess": true,',
	'"errors": null, "outputValues": {"accountId": ..., "contactId": ..., "opportunityId": ...}}]`; the',
	'template stops with the errors when `isSuccess` is false. (The response shape is the documented one',
	'for custom invocable actions; the test fake answers exactly that.)',
	'',
];

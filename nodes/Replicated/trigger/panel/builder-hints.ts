import type { IBuilderHint } from 'n8n-workflow';

/**
 * What n8n's AI workflow builder is told about the Replicated Trigger, every text in one place (how
 * n8n reads them: actions/builder-hints.ts).
 */
export const TRIGGER_BUILDER_HINT: IBuilderHint = {
	searchHint:
		"Starts a workflow when Replicated sends an event (customer created or updated, license expiring, Enterprise Portal invite and access, instance state, releases, support bundles). Put it first in the workflow. With Registration 'auto' (default) it creates its Replicated notification subscription when the workflow is published: no Vendor Portal steps and no secret to invent. Each item has event, occurredAt, customId (the CRM record ID, the key to find the CRM record; Enrich With Customer, on by default, reads it from Replicated when the event lacks it), customer, instance and data. Follow it with the CRM node to update the record, or with the Replicated node to read more.",
	relatedNodes: [
		{
			nodeType: 'n8n-nodes-replicated.replicated',
			relationHint:
				"Reads or changes the event's customer, license or instances: pass customer.id, or customId with the By Custom ID mode",
		},
		{
			nodeType: 'n8n-nodes-base.salesforce',
			relationHint: "Updates the Account whose ID is the item's customId",
		},
		{
			nodeType: 'n8n-nodes-base.hubspot',
			relationHint: "Updates the company whose ID is the item's customId",
		},
	],
};

/** By parameter name (`collection.option` for an option of a collection): where one goes wrong. */
export const TRIGGER_PARAMETER_BUILDER_HINTS: Record<string, string> = {
	events:
		"Event keys such as 'customer.created', 'customer.license_expiring', 'instance.inactive'; ['*'] is every event, including ones Replicated adds later. Pick only the events the workflow handles.",
	registration:
		"Keep 'auto': the trigger registers and removes its Replicated subscription itself. 'manual' needs a subscription made in the Vendor Portal and its secret in a Replicated Webhook API credential.",
	'options.enrichCustomer':
		"Keep it on when the workflow uses customId, email or the license: Replicated's event payload does not always carry them.",
};

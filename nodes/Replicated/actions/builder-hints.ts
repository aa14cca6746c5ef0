import type { IBuilderHint } from 'n8n-workflow';

/**
 * What n8n's AI workflow builder is told about the Replicated node, every text in one place. n8n
 * 2.41.1 shows `searchHint` and `relatedNodes` with the node in its node search (@n8n/ai-utilities
 * node-catalog/search.js formatNodeResult: `@builderHint`, `@relatedNodes`), and a parameter's hint
 * in the type definition it writes for the node (n8n mcp-registry/synthesize-type-def.js, through
 * @n8n/workflow-sdk generateNodeTypeFile: `@builderHint` above the parameter).
 */
export const NODE_BUILDER_HINT: IBuilderHint = {
	searchHint:
		"Replicated vendor platform: customers and their licenses, Enterprise Portal milestones, instances and the instance export, customer health scores. A customer's Custom ID is its CRM record ID (Salesforce Account ID, HubSpot company ID, Attio record ID), the key that joins Replicated and the CRM: set it on Create, and find a customer by it with the Customer picker's By Custom ID mode. To react to Replicated events, start the workflow with the Replicated Trigger instead.",
	relatedNodes: [
		{
			nodeType: 'n8n-nodes-replicated.replicatedTrigger',
			relationHint:
				'Starts the workflow on Replicated events; its items carry customer.id and customId for this node',
		},
		{
			nodeType: 'n8n-nodes-base.salesforce',
			relationHint: "The CRM side: the Account whose ID is the customer's Custom ID",
		},
		{
			nodeType: 'n8n-nodes-base.hubspot',
			relationHint: "The CRM side: the company whose ID is the customer's Custom ID",
		},
	],
};

/** By parameter name (`collection.option` for an option of a collection): where one goes wrong. */
export const PARAMETER_BUILDER_HINTS: Record<string, string> = {
	appId:
		"A resource locator: { __rl: true, mode: 'list', value: '' } leaves the choice to the user; with mode 'id' the value is the app's ID (App → Get Many lists them), not its name or slug.",
	customer:
		"A resource locator: mode 'customId' finds the customer by its Custom ID (the CRM record ID, e.g. from the CRM node's output); mode 'id' takes Replicated's customer ID (customer.id of a Replicated Trigger item).",
	customId:
		"The CRM record's ID (e.g. the Salesforce Account ID), never a name: Create then finds a customer that already has it instead of creating a second one (If Custom ID Exists).",
	'updateFields.customId':
		"The CRM record's ID (e.g. the Salesforce Account ID), never a name: the CRM flows join Replicated and the CRM on it.",
	returnAll:
		'Off by default: only Limit results (default 50) come back. Set true when the workflow needs every result, e.g. to sync all customers.',
	limit:
		'Only used while Return All is false; the node then notes in its output when it stopped at Limit.',
};

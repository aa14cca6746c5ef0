import type { Link, TemplateNode } from '../kit';

/** What a CRM step adds to a flow: its nodes, the node the flow connects to, and its own links. */
export interface Fragment {
	entry: string;
	nodes: TemplateNode[];
	links: Link[];
}

/** How one flow reads in a CRM: the catalogue line, what to set up there, and the sticky note. */
export interface FlowText {
	/** One line for the catalogue: what it writes where. */
	summary: string;
	/** What the user creates in the CRM before activating (fields, properties, attributes). */
	prerequisites: string[];
	workflowName: string;
	/** The sticky note's heading, what the flow does and how to configure it (before "Try it"). */
	about: string[];
	stickyHeight: number;
}

/**
 * A CRM as the flows use it. A flow (scripts/templates/flows/) says what happens; the adapter says
 * how its CRM does each step, in that CRM's nodes (Salesforce and HubSpot nodes, Attio through HTTP
 * Request), and how the flow reads there.
 */
export interface CrmAdapter {
	crm: 'salesforce' | 'hubspot' | 'attio';
	/** The tag its templates carry besides "Replicated". */
	tag: string;
	/**
	 * A trial signup becomes a lead: find the person by email and update it, or create it, from
	 * Map Signup Fields' item (email, firstName, lastName, company, title, companySize, useCase,
	 * description) placed at `column`.
	 */
	leadFromSignup: FlowText & { write: (column: number) => Fragment };
}

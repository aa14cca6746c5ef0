import { ifNode, isNotEmpty, type Link, noOp, type TemplateNode } from '../kit';

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
	/** The If node passing customers whose Custom ID is one of its records, and the stop for the others. */
	linkedName: string;
	notLinkedName: string;
	/**
	 * A customer's first instance is ready: an onboarding task for the account's owner with the
	 * install details, from the trigger's item, placed at `column`, `row`.
	 */
	onboardingTask: FlowText & { write: (column: number, row: number) => Fragment };
}

/** The trigger's item, from any node after it. */
export const TRIGGER = "$('Replicated Trigger').item.json";

const T = TRIGGER;
/** What an onboarding task says: the customer, and the instance's version, cloud and Kubernetes. */
export const ONBOARDING_SUBJECT = `=Onboard {{ ${T}.customer.name }}: first instance is running`;
export const INSTALL_DETAILS = `={{ ['Instance ' + ${T}.instance.id + (${T}.instance.appVersion ? ' is ready on ' + ${T}.instance.appVersion + ' of ' + (${T}.app.name || 'the app') + '.' : ' of ' + (${T}.app.name || 'the app') + ' is ready.'), ${T}.data.cloud_provider ? 'Cloud: ' + ${T}.data.cloud_provider : '', ${T}.data.k8s_distribution ? 'Kubernetes: ' + ${T}.data.k8s_distribution : '', 'License: ' + (${T}.customer.licenseType || 'unknown')].filter(Boolean).join('\\n') }}`;

/** Customers whose Custom ID is a record of the CRM go on (output 0); the others to `notLinked`. */
export const linked = (crm: CrmAdapter, position: [number, number]): TemplateNode =>
	ifNode(crm.linkedName, position, [{ left: `={{ ${TRIGGER}.customId }}`, operator: isNotEmpty }]);

export const notLinked = (crm: CrmAdapter, position: [number, number]): TemplateNode =>
	noOp(crm.notLinkedName, position);

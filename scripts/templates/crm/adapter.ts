import { at, ifNode, isNotEmpty, type Link, noOp, type Template, type TemplateNode } from '../kit';
import type { ProductNaming } from './product-naming';

/** What a CRM step adds to a flow: its nodes, the node the flow connects to, and its own links. */
export interface Fragment {
	entry: string;
	nodes: TemplateNode[];
	links: Link[];
}

/** A fragment the flow goes on from: after `exits`, at grid position `next`. */
export interface Step extends Fragment {
	exits: string[];
	next: [column: number, row: number];
}

/** Nodes in a row, each feeding the next: a step that goes on from the last, at `next`. */
export function chain(nodes: TemplateNode[], next: [number, number]): Step {
	return {
		entry: nodes[0].name,
		nodes,
		links: nodes.slice(1).map((node, i) => [nodes[i].name, node.name] as Link),
		exits: [nodes[nodes.length - 1].name],
		next,
	};
}

export type UserSet = NonNullable<Template['userSets']>[number];

/** How one flow reads in a CRM: the catalogue line, what to set up there, and the sticky note. */
export interface FlowText {
	/** One line for the catalogue: what it writes where. */
	summary: string;
	/** What the user creates in the CRM before activating (fields, properties, attributes). */
	prerequisites: string[];
	workflowName: string;
	/**
	 * The sticky note: heading, what the flow does and how to configure it. Event-driven flows
	 * append "Try it"; flows started by the CRM end with their own "Test it".
	 */
	about: string[];
}

/** Values the user sets once after importing (the org's URL, the deals' owner): a Set node placed
 * right after the trigger, which the flow's CRM nodes read. */
export interface Setup {
	node: (position: [number, number]) => TemplateNode;
	userSets: UserSet[];
}

/** The Replicated fields a CRM keeps the revenue-recognition dates in. */
export interface RevenueDateFields {
	provisioned: string;
	firstAccess: string;
	firstDownload: string;
	confirmedRunning: string;
}

/** A task for an account. Each field is a JavaScript expression over the item it is made from. */
export interface TaskSpec {
	accountId: string;
	subject: string;
	body: string;
	/** Where the CRM's tasks have a priority (Salesforce); the others ignore it. */
	priority: 'High' | 'Normal';
	dueInDays: number;
	/** The owner's CRM user ID; none leaves the CRM's default (the integration user). */
	ownerId?: string;
}

/** A suggested expansion deal: expressions, as in TaskSpec. */
export interface DealSpec {
	accountId: string;
	name: string;
	description: string;
}

/**
 * Whether candidate items (`{ accountId, … }`) have an open record of ours in the CRM: `node` asks
 * (once for all, or once per candidate), and `isOpen` is Code (a code/*.js file) defining
 * `isOpen(candidate, index)` from `found`, the node's items (in candidate order when it asks per
 * candidate).
 */
export interface OpenLookup {
	node: TemplateNode;
	isOpen: string;
}

/**
 * The node every CRM's fulfillment `order` step ends in. Its items, one per order (or deal), are
 * what the shared flow reads: `recordId` (the record the files and the outcome go to), `recordName`,
 * `accountId` (the customer's Custom ID), `accountName`, `contactEmail`, `contactName`,
 * `contractStart` and `contractEnd` (YYYY-MM-DD or ''), and `lines` in License → Map Products'
 * line item shape (docs/product-mapping.md).
 */
export const ORDER_NODE = 'Order to Fulfil';
export const ORDER = `$('${ORDER_NODE}').item.json`;
/** The customer the fulfillment created or updated, and its license in the words of the write-back. */
export const FULFILLED = "$('Create or Update Customer').item.json";
export const FULFILLED_LICENSE = `${FULFILLED}.licenseType + ' until ' + (${FULFILLED}.expiresAt ? ${FULFILLED}.expiresAt.slice(0, 10) : 'no expiry')`;

/**
 * Fulfillment (flows/fulfillment.ts): every few minutes the CRM is asked for orders (or deals)
 * ready to fulfil and not yet fulfilled; each gets its license from its products, the license file
 * and install instructions attached to the record and emailed to its contact, and the outcome (or
 * what went wrong) written back, which keeps it from being fulfilled twice.
 */
export interface FulfillmentSteps extends FlowText {
	/** The record fulfilled, in prose ("the Order", "the Deal"), and how to give it an account and a contact. */
	recordNoun: string;
	accountHint: string;
	contactHint: string;
	/** The CRM's own values in the Config node (the org's URL, the fulfilled stage): name, value, what. */
	config: Array<[name: string, value: string, what: string]>;
	/** Its Config values and what the user picks elsewhere after importing. */
	userSets?: UserSet[];
	/** After Config: the records ready and not yet fulfilled, one item each (none: the run ends). */
	ready: (column: number, row: number) => Step;
	/** From `ready`'s items to the ORDER_NODE items: line items, products, account and contact. */
	order: (column: number, row: number) => Step;
	/**
	 * Items of one file each (`binary.file`; `json`: `recordId`, `title`, `fileName`, `kind`
	 * license|instructions), two per order: uploads them to the record.
	 */
	attach: (column: number, row: number) => Step;
	/** Items paired with ORDER, after the email: the record marked fulfilled, with the license. */
	markFulfilled: (position: [number, number]) => TemplateNode;
	/** Items paired with ORDER whose `reason` says why it could not be fulfilled: written to the record. */
	recordError: (position: [number, number]) => TemplateNode;
	/** The catalogue's Fulfillment section (catalogue.ts), in this CRM's words. */
	catalogue: {
		/** The order ready to fulfil, `{crm}` for the CRM's title: "an activated {crm} Order". */
		ready: string;
		/** What the term counts from when the order has no end date: "the order start". */
		termStart: string;
		/** Where the product fields live, for the mapping table: "Salesforce (Product2)". */
		productsHome: string;
		/** What an order is made of and where the outcome goes: the table's cells after the CRM. */
		row: [lineItems: string, contact: string, filesOn: string, writtenBack: string];
	};
}

/** How the health flows read and write the CRM. */
export interface CrmHealth {
	/** What the Custom ID names there, in prose ("Account", "Company"), and what a deal is called. */
	account: string;
	deal: string;
	/** The CRM credential the sticky notes name. */
	credential: string;
	openTasks: (name: string, position: [number, number], subject: string) => OpenLookup;
	createTask: (name: string, position: [number, number], task: TaskSpec) => TemplateNode;
	/** Our open expansion suggestions, found by `SUGGESTION_SOURCE`. */
	openSuggestions: (name: string, position: [number, number]) => OpenLookup;
	suggestDeal: (name: string, position: [number, number], deal: DealSpec) => TemplateNode;
	/** What a suggestion needs in the CRM (the marker field) and from the user (a deal owner). */
	suggestionPrerequisites: string[];
	suggestionSetup?: Setup;
	/**
	 * The owner of the account `accountId` (an expression over the item at `column`): its nodes,
	 * and expressions of the owner's CRM user ID and (`withEmail`) email, empty when there is none.
	 */
	owner: (
		column: number,
		row: number,
		accountId: string,
		withEmail?: boolean,
	) => Step & { id: string; email: string };
	/** Where the owner is read, for the sticky notes: "the Account's Owner field". */
	ownerSource: string;
	ownerPrerequisites: string[];
}

/**
 * A CRM as the flows use it. A flow (scripts/templates/flows/) says what happens; the adapter says
 * how its CRM does each step, in that CRM's nodes (Salesforce and HubSpot nodes, Attio through HTTP
 * Request), and how the flow reads there.
 */
export interface CrmAdapter {
	/**
	 * The CRM's id, which names its templates' folder (workflows-templates/<crm>/), its test fake
	 * (test/fakes/<crm>.ts) and views (test/support/views/<crm>.ts).
	 */
	crm: string;
	/**
	 * The tag its templates carry besides "Replicated", the CRM's name in node names, and its title
	 * in the catalogue.
	 */
	tag: string;
	/** How its products name the Replicated fields (crm/product-fields.ts). */
	products: ProductNaming;
	/** Sections of its own the catalogue ends with (Salesforce: the ConvertLead Apex class). */
	catalogueSections?: string[];
	/** The If node passing customers whose Custom ID is one of its records, and the stop for the others. */
	linkedName: string;
	notLinkedName: string;

	/**
	 * A trial signup becomes a lead: find the person by email and update it, or create it, from
	 * Map Signup Fields' item (email, firstName, lastName, company, title, companySize, useCase,
	 * description) placed at `column`.
	 */
	leadFromSignup: FlowText & { write: (column: number) => Fragment };

	/**
	 * A new customer without a Custom ID: its account and deal (a converted lead in Salesforce).
	 * `write` ends in items of the new account, whose record ID `accountId` reads; after the
	 * customer's Custom ID is stamped, `afterStamp` completes the records (the account's Replicated
	 * fields, or the contact).
	 */
	accountFromNewCustomer: FlowText & {
		slug: string;
		setup?: Setup;
		write: (column: number, row: number) => Step & { accountId: string };
		afterStamp: (column: number, row: number) => Fragment;
	};

	/** Engagement (downloads, instances, upgrades, portal access) → an activity on the account. */
	activityFromEngagement: FlowText & { write: (column: number, row: number) => Fragment };

	/**
	 * The CRM says a deal was won: `won` is its trigger up to the If passing won deals not yet
	 * provisioned (output 0), ending at `next`; `account` fetches the deal's account, whose item
	 * gives the customer's `name` and `customId`; `writeBack` records the license on the deal.
	 */
	licenseFromWonDeal: FlowText & {
		userSets: UserSet[];
		won: () => Step;
		account: (position: [number, number]) => TemplateNode;
		customer: { name: string; customId: string };
		/** The license end: the deal's own field, or a year from today. */
		expiresAt: string;
		writeBack: (position: [number, number]) => TemplateNode;
	};

	/**
	 * Milestones → revenue dates on the account's won deal. `findWonDeal` runs on Get Milestones'
	 * item (`customId`); `readDeal` is Code (a code/*.js file) defining `id` (the deal's record ID;
	 * it returns `{ count: 0 }` when there is none), `isSet(field)` and `textOf(field)` (its current
	 * text, '' when empty); `setDates` writes Dates Not Yet Set's `{ dealId, dates }` (the note among
	 * them).
	 */
	revenueDates: FlowText & {
		setup?: Setup;
		fields: RevenueDateFields;
		/** A text field on the deal for why a paid date stays empty (or was taken as a fallback). */
		noteField: string;
		findWonDeal: (position: [number, number]) => TemplateNode;
		readDeal: string;
		/** What the dates are called on the deal, for the Code's comment: "fields on the Opportunity". */
		fieldsOnDeal: string;
		setDates: (position: [number, number]) => TemplateNode;
	};

	/** A customer's first instance is ready: an onboarding task for the account's owner. */
	onboardingTask: FlowText;

	fulfillment: FulfillmentSteps;

	health: CrmHealth;
}

/** The trigger's item, from any node after it. */
export const TRIGGER = "$('Replicated Trigger').item.json";

const T = TRIGGER;
/** An engagement event in one line each: what happened, the app, the instance and its version. */
export const ENGAGEMENT_DETAILS =
	"[$json.text, 'App: ' + ($json.app.name || ''), $json.instance ? 'Instance ' + $json.instance.id + ' on ' + ($json.instance.appVersion || 'an unknown version') : ''].filter(Boolean).join('\\n')";

/** What a deal's write-back says of the license: "paid until 2027-06-30". */
export const LICENSE_STATE =
	"={{ $json.licenseType }} until {{ $json.expiresAt ? $json.expiresAt.slice(0, 10) : 'no expiry' }}";

/**
 * The event's instance: `instance` is null when a delivery names none, for no Replicated source
 * names `instance_id` (it is INFERRED). A field of it (undefined then), and the instance in words.
 */
export const instanceField = (field: 'id' | 'status' | 'appVersion') =>
	`(${T}.instance || {}).${field}`;
export const instanceNamed = (none: string) =>
	`(${T}.instance ? 'instance ' + ${T}.instance.id : '${none}')`;

/** The new customer's contact: its own email, or the Enterprise Portal user who joined. */
export const CONTACT_EMAIL = `${T}.customer.email || ${T}.data.joined_email`;

/**
 * The owner step every adapter builds: the account fetched, then (when the flow needs the owner's
 * email) the node that has it.
 */
export function ownerStep(
	column: number,
	row: number,
	account: (position: [number, number]) => TemplateNode,
	id: string,
	contact?: { node: (position: [number, number]) => TemplateNode; email: string },
): Step & { id: string; email: string } {
	const first = account(at(column, row));
	const second = contact?.node(at(column + 1, row));
	return {
		entry: first.name,
		nodes: second ? [first, second] : [first],
		links: second ? [[first.name, second.name]] : [],
		exits: [(second ?? first).name],
		next: [column + (second ? 2 : 1), row],
		id,
		email: contact?.email ?? "''",
	};
}

/** What marks the expansion deals the monthly scan suggests (Salesforce: a Lead Source value). */
export const SUGGESTION_SOURCE = 'Replicated expansion signal';

/** The names of the If on the customer's CRM record and of the stop for customers without one. */
export const recordNames = (record: 'an Account' | 'a Company') => ({
	linkedName: `Linked to ${record}?`,
	notLinkedName: `Not Linked to ${record} Yet`,
});

/** The revenue dates as HubSpot deal properties and Attio deal attributes are named. */
export const REVENUE_DATES: RevenueDateFields = {
	provisioned: 'provisioned_at',
	firstAccess: 'first_access_at',
	firstDownload: 'first_download_at',
	confirmedRunning: 'confirmed_running_at',
};
/** Where HubSpot and Attio keep why a paid revenue date stays empty. */
export const REVENUE_NOTE = 'revenue_dates_note';

/** Customers whose Custom ID is a record of the CRM go on (output 0); the others to `notLinked`. */
export const linked = (crm: CrmAdapter, position: [number, number]): TemplateNode =>
	ifNode(crm.linkedName, position, [{ left: `={{ ${TRIGGER}.customId }}`, operator: isNotEmpty }]);

export const notLinked = (crm: CrmAdapter, position: [number, number]): TemplateNode =>
	noOp(crm.notLinkedName, position);

/** Whether the new customer has a contact email to write a person from (output 0). */
export const contactEmailKnown = (position: [number, number]): TemplateNode =>
	ifNode('Contact Email Known?', position, [
		{ left: `={{ ${CONTACT_EMAIL} || '' }}`, operator: isNotEmpty },
	]);

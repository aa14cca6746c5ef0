import { INSTALL_OPTIONS, PRODUCT_FIELDS } from '../../../scripts/templates/crm/product-fields';
import type { ProductNaming } from '../../../scripts/templates/crm/product-naming';
import type { Instance } from '../../emulator/model';
import type { TemplateRig } from '../template-rig';

/**
 * The CRM fakes seen in the same terms for every CRM, so that a scenario is written once: one file
 * per CRM adapter (scripts/templates/crm/index.ts), `views/<crm>.ts`, exporting `<crm>View` and
 * `<crm>Fulfillment` (test/unit/crm-adapters.test.ts checks each adapter has them).
 */

/** A task on an account, as a CS user sees it in any CRM. */
export interface SeenTask {
	subject: string;
	body: string;
	ownerEmail?: string;
	/** Only Salesforce's tasks have one. */
	priority?: string;
	open: boolean;
}

/** A lead (Salesforce Lead, HubSpot lead Contact, Attio Person) from a trial signup. */
export interface SeenLead {
	email: string;
	firstName: string;
	lastName: string;
	title: string;
	companySize: string;
	useCase: string;
	source: string;
	description: string;
}

/** An account and the Replicated fields the join flow keeps on it. */
export interface SeenAccount {
	id: string;
	name: string;
	replicatedCustomerId: string;
	licenseType: string;
	channel: string;
	licenseExpires: string;
}

/** An activity on an account's timeline (a completed task, or an Attio note). */
export interface SeenActivity {
	title: string;
	body: string;
}

/** The revenue-recognition dates on a deal, by the flow's names. */
export interface SeenRevenueDates {
	provisioned?: string;
	firstAccess?: string;
	firstDownload?: string;
	confirmedRunning?: string;
}

/** A suggested expansion deal on an account. */
export interface SeenDeal {
	name: string;
	description: string;
}

/**
 * One CRM fake seen in the same terms for every CRM, so that a scenario is written once: it makes
 * the account a customer's Custom ID names, and reads back what the templates wrote there.
 */
export interface CrmView {
	/** A new account (a Salesforce Account, a HubSpot or Attio Company), owned by a user with this email. */
	account(name: string, ownerEmail?: string): string;
	tasks(accountId: string): SeenTask[];
	suggestions(accountId: string): SeenDeal[];
	leads(): SeenLead[];
	accountNamed(name: string): SeenAccount | undefined;
	/** The names of the account's deals (Opportunities). */
	deals(accountId: string): string[];
	/** The emails of the people linked to the account. */
	contacts(accountId: string): string[];
	activities(accountId: string): SeenActivity[];
	/** A won deal on the account with these revenue dates already set; its ID. */
	wonDeal(accountId: string, dates: SeenRevenueDates): string;
	revenueDates(dealId: string): SeenRevenueDates;
	/** Why a paid revenue date stays empty, as the milestones flow wrote it ('' when none). */
	revenueNote(dealId: string): string;
	/** What the deal-won flow wrote back on a deal. */
	dealState(dealId: string): { replicatedCustomerId?: string; licenseState?: string };
	/** The CRM's host behind the proxy, and the request that writes a lead (to make it fail). */
	host: string;
	leadWrite: { method: string; path: RegExp };
	/** Whether the join flow links the new customer's contact when there was no lead before. */
	contactWithoutLead: boolean;
	hasTaskPriority: boolean;
	/** Salesforce requires an owner on every Account; HubSpot and Attio companies may have none. */
	ownerOptional: boolean;
}

/** Only the dates that are set, so that scenarios compare them exactly. */
export const setDates = (read: (key: keyof SeenRevenueDates) => unknown): SeenRevenueDates =>
	Object.fromEntries(
		(['provisioned', 'firstAccess', 'firstDownload', 'confirmedRunning'] as const)
			.map((key) => [key, read(key)])
			.filter(([, value]) => value),
	) as SeenRevenueDates;

/** The revenue dates as HubSpot deal properties and Attio deal attributes name them. */
export const SNAKE_REVENUE: Record<keyof SeenRevenueDates, string> = {
	provisioned: 'provisioned_at',
	firstAccess: 'first_access_at',
	firstDownload: 'first_download_at',
	confirmedRunning: 'confirmed_running_at',
};

/** The fulfillment's date every seeded order starts on. */
export const ORDER_START = '2026-12-01';

/** A product of the vendor's catalogue with its Replicated fields, in any CRM. */
export interface SeedProduct {
	name: string;
	isAddOn: boolean;
	app?: string;
	channel?: string;
	licenseType?: string;
	termMonths?: number;
	quantityEntitlement?: string;
	entitlements?: Record<string, string | number | boolean>;
	/** Replicated's install option fields (`is_airgap_enabled` …) this product turns on or off. */
	installOptions?: Record<string, boolean>;
}

/** An order ready to fulfil: Activated (Salesforce) or at the fulfilled stage (HubSpot, Attio). */
export interface SeedOrder {
	account: string;
	/** The contact the license goes to; null for an order without one. */
	contact: { email: string; firstName: string } | null;
	lines: Array<{ product: string; quantity: number }>;
	/** YYYY-MM-DD: the license expiry. */
	contractEnd: string;
}

/** What the flow wrote back on the order; '' where it wrote nothing. */
export interface SeenFulfillment {
	customerId: string;
	licenseState: string;
	fulfilled: boolean;
	error: string;
}

/**
 * One CRM fake seen in the fulfillment's terms, so that its scenario is written once: products and
 * orders made in the CRM's own objects, and the outcome and files read back from them.
 */
export interface FulfillmentView {
	host: string;
	product(product: SeedProduct): void;
	order(order: SeedOrder): { recordId: string; accountId: string };
	state(recordId: string): SeenFulfillment;
	/** The files attached to the record: name and bytes. */
	files(recordId: string): Array<{ name: string; bytes: Buffer }>;
	/** The order is taken back and made ready again (Draft → Activated, or out of the stage and back). */
	activateAgain(recordId: string): void;
	/** The request that uploads a file, to make it fail. */
	upload: { method: string; path: RegExp };
}

/** A product's fields named as the CRM names them; `text` turns values into the CRM's strings. */
export function productFields(
	p: SeedProduct,
	naming: ProductNaming,
	text = false,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const put = (name: string, value: unknown) => {
		if (value !== undefined) out[name] = text ? String(value) : value;
	};
	for (const f of PRODUCT_FIELDS) put(naming.name(f.line), p[f.line]);
	if (p.entitlements) put(naming.name('entitlements'), JSON.stringify(p.entitlements));
	for (const option of INSTALL_OPTIONS) put(naming.name(option), p.installOptions?.[option]);
	return out;
}

/** A paid customer of the emulator whose Custom ID is a new account of the CRM, with its instances. */
export function linkedCustomer(
	rig: TemplateRig,
	view: CrmView,
	name: string,
	{
		ownerEmail,
		instances = [],
	}: { ownerEmail?: string; instances?: Array<Partial<Instance>> } = {},
) {
	const accountId = view.account(name, ownerEmail);
	const customer = rig.emulator.state.addCustomer({
		appId: [...rig.emulator.state.apps.keys()][0],
		name,
		customId: accountId,
		type: 'prod',
	});
	for (const i of instances) rig.emulator.state.addInstance(customer.id, i);
	return { customer, accountId };
}

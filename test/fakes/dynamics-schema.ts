/**
 * The tables of a Dynamics 365 Sales org as the Dataverse Web API v9.2 exposes them: entity set,
 * primary key, the columns the templates and n8n's Microsoft Dynamics CRM node write, the lookups
 * and how a write binds them (`<navigation>@odata.bind`). Column names and types follow the
 * Dataverse table reference (learn.microsoft.com/power-apps/developer/data-platform/reference/entities/
 * account, contact, lead, opportunity, task, product, opportunityproduct, systemuser); the account
 * columns include every field of n8n 2.41.1's node (GenericFunctions.js getAccountFields).
 */

/** Attribute types as EntityDefinitions' AttributeType names them. */
export type AttributeType =
	| 'String'
	| 'Memo'
	| 'Integer'
	| 'Decimal'
	| 'Money'
	| 'Boolean'
	| 'DateTime'
	| 'Picklist'
	| 'State'
	| 'Status'
	| 'Uniqueidentifier'
	| 'Lookup';

/** A single-valued navigation property a write binds (`<name>@odata.bind: "/<set>(<id>)"`). */
export interface Navigation {
	/** The lookup column it sets, read back as `_<attribute>_value`. */
	attribute: string;
	/** The entity set the bound record must belong to. */
	target: string;
}

export interface Table {
	logicalName: string;
	entitySet: string;
	primaryKey: string;
	/** Writable columns (lookups are written through `navigations`). */
	columns: Record<string, AttributeType>;
	/** Columns Dataverse computes: readable, refused on write. INFERRED: the set the fake needs. */
	computed: Record<string, AttributeType>;
	navigations: Record<string, Navigation>;
}

const address = (n: number): Record<string, AttributeType> =>
	Object.fromEntries(
		[
			'line1',
			'line2',
			'line3',
			'city',
			'stateorprovince',
			'country',
			'name',
			'postalcode',
			'primarycontactname',
			'telephone1',
			'telephone2',
			'fax',
		]
			.map((k): [string, AttributeType] => [`address${n}_${k}`, 'String'])
			.concat([[`address${n}_addresstypecode`, 'Picklist']]),
	);

const owner: Record<string, Navigation> = {
	ownerid: { attribute: 'ownerid', target: 'systemusers' },
};

const audit: Record<string, AttributeType> = { createdon: 'DateTime', modifiedon: 'DateTime' };

export const TABLES: Table[] = [
	{
		logicalName: 'account',
		entitySet: 'accounts',
		primaryKey: 'accountid',
		columns: {
			name: 'String',
			description: 'Memo',
			accountcategorycode: 'Picklist',
			accountratingcode: 'Picklist',
			businesstypecode: 'Picklist',
			customersizecode: 'Picklist',
			customertypecode: 'Picklist',
			industrycode: 'Picklist',
			paymenttermscode: 'Picklist',
			preferredappointmentdaycode: 'Picklist',
			preferredappointmenttimecode: 'Picklist',
			preferredcontactmethodcode: 'Picklist',
			shippingmethodcode: 'Picklist',
			territorycode: 'Picklist',
			emailaddress1: 'String',
			emailaddress2: 'String',
			emailaddress3: 'String',
			fax: 'String',
			ftpsiteurl: 'String',
			creditlimit: 'Money',
			numberofemployees: 'Integer',
			primarysatoriid: 'String',
			primarytwitterid: 'String',
			revenue: 'Money',
			sharesoutstanding: 'Integer',
			sic: 'String',
			stageid: 'Uniqueidentifier',
			stockexchange: 'String',
			telephone1: 'String',
			telephone2: 'String',
			telephone3: 'String',
			tickersymbol: 'String',
			websiteurl: 'String',
			yominame: 'String',
			statecode: 'State',
			statuscode: 'Status',
			...address(1),
			...address(2),
		},
		computed: audit,
		navigations: {
			...owner,
			primarycontactid: { attribute: 'primarycontactid', target: 'contacts' },
			parentaccountid: { attribute: 'parentaccountid', target: 'accounts' },
		},
	},
	{
		logicalName: 'contact',
		entitySet: 'contacts',
		primaryKey: 'contactid',
		columns: {
			firstname: 'String',
			lastname: 'String',
			emailaddress1: 'String',
			jobtitle: 'String',
			telephone1: 'String',
			description: 'Memo',
			statecode: 'State',
			statuscode: 'Status',
		},
		computed: { ...audit, fullname: 'String' },
		navigations: {
			...owner,
			parentcustomerid_account: { attribute: 'parentcustomerid', target: 'accounts' },
			parentcustomerid_contact: { attribute: 'parentcustomerid', target: 'contacts' },
		},
	},
	{
		logicalName: 'lead',
		entitySet: 'leads',
		primaryKey: 'leadid',
		columns: {
			subject: 'String',
			firstname: 'String',
			lastname: 'String',
			companyname: 'String',
			emailaddress1: 'String',
			jobtitle: 'String',
			telephone1: 'String',
			websiteurl: 'String',
			description: 'Memo',
			leadsourcecode: 'Picklist',
			numberofemployees: 'Integer',
			statecode: 'State',
			statuscode: 'Status',
		},
		computed: { ...audit, fullname: 'String' },
		navigations: {
			...owner,
			parentaccountid: { attribute: 'parentaccountid', target: 'accounts' },
			parentcontactid: { attribute: 'parentcontactid', target: 'contacts' },
			customerid_account: { attribute: 'customerid', target: 'accounts' },
		},
	},
	{
		logicalName: 'opportunity',
		entitySet: 'opportunities',
		primaryKey: 'opportunityid',
		columns: {
			name: 'String',
			description: 'Memo',
			estimatedvalue: 'Money',
			estimatedclosedate: 'DateTime',
			actualvalue: 'Money',
			actualclosedate: 'DateTime',
			closeprobability: 'Integer',
			stepname: 'String',
			salesstage: 'Picklist',
			statecode: 'State',
			statuscode: 'Status',
		},
		computed: audit,
		navigations: {
			...owner,
			parentaccountid: { attribute: 'parentaccountid', target: 'accounts' },
			parentcontactid: { attribute: 'parentcontactid', target: 'contacts' },
			customerid_account: { attribute: 'customerid', target: 'accounts' },
			originatingleadid: { attribute: 'originatingleadid', target: 'leads' },
		},
	},
	{
		logicalName: 'task',
		entitySet: 'tasks',
		primaryKey: 'activityid',
		columns: {
			subject: 'String',
			description: 'Memo',
			scheduledend: 'DateTime',
			prioritycode: 'Picklist',
			percentcomplete: 'Integer',
			actualdurationminutes: 'Integer',
			statecode: 'State',
			statuscode: 'Status',
		},
		computed: audit,
		navigations: {
			...owner,
			regardingobjectid_account: { attribute: 'regardingobjectid', target: 'accounts' },
			regardingobjectid_contact: { attribute: 'regardingobjectid', target: 'contacts' },
			regardingobjectid_lead: { attribute: 'regardingobjectid', target: 'leads' },
			regardingobjectid_opportunity: { attribute: 'regardingobjectid', target: 'opportunities' },
		},
	},
	{
		logicalName: 'product',
		entitySet: 'products',
		primaryKey: 'productid',
		columns: {
			name: 'String',
			productnumber: 'String',
			description: 'Memo',
			statecode: 'State',
			statuscode: 'Status',
		},
		computed: audit,
		navigations: {},
	},
	{
		logicalName: 'opportunityproduct',
		entitySet: 'opportunityproducts',
		primaryKey: 'opportunityproductid',
		columns: {
			quantity: 'Decimal',
			priceperunit: 'Money',
			ispriceoverridden: 'Boolean',
			isproductoverridden: 'Boolean',
			productdescription: 'String',
			description: 'Memo',
		},
		computed: { ...audit, extendedamount: 'Money' },
		navigations: {
			opportunityid: { attribute: 'opportunityid', target: 'opportunities' },
			productid: { attribute: 'productid', target: 'products' },
		},
	},
	{
		logicalName: 'systemuser',
		entitySet: 'systemusers',
		primaryKey: 'systemuserid',
		columns: {
			firstname: 'String',
			lastname: 'String',
			internalemailaddress: 'String',
			domainname: 'String',
			isdisabled: 'Boolean',
		},
		computed: { ...audit, fullname: 'String' },
		navigations: {},
	},
];

/**
 * Option sets the fake knows by label (Dataverse table reference, "Choices/Options" of each
 * column). Any other Picklist column has Dataverse's out-of-the-box single option
 * `1 = Default Value` (e.g. account.accountratingcode, customersizecode).
 */
export const OPTIONS: Record<string, Record<string, Record<number, string>>> = {
	account: {
		accountcategorycode: { 1: 'Preferred Customer', 2: 'Standard' },
		customertypecode: {
			1: 'Competitor',
			2: 'Consultant',
			3: 'Customer',
			4: 'Investor',
			5: 'Partner',
			6: 'Influencer',
			7: 'Press',
			8: 'Prospect',
			9: 'Reseller',
			10: 'Supplier',
			11: 'Vendor',
			12: 'Other',
		},
		address1_addresstypecode: { 1: 'Bill To', 2: 'Ship To', 3: 'Primary', 4: 'Other' },
		address2_addresstypecode: { 1: 'Default Value' },
		preferredcontactmethodcode: { 1: 'Any', 2: 'Email', 3: 'Phone', 4: 'Fax', 5: 'Mail' },
	},
	lead: {
		leadsourcecode: {
			1: 'Advertisement',
			2: 'Employee Referral',
			3: 'External Referral',
			4: 'Partner',
			5: 'Public Relations',
			6: 'Seminar',
			7: 'Trade Show',
			8: 'Web',
			9: 'Word of Mouth',
			10: 'Other',
		},
	},
	opportunity: { salesstage: { 0: 'Qualify', 1: 'Develop', 2: 'Propose', 3: 'Close' } },
	task: { prioritycode: { 0: 'Low', 1: 'Normal', 2: 'High' } },
};

/**
 * statecode → the statuscode values valid with it (Dataverse table reference, "StateCode" and
 * "StatusCode" choices). Opportunity won is statecode 1 with statuscode 3.
 */
export const STATES: Record<string, Record<number, number[]>> = {
	account: { 0: [1], 1: [2] },
	contact: { 0: [1], 1: [2] },
	lead: { 0: [1, 2], 1: [3], 2: [4, 5, 6, 7] },
	opportunity: { 0: [1, 2], 1: [3], 2: [4, 5] },
	task: { 0: [2, 3, 4, 7], 1: [5], 2: [6] },
	product: { 0: [1], 1: [2], 2: [0], 3: [3] },
};

/** The statuscode a new record gets for its statecode (the first valid one). */
export const defaultStatus = (table: string, state: number): number | undefined =>
	STATES[table]?.[state]?.[0];

import { SUGGESTION_SOURCE } from '../../../scripts/templates/crm/adapter';
import { salesforceCrm } from '../../../scripts/templates/crm/salesforce';
import type { FakeSalesforce } from '../../fakes/salesforce';
import {
	type CrmView,
	type FulfillmentView,
	ORDER_START,
	productFields,
	type SeenRevenueDates,
	setDates,
} from './index';

const SF_REVENUE: Record<keyof SeenRevenueDates, string> = {
	provisioned: 'Provisioned_At__c',
	firstAccess: 'First_Access_At__c',
	firstDownload: 'First_Download_At__c',
	confirmedRunning: 'Confirmed_Running_At__c',
};

export function salesforceView(salesforce: FakeSalesforce): CrmView {
	const records = (object: string) => [...(salesforce.records.get(object)?.values() ?? [])];
	const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
	return {
		host: salesforce.host,
		leadWrite: { method: 'POST', path: /\/sobjects\/lead$/i },
		contactWithoutLead: false,
		leads: () =>
			records('Lead').map((l) => ({
				email: text(l.Email),
				firstName: text(l.FirstName),
				lastName: text(l.LastName),
				title: text(l.Title),
				companySize: text(l.Company_Size__c),
				useCase: text(l.Use_Case__c),
				source: text(l.LeadSource),
				description: text(l.Description),
			})),
		accountNamed: (name) => {
			const a = records('Account').find((r) => r.Name === name);
			return a
				? {
						id: a.Id,
						name: text(a.Name),
						replicatedCustomerId: text(a.Replicated_Customer_Id__c),
						licenseType: text(a.Replicated_License_Type__c),
						channel: text(a.Replicated_Channel__c),
						licenseExpires: text(a.Replicated_License_Expires__c),
					}
				: undefined;
		},
		deals: (accountId) =>
			records('Opportunity')
				.filter((o) => o.AccountId === accountId)
				.map((o) => text(o.Name)),
		contacts: (accountId) =>
			records('Contact')
				.filter((c) => c.AccountId === accountId)
				.map((c) => text(c.Email)),
		activities: (accountId) =>
			records('Task')
				.filter((t) => t.WhatId === accountId && t.Status === 'Completed')
				.map((t) => ({ title: text(t.Subject), body: text(t.Description) })),
		wonDeal: (accountId, dates) =>
			salesforce.insert('Opportunity', {
				Name: 'Won platform deal',
				AccountId: accountId,
				StageName: 'Closed Won',
				...Object.fromEntries(
					Object.entries(dates).map(([k, v]) => [SF_REVENUE[k as keyof SeenRevenueDates], v]),
				),
			}).Id,
		revenueDates: (dealId) => {
			const o = records('Opportunity').find((r) => r.Id === dealId)!;
			return setDates((key) => o[SF_REVENUE[key]]);
		},
		revenueNote: (dealId) =>
			text(records('Opportunity').find((r) => r.Id === dealId)!.Revenue_Dates_Note__c),
		dealState: (dealId) => {
			const o = records('Opportunity').find((r) => r.Id === dealId)!;
			return {
				replicatedCustomerId: o.Replicated_Customer_Id__c as string | undefined,
				licenseState: o.Replicated_License_State__c as string | undefined,
			};
		},
		account: (name, ownerEmail) => {
			const owner = ownerEmail
				? salesforce.insert('User', { Email: ownerEmail, LastName: name }).Id
				: undefined;
			return salesforce.insert('Account', { Name: name, ...(owner ? { OwnerId: owner } : {}) }).Id;
		},
		tasks: (accountId) =>
			records('Task')
				.filter((t) => t.WhatId === accountId)
				.map((t) => ({
					subject: String(t.Subject),
					body: String(t.Description ?? ''),
					ownerEmail: records('User').find((u) => u.Id === t.OwnerId)?.Email as string | undefined,
					priority: t.Priority as string | undefined,
					open: t.Status !== 'Completed',
				})),
		suggestions: (accountId) =>
			records('Opportunity')
				.filter((o) => o.AccountId === accountId && o.LeadSource === SUGGESTION_SOURCE)
				.map((o) => ({ name: String(o.Name), description: String(o.Description ?? '') })),
		hasTaskPriority: true,
		ownerOptional: false,
	};
}

export function salesforceFulfillment(salesforce: FakeSalesforce): FulfillmentView {
	const products = new Map<string, string>();
	const order = (id: string) => salesforce.records.get('Order')!.get(id)!;
	const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
	return {
		host: salesforce.host,
		product: (p) => {
			products.set(
				p.name,
				salesforce.insert('Product2', { Name: p.name, ...productFields(p, salesforceCrm.products) })
					.Id,
			);
		},
		order: ({ account, contact, lines, contractEnd }) => {
			const accountId = salesforce.insert('Account', { Name: account }).Id;
			const contactId = contact
				? salesforce.insert('Contact', {
						FirstName: contact.firstName,
						LastName: account,
						Email: contact.email,
						AccountId: accountId,
					}).Id
				: undefined;
			const recordId = salesforce.insert('Order', {
				AccountId: accountId,
				Status: 'Activated',
				OrderNumber: String(100 + (salesforce.records.get('Order')?.size ?? 0)).padStart(8, '0'),
				EffectiveDate: ORDER_START,
				EndDate: contractEnd,
				...(contactId ? { ShipToContactId: contactId } : {}),
			}).Id;
			for (const line of lines)
				salesforce.insert('OrderItem', {
					OrderId: recordId,
					Product2Id: products.get(line.product),
					Quantity: line.quantity,
				});
			return { recordId, accountId };
		},
		state: (recordId) => {
			const o = order(recordId);
			return {
				customerId: text(o.Replicated_Customer_Id__c),
				licenseState: text(o.Replicated_License_State__c),
				fulfilled: Boolean(o.Replicated_Fulfilled_At__c),
				error: text(o.Replicated_Fulfillment_Error__c),
			};
		},
		files: (recordId) =>
			salesforce.files
				.filter((f) => f.FirstPublishLocationId === recordId)
				.map((f) => ({ name: String(f.PathOnClient), bytes: f.VersionData })),
		activateAgain: (recordId) => {
			salesforce.update('Order', recordId, { Status: 'Draft' });
			salesforce.update('Order', recordId, { Status: 'Activated' });
		},
		upload: { method: 'POST', path: /\/sobjects\/ContentVersion$/i },
	};
}

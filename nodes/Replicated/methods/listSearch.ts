import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listApps } from '../api/apps';
import {
	type OffsetReading,
	offsetReading,
	searchBody,
	searchOffset,
	searchPage,
} from '../api/customers';
import { listSubscriptions } from '../api/notifications';
import { customerItem, customerSchema } from '../schemas/customer';
import { parseResponse } from '../schemas/parse';

/** Apps for the App picker, filtered by the text typed into it (name, slug or ID). */
export async function searchApps(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const apps = await listApps(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = apps
		.filter((a) => !a.isArchived)
		.filter((a) => !needle || [a.name, a.slug, a.id].some((v) => v.toLowerCase().includes(needle)))
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((a) => ({
			name: a.name,
			value: a.id,
			url: `https://vendor.replicated.com/apps/${a.slug}`,
		}));
	return { results };
}

/** Notification subscriptions for the Subscription picker, by name, URL or ID. */
export async function searchSubscriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const results = (await listSubscriptions(this))
		.filter(
			(s) =>
				!needle ||
				[s.name ?? '', s.webhookUrl ?? '', s.id].some((v) => v.toLowerCase().includes(needle)),
		)
		.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
		.map((s) => ({
			name: `${s.name || s.id}${s.isEnabled === false ? ' (disabled)' : ''}`,
			value: s.id,
			url: 'https://vendor.replicated.com/notifications',
		}));
	return { results };
}

const CUSTOMER_PAGE = 50;

/**
 * Where the picker is in the search, carried in n8n's pagination token: the next page, how the
 * API counts `offset` once known (see `offsetReading`), and the first page's IDs until then.
 */
interface PickerCursor {
	page: number;
	reading?: OffsetReading;
	firstIds?: string[];
}

/** Customers for the Customer picker: searched by name across the token's apps, 50 at a time. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const cursor: PickerCursor = paginationToken ? JSON.parse(paginationToken) : { page: 0 };
	const query = (filter ?? '').trim();
	// Only Unarchive is about archived customers; elsewhere they would be a wrong pick.
	const archived = this.getCurrentNodeParameter('operation') === 'unarchive';
	const body = {
		...searchBody(query ? `name:${query}` : ''),
		include_archived: archived,
		sort_field: 'name',
		sort_direction: 'asc',
	};
	let page: Awaited<ReturnType<typeof searchPage>>;
	let reading = cursor.reading;
	if (cursor.page === 0) {
		page = await searchPage(this, body, 0, CUSTOMER_PAGE);
	} else if (reading) {
		page = await searchPage(
			this,
			body,
			searchOffset(reading, cursor.page, CUSTOMER_PAGE),
			CUSTOMER_PAGE,
		);
	} else {
		// Second page, reading unknown: offset 1 is the second page, or the first one again but one.
		page = await searchPage(this, body, 1, CUSTOMER_PAGE);
		reading = offsetReading(
			(cursor.firstIds ?? []).map((id) => ({ id })),
			page.items,
		);
		if (reading === 'records')
			page = await searchPage(this, body, searchOffset(reading, 1, CUSTOMER_PAGE), CUSTOMER_PAGE);
	}
	const customers = page.items.map((hit) =>
		customerItem(parseResponse(this.getNode(), customerSchema, hit, 'customer search')),
	);
	const results = customers.map((customer) => {
		const appSlug = customer.channels[0]?.appSlug;
		return {
			name: `${customer.name} · ${customer.licenseType ?? 'unknown'}${customer.customId ? ` · ${customer.customId}` : ''}${customer.isArchived ? ' · archived' : ''}`,
			value: customer.id,
			...(appSlug
				? { url: `https://vendor.replicated.com/apps/${appSlug}/customer/${customer.id}/manage` }
				: {}),
		};
	});
	const nextPage = cursor.page + 1;
	const more = customers.length === CUSTOMER_PAGE && nextPage * CUSTOMER_PAGE < page.total;
	const next: PickerCursor = {
		page: nextPage,
		...(reading ? { reading } : { firstIds: customers.map((c) => c.id) }),
	};
	return { results, paginationToken: more ? JSON.stringify(next) : undefined };
}

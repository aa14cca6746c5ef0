import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchBody } from '../actions/customer/lookup';
import { appListSchema } from '../schemas/app';
import { customerItem, customerSchema } from '../schemas/customer';
import { customerSearchPageSchema } from '../schemas/pages';
import { parseResponse } from '../schemas/parse';
import { apiRequest } from '../transport';

/** Apps for the App picker, filtered by the text typed into it (name, slug or ID). */
export async function searchApps(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await apiRequest(this, {
		method: 'GET',
		path: '/v3/apps',
		qs: { excludeChannels: 'true' },
	});
	const { apps } = parseResponse(this.getNode(), appListSchema, body, 'app list');
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

const CUSTOMER_PAGE = 50;

/** Customers for the Customer picker: searched by name across the token's apps, 50 at a time. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const query = (filter ?? '').trim();
	const body = await apiRequest(this, {
		method: 'POST',
		path: '/v3/customers/search',
		body: {
			...searchBody(query ? `name:${query}` : ''),
			include_archived: false,
			offset,
			page_size: CUSTOMER_PAGE,
			sort_field: 'name',
			sort_direction: 'asc',
		},
		idempotent: true,
	});
	const page = parseResponse(this.getNode(), customerSearchPageSchema, body, 'customer search');
	const results = page.customers.map((hit) => {
		const customer = customerItem(
			parseResponse(this.getNode(), customerSchema, hit, 'customer search'),
		);
		const appSlug = customer.channels[0]?.appSlug;
		return {
			name: `${customer.name} · ${customer.licenseType ?? 'unknown'}${customer.customId ? ` · ${customer.customId}` : ''}`,
			value: customer.id,
			...(appSlug
				? { url: `https://vendor.replicated.com/apps/${appSlug}/customer/${customer.id}/manage` }
				: {}),
		};
	});
	const next = offset + CUSTOMER_PAGE;
	return { results, paginationToken: next < page.total_hits ? String(next) : undefined };
}

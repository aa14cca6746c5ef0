import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { appListSchema } from '../schemas/app';
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

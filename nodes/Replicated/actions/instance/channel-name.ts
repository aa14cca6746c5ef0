import type { IExecuteFunctions } from 'n8n-workflow';

import { channelListSchema } from '../../schemas/app';
import { parseResponse } from '../../schemas/parse';
import { apiRequest } from '../../transport';
import { invalid } from '../validate';

const PAGE_SIZE = 100;
/** 5,000 channels: far beyond any app; the reading stops there rather than run on. */
const MAX_PAGES = 50;

/**
 * The export filters a channel by name (SPEC customer_instances `ChannelName`), and the field's
 * description invites an ID by expression. An ID sent as a name matches nothing: an empty export,
 * and every customer of the channel then looks as if it never deployed. So the value is looked up
 * among the app's channels (archived ones too): an ID gives that channel's name, a name is kept
 * (its own spelling when only the case differs), anything else is refused, naming the channels.
 */
export async function resolveChannelName(
	ctx: IExecuteFunctions,
	itemIndex: number,
	appId: string,
	value: string,
): Promise<string> {
	const wanted = value.trim();
	const names: string[] = [];
	for (let currentPage = 0; currentPage < MAX_PAGES; currentPage++) {
		const body = await apiRequest(ctx, {
			method: 'GET',
			path: `/v3/app/${encodeURIComponent(appId)}/channels`,
			qs: { pageSize: PAGE_SIZE, currentPage, excludeDetail: 'true' },
		});
		const { channels, totalCount } = parseResponse(
			ctx.getNode(),
			channelListSchema,
			body,
			'channel list',
		);
		const found =
			channels.find((c) => c.id === wanted || c.name === wanted) ??
			channels.find((c) => c.name.toLowerCase() === wanted.toLowerCase());
		if (found) return found.name;
		names.push(...channels.map((c) => c.name));
		const read = currentPage * PAGE_SIZE + channels.length;
		if (channels.length < PAGE_SIZE || read >= (totalCount ?? read)) break;
		// The cap reached with more to come: "no such channel" would be a guess, so say why instead.
		if (currentPage === MAX_PAGES - 1)
			throw invalid(
				ctx,
				itemIndex,
				'Channel Name or ID',
				`the app lists more than ${MAX_PAGES * PAGE_SIZE} channels (${MAX_PAGES} pages of ${PAGE_SIZE}), the most this node reads, and ${JSON.stringify(wanted.slice(0, 100))} is not among them`,
				'An app rarely has this many channels: if yours does not, the server is serving pages wrongly (check the API Base URL in the Replicated credential).',
			);
	}
	const some = names.slice(0, 10).map((n) => JSON.stringify(n.slice(0, 100)));
	throw invalid(
		ctx,
		itemIndex,
		'Channel Name or ID',
		`no channel of the app is named or has the ID ${JSON.stringify(wanted.slice(0, 100))}`,
		names.length
			? `Pick the channel from the list, or give one of: ${some.join(', ')}${names.length > some.length ? ', …' : ''}.`
			: 'The app has no channels to filter by: leave the filter empty.',
	);
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { CHANNEL_PAGE_SIZE, channelPages, MAX_CHANNEL_PAGES } from '../../api/channels';
import { invalid } from '../validate';

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
	// The cap reached with more to come: "no such channel" would be a guess, so say why instead.
	const onCap = () => {
		throw invalid(
			ctx,
			itemIndex,
			'Channel Name or ID',
			`the app lists more than ${MAX_CHANNEL_PAGES * CHANNEL_PAGE_SIZE} channels (${MAX_CHANNEL_PAGES} pages of ${CHANNEL_PAGE_SIZE}), the most this node reads, and ${JSON.stringify(wanted.slice(0, 100))} is not among them`,
			'An app rarely has this many channels: if yours does not, the server is serving pages wrongly (check the API Base URL in the Replicated credential).',
		);
	};
	for await (const channels of channelPages(ctx, appId, { onCap })) {
		const found =
			channels.find((c) => c.id === wanted || c.name === wanted) ??
			channels.find((c) => c.name.toLowerCase() === wanted.toLowerCase());
		if (found) return found.name;
		names.push(...channels.map((c) => c.name));
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

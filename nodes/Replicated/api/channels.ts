/** Replicated's channels and their releases (SPEC listChannels, getChannelProperties, listChannelReleases). */
import { type Channel, channelListSchema } from '../schemas/app';
import { type ChannelRelease, channelReleasesPageSchema } from '../schemas/health';
import { channelEnvelopeSchema, type InstallChannel } from '../schemas/install';
import { parseResponse } from '../schemas/parse';
import { apiRequest, type Page, type ReplicatedContext, readItems, readPages } from '../transport';
import { operation, route, target } from './route';

/** Channels a page holds here. */
export const CHANNEL_PAGE_SIZE = 100;
/**
 * 5,000 channels: far beyond any app. Without a cap, a server that serves full pages forever (the
 * same page again, or a `totalCount` it never reaches) kept the reading going without end.
 */
export const MAX_CHANNEL_PAGES = 50;

/**
 * SPEC listChannels: the app's channels (archived ones too) page by page, each channel once,
 * until a short page, `totalCount`, or `maxPages` (MAX_CHANNEL_PAGES unless fewer are wanted);
 * `onCap` is told when the cap stopped the reading with more to come.
 */
export const channelPages = operation(
	route('GET', '/app/{app_id}/channels', 'listChannels'),
	async function* (
		ctx: ReplicatedContext,
		appId: string,
		options: { channelName?: string; maxPages?: number; onCap?: () => void } = {},
	): AsyncGenerator<Channel[]> {
		const at = target(channelPages.route, { app_id: appId });
		const fetch = async (currentPage: number, pageSize: number): Promise<Page> => {
			const qs = {
				pageSize,
				currentPage,
				excludeDetail: 'true',
				...(options.channelName ? { channelName: options.channelName } : {}),
			};
			const body = await apiRequest(ctx, { ...at, qs });
			const page = parseResponse(ctx.getNode(), channelListSchema, body, 'channel list');
			return { items: page.channels, total: page.totalCount };
		};
		const pages = readPages(ctx, fetch, {
			what: 'channel list',
			items: 'channels',
			pageSize: CHANNEL_PAGE_SIZE,
			maxPages: options.maxPages ?? MAX_CHANNEL_PAGES,
			onCap: options.onCap,
		});
		// The items are the channels `fetch` parsed.
		for await (const page of pages) yield page.items as Channel[];
	},
);

/**
 * SPEC getChannelProperties, without the release history (`excludeReleases`): the channel with
 * its charts, domains and install commands.
 */
export const getChannel = operation(
	route('GET', '/app/{app_id}/channel/{channel_id}', 'getChannelProperties'),
	async (ctx: ReplicatedContext, appId: string, channelId: string): Promise<InstallChannel> => {
		const at = target(getChannel.route, { app_id: appId, channel_id: channelId });
		const body = await apiRequest(ctx, { ...at, qs: { excludeReleases: true } });
		return parseResponse(ctx.getNode(), channelEnvelopeSchema, body, 'channel').channel;
	},
);

/** The most release pages read of a channel: 100,000 releases, newest first (SPEC's order). */
export const MAX_RELEASE_PAGES = 1000;

/**
 * All releases of a channel (SPEC listChannelReleases, paged), up to MAX_RELEASE_PAGES: they come
 * newest first, so a channel past the cap loses only releases too old to matter to a version
 * count, and the log says so. Releases have no `id`: each is kept as it comes.
 */
export const channelReleases = operation(
	route('GET', '/app/{app_id}/channel/{channel_id}/releases', 'listChannelReleases'),
	async (ctx: ReplicatedContext, appId: string, channelId: string): Promise<ChannelRelease[]> => {
		const at = target(channelReleases.route, { app_id: appId, channel_id: channelId });
		const fetch = async (currentPage: number, pageSize: number): Promise<Page> => {
			const body = await apiRequest(ctx, { ...at, qs: { pageSize, currentPage } });
			const page = parseResponse(
				ctx.getNode(),
				channelReleasesPageSchema,
				body,
				'channel releases',
			);
			return { items: page.releases, total: page.matchedCount };
		};
		const releases: ChannelRelease[] = [];
		const reading = readItems<ChannelRelease>(ctx, fetch, {
			what: 'channel releases',
			items: 'releases',
			pageSize: 100,
			maxPages: MAX_RELEASE_PAGES,
			dedupe: false,
			onCap: (read) =>
				ctx.logger.warn(
					`Replicated: channel ${channelId} has more than ${MAX_RELEASE_PAGES} pages of 100 releases; the newest ${read} are read, older ones are left out`,
				),
		});
		for await (const release of reading) releases.push(release);
		return releases;
	},
);

/** Fetches what health scoring reads: export rows, channel releases, the event series, histories. */
import type { IDataObject } from 'n8n-workflow';

import { jsonArrayItems } from '../../export/json-array-items';
import { instanceRowItem } from '../../export/instance-row';
import { typedRows } from '../../export/typed-rows';
import { EventDigest } from '../../insights/health/event-digest';
import {
	type ChannelRelease,
	channelReleasesPageSchema,
	type HealthRow,
	healthRowSchema,
	instanceEventSchema,
	type VersionHistory,
} from '../../schemas/health';
import { instancePageSchema, instanceSchema } from '../../schemas/instance';
import { parseResponse } from '../../schemas/parse';
import { parseOrSkip, type Skip } from '../skipped';
import {
	apiRequest,
	type ByteStream,
	openInstanceExport,
	type ReplicatedContext,
	send,
} from '../../transport';

const app = (appId: string) => `/v3/app/${encodeURIComponent(appId)}`;

// Items from Instance → Export are already typed; raw export rows are typed here.
const typedRow = (row: Record<string, unknown>) =>
	'instanceId' in row && 'customMetrics' in row ? row : instanceRowItem(row);

/** An export row (or an Instance → Export item) as health scoring reads it. */
export function healthRow(row: Record<string, unknown>): HealthRow {
	return healthRowSchema.parse(typedRow(row));
}

/** The same, or undefined for a row in another shape, which is recorded in `skipped` as `name`. */
export function healthRowOrSkip(
	row: Record<string, unknown>,
	name: string,
	skipped: Skip[],
): HealthRow | undefined {
	return parseOrSkip(healthRowSchema, typedRow(row), name, skipped);
}

/**
 * The app's customer_instances export, streamed, as health rows. Read as CSV: its columns are
 * Replicated's documented data dictionary, while SPEC leaves the JSON form's shape undocumented.
 * Active and inactive instances are both asked for: the export's include flags have no documented
 * default.
 */
export async function* exportedRows(
	ctx: ReplicatedContext,
	appId: string,
	filters: IDataObject,
	/** Rows not in the shape health scoring reads land here, named, instead of failing the run. */
	skipped: Skip[] = [],
): AsyncGenerator<HealthRow> {
	const download = await openInstanceExport(ctx, appId, 'csv', {
		IncludeActive: 'true',
		IncludeInactive: 'true',
		...filters,
	});
	let n = 0;
	for await (const row of typedRows(download.stream, 'csv')) {
		const parsed = parseOrSkip(healthRowSchema, row, `export row ${++n}`, skipped);
		if (parsed) yield parsed;
	}
}

/** The most release pages read of a channel: 100,000 releases, newest first (SPEC's order). */
export const MAX_RELEASE_PAGES = 1000;

/**
 * All releases of a channel (SPEC listChannelReleases, paged), up to MAX_RELEASE_PAGES: they come
 * newest first, so a channel past the cap loses only releases too old to matter to a version
 * count, and the log says so.
 */
export async function channelReleases(
	ctx: ReplicatedContext,
	appId: string,
	channelId: string,
): Promise<ChannelRelease[]> {
	const releases: ChannelRelease[] = [];
	const pageSize = 100;
	for (let currentPage = 0; ; currentPage++) {
		if (currentPage === MAX_RELEASE_PAGES) {
			ctx.logger.warn(
				`Replicated: channel ${channelId} has more than ${MAX_RELEASE_PAGES} pages of ${pageSize} releases; the newest ${releases.length} are read, older ones are left out`,
			);
			break;
		}
		const body = await apiRequest(ctx, {
			method: 'GET',
			path: `${app(appId)}/channel/${encodeURIComponent(channelId)}/releases`,
			qs: { pageSize, currentPage },
		});
		const page = parseResponse(ctx.getNode(), channelReleasesPageSchema, body, 'channel releases');
		releases.push(...page.releases);
		if (page.releases.length < pageSize) break;
		if (page.matchedCount !== null && releases.length >= page.matchedCount) break;
	}
	return releases;
}

/**
 * The instance event series since `after` (app status and custom metrics), streamed into a digest:
 * the endpoint returns every point in one array, which for a large fleet is too big to hold.
 */
export async function eventDigest(
	ctx: ReplicatedContext,
	appId: string,
	windowStart: number,
	qs: IDataObject = {},
): Promise<EventDigest> {
	const digest = new EventDigest(windowStart);
	const response = await send<ByteStream>(ctx, {
		method: 'GET',
		path: `${app(appId)}/events`,
		// The window's first day; also the one filter the endpoint requires.
		qs: { after: new Date(windowStart).toISOString().slice(0, 10), ...qs },
		stream: true,
	});
	// 204: no events in the window.
	if (response.status === 204) return digest;
	for await (const point of jsonArrayItems(response.body)) {
		const event = instanceEventSchema.safeParse(point);
		if (event.success) digest.add(event.data);
	}
	return digest;
}

/** Each instance's version history, by instance ID (one request per customer, a few at a time). */
export async function versionHistories(
	ctx: ReplicatedContext,
	appId: string,
	customerIds: string[],
	concurrency = 4,
	/** Instances in a shape this node does not read land here, named; the others count. */
	skipped: Skip[] = [],
): Promise<Map<string, VersionHistory[]>> {
	const histories = new Map<string, VersionHistory[]>();
	const queue = [...customerIds];
	const worker = async () => {
		for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
			const body = await apiRequest(ctx, {
				method: 'GET',
				path: `${app(appId)}/customer/${encodeURIComponent(id)}/instances`,
			});
			const { instances } = parseResponse(ctx.getNode(), instancePageSchema, body, 'instances');
			instances.forEach((item, n) => {
				const instance = parseOrSkip(instanceSchema, item, `instance ${n + 1}`, skipped);
				if (instance) histories.set(instance.instanceId, instance.versionHistory);
			});
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
	return histories;
}

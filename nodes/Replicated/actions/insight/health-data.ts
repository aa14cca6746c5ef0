/** Fetches what health scoring reads: export rows, channel releases, the event series, histories. */
import type { IDataObject } from 'n8n-workflow';

import { jsonArrayItems } from '../../export/json-array-items';
import { instanceRowItem } from '../../export/instance-row';
import { typedRows } from '../../export/typed-rows';
import { EventDigest } from '../../insights/health/event-digest';
import {
	type HealthRow,
	healthRowSchema,
	instanceEventSchema,
	type VersionHistory,
} from '../../schemas/health';
import { instanceSchema } from '../../schemas/instance';
import { parseOrSkip, type Skip } from '../skipped';
import { customerInstances, openInstanceExport, streamInstanceEvents } from '../../api/instances';
import type { ReplicatedContext } from '../../transport';

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
	const response = await streamInstanceEvents(ctx, appId, {
		// The window's first day; also the one filter the endpoint requires.
		after: new Date(windowStart).toISOString().slice(0, 10),
		...qs,
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
			const instances = await customerInstances(ctx, appId, id);
			instances.forEach((item, n) => {
				const instance = parseOrSkip(instanceSchema, item, `instance ${n + 1}`, skipped);
				if (instance) histories.set(instance.instanceId, instance.versionHistory);
			});
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
	return histories;
}

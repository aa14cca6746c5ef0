import { z } from 'zod/v4';

import { APP_STATUS_FIELDS, appStatusOf } from '../../insights/health/event-digest';
import { nullable } from '../../schemas/common';
import { instanceEvents } from '../../api/instances';
import type { ReplicatedContext } from '../../transport';
import { exportedRows } from '../insight/health-data';

// INFERRED field names (see event-digest): the series' app-status reports under any spelling.
const STATUS_FIELDS = new Set(APP_STATUS_FIELDS);

const eventsSchema = z.array(
	z.looseObject({
		fieldName: nullable(z.string()),
		newValue: nullable(z.unknown()),
		reportedAt: nullable(z.string()),
	}),
);

function earliest(dates: Array<string | null>): string | null {
	return dates.filter((d): d is string => Boolean(d)).sort()[0] ?? null;
}

/**
 * When any of the customer's instances first reported its app as ready: from the instance event
 * series, else from the documented `instance_first_ready_at` export column. Null when neither tells.
 */
export async function confirmedRunningAt(
	ctx: ReplicatedContext,
	appId: string,
	customerId: string,
): Promise<string | null> {
	const events = await instanceEvents(ctx, appId, {
		customerIds: customerId,
		eventTypes: APP_STATUS_FIELDS.join(','),
	});
	// 204 (no events) arrives as an empty body.
	const parsed = eventsSchema.safeParse(events);
	const fromEvents = parsed.success
		? earliest(
				parsed.data
					.filter(
						(e) => STATUS_FIELDS.has(e.fieldName ?? '') && appStatusOf(e.newValue) === 'ready',
					)
					.map((e) => e.reportedAt),
			)
		: null;
	if (fromEvents) return fromEvents;

	const firstReady: Array<string | null> = [];
	for await (const row of exportedRows(ctx, appId, { customerIds: customerId }))
		firstReady.push(row.instance_first_ready_at);
	return earliest(firstReady);
}

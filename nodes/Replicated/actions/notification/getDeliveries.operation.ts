import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import type { NotificationEvent } from '../../schemas/notification';
import { EVENT_TYPES } from '../../schemas/event-catalogue';
import { EVENT_PAGE_SIZE, type EventQuery, notificationEventPages } from '../../api/notifications';
import { limitReachedHint, showOutputHint } from '../output-hints';
import { pastPageCap, resultLimit, returnAllOrLimit } from '../shared';
import { notificationShow } from './fields';
import { deliveryItemSchema } from '../../schemas/outputs';
import type { OperationOption } from '../operation';
import { collection, param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Get Deliveries',
	value: 'getDeliveries',
	description: "Read Replicated's delivery log: failed, pending or delivered events",
	action: 'Get many deliveries',
};

export const output = deliveryItemSchema;

export const description: INodeProperties[] = [
	...returnAllOrLimit('notification', 'getDeliveries'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: notificationShow(['getDeliveries']),
		options: [
			{
				displayName: 'After',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description: 'Only events created after this time',
			},
			{
				displayName: 'Before',
				name: 'endTime',
				type: 'dateTime',
				default: '',
				description: 'Only events created before this time',
			},
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				default: [],
				options: EVENT_TYPES.map((e) => ({ name: e.name, value: e.key })),
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: "Text in the event's content, e.g. a customer name",
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'failed',
				options: [
					{
						name: 'Failed',
						value: 'failed',
						description: 'Replicated gave up after its 8 retries',
					},
					{
						name: 'Pending',
						value: 'pending',
						description: 'Not delivered yet; a retry is scheduled',
					},
					{ name: 'Success', value: 'success', description: 'Delivered' },
				],
			},
			{
				displayName: 'Subscription ID',
				name: 'subscriptionId',
				type: 'string',
				default: '',
				description: 'Only deliveries of this subscription (see Get Many Subscriptions)',
			},
		],
	},
];

/** A listing stops here whatever the server says (100,000 events). */
const MAX_PAGES = 1000;

const params = {
	filters: param(
		collection({
			startTime: z.string().optional(),
			endTime: z.string().optional(),
			eventTypes: z.array(z.string()).optional(),
			search: z.string().optional(),
			status: z.string().optional(),
			subscriptionId: z.string().optional(),
		}),
		'Filters',
		{ fallback: {} },
	),
};

const iso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);

/** A delivery as an item: the event, where it stands, and its last attempt. */
export function deliveryItem(event: NotificationEvent): IDataObject {
	const attempts = event.attempts ?? [];
	const last = attempts[attempts.length - 1];
	const rest: IDataObject = { ...(event as IDataObject) };
	delete rest.attempts;
	return {
		...rest,
		attemptCount: attempts.length,
		lastAttempt: last
			? {
					attemptedAt: last.attemptedAt ?? null,
					statusCode: last.statusCode ?? null,
					success: last.success ?? null,
					errorMessage: last.errorMessage ?? null,
				}
			: null,
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex);
	const { filters } = readParams(this, itemIndex, params);
	// SPEC listNotificationEvents' query parameters.
	const query: EventQuery = {
		...(filters.status ? { status: filters.status } : {}),
		...(filters.subscriptionId ? { subscription_id: filters.subscriptionId } : {}),
		// A repeated key, as the CLI sends it (pkg/kotsclient/notification.go:124).
		...(filters.eventTypes?.length ? { event_types: filters.eventTypes } : {}),
		...(filters.search ? { search: filters.search } : {}),
		...(iso(filters.startTime) ? { start_time: iso(filters.startTime) } : {}),
		...(iso(filters.endTime) ? { end_time: iso(filters.endTime) } : {}),
	};
	const out: INodeExecutionData[] = [];
	let capped = false;
	const pageSize = Number.isFinite(limit) ? Math.min(limit, EVENT_PAGE_SIZE) : EVENT_PAGE_SIZE;
	const pages = notificationEventPages(this, query, {
		pageSize,
		maxPages: MAX_PAGES,
		onCap: () => (capped = true),
	});
	for await (const page of pages) {
		for (const event of page.events.slice(0, limit - out.length))
			out.push({ json: deliveryItem(event) });
		if (out.length >= limit) break;
	}
	// Stopped by the cap short of what was asked: a partial log must not pass for the whole of it.
	if (capped && out.length < limit) {
		throw pastPageCap(this, itemIndex, {
			what: 'delivery log',
			items: 'deliveries',
			pages: MAX_PAGES,
			pageSize,
			fix: 'Narrow the log with filters (Status, Event Types, Start Time), or turn off Return All and set a Limit.',
		});
	}
	showOutputHint(this, limitReachedHint(limit, out.length, 'deliveries'));
	return out;
}

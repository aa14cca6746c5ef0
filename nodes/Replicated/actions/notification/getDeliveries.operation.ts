import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { eventListSchema, type NotificationEvent } from '../../schemas/notification';
import { parseResponse } from '../../schemas/parse';
import { apiRequest } from '../../transport';
import { EVENT_TYPES } from '../../trigger/events';
import { resultLimit, returnAllOrLimit } from '../shared';
import { notificationShow } from './fields';

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

/** SPEC listNotificationEvents: pageSize default 20; 100 is the most this asks for. */
const PAGE_SIZE = 100;

interface Filters {
	startTime?: string;
	endTime?: string;
	eventTypes?: string[];
	search?: string;
	status?: string;
	subscriptionId?: string;
}

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
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const qs: IDataObject = {
		pageSize: Math.min(PAGE_SIZE, Number.isFinite(limit) ? limit : PAGE_SIZE),
		...(filters.status ? { status: filters.status } : {}),
		...(filters.subscriptionId ? { subscription_id: filters.subscriptionId } : {}),
		...(filters.eventTypes?.length ? { event_types: filters.eventTypes } : {}),
		...(filters.search ? { search: filters.search } : {}),
		...(iso(filters.startTime) ? { start_time: iso(filters.startTime) } : {}),
		...(iso(filters.endTime) ? { end_time: iso(filters.endTime) } : {}),
	};
	const seen = new Set<string>();
	const out: INodeExecutionData[] = [];
	// INFERRED: pages count from 0. Should they count from 1, page 0 repeats page 1: IDs already
	// seen are skipped, and a page that brings nothing new ends the listing, so either way is read.
	for (let page = 0; out.length < limit; page++) {
		const body = await apiRequest(this, {
			method: 'GET',
			path: '/v3/notification_events',
			qs: { ...qs, currentPage: page },
		});
		const { events, totalCount } = parseResponse(
			this.getNode(),
			eventListSchema,
			body,
			'delivery list',
		);
		const fresh = (events ?? []).filter((e) => !seen.has(e.id));
		for (const event of fresh) {
			seen.add(event.id);
			if (out.length < limit) out.push({ json: deliveryItem(event) });
		}
		if (
			!fresh.length ||
			(events ?? []).length < Number(qs.pageSize) ||
			seen.size >= (totalCount ?? Infinity)
		)
			break;
	}
	return out;
}

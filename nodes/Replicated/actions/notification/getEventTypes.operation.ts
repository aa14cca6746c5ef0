import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { searchEventTypes } from '../../api/notifications';
import { eventTypeItem, eventTypeItemSchema } from '../../schemas/event-type';
import { limitReachedHint, showOutputHint } from '../output-hints';
import { resultLimit, returnAllOrLimit } from '../shared';
import { notificationShow } from './fields';
import type { OperationOption } from '../operation';
import { param } from '../../schemas/node-parameters';
import { readParams } from '../params';

export const option: OperationOption = {
	name: 'Get Event Types',
	value: 'getEventTypes',
	description: "Replicated's catalogue of events: each one's filters and the fields of its data",
	action: 'Get many event types',
};

export const output = eventTypeItemSchema;

export const description: INodeProperties[] = [
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'e.g. release',
		description:
			"Only the event types whose key, name, description or category contains this text (Replicated's search); empty lists all",
		displayOptions: notificationShow(['getEventTypes']),
	},
	...returnAllOrLimit('notification', 'getEventTypes'),
];

/** SPEC searchNotificationEventTypes `limit`: "Must be between 1 and 100". */
const MAX_LIMIT = 100;

/**
 * Replicated's own catalogue of event types (SPEC searchNotificationEventTypes; the CLI's
 * ListNotificationEventTypes, pkg/kotsclient/notification.go:172): one item per event type with the
 * filters a subscription to it takes and the fields of its deliveries' `data`.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { search } = readParams(this, itemIndex, {
		search: param(
			z.string().transform((s) => s.trim()),
			'Search',
			{ fallback: '' },
		),
	});
	const limit = resultLimit(this, itemIndex);
	const qs: IDataObject = {
		// SPEC searchNotificationEventTypes `q`; the CLI sends it only when not blank.
		...(search ? { q: search } : {}),
		// SPEC `limit` (1..100); without it, every match (the CLI: "0 means no limit").
		...(Number.isFinite(limit) ? { limit: Math.min(MAX_LIMIT, Math.max(1, limit)) } : {}),
	};
	const { eventTypes } = await searchEventTypes(this, qs);
	const listed = (eventTypes ?? []).slice(0, limit);
	showOutputHint(this, limitReachedHint(limit, listed.length, 'event types'));
	return listed.map((eventType) => ({ json: eventTypeItem(eventType) }));
}

/**
 * Replicated's instance data: a customer's instances, the app-wide instance export
 * (customer_instances) and the instance event series (SPEC listAppInstanceEvents).
 */
import type { IDataObject } from 'n8n-workflow';

import { instancePageSchema } from '../schemas/instance';
import { parseResponse } from '../schemas/parse';
import {
	apiRequest,
	type ApiResponse,
	type ByteStream,
	type ExportDownload,
	type ExportFormat,
	openExport,
	type ReplicatedContext,
	send,
} from '../transport';
import { operation, pathOf, route, target } from './route';

/** SPEC listCustomerInstances: the customer's instances, each validated by the caller. */
export const customerInstances = operation(
	route('GET', '/app/{app_id}/customer/{customer_id}/instances', 'listCustomerInstances'),
	async (ctx: ReplicatedContext, appId: string, customerId: string): Promise<unknown[]> => {
		const at = target(customerInstances.route, { app_id: appId, customer_id: customerId });
		const body = await apiRequest(ctx, { ...at });
		return parseResponse(ctx.getNode(), instancePageSchema, body, 'instance list').instances;
	},
);

/**
 * SPEC listAppCustomerInstances opened as a stream (CSV or JSON): the export can be hundreds of
 * thousands of rows, so it is never read into one string.
 */
export const openInstanceExport = operation(
	route('GET', '/app/{app_id}/customer_instances', 'listAppCustomerInstances'),
	async (
		ctx: ReplicatedContext,
		appId: string,
		format: ExportFormat,
		filters: IDataObject = {},
	): Promise<ExportDownload> =>
		await openExport(ctx, pathOf(openInstanceExport.route, { app_id: appId }), format, filters),
);

const EVENTS = route('GET', '/app/{app_id}/events', 'listAppInstanceEvents');

/**
 * SPEC listAppInstanceEvents as a stream: the endpoint returns every point in one array, which for
 * a large fleet is too big to hold. 204: no events.
 */
export const streamInstanceEvents = operation(
	EVENTS,
	async (
		ctx: ReplicatedContext,
		appId: string,
		qs: IDataObject,
	): Promise<ApiResponse<ByteStream>> =>
		await send<ByteStream>(ctx, {
			...target(EVENTS, { app_id: appId }),
			qs,
			stream: true,
		}),
);

/** SPEC listAppInstanceEvents read whole (a customer's few points); 204 (none) arrives empty. */
export const instanceEvents = operation(
	EVENTS,
	async (ctx: ReplicatedContext, appId: string, qs: IDataObject): Promise<unknown> =>
		await apiRequest(ctx, { ...target(EVENTS, { app_id: appId }), qs }),
);

import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';
import { count, param } from '../schemas/node-parameters';
import { readParams } from './params';

import { APP_PICKER } from '../methods/app-picker';

/** "Return All" + "Limit", shown for one resource/operation pair, like n8n's own list operations. */
export function returnAllOrLimit(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show: { resource: [resource], operation: [operation] } },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: {
				show: { resource: [resource], operation: [operation], returnAll: [false] },
			},
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/**
 * A listing that reached its page cap with more to come: an error naming the cap, since a list
 * cut short would pass for the whole of it in the flow that acts on it.
 */
export function pastPageCap(
	ctx: IExecuteFunctions,
	itemIndex: number,
	list: { what: string; items: string; pages: number; pageSize: number; fix: string },
): NodeOperationError {
	const most = (list.pages * list.pageSize).toLocaleString('en-US');
	return new NodeOperationError(
		ctx.getNode(),
		`Replicated's ${list.what} goes on past ${list.pages} pages of ${list.pageSize} (${most} ${list.items}), the most this node reads`,
		{ itemIndex, description: list.fix },
	);
}

/** How many results "Return All" / "Limit" allow: Infinity for all. */
export function resultLimit(ctx: IExecuteFunctions, itemIndex: number): number {
	return ctx.getNodeParameter('returnAll', itemIndex) === true
		? Infinity
		: readParams(ctx, itemIndex, { limit: param(count, 'Limit') }).limit;
}

/** The app picker every app-scoped operation uses: a searchable list, or an ID. */
export function appLocator(resource: string, operations: string[]): INodeProperties {
	return {
		...APP_PICKER,
		required: true,
		description: 'The Replicated application',
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}

/** Parsed API objects are plain JSON (zod loose objects type unknown extras as `unknown`). */
export function toJson(value: object): IDataObject {
	return value as IDataObject;
}

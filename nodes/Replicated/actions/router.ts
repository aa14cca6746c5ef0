import {
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { asNodeError } from '../transport';
import * as app from './app/App.resource';
import * as channel from './channel/Channel.resource';
import * as customer from './customer/Customer.resource';
import * as insight from './insight/Insight.resource';
import * as instance from './instance/Instance.resource';
import * as license from './license/License.resource';
import * as milestone from './milestone/Milestone.resource';
import * as notification from './notification/Notification.resource';
import { forModel, guardTool, runsAsTool, type ToolRules } from './tool-mode';

type Operation = ToolRules & {
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
	/** True when the operation reads all input items in one run (it then pairs its own outputs). */
	runsOnce?: (ctx: IExecuteFunctions) => boolean;
};

const resources: Record<string, Record<string, Operation>> = {
	app: { getAll: app.getAll },
	channel: { getAll: channel.getAll },
	customer: {
		archive: customer.archive,
		create: customer.create,
		get: customer.get,
		getAll: customer.getAll,
		unarchive: customer.unarchive,
		update: customer.update,
	},
	insight: {
		healthDashboard: insight.healthDashboard,
		renewalPrep: insight.renewalPrep,
		scoreCustomers: insight.scoreCustomers,
	},
	instance: { export: instance.export, getAll: instance.getAll },
	license: {
		convert: license.convert,
		download: license.download,
		installInstructions: license.installInstructions,
		mapProducts: license.mapProducts,
	},
	milestone: { get: milestone.get },
	notification: {
		deleteSubscription: notification.deleteSubscription,
		getDeliveries: notification.getDeliveries,
		getEventTypes: notification.getEventTypes,
		getSubscription: notification.getSubscription,
		getSubscriptions: notification.getSubscriptions,
		retryDelivery: notification.retryDelivery,
		sendTest: notification.sendTest,
	},
};

const descriptions = [
	app,
	channel,
	customer,
	insight,
	instance,
	license,
	milestone,
	notification,
].flatMap((r) => r.description);

/** "Customer → Archive": the names the user sees in the node's lists. */
function labelOf(resource: string, operation: string): string {
	const list = descriptions.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	const option = list?.options?.find((o) => 'value' in o && o.value === operation);
	const resourceName = resource.charAt(0).toUpperCase() + resource.slice(1);
	return `${resourceName} → ${option?.name ?? operation}`;
}

/** Keeps n8n's own errors (and their HTTP status), tagged with the failing item. */
function atItem(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const nodeError = asNodeError(ctx.getNode(), error);
	nodeError.context.itemIndex = itemIndex;
	return nodeError;
}

/** Runs the chosen operation once per input item; pairs every output with its input item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		try {
			const handler = resources[resource]?.[operation];
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`"${operation}" is not an operation of "${resource}"`,
					{
						itemIndex,
					},
				);
			}
			guardTool(this, handler, labelOf(resource, operation), itemIndex);
			const results = await handler.execute.call(this, itemIndex);
			const asTool = runsAsTool(this);
			for (const result of asTool ? results.map(forModel) : results)
				out.push({ ...result, pairedItem: result.pairedItem ?? { item: itemIndex } });
			if (handler.runsOnce?.(this)) break;
		} catch (error) {
			if (this.continueOnFail()) {
				const e = error as NodeApiError;
				const details = {
					...(e.description ? { description: e.description } : {}),
					...(e.httpCode ? { httpCode: e.httpCode } : {}),
				};
				// Only error, message and details: n8n sends an item to the error output of "On Error:
				// Continue (using error output)" only when its JSON has no other key.
				out.push({
					json: { error: e.message, ...(Object.keys(details).length ? { details } : {}) },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw atItem(this, error, itemIndex);
		}
	}
	return [out];
}

import {
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { asNodeError } from '../transport';
import { findOperation } from './resources';
import { forModel, guardTool, runsAsTool } from './tool-mode';
import { param } from '../schemas/node-parameters';
import { readParams } from './params';

/** "Customer → Archive": the names the user sees in the node's lists. */
function labelOf(resource: string, name: string): string {
	const resourceName = resource.charAt(0).toUpperCase() + resource.slice(1);
	return `${resourceName} → ${name}`;
}

/** Which operation an item runs. */
const ROUTE = {
	resource: param(z.string(), 'Resource'),
	operation: param(z.string(), 'Operation'),
};

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
		const { resource, operation } = readParams(this, itemIndex, ROUTE);
		try {
			const handler = findOperation(resource, operation);
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`"${operation}" is not an operation of "${resource}"`,
					{
						itemIndex,
					},
				);
			}
			guardTool(this, handler, labelOf(resource, handler.option.name), itemIndex);
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

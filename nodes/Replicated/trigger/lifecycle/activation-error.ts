import { type IHookFunctions, type INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { saysWhatToDo } from '../../transport';
import { triggerLabel } from './label';

/**
 * An error raised while n8n activates the trigger, with its fix in the message: the editor's
 * publish toast and the workflow's activation error show the message only, never the description.
 */
export function withFixInMessage(node: INode, error: unknown): Error {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError))
		return error as Error;
	if (saysWhatToDo(error)) return error;
	const fix = (error.description ?? '').replace(/\s*Request: .*$/s, '').trim();
	if (!fix || error.message.includes(fix)) return error;
	const message = `${error.message.replace(/[.:]?$/, '')}. ${fix}`;
	if (error instanceof NodeApiError) {
		error.message = message;
		return error;
	}
	return new NodeOperationError(node, message, { description: error.description ?? undefined });
}

/**
 * Runs an activation step (checkExists, create, delete) so that its errors say what to do, and puts
 * them in the n8n log too: n8n's public API answers `activate` with 200 even when this step failed.
 */
export async function explained<T>(ctx: IHookFunctions, step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		const explainedError = withFixInMessage(ctx.getNode(), error);
		ctx.logger.error(`${triggerLabel(ctx)} could not be activated: ${explainedError.message}`, {
			workflowId: ctx.getWorkflow().id,
		});
		throw explainedError;
	}
}

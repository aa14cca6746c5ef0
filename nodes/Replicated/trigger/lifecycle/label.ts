import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

type Ctx = Pick<IHookFunctions | IWebhookFunctions, 'getWorkflow'>;

/** The workflow as a user finds it in the editor: by name, or by ID when it has none. */
export function workflowName(ctx: Ctx): string {
	const workflow = ctx.getWorkflow();
	return `${workflow.name ?? workflow.id}`;
}

/** How the n8n log names this trigger: one n8n runs many workflows. */
export function triggerLabel(ctx: Ctx): string {
	return `Replicated Trigger in workflow "${workflowName(ctx)}"`;
}

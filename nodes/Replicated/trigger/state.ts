import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { RegistrationState } from './registration';

/**
 * The trigger's registration record, in the workflow's static data. The editor's test listener has
 * its own: n8n gives a test registration an empty static data of its own and keeps it until the
 * listener stops, so the production record is never seen (nor changed) by a test.
 */
export function registrationState(ctx: IHookFunctions | IWebhookFunctions): RegistrationState {
	return ctx.getWorkflowStaticData('node') as RegistrationState;
}

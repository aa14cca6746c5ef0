import { replicatedTrigger } from '../../scripts/templates/kit';

/** The trigger's parameters a test's workflow sets (the builder adds empty filters and options). */
export interface TriggerParameters {
	registration: 'auto' | 'manual';
	events: string[];
	filters?: Record<string, unknown>;
	options?: Record<string, unknown>;
}

/**
 * Our trigger node as the templates build it (`replicatedTrigger` in scripts/templates/kit.ts), with
 * what a test's workflow sets itself: its node id, webhook id, parameters and credentials by id.
 */
export function triggerNode({
	id,
	webhookId,
	registration,
	events,
	filters,
	options,
	credentials,
}: TriggerParameters & {
	id: string;
	webhookId: string;
	credentials: Record<string, { id: string; name: string }>;
}) {
	return {
		...replicatedTrigger(id, events, [0, 0], { settings: { registration }, filters, options }),
		id,
		webhookId,
		credentials,
	};
}

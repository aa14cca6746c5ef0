/** Where a Replicated Trigger stands with its subscription (Notification → Check Trigger Health), worst first. */
export const TRIGGER_STATUSES = [
	'deleted',
	'unregistered',
	'pointing elsewhere',
	'disabled',
	'failing',
	'orphaned',
	'healthy',
] as const;
export type TriggerStatus = (typeof TRIGGER_STATUSES)[number];

import type { Acknowledge } from '../delivery/acknowledge';

/** The trigger's Options collection (panel/description.ts), as the delivery and lifecycle read it. */
export interface TriggerOptions {
	acknowledge?: Acknowledge;
	allowUnsigned?: boolean;
	enrichCustomer?: boolean;
	includeRaw?: boolean;
	maxBodyKb?: number;
	replayToleranceMinutes?: number;
	requiredHeader?: { header?: { name?: string; value?: string } };
	catchUp?: boolean;
	secretVersion?: number;
	revokePreviousSecret?: boolean;
}

import type { Faults, RateLimit } from '../faults';
import type { Router } from '../http';
import type { EmulatorState } from '../state';

/**
 * Where Replicated's own sources disagree, the emulator can answer under each reading, so that a
 * test proves the package works under both (API.md Corrections).
 */
export interface Readings {
	/** Search `offset`: pages to skip (SPEC, replicated-lib) or records to skip (the CLI). */
	searchOffset: 'pages' | 'records';
	/** Enterprise Portal invite answer: `{invite: CustomerInvite}` (SPEC) or `{url}` (the CLI). */
	inviteAnswer: 'spec' | 'cli';
}

export const DEFAULT_READINGS: Readings = { searchOffset: 'pages', inviteAnswer: 'spec' };

export interface RouteContext {
	router: Router;
	state: EmulatorState;
	faults: Faults;
	rateLimit: { current: RateLimit | null };
	readings: Readings;
}

import type { Faults, RateLimit } from '../faults';
import type { Router } from '../http';
import type { EmulatorState } from '../state';

export interface RouteContext {
	router: Router;
	state: EmulatorState;
	faults: Faults;
	rateLimit: { current: RateLimit | null };
}

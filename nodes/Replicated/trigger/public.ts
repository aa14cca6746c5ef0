/** The trigger's building blocks, for code that verifies Replicated deliveries outside n8n. */
export { EVENT_TYPES, type EventType, categoryOf } from './panel/events';
export {
	checkFreshness,
	DEFAULT_REPLAY_TOLERANCE_MINUTES,
	tokenMatches,
	verifySignature,
} from './delivery/verify';
export { eventItem, type EventItem } from './delivery/normalize';
export { deliverySchema, type Delivery } from '../schemas/event';

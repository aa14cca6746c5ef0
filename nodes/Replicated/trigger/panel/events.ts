/** The event catalogue lives with the schemas: the Notification resource lists it too. */
export {
	categoryOf,
	EVENT_KEYS,
	EVENT_TYPES,
	type EventCategory,
	type EventType,
} from '../../schemas/event-catalogue';

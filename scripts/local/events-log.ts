import { at, replicatedTrigger, setFields, sticky, workflow } from '../templates/kit';

/**
 * Sandbox only (never in workflows-templates/): a Replicated Trigger on every event, published by
 * `npm start`, so `npm run send-event -- <event> --emulator` reaches an active trigger at once. Each
 * delivery is one execution, kept in n8n's Executions list (n8n keeps successful executions by
 * default); the Event node puts its gist in one item.
 */
export const eventsLog = workflow(
	'Sandbox: events log',
	[
		sticky(
			'About',
			[
				'## Sandbox: events log',
				'Every Replicated event the local emulator delivers lands here: one execution each, listed under **Executions**.',
				'',
				'Send one: `npm run send-event -- instance.ready --emulator` (or any other event key).',
				'',
				'Made by `npm start` for the sandbox only; it is not one of the templates.',
			].join('\n'),
			at(-1, -2),
		),
		replicatedTrigger('sandbox/events-log', ['*'], at(0)),
		setFields('Event', at(1), [
			['event', '={{ $json.event }}', 'string'],
			['customer', "={{ $json.customer?.name ?? '' }}", 'string'],
			['occurredAt', '={{ $json.occurredAt }}', 'string'],
		]),
	],
	[['Replicated Trigger', 'Event']],
	['Sandbox'],
);

/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test infrastructure: runs beside n8n, never inside it */
import { request } from 'undici';

import { listenSecret } from '../../nodes/Replicated/trigger/lifecycle/test-event';
import { SAMPLE_EVENTS, sampleDelivery } from './samples';
import { sendDelivery } from './sender';

const USAGE = [
	'usage: npm run send-event -- <event-key> --url <webhook URL> [--secret <s> | --listen] [--test] [--header Name:Value] [--customer <id>] [--app <id>]',
	'       (--listen: to a trigger listening for a test event at a private URL, signed as it expects:',
	'        set REPLICATED_API_TOKEN to the API token of its Replicated credential)',
	'   or: npm run send-event -- <event-key> --emulator [<origin>] [--customer <id>] [--test]',
	'       (the emulator delivers to every subscription registered for the event, signed with its own',
	'        secret: what automatic registration needs; origin defaults to http://127.0.0.1:5680)',
];

/** Asks the emulator to play the event to its subscriptions, as Replicated would. */
async function viaEmulator(
	origin: string,
	event: string,
	args: Record<string, string | boolean>,
): Promise<number> {
	const response = await request(`${origin.replace(/\/$/, '')}/_emulator/notify`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			eventType: event,
			test: args.test === true,
			...(typeof args.customer === 'string' ? { customerId: args.customer } : {}),
		}),
	});
	const text = await response.body.text();
	if (response.statusCode !== 200) {
		console.error(`emulator answered ${response.statusCode}: ${text}`);
		return 1;
	}
	const { deliveries } = JSON.parse(text) as {
		deliveries: Array<{ webhookUrl: string; status: number; body: string }>;
	};
	if (!deliveries.length) {
		console.error(
			`no subscription in the emulator listens for ${event}: activate the workflow or click "Listen for test event" first`,
		);
		return 1;
	}
	for (const d of deliveries)
		console.log(`${event} → ${d.webhookUrl} → HTTP ${d.status}: ${d.body}`);
	return deliveries.every((d) => d.status >= 200 && d.status < 300) ? 0 : 1;
}

/**
 * `npm run send-event`: sends a signed sample delivery exactly as Replicated would, e.g. to the
 * trigger's test URL while n8n listens for a test event (see USAGE).
 */
async function main(argv: string[]): Promise<number> {
	const args: Record<string, string | boolean> = {};
	const positional: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		if (argv[i].startsWith('--')) {
			const key = argv[i].slice(2);
			const next = argv[i + 1];
			if (next === undefined || next.startsWith('--')) args[key] = true;
			else args[key] = argv[++i];
		} else positional.push(argv[i]);
	}
	const event = positional[0];
	if (!event || !(args.url || args.emulator) || args.help) {
		for (const line of USAGE) console.error(line);
		console.error(`event keys: ${SAMPLE_EVENTS.join(', ')}`);
		return 2;
	}
	if (!SAMPLE_EVENTS.includes(event))
		console.error(`note: ${event} is not a known event key; sending a generic payload`);
	if (args.emulator)
		return await viaEmulator(
			typeof args.emulator === 'string' ? args.emulator : 'http://127.0.0.1:5680',
			event,
			args,
		);
	const headers: Record<string, string> = {};
	if (typeof args.header === 'string') {
		const [name, ...value] = args.header.split(':');
		headers[name.trim()] = value.join(':').trim();
	}
	const delivery = sampleDelivery(
		event,
		{
			...(typeof args.customer === 'string' ? { customerId: args.customer } : {}),
			...(typeof args.app === 'string' ? { appId: args.app } : {}),
		},
		{ test: args.test === true },
	);
	let secret = typeof args.secret === 'string' ? args.secret : undefined;
	if (args.listen) {
		const token = process.env.REPLICATED_API_TOKEN;
		if (!token) {
			console.error(
				"--listen signs with a secret derived from the trigger's API token: set REPLICATED_API_TOKEN to the API token of its Replicated credential",
			);
			return 2;
		}
		secret = listenSecret(token, String(args.url));
	}
	const result = await sendDelivery(String(args.url), delivery, { secret, headers });
	console.log(
		`${event} → HTTP ${result.status} in ${Math.round(result.durationMs)} ms: ${result.body}`,
	);
	return result.status >= 200 && result.status < 300 ? 0 : 1;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(`send-event failed: ${error.message}`);
		process.exit(1);
	},
);

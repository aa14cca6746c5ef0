/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test infrastructure: runs beside n8n, never inside it */
import { SAMPLE_EVENTS, sampleDelivery } from './samples';
import { sendDelivery } from './sender';

/**
 * `npm run send-event -- <event-key> --url <webhook URL> --secret <secret> [--test] [--header Name:Value]
 *  [--customer <id>] [--app <id>]`: sends a signed sample delivery exactly as Replicated would, e.g.
 * to the trigger's test URL while n8n listens for a test event.
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
	if (!event || !args.url || args.help) {
		console.error(
			'usage: npm run send-event -- <event-key> --url <webhook URL> [--secret <s>] [--test] [--header Name:Value] [--customer <id>] [--app <id>]',
		);
		console.error(`event keys: ${SAMPLE_EVENTS.join(', ')}`);
		return 2;
	}
	if (!SAMPLE_EVENTS.includes(event))
		console.error(`note: ${event} is not a known event key; sending a generic payload`);
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
	const result = await sendDelivery(String(args.url), delivery, {
		secret: typeof args.secret === 'string' ? args.secret : undefined,
		headers,
	});
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

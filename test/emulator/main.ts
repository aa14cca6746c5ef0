/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test infrastructure: runs beside n8n, never inside it */
import { describeFleet, seedDemoFleet } from './demo-fleet';
import { startEmulator } from './server';

/** `npm run emulator`: the Replicated API sandbox on loopback, until Ctrl-C. */
async function main(): Promise<void> {
	const port = Number(process.env.EMULATOR_PORT ?? 5680);
	const emulator = await startEmulator({
		port,
		token: process.env.EMULATOR_TOKEN,
		allowPrivateWebhookUrls: process.env.EMULATOR_ALLOW_PRIVATE_WEBHOOK_URLS === 'true',
	});
	const app = [...emulator.state.apps.values()][0];
	// `npm start` shows a live fleet: EMULATOR_SEED=demo seeds it before the first request.
	const demo = process.env.EMULATOR_SEED === 'demo' ? seedDemoFleet(emulator.state) : null;
	console.log(`Replicated API emulator listening on ${emulator.origin}`);
	console.log(`  API Base URL (credential): ${emulator.baseUrl}`);
	console.log(`  API token (read/write):    ${emulator.token}`);
	console.log(`  API token (read-only):     ${emulator.readOnlyToken}`);
	console.log(`  seeded app:                ${app.name} (${app.id})`);
	if (demo) console.log(`  demo fleet:                ${describeFleet(demo)}`);
	console.log(`  control API:               ${emulator.origin}/_emulator/{reset,faults,...}`);
	const stop = () => void emulator.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();

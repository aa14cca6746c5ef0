/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test infrastructure: a child process the pagination test starts with a small heap */
import { appCustomers } from '../../nodes/Replicated/api/customers';
import { collect } from '../../nodes/Replicated/transport';
import { startEmulator } from '../emulator/server';
import { executeContext } from './n8n-engine';

/**
 * Reads an app's customers from an emulator whose first page reports `argv[2]` customers, and
 * prints one JSON line: the error the reading ended with, or how many it read. Run with a small
 * heap: a reader that plans pages by the server's total dies here of a fatal out-of-memory error
 * (exit code 134), which no test could catch in its own process.
 */
async function main(): Promise<void> {
	const total = Number(process.argv[2]);
	const emulator = await startEmulator();
	const appId = [...emulator.state.apps.values()][0].id;
	emulator.faults.add({ path: '/customers', answerPatch: { totalCustomers: total } });
	const ctx = executeContext({
		credentials: { replicatedApi: { apiToken: emulator.token, baseUrl: emulator.baseUrl } },
	});
	try {
		const read = await collect(appCustomers(ctx, appId));
		console.log(JSON.stringify({ read: read.length }));
	} catch (error) {
		console.log(JSON.stringify({ error: (error as Error).message }));
	}
	await emulator.close();
}

void main();

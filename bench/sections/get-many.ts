import { searchCustomers } from '../../nodes/Replicated/api/customers';
import { collect } from '../../nodes/Replicated/transport';
import { PAGE_CONCURRENCY } from '../../nodes/Replicated/transport/pagination';
import { startEmulator } from '../../test/emulator/server';
import { executeContext } from '../../test/support/n8n-engine';
import { n8nInstall } from '../../test/support/n8n-runtime';
import { round, type Row } from '../row';

/**
 * Row 4: Customer → Get Many with Return All over 10k customers (100 pages of 100), against the
 * emulator answering in 30 ms per request as over a network: our paging (first page, then PAGE_CONCURRENCY
 * at a time) vs strictly serial paging; then the same under a rate limit, where results must be exact
 * and no 429 may reach the user.
 */
export async function getManyRows(): Promise<Row[]> {
	n8nInstall(); // the transport runs on n8n's own HTTP client
	// The bench measures the package, not our model of Replicated: the emulator's spec check (ajv over
	// every request and answer) would run in this process and be counted as ours. Tests keep it on.
	const emulator = await startEmulator({ specCheck: false });
	try {
		const appId = [...emulator.state.apps.keys()][0];
		for (let i = 0; i < 10_000; i++)
			emulator.state.addCustomer({ appId, name: `Bench Customer ${i}`, type: 'prod' });
		const body = {
			app_id: appId,
			query: 'name:bench',
			include_paid: true,
			include_active: true,
			include_inactive: true,
		};
		const context = () =>
			executeContext({
				credentials: { replicatedApi: { apiToken: emulator.token, baseUrl: emulator.baseUrl } },
			});
		const run = async (concurrency: number) => {
			const t0 = performance.now();
			const customers = (await collect(
				searchCustomers(context(), body, { concurrency }),
			)) as Array<{
				id: string;
			}>;
			const ms = performance.now() - t0;
			if (customers.length !== 10_000 || new Set(customers.map((c) => c.id)).size !== 10_000)
				throw new Error(`Get Many returned ${customers.length} customers, not 10,000 distinct`);
			return ms;
		};
		emulator.faults.latencyMs = 30;
		await run(PAGE_CONCURRENCY); // warm up
		const serial: number[] = [];
		const ours: number[] = [];
		for (let i = 0; i < 3; i++) {
			serial.push(await run(1));
			ours.push(await run(PAGE_CONCURRENCY));
		}
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
		const [s, o] = [median(serial), median(ours)];

		// A limit the serial client stays under and ours would not: 40 requests per second.
		const limited = emulator.setRateLimit(40, 1000)!;
		const limitedSerial = await run(1);
		const rejectedSerial = limited.rejected;
		const limitedOurs = await run(PAGE_CONCURRENCY);
		const rejected = limited.rejected - rejectedSerial;
		return [
			{
				name: 'Get Many, Return All, 10k customers (30 ms per request)',
				ours: round(o, 0),
				baseline: round(s, 0),
				unit: 'ms (baseline: strictly serial pages)',
				ratio: round(s / o),
				target: '≥ 3× faster than serial, exact results',
				met: s / o >= 3,
			},
			{
				name: 'Get Many under a 40 requests/s limit: time, 429s answered',
				ours: round(limitedOurs, 0),
				baseline: round(limitedSerial, 0),
				unit: `ms (429s: ours ${rejected}, all retried; serial ${rejectedSerial})`,
				ratio: round(limitedSerial / limitedOurs),
				target: 'exact results, no 429 surfaced, not slower than serial',
				met: limitedOurs <= limitedSerial * 1.1,
			},
		];
	} finally {
		await emulator.close();
	}
}

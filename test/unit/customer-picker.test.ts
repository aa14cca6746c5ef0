import { searchCustomers } from '../../nodes/Replicated/methods/listSearch';
import { useEmulator } from '../support/emulator-fixture';

describe('the Customer picker pages through every customer once', () => {
	const { emulator, loadOptions, appId } = useEmulator();

	// SPEC and replicated-lib count the search `offset` in pages, the CLI in records.
	it.each(['pages', 'records'] as const)('when offset counts %s', async (reading) => {
		emulator().setReadings({ searchOffset: reading });
		for (let i = 0; i < 137; i++)
			emulator().state.addCustomer({
				appId: appId(),
				name: `Picker ${String(i).padStart(3, '0')}`,
				type: 'trial',
			});
		const ctx = loadOptions({ parameters: { resource: 'customer', operation: 'get' } });
		const names: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await searchCustomers.call(ctx as never, '', token);
			names.push(...page.results.map((r) => r.name.split(' · ')[0]));
			token = page.paginationToken as string | undefined;
			pages += 1;
		} while (token && pages < 10);
		expect(pages).toBe(3);
		expect(names).toHaveLength(140);
		expect(new Set(names).size).toBe(140);
		// Sorted by name, as the picker asks.
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});
});

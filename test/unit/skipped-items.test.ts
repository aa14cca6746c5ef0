/**
 * One customer or instance that Replicated serves in a shape the node does not read is left out of
 * a list, named (by ID and name, never its license ID) in a warning above the output; the rest of
 * the list is answered.
 */
import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from '../support/emulator-fixture';

const SECRET = 'LICENSE-ID-NEVER-SHOWN';

describe('a list with one item in a shape the node does not read', () => {
	const { emulator, run, appId } = useEmulator();

	const hintsOf = (whole: Awaited<ReturnType<typeof run>>['run']) =>
		whole.data.resultData.runData.Replicated[0].hints ?? [];

	it('Customer → Get Many answers the others and names the odd one', async () => {
		emulator().faults.add({
			path: '/customers/search',
			jsonBody: JSON.stringify({
				customers: [
					{ id: 'c1', name: 'Good Co', customId: 'crm-1', installationId: 'LICENSE-1' },
					{ id: 'c2', name: 5, installationId: SECRET },
				],
				total_hits: 2,
			}),
		});
		const {
			output,
			error,
			run: whole,
		} = await run({
			parameters: {
				resource: 'customer',
				operation: 'getAll',
				appId: { __rl: true, mode: 'id', value: appId() },
				returnAll: true,
				filters: {},
			},
		});
		expect(error).toBeUndefined();
		expect(output[0].map((i) => i.json.id)).toEqual(['c1']);
		expect(hintsOf(whole)).toEqual([
			{
				message:
					'Customers of the search left out (1), not in the shape this node reads: search hit 2 (customer "c2"): "name" Invalid input: expected string, received number',
				type: 'warning',
				location: 'outputPane',
			},
		]);
		expect(JSON.stringify(hintsOf(whole))).not.toContain(SECRET);
	});

	it('Instance → Get Many answers the others and names the odd one', async () => {
		const state = emulator().state;
		const customer = state.addCustomer({ appId: appId(), name: 'Staged Co', type: 'prod' });
		emulator().faults.add({
			path: /\/customer\/[^/]+\/instances$/,
			jsonBody: JSON.stringify({
				instances: [
					{ instanceId: 'i1', licenseId: 'LICENSE-1', versionHistory: [] },
					{ instanceId: 'i2', licenseId: SECRET, active: 'yes' },
				],
			}),
		});
		const {
			output,
			error,
			run: whole,
		} = await run({
			parameters: {
				resource: 'instance',
				operation: 'getAll',
				customer: { __rl: true, mode: 'id', value: customer.id },
				includeArchived: true,
			},
		});
		expect(error).toBeUndefined();
		expect(output[0].map((i) => (i.json as IDataObject).instanceId)).toEqual(['i1']);
		expect(hintsOf(whole)).toEqual([
			{
				message:
					'Instances left out (1), not in the shape this node reads: instance 2 (instance "i2"): "active" Invalid input: expected boolean, received string',
				type: 'warning',
				location: 'outputPane',
			},
		]);
		expect(JSON.stringify(hintsOf(whole))).not.toContain(SECRET);
	});

	it('Score Customers scores the input rows it can read and names the one it cannot', async () => {
		const row = (json: IDataObject) => ({ json });
		const {
			output,
			error,
			run: whole,
		} = await run({
			items: [
				row({ customerId: 'cust-quiet', customerName: 'Quiet Co', instanceId: null }),
				row({ customerId: 'cust-odd', customerName: 'Odd Co', instanceId: 7, licenseId: SECRET }),
			],
			parameters: {
				resource: 'insight',
				operation: 'scoreCustomers',
				appId: { __rl: true, mode: 'id', value: appId() },
				source: 'input',
				thresholds: {},
				options: { customIds: false },
			},
		});
		expect(error).toBeUndefined();
		expect(output[0].map((i) => i.json.customerId)).toEqual(['cust-quiet']);
		expect(hintsOf(whole)).toEqual([
			{
				message:
					'Input items left out (1), not in the shape this node reads: input item 2 (customer "cust-odd", named "Odd Co"): "instanceId" Invalid input: expected string, received number',
				type: 'warning',
				location: 'outputPane',
			},
		]);
		expect(JSON.stringify(hintsOf(whole))).not.toContain(SECRET);
	});
});

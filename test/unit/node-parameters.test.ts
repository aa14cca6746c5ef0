import type { IDataObject } from 'n8n-workflow';

import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { useEmulator } from '../support/emulator-fixture';

/**
 * Node parameters are read through each operation's zod schemas (actions/params.ts): a value of
 * the wrong kind fails before any request, naming the field as the user sees it and what is wrong.
 */
describe('node parameters: a wrong value names its field and the problem, before any request', () => {
	const { emulator, context, appId } = useEmulator();
	const node = new Replicated();
	const run = async (parameters: IDataObject) => await node.execute.call(context({ parameters }));

	it.each([
		[
			'a toggle given text',
			{ resource: 'app', operation: 'getAll', returnAll: true, includeChannels: 'yes' },
			'Include Channels: is not true or false',
		],
		[
			'a number given text',
			{ resource: 'app', operation: 'getAll', returnAll: false, limit: 'ten' },
			'Limit: is not a number',
		],
		[
			'a collection field of the wrong kind',
			{
				resource: 'notification',
				operation: 'getDeliveries',
				returnAll: true,
				filters: { eventTypes: 'customer.created' },
			},
			'Filters: Invalid input: expected array, received string (eventTypes)',
		],
	])('%s', async (_, parameters, message) => {
		const before = emulator().requests.length;
		await expect(run(parameters)).rejects.toThrow(message);
		expect(emulator().requests.length).toBe(before);
	});

	it('Customer → Create keeps its own texts for what its validators check', async () => {
		await expect(
			run({
				resource: 'customer',
				operation: 'create',
				appId: { __rl: true, mode: 'id', value: appId() },
				name: '  ',
				licenseType: 'trial',
			}),
		).rejects.toThrow('Name: is empty');
		await expect(
			run({
				resource: 'customer',
				operation: 'create',
				appId: { __rl: true, mode: 'id', value: appId() },
				name: 'Acme',
				licenseType: 'trial',
				sendInvite: 'true',
			}),
		).rejects.toThrow('Send Enterprise Portal Invite: is not true or false');
	});
});

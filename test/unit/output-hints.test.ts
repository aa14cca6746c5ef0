/**
 * Notes above the Replicated node's output (n8n's execution hints, in the run's task data) where a
 * result is right but surprising: a list stopped at Limit, an empty instance export, customers
 * without the Custom ID the CRM flows join on. None in the ordinary case.
 */
import type { INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../support/emulator-fixture';

const TO_SET_CUSTOM_ID =
	"The CRM flows find a customer's CRM record by its Custom ID. Set it to the CRM record's ID with Customer → Update (Update Fields → Custom ID).";
const ARCHIVED_LEFT_OUT =
	' Instances of archived customers, and archived instances, are left out unless Include Archived Customers and Include Archived Instances are on.';

describe('notes above the output where a result is surprising', () => {
	const { emulator, run, appId } = useEmulator();
	const app = () => ({ __rl: true, mode: 'id', value: appId() });
	/** The run's output and the hints n8n recorded for it. */
	const outcome = async (parameters: INodeParameters, items = 1) => {
		const {
			output,
			error,
			run: whole,
		} = await run({
			parameters,
			items: Array.from({ length: items }, () => ({ json: {} })),
		});
		if (error) throw error;
		return {
			count: output[0].length,
			hints: whole.data.resultData.runData.Replicated[0].hints ?? [],
		};
	};
	const note = (message: string) => ({ message, location: 'outputPane' });
	const customers = () => [...emulator().state.customers.values()];
	/** Every seeded customer with a Custom ID, so that only the note under test can appear. */
	const allWithCustomIds = () => {
		for (const customer of customers()) customer.customId ||= `crm-${customer.name}`;
	};

	describe('Get Many stopped at Limit', () => {
		const getMany = (resource: string, paging: INodeParameters) =>
			outcome({ resource, operation: 'getAll', appId: app(), filters: {}, ...paging });

		it('Customer → Get Many: as many customers as Limit', async () => {
			allWithCustomIds();
			expect(customers()).toHaveLength(3);
			expect(await getMany('customer', { returnAll: false, limit: 3 })).toEqual({
				count: 3,
				hints: [
					note(
						'Stopped at Limit (3): more customers may exist. Turn on Return All, or raise Limit.',
					),
				],
			});
		});

		it('Customer → Get Many: none below Limit, none with Return All', async () => {
			allWithCustomIds();
			expect(await getMany('customer', { returnAll: false, limit: 4 })).toEqual({
				count: 3,
				hints: [],
			});
			expect(await getMany('customer', { returnAll: true })).toEqual({ count: 3, hints: [] });
		});

		it('Channel → Get Many and App → Get Many say the same', async () => {
			expect(emulator().state.appChannels(appId())).toHaveLength(3);
			expect(await getMany('channel', { returnAll: false, limit: 3, options: {} })).toEqual({
				count: 3,
				hints: [
					note(
						'Stopped at Limit (3): more channels may exist. Turn on Return All, or raise Limit.',
					),
				],
			});
			expect(await getMany('channel', { returnAll: false, limit: 4, options: {} })).toEqual({
				count: 3,
				hints: [],
			});
			expect(await getMany('app', { returnAll: false, limit: 1 })).toEqual({
				count: 1,
				hints: [
					note('Stopped at Limit (1): more apps may exist. Turn on Return All, or raise Limit.'),
				],
			});
			expect(await getMany('app', { returnAll: true })).toEqual({ count: 1, hints: [] });
		});

		it('Notification → Get Subscriptions and Get Event Types say the same', async () => {
			for (const name of ['n8n: Signups', 'n8n: Renewals'])
				emulator().state.addSubscription({ name, webhookUrl: 'https://n8n.example.com/hook' });
			const list = (operation: string, paging: INodeParameters) =>
				outcome({ resource: 'notification', operation, filters: {}, search: '', ...paging });
			expect(await list('getSubscriptions', { returnAll: false, limit: 2 })).toEqual({
				count: 2,
				hints: [
					note(
						'Stopped at Limit (2): more subscriptions may exist. Turn on Return All, or raise Limit.',
					),
				],
			});
			expect(await list('getSubscriptions', { returnAll: false, limit: 3 })).toEqual({
				count: 2,
				hints: [],
			});
			expect(await list('getEventTypes', { returnAll: false, limit: 5 })).toEqual({
				count: 5,
				hints: [
					note(
						'Stopped at Limit (5): more event types may exist. Turn on Return All, or raise Limit.',
					),
				],
			});
			expect(await list('getEventTypes', { returnAll: true })).toEqual({ count: 28, hints: [] });
		});
	});

	describe('customers without a Custom ID', () => {
		const byName = (name: string) => customers().find((c) => c.name === name)!;
		const get = (name: string, items = 1) =>
			outcome(
				{
					resource: 'customer',
					operation: 'get',
					customer: { __rl: true, mode: 'id', value: byName(name).id },
				},
				items,
			);

		it('Customer → Get: one without, said once however many items asked', async () => {
			expect(await get('Initech Dev', 2)).toEqual({
				count: 2,
				hints: [note(`This customer has no Custom ID. ${TO_SET_CUSTOM_ID}`)],
			});
			expect(await get('The Airplane Company')).toEqual({ count: 1, hints: [] });
		});

		it('Customer → Get Many: counted, the first three named', async () => {
			for (const name of ['Hooli', 'Umbrella', 'Soylent'])
				emulator().state.addCustomer({ appId: appId(), name });
			const [globex, initech, hooli] = ['Globex Trial', 'Initech Dev', 'Hooli'].map(
				(name) => byName(name).id,
			);
			expect(
				await outcome({
					resource: 'customer',
					operation: 'getAll',
					appId: app(),
					returnAll: true,
					filters: {},
				}),
			).toEqual({
				count: 6,
				hints: [
					note(
						`5 of 6 customers have no Custom ID: Globex Trial (${globex}), Initech Dev (${initech}), Hooli (${hooli}) and 2 more. ${TO_SET_CUSTOM_ID}`,
					),
				],
			});
		});
	});

	describe('Instance → Export with no rows', () => {
		const exported = (filters: INodeParameters) =>
			outcome({
				resource: 'instance',
				operation: 'export',
				appId: app(),
				format: 'csv',
				output: 'items',
				filters,
			});

		it('none when there are rows', async () => {
			expect(await exported({})).toEqual({ count: 1, hints: [] });
		});

		it('an app with no instance yet', async () => {
			emulator().state.instances.clear();
			expect(await exported({})).toEqual({
				count: 0,
				hints: [
					note(
						`Replicated's export of this app has no instance rows. An instance is listed once it has reported to Replicated: an app nobody has installed yet has none.${ARCHIVED_LEFT_OUT}`,
					),
				],
			});
		});

		it('filters that match nothing, named', async () => {
			expect(
				await exported({
					customerIds: 'NoSuchCustomer1',
					licenseType: 'trial',
					includeInactive: false,
					includeArchivedCustomers: true,
					includeArchivedInstances: true,
				}),
			).toEqual({
				count: 0,
				hints: [
					note(
						"Replicated's export of this app has no instance rows. Filters in effect: Customer IDs, License Type, Include Inactive Instances off. A customer ID Replicated does not know gives no rows, not an error.",
					),
				],
			});
		});
	});
});

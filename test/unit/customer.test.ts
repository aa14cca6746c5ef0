import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { useEmulator } from '../support/emulator-fixture';

const node = new Replicated();

describe('Replicated node: Customer', () => {
	const { emulator, context, appId } = useEmulator();
	const writes = () =>
		emulator().requests.filter((r) => r.method !== 'GET' && r.path !== '/v3/customers/search');

	function create(parameters: Record<string, unknown>, continueOnFail = false) {
		return node.execute.call(
			context({
				continueOnFail,
				parameters: {
					resource: 'customer',
					operation: 'create',
					appId: { __rl: true, mode: 'list', value: appId() },
					name: 'Acme Corp',
					customId: '',
					email: '',
					licenseType: 'trial',
					channelId: '',
					expiresAt: '',
					entitlements: {},
					sendInvite: false,
					onExisting: 'return',
					installOptions: {},
					...parameters,
				},
			}),
		);
	}

	describe('Create', () => {
		it('creates the customer with the CRM join key first in the output', async () => {
			const beta = emulator().state.appChannels(appId())[1];
			const [[item]] = await create({
				customId: 'crm-001',
				email: 'buyer@acme.example',
				licenseType: 'paid',
				channelId: beta.id,
				expiresAt: '2027-06-30T00:00:00',
				entitlements: { values: [{ name: 'seats', value: 250 }] },
				installOptions: { is_airgap_enabled: true },
			});
			expect(Object.keys(item.json)[0]).toBe('customId');
			expect(item.json).toMatchObject({
				customId: 'crm-001',
				name: 'Acme Corp',
				licenseType: 'paid',
				expiresAt: '2027-06-30T00:00:00Z',
				channel: { id: beta.id, name: 'Beta' },
				entitlements: expect.objectContaining({ seats: 250 }),
				airgap: true,
				outcome: 'created',
			});
			// One name per fact: Replicated's own names for the same values are not repeated.
			for (const duplicate of ['type', 'installationId', 'entitlementValues'])
				expect(item.json).not.toHaveProperty(duplicate);
			// The license ID is the registry password: only with Include License ID.
			expect(item.json).not.toHaveProperty('licenseId');
			const [post] = writes();
			expect(post.body).toEqual({
				name: 'Acme Corp',
				app_id: appId(),
				type: 'prod',
				channel_id: beta.id,
				custom_id: 'crm-001',
				email: 'buyer@acme.example',
				expires_at: '2027-06-30T00:00:00Z',
				entitlementValues: [{ name: 'seats', value: '250' }],
				is_airgap_enabled: true,
			});
		});

		it('is idempotent by Custom ID: running twice creates one customer', async () => {
			const [[first]] = await create({ customId: 'crm-002' });
			const [[second]] = await create({ customId: 'crm-002' });
			expect(second.json).toMatchObject({ id: first.json.id, outcome: 'found' });
			expect(
				[...emulator().state.customers.values()].filter((c) => c.customId === 'crm-002'),
			).toHaveLength(1);
			expect(writes().filter((r) => r.path === '/v3/customer')).toHaveLength(1);
		});

		it('updates the existing customer when asked, with PATCH', async () => {
			await create({ customId: 'crm-003', licenseType: 'trial' });
			const [[item]] = await create({
				customId: 'crm-003',
				licenseType: 'paid',
				onExisting: 'update',
			});
			expect(item.json).toMatchObject({ outcome: 'updated', licenseType: 'paid' });
			expect(writes().map((r) => r.method)).toEqual(['POST', 'PATCH']);
		});

		it('fails when asked to, naming the existing customer', async () => {
			const [[existing]] = await create({ customId: 'crm-004' });
			await expect(create({ customId: 'crm-004', onExisting: 'fail' })).rejects.toThrow(
				`A customer with Custom ID "crm-004" already exists: Acme Corp (${existing.json.id as string})`,
			);
		});

		it('invites the email to the Enterprise Portal once, even when the workflow is retried', async () => {
			const [[first]] = await create({
				customId: 'crm-005',
				email: 'it@acme.example',
				sendInvite: true,
			});
			expect(first.json.invite).toMatchObject({ email: 'it@acme.example', status: 'invited' });
			expect(
				(first.json.enterprise_portal as { first_invite_sent_at: string }).first_invite_sent_at,
			).toEqual(expect.any(String));
			const [[again]] = await create({
				customId: 'crm-005',
				email: 'it@acme.example',
				sendInvite: true,
			});
			expect(again.json.invite).toMatchObject({ status: 'alreadyInvited' });
			expect(writes().filter((r) => r.path.endsWith('/customer-user'))).toHaveLength(1);
		});

		it('finds an earlier invite among 150 users, whatever the case of its email', async () => {
			const [[first]] = await create({ customId: 'crm-006', email: 'IT@Acme.example' });
			const customerId = first.json.id as string;
			emulator().state.customers.get(customerId)!.isEnterprisePortalEnabled = true;
			for (let n = 0; n < 150; n++)
				emulator().state.addCustomerUser(customerId, {
					// The invite already sent, as the 120th user, spelled as the CRM spells it.
					emailAddress: n === 119 ? 'IT@Acme.example' : `user${n}@acme.example`,
				});
			const [[again]] = await create({
				customId: 'crm-006',
				email: 'it@acme.example',
				sendInvite: true,
			});
			expect(again.json.invite).toMatchObject({ status: 'alreadyInvited' });
			expect(writes().filter((r) => r.path.endsWith('/customer-user'))).toHaveLength(0);
		});

		it.each([
			[{ expiresAt: 'next tuesday' }, 'Expires At: "next tuesday" is not a date'],
			[{ licenseType: 'gold' }, 'License Type: "gold" is not a license type'],
			[{ name: '  ' }, 'Name: is empty'],
			[{ appId: { __rl: true, mode: 'id', value: '' } }, 'App: is empty'],
			[{ sendInvite: true }, 'Email: is needed to send an Enterprise Portal invite'],
			[{ email: 'not-an-email' }, 'Email: "not-an-email" is not an email address'],
			[
				{ licenseType: 'test', expiresAt: '2099-01-01' },
				'Expires At: a Test license may expire at most 48 hours from now',
			],
			[
				{ entitlements: { values: [{ name: '', value: '1' }] } },
				'Entitlement Values #1: has no field name',
			],
		])('rejects invalid input %o before any HTTP call', async (parameters, message) => {
			await expect(create(parameters)).rejects.toThrow(message);
			expect(emulator().requests).toHaveLength(0);
		});

		it("gives an error item with Replicated's message under Continue On Fail", async () => {
			const [[item]] = await create(
				{ appId: { __rl: true, mode: 'id', value: 'no-such-app-0000' } },
				true,
			);
			expect(item.json).toMatchObject({
				error: 'Replicated: app not found',
				details: { httpCode: '404' },
			});
		});
	});

	describe('Get', () => {
		const get = (customer: Record<string, unknown>) =>
			node.execute.call(
				context({ parameters: { resource: 'customer', operation: 'get', customer } }),
			);

		it('gets by ID and by Custom ID', async () => {
			const seeded = [...emulator().state.customers.values()].find((c) => c.customId)!;
			const [[byId]] = await get({ __rl: true, mode: 'id', value: seeded.id });
			const [[byCustomId]] = await get({ __rl: true, mode: 'customId', value: seeded.customId });
			expect(byId.json).toMatchObject({
				id: seeded.id,
				customId: seeded.customId,
				licenseType: 'paid',
			});
			expect(byCustomId.json).toEqual(byId.json);
		});

		it('says plainly when no customer has the Custom ID', async () => {
			await expect(get({ __rl: true, mode: 'customId', value: 'crm-missing' })).rejects.toThrow(
				'No Replicated customer has Custom ID "crm-missing"',
			);
		});
	});

	describe('Get Many', () => {
		const getAll = (parameters: Record<string, unknown>) =>
			node.execute.call(
				context({
					parameters: {
						resource: 'customer',
						operation: 'getAll',
						appId: { __rl: true, mode: 'id', value: appId() },
						returnAll: false,
						limit: 50,
						filters: {},
						...parameters,
					},
				}),
			);

		it('pages across page boundaries for Return All and stops at the limit', async () => {
			for (let i = 0; i < 247; i++)
				emulator().state.addCustomer({ appId: appId(), name: `Bulk ${i}`, type: 'trial' });
			const [all] = await getAll({ returnAll: true });
			expect(all).toHaveLength(250);
			expect(new Set(all.map((i) => i.json.id)).size).toBe(250);
			// SPEC's reading: offset counts pages (the CLI's, records, is covered in the transport test).
			expect(emulator().requests.map((r) => (r.body as { offset: number }).offset)).toEqual([
				0, 1, 2,
			]);

			emulator().requests.length = 0;
			const [limited] = await getAll({ returnAll: false, limit: 120 });
			expect(limited).toHaveLength(120);
			expect(emulator().requests).toHaveLength(2);
		});

		it('filters by license type and search query', async () => {
			const [paid] = await getAll({ filters: { licenseTypes: ['paid'] } });
			expect(paid.map((i) => i.json.name)).toEqual(['The Airplane Company']);
			const [byName] = await getAll({ filters: { query: 'globex' } });
			expect(byName.map((i) => i.json.licenseType)).toEqual(['trial']);
		});
	});

	describe('Update and Archive', () => {
		it('PATCHes only the fields the user set', async () => {
			const seeded = [...emulator().state.customers.values()].find((c) => c.type === 'trial')!;
			const [[item]] = await node.execute.call(
				context({
					parameters: {
						resource: 'customer',
						operation: 'update',
						customer: { __rl: true, mode: 'id', value: seeded.id },
						updateFields: { customId: 'crm-globex', removeExpiry: true },
						entitlements: {},
						installOptions: {},
					},
				}),
			);
			expect(writes().map((r) => [r.method, r.body])).toEqual([
				['PATCH', { custom_id: 'crm-globex', remove_expires_at: true }],
			]);
			expect(item.json).toMatchObject({
				customId: 'crm-globex',
				expiresAt: null,
				email: 'it@globex.example',
				licenseType: 'trial',
			});
		});

		it('refuses an update with nothing to change', async () => {
			const seeded = [...emulator().state.customers.values()][0];
			await expect(
				node.execute.call(
					context({
						parameters: {
							resource: 'customer',
							operation: 'update',
							customer: { __rl: true, mode: 'id', value: seeded.id },
							updateFields: {},
							entitlements: {},
							installOptions: {},
						},
					}),
				),
			).rejects.toThrow('Update Fields: nothing to update');
		});

		it('archives', async () => {
			const seeded = [...emulator().state.customers.values()][0];
			const [[item]] = await node.execute.call(
				context({
					parameters: {
						resource: 'customer',
						operation: 'archive',
						customer: { __rl: true, mode: 'id', value: seeded.id },
					},
				}),
			);
			expect(item.json).toMatchObject({ id: seeded.id, archived: true, wasArchived: false });
			expect(emulator().state.customers.get(seeded.id)!.isArchived).toBe(true);
		});
	});
});

import {
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { ReplicatedApi } from '../../credentials/ReplicatedApi.credentials';
import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import { unreachableWebhook } from '../../nodes/Replicated/trigger/lifecycle/private-address';
import { replicatedTrigger } from '../../scripts/templates/kit';
import { useEmulator } from '../support/emulator-fixture';
import { createHookContext } from '../support/hook-context';

const trigger = new ReplicatedTrigger();
const action = new Replicated();
const node = { typeVersion: 1 };

/** Whether the editor shows a property, given the node's parameters (n8n's own rule). */
const shown = (property: INodeProperties, parameters: INodeParameters, root = parameters) =>
	NodeHelpers.displayParameter(parameters, property, node, null, root);

describe('the panels guide a new user', () => {
	describe('Replicated Trigger', () => {
		const filters = trigger.description.properties.find((p) => p.name === 'filters')!
			.options as INodeProperties[];
		const offered = (events: string[]) =>
			filters.filter((f) => shown(f, {}, { events })).map((f) => f.displayName);

		it('offers only the filters of the selected events (all of them with All Events)', () => {
			expect(offered(['customer.created'])).toEqual([
				'App',
				'Channel Names or IDs',
				'Expiration Status',
				'License Types',
			]);
			expect(offered(['instance.upgrade_completed'])).toEqual([
				'App',
				'Channel Names or IDs',
				'Customer ID',
				'License Types',
			]);
			expect(offered(['*'])).toHaveLength(filters.length);
		});

		it('labels its filters short enough for the panel (about 28 characters show)', () => {
			expect(filters.map((f) => f.displayName).filter((name) => name.length > 28)).toEqual([]);
		});

		it('explains in its trigger panel how to get a test event, and what publishing does', () => {
			const panel = trigger.description.triggerPanel as { executionsHelp: { inactive: string } };
			expect(panel.executionsHelp.inactive).toContain('Send test');
			expect(panel.executionsHelp.inactive).toContain(
				'npm run send-event -- customer.created --emulator',
			);
			expect(panel.executionsHelp.inactive).toContain('WEBHOOK_URL');
			// One click: what Replicated is asked for, and what to run when it cannot reach the URL.
			expect(panel.executionsHelp.inactive).toContain(
				'asks Replicated for a test delivery of the first selected event (Customer: Created with All Events)',
			);
			expect(panel.executionsHelp.inactive).toContain(
				'<code>npm run send-event -- customer.created --url &lt;test URL&gt; --listen --test</code> with the API token in <code>REPLICATED_API_TOKEN</code>',
			);
			// The public-URL requirement is said where it applies, not as a standing notice.
			expect(trigger.description.properties.map((p) => p.name)).not.toContain('autoNotice');
		});
	});

	describe('Replicated Trigger: where its data fields come from, in its output pane', () => {
		/** The hints the editor shows for these events: their displayCondition evaluated as n8n does. */
		const hintsFor = (events: string[]) => {
			const nodeTypes = {
				getByName: () => trigger,
				getByNameAndVersion: () => trigger,
				getKnownTypes: () => ({}),
			} as unknown as INodeTypes;
			const workflow = new Workflow({
				nodes: [{ ...replicatedTrigger('panel-guidance', events, [0, 0]), id: 'trigger' } as INode],
				connections: {},
				active: false,
				nodeTypes,
			});
			const node = workflow.getNode('Replicated Trigger')!;
			// The editor's getNodeHints (useNodeHelpers): a hint shows when its condition is true.
			return (trigger.description.hints ?? [])
				.filter(
					(hint) =>
						workflow.expression.getSimpleParameterValue(
							node,
							hint.displayCondition,
							'internal',
							{},
						) === true,
				)
				.map((hint) => [hint.location, hint.message]);
		};

		it('names, for each selected event, the fields Replicated documents and those INFERRED', () => {
			expect(hintsFor(['release.asset_downloaded', 'instance.state.duration'])).toEqual([
				[
					'outputPane',
					'<b>Instance: State Duration</b>: <code>data</code> fields INFERRED, may be missing: read with a fallback: <code>event_type</code>, <code>team_id</code>, <code>app_id</code>, <code>app_name</code>, <code>app_slug</code>, <code>customer_id</code>, <code>customer_name</code>, <code>license_type</code>, <code>channel_id</code>, <code>channel_name</code>, <code>instance_id</code>, <code>status</code>, <code>app_version</code>, <code>cloud_provider</code>, <code>k8s_distribution</code>, <code>created_at</code>, <code>last_check_in</code>, <code>state</code>, <code>duration_minutes</code>, <code>state_since</code>, <code>subscription_name</code>. Replicated documents none of them.',
				],
				[
					'outputPane',
					'<b>Release: Asset Downloaded</b>: <code>data</code> fields documented by Replicated: <code>event_type</code>, <code>team_id</code>, <code>customer_id</code>, <code>customer_name</code>, <code>service_account_name</code>, <code>app_id</code>, <code>app_name</code>, <code>app_slug</code>, <code>channel_id</code>, <code>channel_name</code>, <code>asset_type</code>, <code>asset_name</code>, <code>asset_version</code>, <code>license_type</code>, <code>downloaded_at</code>, <code>is_first_customer_pull</code>; INFERRED, may be missing: read with a fallback: <code>subscription_name</code>.',
				],
			]);
			expect(hintsFor(['customer.ep_access_granted'])).toEqual([
				[
					'outputPane',
					"<b>Enterprise Portal: Access Granted</b>: <code>data</code> fields from Replicated's backend, as quoted by its reference integration: <code>event_type</code>, <code>team_id</code>, <code>customer_id</code>, <code>customer_name</code>, <code>app_id</code>, <code>app_name</code>, <code>app_slug</code>, <code>activated_email</code>, <code>access_method</code>, <code>license_type</code>, <code>granted_at</code>; INFERRED, may be missing: read with a fallback: <code>channel_id</code>, <code>channel_name</code>, <code>subscription_name</code>.",
				],
			]);
		});

		it('with All Events, says which event is documented and where to find the rest', () => {
			expect(hintsFor(['*'])).toEqual([
				[
					'outputPane',
					"<code>data</code> holds each event's fields as Replicated sent them. Replicated documents them only for Release: Asset Downloaded; for the other events they are quoted from Replicated's backend by its reference integration, or INFERRED and may be missing. Select an event to see its fields and their sources here, or list Replicated's own with Replicated → Notification → Get Event Types.",
				],
			]);
		});
	});

	describe('Replicated Trigger: a private webhook URL with Replicated’s cloud', () => {
		const { emulator } = useEmulator();

		it('says why Replicated cannot deliver, naming the URL and WEBHOOK_URL, only when it applies', () => {
			expect(unreachableWebhook('http://localhost:5678/webhook/abc/webhook', false)).toBe(
				"Replicated cannot deliver to http://localhost:5678/webhook/abc/webhook: it blocks localhost and private addresses. Set WEBHOOK_URL to this n8n's public address (or a tunnel to it), restart n8n and publish again.",
			);
			for (const url of [
				'http://127.0.0.1:5678/w',
				'http://10.0.0.5/w',
				'http://172.20.1.1/w',
				'http://192.168.1.2/w',
				'http://[::1]:5678/w',
			])
				expect(unreachableWebhook(url, false)).not.toBeNull();
			expect(unreachableWebhook('https://n8n.example.com/webhook/abc/webhook', false)).toBeNull();
			// Only the local sandbox's credential opts out, explicitly; an API on a private address does not.
			expect(unreachableWebhook('http://127.0.0.1:5678/webhook/x', true)).toBeNull();
		});

		it('refuses to register such a URL on publish, before asking Replicated', async () => {
			const hook = createHookContext({
				credentials: { apiToken: emulator().token, baseUrl: 'https://api.replicated.com/vendor' },
				parameters: { events: ['customer.created'] },
				webhookUrl: 'http://localhost:5678/webhook-test/abc/webhook',
			});
			await expect(trigger.webhookMethods.default.create.call(hook)).rejects.toThrow(
				/^Replicated cannot deliver to http:\/\/localhost:5678\/webhook-test\/abc\/webhook/,
			);
			expect(emulator().requests).toEqual([]);
		});
	});

	describe('Replicated → Customer → Create', () => {
		const props = action.description.properties;
		const create = { resource: 'customer', operation: 'create' };
		const field = (name: string, parameters: INodeParameters = {}) =>
			props.find((p) => p.name === name && shown(p, { ...create, ...parameters }))!;
		const visible = (parameters: INodeParameters) =>
			props.filter((p) => shown(p, { ...create, ...parameters })).map((p) => p.name);

		it('puts "If Custom ID Exists" right after Custom ID, once a Custom ID is set', () => {
			const names = visible({ customId: '001ACME' });
			expect(names.indexOf('onExisting')).toBe(names.indexOf('customId') + 1);
			expect(field('onExisting', { customId: '001ACME' }).displayName).toBe('If Custom ID Exists');
			expect(visible({ customId: '' })).not.toContain('onExisting');
			expect(visible({ customId: '={{ $json.Id }}' })).toContain('onExisting');
		});

		it('warns about its default, a trial that never expires, until an expiry is set', () => {
			expect(visible({ licenseType: 'trial', expiresAt: '' })).toContain('trialNeverExpiresNotice');
			expect(visible({ licenseType: 'trial', expiresAt: '2027-01-31T00:00:00' })).not.toContain(
				'trialNeverExpiresNotice',
			);
			expect(visible({ licenseType: 'paid', expiresAt: '' })).not.toContain(
				'trialNeverExpiresNotice',
			);
		});
	});

	it('the API credential says where to get a token and what access it needs', () => {
		const [notice] = new ReplicatedApi().properties;
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toContain('Account Settings → User API Tokens');
		expect(notice.displayName).toContain('Team → Service Accounts');
		expect(notice.displayName).toContain('Read/Write');
	});
});

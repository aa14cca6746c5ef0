import type { IDataObject } from 'n8n-workflow';

import * as loadOptions from '../../nodes/Replicated/methods/loadOptions';
import { Replicated } from '../../nodes/Replicated/Replicated.node';
import { ReplicatedTrigger } from '../../nodes/Replicated/ReplicatedTrigger.node';
import { useEmulator } from '../support/emulator-fixture';

type Loader = keyof typeof loadOptions;
interface Field {
	name: string;
	type: string;
	default: unknown;
	typeOptions?: { loadOptionsMethod?: string };
	options?: unknown;
	values?: unknown;
}

describe('dependent dropdowns: a hint before the app is chosen, the empty default as a real option', () => {
	const { emulator, loadOptions: context, appId } = useEmulator();
	const load = async (method: Loader, parameters: IDataObject) =>
		await loadOptions[method].call(context({ parameters }));
	const app = () => ({ __rl: true, mode: 'list', value: appId() });
	const names = (options: Array<{ name: string }>) => options.map((o) => o.name);

	it('before the app is chosen: no request and no error, the empty default says what to do', async () => {
		for (const parameters of [{}, { appId: { __rl: true, mode: 'list', value: '' } }]) {
			expect(await load('getChannelsOrAppDefault', parameters)).toEqual([
				{
					name: "App's Default Channel",
					value: '',
					description: 'Choose the app (or the customer) above to list its channels',
				},
			]);
			expect(names(await load('getChannelsOrKeepCurrent', parameters))).toEqual([
				'Keep Current Channel',
			]);
			expect(names(await load('getChannelNamesOrAny', parameters))).toEqual(['Any Channel']);
			expect(await load('getLicenseField', parameters)).toEqual([
				{
					name: 'Choose the App (or the Customer) First',
					value: '',
					description: "The list is the app's license fields",
				},
			]);
			// Several-at-once lists stay empty: a hint there could be selected as a value.
			expect(await load('getChannels', parameters)).toEqual([]);
			expect(await load('getChannelNames', parameters)).toEqual([]);
			expect(await load('getLicenseFields', parameters)).toEqual([]);
		}
		// An app from an expression the editor cannot resolve is treated the same way.
		expect(names(await load('getChannelsOrAppDefault', { appId: '={{ $json.app }}' }))).toEqual([
			"App's Default Channel",
		]);
		expect(emulator().requests).toEqual([]);
	});

	it("once the app is known: the empty default first, then the app's channels", async () => {
		expect(names(await load('getChannelsOrAppDefault', { appId: app() }))).toEqual([
			"App's Default Channel",
			'Stable (default)',
			'Beta',
			'Unstable',
		]);
		expect(names(await load('getChannelNamesOrAny', { appId: app() }))).toEqual([
			'Any Channel',
			'Stable',
			'Beta',
			'Unstable',
		]);
		expect(names(await load('getChannels', { filters: { appId: app() } }))).toEqual([
			'Stable (default)',
			'Beta',
			'Unstable',
		]);
	});

	it("from the chosen customer's app, for operations without an App field", async () => {
		const airplane = [...emulator().state.customers.values()].find((c) => c.type === 'prod')!;
		const customer = { __rl: true, mode: 'id', value: airplane.id };
		expect(names(await load('getChannelsOrKeepCurrent', { customer }))).toEqual([
			'Keep Current Channel',
			'Stable (default)',
			'Beta',
			'Unstable',
		]);
		expect((await load('getLicenseField', { customer })).map((o) => o.value)).toEqual([
			'seats',
			'tier',
			'sso_enabled',
		]);
		// A customer that does not exist is an error worth showing: the choice is wrong, not missing.
		await expect(
			load('getLicenseFields', { customer: { __rl: true, mode: 'id', value: 'nope' } }),
		).rejects.toThrow('Replicated: customer not found');
		await expect(
			load('getLicenseFields', { customer: { __rl: true, mode: 'customId', value: 'CRM-NOPE' } }),
		).rejects.toThrow('No customer "CRM-NOPE" in Replicated');
	});

	it('every optional single-choice field loads an option for its empty default', () => {
		const withEmpty = new Set<string>([
			'getChannelsOrAppDefault',
			'getChannelsOrKeepCurrent',
			'getChannelNamesOrAny',
			'getLicenseField',
		]);
		const problems: string[] = [];
		const walk = (props: unknown[], where: string) => {
			for (const p of props as Field[]) {
				const method = p.typeOptions?.loadOptionsMethod as string | undefined;
				if (method && p.type === 'options' && p.default === '' && !withEmpty.has(method))
					problems.push(`${where}${p.name}: ${method}`);
				if (method && p.type === 'multiOptions' && withEmpty.has(method))
					problems.push(`${where}${p.name}: multi-select with a hint option (${method})`);
				for (const nested of [p.options, p.values])
					if (Array.isArray(nested)) walk(nested, `${where}${p.name}.`);
			}
		};
		walk(new Replicated().description.properties, 'Replicated: ');
		walk(new ReplicatedTrigger().description.properties, 'Trigger: ');
		expect(problems).toEqual([]);
	});
});

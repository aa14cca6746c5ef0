import type { IWebhookFunctions } from 'n8n-workflow';

import { fieldLabel } from '../../nodes/Replicated/schemas/node-parameters';
import { triggerProperties } from '../../nodes/Replicated/trigger/panel/description';
import {
	registration,
	triggerOptions,
	triggerParameters,
} from '../../nodes/Replicated/trigger/panel/parameters';

/** A node whose parameters are `parameters`; an absent one takes the reader's fallback. */
function node(parameters: Record<string, unknown>): IWebhookFunctions {
	return {
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getNode: () => ({ name: 'Replicated Trigger' }),
	} as unknown as IWebhookFunctions;
}

describe("the trigger's parameters, read through their zod schemas", () => {
	it('reads Registration, Events, Filters and Options at once, with the defaults when absent', () => {
		expect(triggerParameters(node({}))).toEqual({
			registration: 'auto',
			events: ['*'],
			filters: {},
			options: {},
		});
	});

	it('passes every valid option on as it is, and drops a name the panel no longer has', () => {
		const options = {
			acknowledge: 'afterRun',
			allowUnsigned: true,
			catchUp: false,
			enrichCustomer: false,
			includeRaw: true,
			maxBodyKb: 512,
			replayToleranceMinutes: 0,
			requiredHeader: { header: { name: 'X-Hook-Token', value: 'tok' } },
			revokePreviousSecret: true,
			secretVersion: 3,
		};
		expect(triggerOptions(node({ options: { ...options, retired: 1 } }))).toEqual(options);
		expect(registration(node({ registration: 'manual' }))).toBe('manual');
	});

	it.each([
		[{ options: { maxBodyKb: '512' } }, 'Options → Max Body Size (KB) is not a number'],
		[
			{ options: { allowUnsigned: 'yes' } },
			'Options → Allow Unsigned Deliveries is not true or false',
		],
		[
			{ options: { acknowledge: 'later' } },
			'Options → Acknowledge Deliveries is neither On Receipt nor After the Workflow Succeeds',
		],
		[
			{ options: { requiredHeader: { header: { name: 7 } } } },
			'Options → Required Header → Header → Name is not text',
		],
		[{ options: 'all' }, 'Options is not a set of options'],
		[{ registration: 'sometimes' }, 'Registration is neither Automatic nor Manual'],
		[{ events: ['*', 3] }, 'Events → #2 is not an event'],
		[{ events: '*' }, 'Events is not a list of events'],
		[{ filters: 'prod' }, 'Filters is not a set of filters'],
	])('refuses %j, naming the field and what is wrong', (parameters, problem) => {
		expect(() => triggerParameters(node(parameters))).toThrow(`Replicated Trigger: ${problem}`);
	});

	it('names a field the panel does not describe as it is', () => {
		expect(fieldLabel(triggerProperties, ['options', 'retired'])).toBe('Options → retired');
	});
});

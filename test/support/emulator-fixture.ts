import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { type Emulator, type EmulatorOptions, startEmulator } from '../emulator/server';
import {
	binaryData,
	type EngineOptions,
	executeContext,
	loadOptionsContext,
	type NodeRun,
	runNode,
} from './n8n-engine';

export interface ContextOptions {
	/** The node's parameters as a workflow holds them; per-item values are expressions (`={{ $json.x }}`). */
	parameters?: IDataObject;
	items?: INodeExecutionData[];
	continueOnFail?: EngineOptions['continueOnFail'];
	/** Another API token than the emulator's (e.g. a wrong or read-only one). */
	token?: string;
	/** Run the node as n8n runs it for an AI Agent: its tool variant (`…replicatedTool`). */
	asTool?: boolean;
	/** The workflow's static data, kept by the test between runs as n8n keeps it. */
	staticData?: IDataObject;
}

/** n8n's execution context, plus what n8n's logger received while the test used it. */
export type TestContext = ReturnType<typeof executeContext>;

/**
 * One emulator per test file, reset before each test, and n8n's own contexts (from n8n-core, see
 * n8n-engine.ts) bound to it: `context` is what `this` is in `execute`, `loadOptions` what it is in
 * a picker, `run` executes the node as n8n runs a workflow.
 */
export function useEmulator(options: EmulatorOptions = {}): {
	emulator: () => Emulator;
	context: (options?: ContextOptions) => TestContext;
	loadOptions: (options?: ContextOptions) => ReturnType<typeof loadOptionsContext>;
	run: (options?: ContextOptions) => Promise<NodeRun>;
	appId: () => string;
} {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator(options);
		await binaryData();
	});
	afterAll(async () => {
		await emulator.close();
	});
	beforeEach(() => emulator.reset());
	const engine = (context: ContextOptions = {}): EngineOptions => ({
		parameters: context.parameters as INodeParameters | undefined,
		items: context.items,
		continueOnFail: context.continueOnFail,
		...(context.staticData ? { staticData: context.staticData } : {}),
		...(context.asTool
			? {
					node: { type: 'n8n-nodes-replicated.replicatedTool', typeVersion: 1, name: 'Replicated' },
				}
			: {}),
		credentials: {
			replicatedApi: { apiToken: context.token ?? emulator.token, baseUrl: emulator.baseUrl },
		},
	});
	return {
		emulator: () => emulator,
		appId: () => [...emulator.state.apps.values()][0].id,
		context: (context = {}) => executeContext(engine(context)),
		loadOptions: (context = {}) => loadOptionsContext(engine(context)),
		run: async (context = {}) => await runNode(engine(context)),
	};
}

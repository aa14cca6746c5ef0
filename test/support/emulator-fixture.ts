import { type Emulator, type EmulatorOptions, startEmulator } from '../emulator/server';
import { createExecuteContext, type ContextOptions, type TestContext } from './execute-context';

/** One emulator per test file, reset before each test, with a context factory bound to it. */
export function useEmulator(options: EmulatorOptions = {}): {
	emulator: () => Emulator;
	context: (options?: Partial<ContextOptions> & { token?: string }) => TestContext;
	appId: () => string;
} {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator(options);
	});
	afterAll(async () => {
		await emulator.close();
	});
	beforeEach(() => emulator.reset());
	return {
		emulator: () => emulator,
		appId: () => [...emulator.state.apps.values()][0].id,
		context: (context = {}) =>
			createExecuteContext({
				...context,
				credentials: { apiToken: context.token ?? emulator.token, baseUrl: emulator.baseUrl },
			}),
	};
}

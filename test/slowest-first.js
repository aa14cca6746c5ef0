/**
 * Runs the slow e2e files first, so that two workers finish together instead of one waiting on a
 * long file started last. Jest orders by the durations it cached on earlier runs; a clean clone
 * has none and would fall back to file size, which puts the editor panels last.
 * Seconds as measured on 2 cores, two files at a time; unlisted files follow.
 */
const Sequencer = require('@jest/test-sequencer').default;

const SECONDS = {
	'test/e2e/local-start.test.ts': 240,
	'test/e2e/editor-panels.test.ts': 230,
	'test/e2e/templates-salesforce.test.ts': 220,
	'test/e2e/trigger-health.test.ts': 150,
	'test/e2e/templates-hubspot.test.ts': 125,
	'test/e2e/templates-attio.test.ts': 115,
};

class SlowestFirst extends Sequencer {
	sort(tests) {
		const root = (test) => test.context.config.rootDir;
		const weight = (test) => SECONDS[test.path.slice(root(test).length + 1)] ?? 0;
		const byJest = super.sort(tests);
		const order = new Map(byJest.map((test, index) => [test, index]));
		return [...byJest].sort((a, b) => weight(b) - weight(a) || order.get(a) - order.get(b));
	}
}

module.exports = SlowestFirst;

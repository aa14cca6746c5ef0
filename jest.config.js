/** Unit tests (fast, emulator in-process), e2e tests (a real n8n) and reliability tests (n8n in queue mode). */
const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
};

module.exports = {
	// A global option in Jest (projects cannot set it): e2e steps drive a real n8n and take seconds.
	testTimeout: 120_000,
	testSequencer: '<rootDir>/test/slowest-first.js',
	// dist/ holds a copy of package.json; keep Jest's module map to the sources.
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
		},
		{
			// The package installed as users install it: from a registry, through the Community Nodes
			// panel, in queue mode, from the environment, upgraded and uninstalled.
			displayName: 'install',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/install/**/*.test.ts'],
		},
		{
			// n8n in queue mode under floods, faults and hostile input (reduced size unless
			// RELIABILITY_SCALE=full, as `npm run test:reliability` sets).
			displayName: 'reliability',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
		},
	],
};

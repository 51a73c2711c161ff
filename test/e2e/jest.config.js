/**
 * End-to-end suite: the packed package installed into a real n8n 2.41.1 server (tools/n8n, Node 24), driven
 * through n8n's CLI and REST API against the sandbox. Run: `jest -c test/e2e/jest.config.js --runInBand`.
 * The first run installs n8n into tools/n8n (about 3-4 minutes); later runs start in seconds.
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', isolatedModules: true }],
	},
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
	// Cold: n8n install (minutes), build, n8n start-up. Each CLI execution takes a few seconds.
	testTimeout: 180_000,
	maxWorkers: 1,
	reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
};

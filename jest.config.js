/**
 * Unit and engine tests: TypeScript through ts-jest, real HTTP against the in-process sandbox.
 * The sandbox needs the Fitbit Plus spec, which the project does not ship: without it only test/unit runs.
 */
const fs = require('node:fs');
const path = require('node:path');

const specPath =
	process.env.FITBIT_PLUS_SPEC ||
	path.resolve(__dirname, '..', 'shared', 'fitbit-plus-api', 'swagger.yaml');
const hasSpec = fs.existsSync(specPath);
if (!hasSpec) {
	console.warn(
		`\nFitbit Plus spec not found at ${specPath}: skipping every test that needs the sandbox.\n` +
			'Get spec/swagger.yaml from the TwineHealth/TwineDeveloperDocs repository (or twinehealth.com/v7.78.1 in the\n' +
			'APIs.guru directory) and put it at ../shared/fitbit-plus-api/swagger.yaml, or set FITBIT_PLUS_SPEC to its path.\n',
	);
}

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: hasSpec ? ['<rootDir>/test/**/*.test.ts'] : ['<rootDir>/test/unit/**/*.test.ts'],
	// The end-to-end suite drives a real n8n server and has its own config (npm run test:e2e).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	testTimeout: 60000,
	reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
};

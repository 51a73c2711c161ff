// Lints the package the way n8n's verification scan (@n8n/scan-community-package, buildScanConfig) does:
// @n8n/eslint-plugin-community-nodes (recommended, which holds the n8n Cloud rules no-restricted-globals and
// no-restricted-imports), no-console, and eslint-plugin-n8n-nodes-base (its community, credentials and nodes rule
// sets) on the sources, package.json and the built dist/; package.json parsed with @typescript-eslint/parser (the
// package.json rules see nothing under a JSON parser), and inline eslint-disable comments ignored in shipped code.
// test/unit/package.test.ts runs the scan itself.
import { createRequire } from 'node:module';

import communityNodes from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const require = createRequire(import.meta.url);
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');

const nodesBase = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{
		ignores: [
			'node_modules/**',
			'tools/**',
			'coverage/**',
			'**/*.d.ts',
			'eslint.config.mjs',
			'eslint.n8n-node.config.mjs',
			'gulpfile.js',
			'jest.config.js',
			'test/e2e/jest.config.js',
		],
	},
	{
		files: ['**/*.ts', 'dist/**/*.js', 'package.json'],
		languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
	},
	{
		// The package's shipped code: both rule sets, as the scan runs them (it ignores eslint-disable comments).
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'index.ts', 'dist/**/*.js', 'package.json'],
		...communityNodes.configs.recommended,
		rules: { ...communityNodes.configs.recommended.rules, 'no-console': 'error' },
		linterOptions: { noInlineConfig: true },
	},
	{
		files: ['package.json'],
		plugins: nodesBase,
		rules: n8nNodesBase.configs.community.rules,
	},
	// eslint-plugin-n8n-nodes-base's credentials and nodes rule sets read TypeScript sources: on the compiled dist/
	// they see nothing or misread it (`default: exports.X`), so, as in the scan, they run on the sources only.
	{
		files: ['credentials/**/*.ts'],
		plugins: nodesBase,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// "Only applicable to nodes in the main repository": a community credential links to its own docs URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: nodesBase,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two want the 'main' string literal; the newer community rule (node-connection-type-literal) wants
			// NodeConnectionTypes.Main, which is what n8n's own nodes use now.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// Tests, sandbox and tooling: TypeScript correctness only; they are not shipped.
		files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
];

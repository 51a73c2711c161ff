/** The packed package, installed into a real n8n, loads: both nodes and the credential, without loader errors. */
import * as fs from 'node:fs';
import { PACKAGE_NAME, loaderProblems } from '../../scripts/n8n-runtime';
import { NODE_TYPE, TRIGGER_TYPE, api, readState } from './harness';

const state = readState();

describe('the package in n8n 2.41.1', () => {
	test('n8n lists both nodes and the credential type', async () => {
		const client = await api(state);
		const nodes = (await client.nodeTypes()).map((n) => n.name);
		expect(nodes).toEqual(expect.arrayContaining([NODE_TYPE, TRIGGER_TYPE]));
		// Besides ours, n8n only adds the "<node>Tool" variant it generates for a node marked usableAsTool.
		const others = nodes.filter(
			(n) => n.startsWith(`${PACKAGE_NAME}.`) && n !== NODE_TYPE && n !== TRIGGER_TYPE,
		);
		expect(others.filter((n) => n !== `${NODE_TYPE}Tool`)).toEqual([]);
		const credentials = (await client.credentialTypes()).map((c) => c.name);
		expect(credentials).toContain('fitbitPlusApi');
	});

	test('the loader logged the package with 2 nodes and 1 credential, and no load problem', () => {
		const logs = fs.readFileSync(state.logFile, 'utf8');
		// n8n 2.41.1, debug level: "Loaded all credentials and nodes from <package> {"credentials":1,"nodes":2,...}"
		const loaded = logs
			.split('\n')
			.find((l) => l.includes(`Loaded all credentials and nodes from ${PACKAGE_NAME} `));
		expect(loaded).toBeDefined();
		expect(loaded).toContain('"credentials":1,"nodes":2');
		expect(loaderProblems(logs)).toEqual([]);
	});

	test('n8n-workflow comes from n8n, not from a second copy beside the package', () => {
		expect(fs.existsSync(`${state.userFolder}/.n8n/nodes/node_modules/n8n-workflow`)).toBe(false);
		expect(
			fs.existsSync(`${state.userFolder}/.n8n/nodes/node_modules/${PACKAGE_NAME}/package.json`),
		).toBe(true);
	});
});

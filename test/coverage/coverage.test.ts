/**
 * Every operation of the spec, reached through the node: the spec's operationIds must each have a case, and
 * each case, run through the n8n engine against the sandbox, must send a request the sandbox attributes to
 * that operationId, with no spec violation.
 */
import { FitbitPlus } from '../../nodes/FitbitPlus/FitbitPlus.node';
import { useSandbox } from '../helpers/sandbox';
import { loadSpec } from '../sandbox/spec';
import type { OperationCase } from './cases';
import { countCasesOf } from './cases.counts';
import { coreCases } from './cases.core';
import { patientCareCases } from './cases.patientCare';
import { plansRewardsCases } from './cases.plansRewards';

/** The token exchange is the credential's job (preAuthentication), not an operation of the node. */
const CREDENTIAL_OPERATIONS = ['createToken'];

const specCases: OperationCase[] = [...coreCases, ...patientCareCases, ...plansRewardsCases];
const cases: OperationCase[] = [...specCases, ...countCasesOf(specCases)];
const spec = loadSpec();
const specOperationIds = spec.operations.map((operation) => operation.operationId).sort();

describe('coverage of the spec', () => {
	it('has 62 operations in the spec, and a case for each one but the token exchange', () => {
		expect(specOperationIds).toHaveLength(62);
		const covered = [...new Set([...cases.map((c) => c.operationId), ...CREDENTIAL_OPERATIONS])].sort();
		expect(covered).toEqual(specOperationIds);
	});

	it('has a case for every (resource, operation) the node offers', () => {
		const properties = new FitbitPlus().description.properties;
		const offered = properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => p.displayOptions!.show!.resource!.flatMap((resource) => p.options!.map((o) => `${String(resource)}/${(o as { value: string }).value}`)));
		const reached = new Set(cases.map((c) => `${c.resource}/${c.operation}`));
		expect(offered.filter((operation) => !reached.has(operation))).toEqual([]);
	});

	it('offers every case as a (resource, operation) of the node', () => {
		const properties = new FitbitPlus().description.properties;
		const resources = properties.find((p) => p.name === 'resource')!.options!.map((o) => (o as { value: string }).value);
		for (const c of cases) {
			expect(resources).toContain(c.resource);
			const operationField = properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(c.resource),
			);
			const operations = operationField!.options!.map((o) => (o as { value: string }).value);
			expect(operations).toContain(c.operation);
		}
	});
});

describe('every operation through the engine', () => {
	const fixture = useSandbox();
	const results: Array<{ operationId: string; resource: string; operation: string; requests: number }> = [];

	afterAll(() => {
		// The (resource, operation) table, for the record.
		console.log(
			`${results.length} operations ran through the engine:\n` +
				results.map((r) => `  ${r.operationId.padEnd(34)} ${r.resource}/${r.operation} (${r.requests} request(s))`).join('\n'),
		);
	});

	it.each(cases.map((c) => [c.operationId, c] as const))('%s', async (_operationId, c) => {
		const sandbox = fixture.sandbox;
		const parameters = { resource: c.resource, operation: c.operation, ...c.parameters(sandbox) };
		const input = c.input ? c.input(sandbox) : [{}];
		sandbox.resetLog();
		const { items, error } = await fixture.engine.execute(parameters, input);
		expect(error).toBeUndefined();
		const requests = sandbox.requests.filter((r) => r.operationId !== 'createToken');
		expect(requests.length).toBeGreaterThan(0);
		expect(requests.map((r) => r.operationId)).toContain(c.operationId);
		expect(requests.every((r) => r.status < 400)).toBe(true);
		expect(sandbox.violations).toEqual([]);
		c.check?.(items.map((item) => item.json), sandbox);
		results.push({ operationId: c.operationId, resource: c.resource, operation: c.operation, requests: requests.length });
	});
});

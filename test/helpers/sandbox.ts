/**
 * Starts the sandbox for a test file and checks, after each test, that every request our code sent passed the
 * spec validation (the sandbox answers a violation with 400 SpecViolation and records it).
 */
import type { Sandbox, SandboxOptions } from '../sandbox';
import { startSandbox } from '../sandbox';
import { TestEngine } from './engine';

export interface SandboxFixture {
	sandbox: Sandbox;
	engine: TestEngine;
}

/** An engine whose credential points at `sandbox` (its first client), with no token yet. */
function engineFor(sandbox: Sandbox): TestEngine {
	return new TestEngine({
		baseUrl: sandbox.baseUrl,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
	});
}

export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
	const fixture = {} as SandboxFixture;
	beforeAll(async () => {
		fixture.sandbox = await startSandbox(options);
		fixture.engine = engineFor(fixture.sandbox);
	});
	afterEach(() => {
		const violations = fixture.sandbox.violations.splice(0);
		expect(violations).toEqual([]);
	});
	afterAll(async () => {
		await fixture.sandbox?.close();
	});
	return fixture;
}

/** The requests the sandbox received since the last reset, without token exchanges. */
export function apiRequests(sandbox: Sandbox) {
	return sandbox.requests.filter((request) => !request.pathname.endsWith('/oauth/token'));
}

/** A sandbox of one test's own (e.g. another size or token lifetime) and a fresh engine on it; closed after. */
export async function withOwnSandbox(
	options: SandboxOptions,
	run: (sandbox: Sandbox, engine: TestEngine) => Promise<void>,
): Promise<void> {
	const sandbox = await startSandbox(options);
	try {
		await run(sandbox, engineFor(sandbox));
	} finally {
		await sandbox.close();
	}
}

/** A plan summary of the seed whose patient has actions, bundles and results, and those records' ids. */
export function planWithRecords(sandbox: Sandbox) {
	type Ref = { id: string };
	const related = (type: string, name: string, id: string) =>
		sandbox
			.list(type)
			.filter((record) => (record.relationships?.[name]?.data as Ref | undefined)?.id === id)
			.map((record) => record.id);
	for (const plan of sandbox.list('patient_plan_summary')) {
		const patient = (plan.relationships?.patient?.data as Ref).id;
		const records = {
			actions: related('action', 'plan', plan.id),
			bundles: related('bundle', 'plan', plan.id),
			results: related('result', 'patient', patient),
		};
		if (records.actions.length > 1 && records.bundles.length > 0 && records.results.length > 0)
			return { plan: plan.id, patient, ...records };
	}
	throw new Error('the seed has no plan summary with actions, bundles and results');
}
